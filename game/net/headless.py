"""``wargame join URL --policy NAME``: play a seat with a computer policy, no terminal needed.

The seat's process holds only its own view, never the scenario's rules
(they carry every seat's secrets), so the policy runs on the host, from this
seat's view alone, exactly as it would for a computer seat; the order is
marked as that policy's. The process asks once per turn, and again after a
reconnect if its order did not arrive, and exits 0 when the game is over
(3 if the seat's link is opened on another screen, which then plays it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from game.net import protocol as p
from game.net.client import Connected, Connection, Lost, NotConnected, TakenOver
from game.net.links import Link

TAKEN_OVER = 3
"""The exit status when the seat's link was opened on another screen (a person took the seat, say)."""


async def play_headless(link: Link, policy: str, say: Callable[[str], None]) -> int:
    """Play ``link``'s seat with ``policy`` until the game is over; raises ``LinkRefused`` if refused."""
    connection = Connection(link)
    keeping = asyncio.create_task(connection.run())
    try:
        return await _play(connection, policy, say)
    finally:
        keeping.cancel()
        try:
            await keeping
        except asyncio.CancelledError:
            pass


async def _play(connection: Connection, policy: str, say: Callable[[str], None]) -> int:
    seat = connection.link.role
    asked: int | None = None
    """The turn whose order was last asked for (forgotten on reconnecting: it may not have arrived)."""
    while True:
        happening = await connection.next()
        if isinstance(happening, Connected):
            say(f"connected to game {happening.hello.game} as {seat}")
            asked = None
        elif isinstance(happening, Lost):
            say(f"{happening.reason}; trying again in {happening.retry_in:.1f} s")
        elif isinstance(happening, TakenOver):
            say(f"{happening.text} This process stops playing the seat.")
            return TAKEN_OVER
        elif happening.view.over:
            say(f"the game is over after turn {happening.view.turn - 1}")
            return 0
        elif seat not in happening.view.pending and asked != happening.view.turn:
            asked = happening.view.turn
            try:
                reply = await connection.request(lambda rid: p.OrderByPolicy(rid, policy))
            except NotConnected:
                continue
            if isinstance(reply, p.Refused):
                say(f"the host refused the order of turn {asked}: {reply.reason}")
