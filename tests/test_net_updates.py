"""Protocol 2 through a real host: deltas after a whole view, one screen per link, and the bounds.

- a seat that joins late, one that loses updates (and asks for its whole view again), one that
  leaves and opens its link again, all end a game holding exactly the view a fresh join gets;
- a link opened while a screen holds it takes the seat over: the earlier screen is told and
  closed, its requests go nowhere, the facilitator's console counts it, the host's operator is told;
- a request of a kind the host does not know is refused by its number, and the connection stays;
- the bounds: a link opened too often (429), too many websockets (503), too many requests
  (refused, then closed), a raw connection that never sends its request (closed).
"""

from __future__ import annotations

import asyncio

import aiohttp
import msgpack
import pytest

from game.net import limits
from game.net import protocol as p
from game.net.links import FACILITATOR
from game.seat_view.wire import to_wire
from tests.net_support import RecordingSeat, hosted, link_of

SEATS = ("us", "russia", "china")


def wire(view) -> bytes:
    return msgpack.packb(to_wire(view))


def kinds(client: RecordingSeat) -> list[str]:
    """The kind of every message the host sent ``client``."""
    return [msgpack.unpackb(data)[0] for data in client.received]


async def order_all(seats: dict[str, RecordingSeat], turn: int) -> None:
    for seat, client in seats.items():
        options = [o.id for o in client.view.options[seat] if o.available]
        reply = await client.ask(lambda rid, a=options[(turn * 5 + len(seat)) % len(options)]: p.GiveOrder(rid, a))
        assert isinstance(reply, p.Ack), reply
    for client in seats.values():
        await client.until(lambda u: u.view.played >= turn or u.view.over)


async def test_late_lossy_and_reopened_screens_end_with_the_view_a_fresh_join_gets(tmp_path):
    async with hosted(tmp_path, seed=7) as host:
        us = RecordingSeat(link_of(host, "us"))
        russia = RecordingSeat(link_of(host, "russia"), missing=frozenset({3, 4, 9}))
        china = RecordingSeat(link_of(host, "china"))
        seats = {"us": us, "russia": russia, "china": china}
        for client in seats.values():
            await client.__aenter__()
            await client.update()
        facilitator = None
        try:
            while not us.view.over:
                turn = us.view.turn
                sent = await russia.ask(lambda rid, t=turn: p.SendMessage(rid, ("china",), f"turn {t}"))
                assert isinstance(sent, p.Ack)
                await order_all(seats, turn)
                if turn == 3:  # the facilitator joins late
                    facilitator = RecordingSeat(link_of(host, FACILITATOR))
                    await facilitator.__aenter__()
                if turn == 4:  # china leaves and opens its link again
                    await china.__aexit__()
                    china = seats["china"] = RecordingSeat(link_of(host, "china"))
                    await china.__aenter__()
                    await china.update()
            await facilitator.until(lambda u: u.view.over)
            assert kinds(russia).count("view") >= 2  # it asked for its whole view again
            assert kinds(us).count("view") == 1 and kinds(us).count("delta") > 16
            for role, client in [*seats.items(), (FACILITATOR, facilitator)]:
                async with RecordingSeat(link_of(host, role)) as fresh:
                    joined = await fresh.update()
                assert wire(joined.view) == wire(client.view), role
        finally:
            for client in [*seats.values(), facilitator]:
                if client is not None:
                    await client.__aexit__()


async def test_a_link_opened_on_another_screen_takes_the_seat_over_and_the_console_counts_it(tmp_path):
    async with hosted(tmp_path, seed=3) as host:
        async with RecordingSeat(link_of(host, FACILITATOR)) as facilitator, \
                RecordingSeat(link_of(host, "us")) as first:
            await first.update()
            async with RecordingSeat(link_of(host, "us")) as second:
                await second.update()
                while first.taken is None:
                    await first._read()
                assert "another screen" in first.taken.text
                closed = await first._socket.receive(timeout=30)
                assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
                options = [o.id for o in second.view.options["us"] if o.available]
                assert isinstance(await second.ask(lambda rid: p.GiveOrder(rid, options[0])), p.Ack)
                shown = await facilitator.until(lambda u: "us" in u.view.pending)
                assert shown.status.reopened == {"us": 1} and "us" in shown.status.connected
                assert not second.taken
        assert "the link of us was opened on another screen" in host.err.getvalue()


