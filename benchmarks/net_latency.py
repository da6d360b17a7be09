"""A host's turn latency, memory and bytes on the wire, through a real host process, as the seats grow.

    python benchmarks/net_latency.py [--games 1 5 10 20] [--turns T]

For each count N, ``wargame host --games N`` serves N games of the shipped
scenario (journal and saves in a temporary folder, flushed to disk as in
play); three websocket seats per game, in this process, order each turn with
the random policy, every game at the same moments. Printed, per N (3N seats):

- latency: from a turn's last order leaving until all three seats of its game
  have received the update that shows the turn resolved (read straight from
  the message, as the seats' own machines would then decode it), p50 and p95
  over every turn of every game, and p95 as a ratio to one game's (the machine
  is shared: compare within a run). The issue's aim: p95 under 250 ms;
- the host's memory (PSS): serving, before any seat joins; with every seat
  joined; after the turns; hence per game and per joined seat;
- bytes: a seat's update on joining and after the turns, updates per seat per
  turn, bytes to a seat over the game; and the time a seat's process spends
  decoding its last view.
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
        self.sizes: list[int] = []
        """The size of every update received, in order."""

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
            self.sizes.append(len(message.data))
        return data

    async def until_played(self, turn: int) -> None:
        while self.played < turn and not self.over:
            await self.read()

    async def order(self) -> None:
        self.rid += 1
        await self.socket.send_bytes(p.encode(p.OrderByPolicy(self.rid, "random")))
        while (data := await self.read())[0] not in ("ack", "refused") or data[1] != self.rid:
            pass


async def play_game(http, urls: dict[str, str], turns: int, delays: list[float], joined: asyncio.Barrier
                    ) -> list[Seat]:
    """One game's seats join, wait twice at ``joined`` (memory is read between), then play ``turns`` turns."""
    async with Seat(http, urls["us"]) as us, Seat(http, urls["russia"]) as russia, \
            Seat(http, urls["china"]) as china:
        seats = (us, russia, china)
        for seat in seats:
            await seat.read()  # hello
            await seat.read()  # the view on joining
        await joined.wait()
        await joined.wait()
        for turn in range(1, turns + 1):
            if us.over:
                break
            await us.order()
            await russia.order()
            start = time.perf_counter()
            await china.order()
            await asyncio.gather(*(seat.until_played(turn) for seat in seats))
            delays.append(time.perf_counter() - start)
        return list(seats)


def start_host(folder: Path, games: int) -> tuple[subprocess.Popen, list[dict[str, str]]]:
    host = subprocess.Popen([sys.executable, "-m", "game", "host", str(SCENARIO), "--games", str(games),
                             "--port", "0", "--seed", "1", "--saves", str(folder)], cwd=folder,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    links: list[dict[str, str]] = [{} for _ in range(games)]
    while sum(len(game) for game in links) < games * 4:
        role, url = host.stdout.readline().split()
        links[parse_link(url).game - 1][role] = url
    return host, links


def pss_mb(pid: int) -> float:
    """The process's proportional set size (its share of shared pages), in MB."""
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) / 1024


@attrs.frozen
class Run:
    games: int
    delays: list[float]
    memory: tuple[float, float, float]
    """The host's PSS (MB): serving before any seat joined, every seat joined, after the turns."""
    seats: list[Seat]


async def measure(games: int, turns: int) -> Run:
    delays: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        host, links = start_host(Path(folder), games)
        try:
            await asyncio.sleep(1)  # settled: serving, nobody joined
            idle = pss_mb(host.pid)
            joined = asyncio.Barrier(games + 1)
            async with aiohttp.ClientSession() as http:
                playing = asyncio.gather(*(play_game(http, urls, turns, delays, joined) for urls in links))
                await joined.wait()
                with_seats = pss_mb(host.pid)
                await joined.wait()
                seats = [seat for game in await playing for seat in game]
                after = pss_mb(host.pid)
        finally:
            host.kill()
            host.wait()
    return Run(games, delays, (idle, with_seats, after), seats)


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
    parser.add_argument("--games", type=int, nargs="+", default=[1, 5, 10, 20],
                        help="the counts of games served at once (1 first: the reference)")
    parser.add_argument("--turns", type=int, default=15, help="turns timed per game (the scenario has 16)")
    args = parser.parse_args()
    counts = sorted(set(args.games) | {1})
    runs = [asyncio.run(measure(games, args.turns)) for games in counts]
    reference = percentiles(runs[0].delays)[1]
    print("games  seats   p50 ms   p95 ms  p95/1 game   host MB: serving  joined  after  "
          "per game  per seat")
    for run in runs:
        p50, p95 = percentiles(run.delays)
        idle, joined, after = run.memory
        per_game = (idle - runs[0].memory[0]) / (run.games - 1) if run.games > 1 else float("nan")
        per_seat = (joined - idle) / len(run.seats)
        print(f"{run.games:5d}  {len(run.seats):5d}  {p50:7.1f}  {p95:7.1f}  {p95 / reference:9.1f}x"
              f"  {idle:16.1f}  {joined:6.1f}  {after:5.1f}  {per_game:8.2f}  {per_seat:8.2f}")
    seat = runs[0].seats[0]
    print(f"a seat's update: {seat.sizes[0]:,} bytes on joining, {seat.sizes[-1]:,} after {args.turns} turns; "
          f"{(len(seat.sizes) - 1) / args.turns:.1f} updates per turn; {sum(seat.sizes):,} bytes over the game")
    print(f"a seat's decoding of its view after {args.turns} turns: {decode_ms(seat.last):.1f} ms")


if __name__ == "__main__":
    main()
