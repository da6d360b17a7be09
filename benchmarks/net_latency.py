"""From a turn's last order to every seat holding the next turn's view, through a real host.

    python benchmarks/net_latency.py [--games N] [--turns T]

A host serves N games of the shipped scenario on a free port (its journal
and saves in a temporary folder: fsync'ed as in play); three websocket seats
per game, in this process, order each turn with the random policy, and the
clock runs from the last seat's order leaving until all three have decoded
the update that shows the turn resolved. Printed: p50 and p95 over every turn
of every game, for 1 game and for N at once, and their ratio (the machine is
shared: compare ratios within a run, not absolute times). The issue's aim is
a p95 under 250 ms headless.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.net import protocol as p  # noqa: E402
from tests.net_support import RecordingSeat, hosted, link_of  # noqa: E402

SEATS = ("us", "russia", "china")


async def play_game(host, number: int, turns: int, delays: list[float]) -> None:
    seats = [RecordingSeat(link_of(host, seat, number)) for seat in SEATS]
    for seat in seats:
        await seat.__aenter__()
    try:
        for seat in seats:
            await seat.update()
        for turn in range(1, turns + 1):
            if seats[0].view.over:
                break
            for seat in seats[:-1]:
                await seat.ask(lambda rid: p.OrderByPolicy(rid, "random"))
            start = time.perf_counter()
            await seats[-1].ask(lambda rid: p.OrderByPolicy(rid, "random"))
            await asyncio.gather(*(seat.until(lambda u, turn=turn: u.view.played >= turn) for seat in seats))
            delays.append(time.perf_counter() - start)
    finally:
        for seat in seats:
            await seat.__aexit__()


async def measure(games: int, turns: int) -> list[float]:
    delays: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        async with hosted(Path(folder), games=games, seed=1) as host:
            await asyncio.gather(*(play_game(host, number, turns, delays) for number in sorted(host.games)))
    return delays


def percentiles(delays: list[float]) -> tuple[float, float]:
    ordered = sorted(delays)
    return statistics.median(ordered) * 1000, ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--turns", type=int, default=16)
    args = parser.parse_args()
    one = percentiles(asyncio.run(measure(1, args.turns)))
    many = percentiles(asyncio.run(measure(args.games, args.turns)))
    print(f"1 game of 3 seats:    p50 {one[0]:6.1f} ms  p95 {one[1]:6.1f} ms")
    print(f"{args.games} games of 3 seats: p50 {many[0]:6.1f} ms  p95 {many[1]:6.1f} ms"
          f"  (p95 {many[1] / one[1]:.1f}x one game's)")


if __name__ == "__main__":
    main()