async def test_a_request_the_host_does_not_know_is_refused_by_number_and_the_connection_stays(tmp_path):
    async with hosted(tmp_path, seed=3) as host, RecordingSeat(link_of(host, "us")) as us:
        await us.update()
        await us._socket.send_bytes(msgpack.packb(["teleport", 41, "a newer Horizon's request"]))
        while not isinstance(reply := await us._read(), p.Refused):
            pass
        assert reply.rid == 41 and "does not know" in reply.reason
        assert isinstance(await us.ask(lambda rid: p.SendMessage(rid, ("china",), "still here")), p.Ack)


@pytest.fixture
def frozen_time(monkeypatch):
    """The bounds' clock stands still: buckets never refill during the test, however slow the machine."""
    monkeypatch.setattr(limits, "clock", lambda: 1000.0)


async def test_a_link_opened_too_often_is_refused_and_so_are_too_many_requests(tmp_path, frozen_time):
    async with hosted(tmp_path, seed=3) as host:
        link = link_of(host, "russia")
        async with aiohttp.ClientSession() as http:
            for _ in range(limits.OPENINGS):
                socket = await http.ws_connect(link.websocket)
                await socket.close()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(link.websocket)
            assert refused.value.status == 429
        async with RecordingSeat(link_of(host, "us")) as us:
            await us.update()
            reasons = [(await us.ask(lambda rid: p.Withdraw(rid))).reason for _ in range(limits.REQUESTS + 3)]
            assert all("no order" in reason for reason in reasons[:limits.REQUESTS])
            assert all("too many requests" in reason for reason in reasons[limits.REQUESTS:])
            for _ in range(limits.CLOSE_AFTER):
                await us._socket.send_bytes(p.encode(p.Withdraw(1)))
            while (message := await us._socket.receive(timeout=30)).type == aiohttp.WSMsgType.BINARY:
                pass
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)


async def test_a_link_s_messages_and_requests_are_bounded_however_often_it_is_opened(tmp_path, frozen_time):
    """A hostile student reopening a link in a loop gets no fresh allowance: messages (each a notice on every
    recipient's screen) and requests are counted per link."""
    from game.tui.remote.app import MESSAGE_NOTICES, RemoteApp

    async with hosted(tmp_path, seed=3) as host, RecordingSeat(link_of(host, "us")) as us:
        before = (await us.update()).view
        async with RecordingSeat(link_of(host, "russia")) as russia:
            await russia.update()
            replies = [await russia.ask(lambda rid, n=n: p.SendMessage(rid, (), f"spam {n}"))
                       for n in range(limits.MESSAGES + 1)]
            assert all(isinstance(reply, p.Ack) for reply in replies[:limits.MESSAGES])
            assert "too many messages" in replies[-1].reason
        async with RecordingSeat(link_of(host, "russia")) as again:
            await again.update()
            assert "too many messages" in (await again.ask(lambda rid: p.SendMessage(rid, (), "more"))).reason
            reasons = [(await again.ask(lambda rid: p.Withdraw(rid))).reason for _ in range(limits.REQUESTS)]
            assert "too many requests" in reasons[-1]  # the link's allowance, spent over both connections
        async with RecordingSeat(link_of(host, "russia")) as third:
            await third.update()
            assert "too many requests" in (await third.ask(lambda rid: p.Withdraw(rid))).reason
        after = await us.until(lambda u: len(u.view.messages) == limits.MESSAGES)
        app, told = RemoteApp(link_of(host, "us")), []
        app.notify = lambda message, *, title="", **options: told.append((title, message))
        app._tell_news(before, p.Status(), after.view, after.status)  # e.g. back after a drop: one notice
        assert told == [(f"{limits.MESSAGES} new messages", "From Russia. The log (l) has them all.")]
        assert limits.MESSAGES > MESSAGE_NOTICES


async def test_too_many_websockets_are_refused_and_a_silent_connection_is_closed(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "sockets_for", lambda links: 2)
    monkeypatch.setattr(limits, "HELLO_DEADLINE", 0.5)
    async with hosted(tmp_path, seed=3) as host:
        async with RecordingSeat(link_of(host, "us")), RecordingSeat(link_of(host, "russia")):
            async with aiohttp.ClientSession() as http:
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(link_of(host, "china").websocket)
                assert refused.value.status == 503
        port = int(host.base.rsplit(":", 1)[1])
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /1/us/")  # and never the rest
        assert await asyncio.wait_for(reader.read(), 60) == b""  # closed by the host
        writer.close()
