"""The host's rules, in this process: who gets in, the timer and the pause, the journal's rows.

- a wrong or missing token (or role, or game) gets a bare 404 from the link port and from the page
  port, before any websocket opens or any process starts;
- with ``--timer``, an undecided seat holds when time runs out, and the log says so; paused, the
  turn does not move however long one waits, and resuming goes on from the time that was left;
- every accepted request is a journal row before it is acknowledged, and nothing refused is one;
- a browser tab's app process dies with the host that started it, even one killed with SIGKILL.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import aiohttp
import pytest

from game.desk.terminal import WEB_DRIVER
from game.net import limits, server
from game.net import protocol as p
from game.net.journal_db import Journal
from game.net.links import FACILITATOR, LINK_VARIABLE, Link
from tests.clock import ManualClock
from tests.net_support import RecordingSeat, hosted, link_of

WRONG = "A" * 32


def children() -> set[int]:
    """PIDs of this process's children (a page's app would be one)."""
    found = set()
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        with open(f"/proc/{os.getpid()}/task/{task}/children") as listed:
            found |= {int(pid) for pid in listed.read().split()}
    return found


async def test_a_wrong_or_missing_token_gets_nothing_and_starts_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "REFUSAL_DELAY", 0)  # 32 refusals at once (the delay has its own test below)
    async with hosted(tmp_path, web=0) as host:
        right = link_of(host, "us")
        wrong = [Link(right.base, 1, "us", WRONG), Link(right.base, 1, "russia", right.token),
                 Link(right.base, 2, "us", right.token), Link(right.base, 1, "nobody", right.token)]
        before = children()
        async with aiohttp.ClientSession() as http:
            for link in wrong:
                for base in (host.base, host.web_base):
                    url = link.on(base).url
                    for path in (url, url + "/ws", url.rsplit("/", 1)[0], url.rsplit("/", 1)[0] + "/ws"):
                        async with http.get(path, allow_redirects=False) as response:
                            assert response.status == 404, path
                            assert await response.text() == "404: Not Found"
                        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                            await http.ws_connect(path.replace("http", "ws", 1))
                        assert refused.value.status == 404
            assert children() == before and not host.games[1]._peers
            async with http.get(right.url, allow_redirects=False) as response:  # the right one is let in
                assert response.status == 302 and response.headers["Location"] == right.on(host.web_base).url


async def test_a_refusal_is_answered_late_and_the_right_link_at_once(tmp_path, monkeypatch):
    """Counted, not timed: the refusal's sleep is the one of a length nothing else sleeps."""
    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def counted(seconds, *args):
        slept.append(seconds)
        await real_sleep(0 if seconds == limits.REFUSAL_DELAY else seconds, *args)

    monkeypatch.setattr(limits, "REFUSAL_DELAY", 0.123)
    monkeypatch.setattr(server.asyncio, "sleep", counted)
    async with hosted(tmp_path) as host, aiohttp.ClientSession() as http:
        right = link_of(host, "us")
        async with http.get(Link(right.base, 1, "us", WRONG).url, allow_redirects=False) as response:
            assert response.status == 404
        assert slept.count(0.123) == 1
        async with http.get(right.url, allow_redirects=False) as response:
            assert response.status != 404
        assert slept.count(0.123) == 1


