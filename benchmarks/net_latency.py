"""From a turn's last order to every seat holding the next turn's view, through a real host process.

    python benchmarks/net_latency.py [--games N] [--turns T]

``wargame host`` serves N games of the shipped scenario (journal and saves in
a temporary folder, flushed to disk as in play); three websocket seats per
game, in this process, order each turn with the random policy. The clock runs
from the last seat's order leaving until all three seats have received the
update that shows the turn resolved (read straight from the message, as the
seats' own machines would then decode it; the decoding a seat's process
does on top is timed separately, per view). Printed: p50 and p95 over every
turn of every game, for 1 game and for N at once, and their ratio (the
machine is shared: compare within a run). The issue's aim: p95 under 250 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import attrs
import msgpack

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.net import protocol as p  # noqa: E402
from game.net.links import parse_link  # noqa: E402
from game.seat_view.model import SeatView  # noqa: E402
from game.seat_view.wire import from_wire  # noqa: E402

SCENARIO = ROOT / "scenarios" / "over-the-horizon-2021.toml"
SEATS = ("us", "russia", "china")
FIELDS = [field.name for field in attrs.fields(SeatView)]
PLAYED, OVER = FIELDS.index("played"), FIELDS.index("over")


class Seat:
    """A websocket seat that reads each update's turn count and keeps the last update's bytes."""

    def __init__(self, http: aiohttp.ClientSession, url: str) -> None:
        self.http, self.link = http, parse_link(url)
        self.played, self.over, self.last, self.rid = 0, False, b"", 0

    async def __aenter__(self) -> Seat:
        self.socket = await self.http.ws_connect(self.link.websocket, max_msg_size=p.MAX_UPDATE)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.socket.close()

    async def read(self) -> list:
        message = await self.socket.receive(timeout=120)
        data = msgpack.unpackb(message.data)
        if data[0] == "update":
            view = data[1][1]
            self.played, self.over, self.last = view[PLAYED], view[OVER], message.data
        return data

    async def until_played(self, turn: int) -> None:
        while self.played < turn and not self.over:
            await self.read()

    async def order(self) -> None:
        self.rid += 1
        await self.socket.send_bytes(p.encode(p.OrderByPolicy(self.rid, "random")))
        while (data := await self.read())[0] not in ("ack", "refused") or data[1] != self.rid:
            pass


async def play_game(http, urls: dict[str, str], turns: int, delays: list[float]) -> bytes:
    async with Seat(http, urls["us"]) as us, Seat(http, urls["russia"]) as russia, \
            Seat(http, urls["china"]) as china:
        seats = (us, russia, china)
        for seat in seats:
            await seat.read()  # hello
        for turn in range(1, turns + 1):
            if us.over:
                break
            await us.order()
            await russia.order()
            start = time.perf_counter()
            await china.order()
            await asyncio.gather(*(seat.until_played(turn) for seat in seats))
            delays.append(time.perf_counter() - start)
        return us.last


def start_host(folder: Path, games: int) -> tuple[subprocess.Popen, list[dict[str, str]]]:
    host = subprocess.Popen([sys.executable, "-m", "game", "host", str(SCENARIO), "--games", str(games),
                             "--port", "0", "--seed", "1", "--saves", str(folder)], cwd=folder,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    links: list[dict[str, str]] = [{} for _ in range(games)]
    while sum(len(game) for game in links) < games * 4:
        role, url = host.stdout.readline().split()
        links[parse_link(url).game - 1][role] = url
    return host, links


async def measure(games: int, turns: int) -> tuple[list[float], bytes]:
    delays: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        host, links = start_host(Path(folder), games)
        try:
            async with aiohttp.ClientSession() as http:
                lasts = await asyncio.gather(*(play_game(http, urls, turns, delays) for urls in links))
        finally:
            host.kill()
            host.wait()
    return delays, lasts[0]


def percentiles(delays: list[float]) -> tuple[float, float]:
    ordered = sorted(delays)
    return statistics.median(ordered) * 1000, ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000


def decode_ms(data: bytes) -> float:
    """What a seat's process spends turning one update into its SeatView."""
    wire = msgpack.unpackb(data)[1]
    start = time.perf_counter()
    for _ in range(10):
        from_wire(wire)
    return (time.perf_counter() - start) * 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--turns", type=int, default=15, help="turns timed per game (the scenario has 16)")
    args = parser.parse_args()
    one, last = asyncio.run(measure(1, args.turns))
    many, _ = asyncio.run(measure(args.games, args.turns))
    one_p, many_p = percentiles(one), percentiles(many)
    print(f"1 game of 3 seats:     p50 {one_p[0]:7.1f} ms  p95 {one_p[1]:7.1f} ms")
    print(f"{args.games:2d} games of 3 seats:  p50 {many_p[0]:7.1f} ms  p95 {many_p[1]:7.1f} ms  "
          f"(p95 {many_p[1] / one_p[1]:.1f}x one game's)")
    print(f"a seat's decoding of its view after {args.turns} turns: {decode_ms(last):.1f} ms "
          f"({len(last):,} bytes)")


if __name__ == "__main__":
    main()
