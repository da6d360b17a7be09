"""Every byte a host sends each seat over a whole game, searched for what that seat may not know.

Three seats and the facilitator play the shipped scenario through a host;
each turn every seat writes to one other seat and gives an order with a
rationale, each tagged with a fresh nonce. Then each seat's recorded bytes
must hold no other seat's rationale, no message it neither sent nor
received, not the seed, no name or label of a variable it cannot see, no
id of another seat's private action, and (before the end, when the game
reveals them) no other seat's briefing or objective; and every update,
decoded, must hold only that seat's own options, pending order and messages.

And the bytes themselves, whole views and deltas alike: two hosts play the same game (same seed,
same orders) where everything kept from one seat differs (the other seats' rationales and the
messages between them, the facilitator's reasons and messages to them): that seat is sent the
very same bytes, message for message.
"""

from __future__ import annotations

import secrets

import msgpack

from game.engine.interventions import ForceChance, SetTrack
from game.engine.model import PRIVATE
from game.net import protocol as p
from game.net.links import FACILITATOR
from tests.net_support import RecordingSeat, hosted, link_of

SEATS = ("us", "russia", "china")
WRITES_TO = {"us": "russia", "russia": "china", "china": "us"}


async def test_no_byte_a_seat_is_sent_tells_it_what_it_may_not_know(tmp_path):
    nonce = secrets.token_hex(4)
    async with hosted(tmp_path, seed=secrets.randbelow(2**62) + 2**62) as host:
        game = host.games[1]
        scenario, seed = game.session.scenario, game.session.seed
        seats = {seat: RecordingSeat(link_of(host, seat)) for seat in SEATS}
        facilitator = RecordingSeat(link_of(host, FACILITATOR))
        for client in (*seats.values(), facilitator):
            await client.__aenter__()
        try:
            await _play_whole_game(seats, nonce)
            assert (await facilitator.until(lambda u: u.view.over)).view.over
        finally:
            for client in (*seats.values(), facilitator):
                await client.__aexit__()
    for seat, client in seats.items():
        _check_bytes(scenario, seed, seat, client, nonce)
        _check_views(scenario, seat, client)
    everything = b"".join(facilitator.received)
    assert all(f"WHY-{seat}-".encode() in everything for seat in SEATS), "the planted secrets were never sent"


async def _play_whole_game(seats: dict[str, RecordingSeat], nonce: str) -> None:
    for client in seats.values():
        await client.update()
    while not (view := seats["us"].view).over:
        turn = view.turn
        for seat, client in seats.items():
            text = f"MSG-{seat}-{WRITES_TO[seat]}-{turn}-{nonce}"
            sent = await client.ask(lambda rid, seat=seat, text=text: p.SendMessage(rid, (WRITES_TO[seat],), text))
            assert isinstance(sent, p.Ack)
        for seat, client in seats.items():
            options = [o.id for o in client.view.options[seat] if o.available]
            action = options[(turn * 7 + len(seat)) % len(options)]
            why = f"WHY-{seat}-{turn}-{nonce}"
            reply = await client.ask(lambda rid, action=action, why=why: p.GiveOrder(rid, action, why))
            assert isinstance(reply, p.Ack), reply
        for client in seats.values():
            await client.until(lambda u, turn=turn: u.view.played >= turn)


def _check_bytes(scenario, seed: int, seat: str, client: RecordingSeat, nonce: str) -> None:
    everything = b"".join(client.received)
    before_end = b"".join(client.received[:client.ended_at])
    others = [s for s in SEATS if s != seat]
    assert f"WHY-{seat}-".encode() in everything and f"MSG-{seat}-{WRITES_TO[seat]}-".encode() in everything
    for other in others:
        assert f"WHY-{other}-".encode() not in everything, f"{seat} was sent {other}'s rationale"
        for recipient in SEATS:
            if seat not in (other, recipient) and recipient != other:
                assert f"MSG-{other}-{recipient}-".encode() not in everything, f"{seat} read {other}'s message"
        actor = scenario.actors[other]
        for secret in (actor.briefing, scenario.objectives[other].text):
            if secret:
                assert secret.encode() not in before_end, f"{seat} was sent {other}'s briefing or objective"
        for action in scenario.actions_for(other):
            if action.visibility == PRIVATE:
                assert action.id.encode() not in everything, f"{seat} was sent {other}'s private {action.id}"
    assert str(seed).encode() not in everything and msgpack.packb(seed) not in everything
    visible = scenario.visible_names(seat)
    for variable in scenario.variables:
        if variable.name not in visible:
            assert f'"{variable.name}"'.encode() not in everything
            assert msgpack.packb(variable.name) not in everything, f"{seat} was sent hidden {variable.name}"


def _check_views(scenario, seat: str, client: RecordingSeat) -> None:
    visible = scenario.visible_names(seat)
    for update in client.updates:
        view = update.view
        assert view.seat == seat and set(view.options) <= {seat} and set(view.pending) <= {seat}
        assert {track.name for track in view.tracks} <= visible
        assert all(seat in (m.sender, *m.recipients) for m in view.messages)
        assert not view.intended and not view.controllers and not update.status.connected


async def test_a_seat_is_sent_the_same_bytes_whatever_is_kept_from_it(tmp_path):
    sent = [await _us_bytes(tmp_path / "a", "first"), await _us_bytes(tmp_path / "b", "second")]
    assert len(sent[0]) > 20 and sent[0] == sent[1]


async def _us_bytes(folder, secret: str) -> list[bytes]:
    """What us is sent over six turns in which everything kept from it says ``secret``."""
    async with hosted(folder, seed=5) as host:
        scenario = host.games[1].session.scenario
        track = next(v for v in scenario.variables if v.type == "int" and v.visible_to is None)
        chancy = next(a.id for a in scenario.actions if a.chance is not None)
        seats = {seat: RecordingSeat(link_of(host, seat)) for seat in SEATS}
        facilitator = RecordingSeat(link_of(host, FACILITATOR))
        for client in (*seats.values(), facilitator):
            await client.__aenter__()
        try:
            for client in seats.values():
                await client.update()
            for turn in range(1, 7):
                for sender, recipient in (("russia", "china"), ("china", "russia")):
                    text = f"{secret} to {recipient}"
                    made = await seats[sender].ask(lambda rid: p.SendMessage(rid, (recipient,), text))
                    assert isinstance(made, p.Ack)
                assert isinstance(await facilitator.ask(lambda rid: p.SendMessage(rid, ("russia",), secret)), p.Ack)
                act = SetTrack(track.name, track.low + turn % 2, f"{secret} reason") if turn % 2 else \
                    ForceChance(chancy, True, f"{secret} reason")
                assert isinstance(await facilitator.ask(lambda rid: p.Intervene(rid, act)), p.Ack)
                for seat, client in seats.items():
                    options = [o.id for o in client.view.options[seat] if o.available]
                    why = "" if seat == "us" else f"{secret} why"
                    action = options[(turn * 3 + len(seat)) % len(options)]
                    assert isinstance(await client.ask(lambda rid: p.GiveOrder(rid, action, why)), p.Ack)
                for client in seats.values():
                    await client.until(lambda u, turn=turn: u.view.played >= turn)
            return seats["us"].received
        finally:
            for client in (*seats.values(), facilitator):
                await client.__aexit__()