async def test_time_running_out_holds_the_undecided_and_a_pause_stops_the_clock(tmp_path):
    clock = ManualClock()
    async with hosted(tmp_path, clock, timer=60.0) as host:
        game = host.games[1]
        async with RecordingSeat(link_of(host, "us")) as us, RecordingSeat(link_of(host, FACILITATOR)) as chair:
            await us.update()
            assert isinstance(await us.ask(lambda rid: p.OrderByPolicy(rid, "random")), p.Ack)
            assert (await chair.until(lambda u: "us" not in u.status.deciding)).status.left == 60
            clock.advance(59.5)
            assert game.session.turn == 1 and clock.pending() == 1  # half a second short: nothing moves
            clock.advance(0.5)
            resolved = await chair.until(lambda u: u.view.played == 1)
            record = game.session.turns[0]
            assert {o.seat: o.by for o in record.orders} == {"us": "random", "russia": "timer", "china": "timer"}
            assert resolved.status.left == 60  # a new turn: the full time again
            clock.advance(20)
            assert isinstance(await chair.ask(lambda rid: p.Pause(rid)), p.Ack)
            paused = await chair.until(lambda u: u.status.paused)
            assert paused.status.left == 40
            clock.advance(3600)
            assert clock.pending() == 0 and game.session.turn == 2  # paused: nothing is due, however long
            assert isinstance(await chair.ask(lambda rid: p.Resume(rid)), p.Ack)
            resumed = await chair.until(lambda u: not u.status.paused)
            assert resumed.status.left == 40 and resumed.view.turn == 2  # on from the time that was left
            clock.advance(39.5)
            assert game.session.turn == 2
            clock.advance(0.5)
            await chair.until(lambda u: u.view.played == 2)
            assert {o.seat: o.by for o in game.session.turns[1].orders} == {
                "us": "timer", "russia": "timer", "china": "timer"}


async def test_every_acknowledged_request_is_a_journal_row_and_no_refused_one_is(tmp_path):
    async with hosted(tmp_path) as host:
        async with RecordingSeat(link_of(host, "us")) as us, RecordingSeat(link_of(host, FACILITATOR)) as chair:
            await us.update()
            replies = [await us.ask(lambda rid: p.SendMessage(rid, ("russia",), "Kant?")),
                       await us.ask(lambda rid: p.GiveOrder(rid, "us.nonsense", "")),
                       await us.ask(lambda rid: p.Pause(rid)),
                       await chair.ask(lambda rid: p.GiveOrder(rid, "us.hold", "")),
                       await us.ask(lambda rid: p.OrderByPolicy(rid, "random")),
                       await chair.ask(lambda rid: p.Pause(rid))]
            assert [type(reply) for reply in replies] == [p.Ack, p.Refused, p.Refused, p.Refused, p.Ack, p.Ack]
            assert "only the facilitator" in replies[2].reason
            accepted = host.games[1].session.events()
    journal = Journal.open(tmp_path / "saves" / "host-journal.sqlite")
    try:
        (game,) = journal.games()
        assert [type(e).__name__ for e in game.events] == ["MessageSent", "OrderGiven", "Paused"]
        assert sorted(map(repr, game.events)) == sorted(map(repr, accepted))
    finally:
        journal.close()


async def test_a_tab_process_dies_with_the_host_that_started_it(tmp_path, processes):
    """The stand-in for a host starts a seat's app as the pages do, then is killed with SIGKILL."""
    async with hosted(tmp_path) as host:
        environment = {"TEXTUAL_DRIVER": WEB_DRIVER, LINK_VARIABLE: link_of(host, "us").url,
                       "PYTHONPATH": os.getcwd()}
        code = (f"import os, subprocess, sys, time; environment = {environment!r}; "
                "environment['HORIZON_HOST_PID'] = str(os.getpid()); "
                "tab = subprocess.Popen([sys.executable, '-m', 'game', 'join'], env=environment, "
                "stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
                "print(tab.pid, flush=True); time.sleep(120)")
        stand_in = processes.spawn([sys.executable, "-c", code], cwd=tmp_path)
        tab = int(await asyncio.to_thread(stand_in.stdout.readline))
        game = host.games[1]
        for _ in range(2400):  # a Textual app's start takes seconds on a loaded machine: wait up to 2 minutes
            await asyncio.sleep(0.05)
            if any(peer.role == "us" for peer in game._peers) or not os.path.exists(f"/proc/{tab}"):
                break
        assert any(peer.role == "us" for peer in game._peers), "the tab's app never joined"
        os.kill(stand_in.pid, signal.SIGKILL)
        for _ in range(100):
            await asyncio.sleep(0.05)
            if not os.path.exists(f"/proc/{tab}") or open(f"/proc/{tab}/stat").read().split()[2] == "Z":
                break
        else:
            os.kill(tab, signal.SIGKILL)
            raise AssertionError("the tab's app outlived its host")
