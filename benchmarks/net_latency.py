"""A host's turn latency, memory and bytes on the wire, through a real host process, as the seats grow.

    python benchmarks/net_latency.py [--games 1 20 100] [--turns T] [--class]

For each count N, ``wargame host --games N`` serves N games of the shipped
scenario made to last ``T`` turns (default 30; journal and saves in a
temporary folder, flushed to disk as in play); three websocket seats per
game, in this process, order each turn with the random policy, every game at
the same moments, each keeping its view from the whole view and the deltas
as a seat's own client does (``game.net.mirror``). Printed, per N (3N seats):

- latency: from a turn's last order leaving until all three seats of its game
  have applied the update that shows the turn resolved, p50 and p95 over
  every turn of every game, and p95 as a ratio to one game's (the machine is
  shared: compare within a run). The issue's aims: p95 under 100 ms for 20
  games, under 250 ms for 100;
- the host's memory (PSS): serving, before any seat joins; with every seat
  joined; after the turns; hence per game served (after - joined, over the
  turns played) and per joined seat;
- with ``--class``, the class console is connected through every run (the
  ``class`` link the host prints last, a bare websocket decoding every row as
  the class console's client does): the class's own lag (a turn's last order
  until the class's row of that table shows the next turn), p50 and p95, and
  the rows and bytes it was sent per turn (issue 23's aim: 30 tables, 90 seats,
  seats' p95 under 250 ms with the class console connected);
- bytes: a seat's whole view on joining, the bytes it is sent per turn after
  turn 15 (everything: acks, deltas), updates per seat per turn, and the time
  a seat's process spends applying one turn's updates.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.replay import lasting  # noqa: E402
from game.net import protocol as p  # noqa: E402
from game.net.links import parse_link  # noqa: E402
from game.net.mirror import Mirror  # noqa: E402

SCENARIO = ROOT / "scenarios" / "over-the-horizon-2021.toml"
SEATS = ("us", "russia", "china")
AFTER = 15
"""Bytes per turn are counted from this turn on (the issue's "after 15 turns")."""


class Seat:
    """A websocket seat keeping its view as a seat's client does, and what it received, turn by turn."""

    def __init__(self, http: aiohttp.ClientSession, url: str) -> None:
        self.http, self.link = http, parse_link(url)
        self.mirror, self.rid = Mirror(), 0
        self.sizes: list[tuple[int, int, str]] = []
        """(the turn the seat was in, the size, the message's kind) of every message received, in order."""
        self.applying = 0.0
        """Seconds spent decoding and applying updates."""

    @property
    def played(self) -> int:
        return self.mirror.view.played if self.mirror.view is not None else 0

    @property
    def over(self) -> bool:
        return self.mirror.view is not None and self.mirror.view.over

    async def __aenter__(self) -> Seat:
        self.socket = await self.http.ws_connect(self.link.websocket, max_msg_size=p.MAX_UPDATE)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.socket.close()

    async def read(self) -> p.HostMessage:
        message = await self.socket.receive(timeout=300)
        turn = self.mirror.view.turn if self.mirror.view is not None else 0
        started = time.perf_counter()
        decoded = p.decode_host(message.data)
        if isinstance(decoded, p.Whole | p.Delta):
            assert self.mirror.take(decoded), "an update that does not apply"
            self.applying += time.perf_counter() - started
        self.sizes.append((turn, len(message.data), type(decoded).__name__))
        return decoded

    async def until_played(self, turn: int) -> None:
        while self.played < turn and not self.over:
            await self.read()

    async def order(self) -> None:
        self.rid += 1
        await self.socket.send_bytes(p.encode(p.OrderByPolicy(self.rid, "random")))
        while not isinstance(reply := await self.read(), p.Ack | p.Refused) or reply.rid != self.rid:
            pass

    def per_turn(self, first: int) -> float:
        """Bytes received per turn from turn ``first`` on (whole turns only)."""
        turns = {turn for turn, _, _ in self.sizes if turn >= first}
        turns.discard(max(turns, default=0))  # the last turn seen may be cut short
        return sum(size for turn, size, _ in self.sizes if turn in turns) / max(1, len(turns))


class ClassWatch:
    """The class console's connection: every row it is sent, and when each table's row first showed each turn."""

    def __init__(self, http: aiohttp.ClientSession, url: str) -> None:
        self.http, self.link = http, parse_link(url)
        self.seen: dict[tuple[int, int], float] = {}
        """(game, turn) -> when a row of that game first showed that turn open."""
        self.rows = self.bytes = 0

    async def watch(self) -> None:
        async with self.http.ws_connect(self.link.websocket, max_msg_size=p.MAX_UPDATE) as socket:
            async for message in socket:
                decoded = p.decode_host(message.data)
                self.bytes += len(message.data)
                rows = ([decoded.row] if isinstance(decoded, p.TableChanged) else
                        list(decoded.tables.values()) if isinstance(decoded, p.ClassWhole) else [])
                self.rows += len(rows)
                now = time.perf_counter()
                for row in rows:
                    self.seen.setdefault((row.number, row.turn), now)


async def play_game(http, urls: dict[str, str], turns: int, delays: list[float], joined: asyncio.Barrier,
                    started: dict[tuple[int, int], float] | None = None) -> list[Seat]:
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
            if started is not None:
                started[(us.link.game, turn + 1)] = start
            await china.order()
            await asyncio.gather(*(seat.until_played(turn) for seat in seats))
            delays.append(time.perf_counter() - start)
        return list(seats)


def start_host(folder: Path, games: int, turns: int) -> tuple[subprocess.Popen, list[dict[str, str]], str]:
    """``wargame host`` of ``games`` games of the scenario made to last ``turns`` turns; its links per game,
    and the class link."""
    scenario = folder / "long.toml"
    scenario.write_text(lasting(SCENARIO.read_text(), max(turns + 1, 16)))
    host = subprocess.Popen([sys.executable, "-m", "game", "host", str(scenario), "--games", str(games),
                             "--port", "0", "--seed", "1", "--saves", str(folder)], cwd=folder,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    links: list[dict[str, str]] = [{} for _ in range(games)]
    while sum(len(game) for game in links) < games * 4:
        role, url = host.stdout.readline().split()
        links[parse_link(url).game - 1][role] = url
    role, class_url = host.stdout.readline().split()
    assert role == "class", role
    return host, links, class_url


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
    class_delays: list[float] = attrs.field(factory=list)
    class_rows: int = 0
    class_bytes: int = 0


async def measure(games: int, turns: int, with_class: bool = False) -> Run:
    delays: list[float] = []
    started: dict[tuple[int, int], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        host, links, class_url = start_host(Path(folder), games, turns)
        try:
            await asyncio.sleep(1)  # settled: serving, nobody joined
            idle = pss_mb(host.pid)
            joined = asyncio.Barrier(games + 1)
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
                watch = ClassWatch(http, class_url) if with_class else None
                watching = asyncio.create_task(watch.watch()) if watch else None
                playing = asyncio.gather(*(play_game(http, urls, turns, delays, joined, started)
                                           for urls in links))
                await joined.wait()
                with_seats = pss_mb(host.pid)
                await joined.wait()
                seats = [seat for game in await playing for seat in game]
                after = pss_mb(host.pid)
                if watching is not None:
                    await asyncio.sleep(0.5)  # the last rows on their way
                    watching.cancel()
        finally:
            host.kill()
            host.wait()
    if watch is None:
        return Run(games, delays, (idle, with_seats, after), seats)
    lags = [watch.seen[key] - start for key, start in started.items() if key in watch.seen]
    return Run(games, delays, (idle, with_seats, after), seats, lags, watch.rows, watch.bytes)


def percentiles(delays: list[float]) -> tuple[float, float]:
    ordered = sorted(delays)
    return statistics.median(ordered) * 1000, ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, nargs="+", default=[1, 20, 100],
                        help="the counts of games served at once (1 first: the reference)")
    parser.add_argument("--turns", type=int, default=30, help="turns played per game")
    parser.add_argument("--class", dest="with_class", action="store_true",
                        help="keep the class console connected through every run, and measure it too")
    args = parser.parse_args()
    counts = sorted(set(args.games) | {1})
    runs = []
    for games in counts:
        runs.append(asyncio.run(measure(games, args.turns, args.with_class)))
        print(f"  {games} games measured", flush=True)
    reference = percentiles(runs[0].delays)[1]
    print("games  seats   p50 ms   p95 ms  p95/1 game   host MB: serving  joined  after  "
          "per game  per seat")
    for run in runs:
        p50, p95 = percentiles(run.delays)
        idle, joined, after = run.memory
        per_game = (after - joined) / run.games
        per_seat = (joined - idle) / len(run.seats)
        print(f"{run.games:5d}  {len(run.seats):5d}  {p50:7.1f}  {p95:7.1f}  {p95 / reference:9.1f}x"
              f"  {idle:16.1f}  {joined:6.1f}  {after:5.1f}  {per_game:8.2f}  {per_seat:8.2f}")
    print(f"(per game: the host's growth over {args.turns} turns of play, per game served)")
    if args.with_class:
        print("games  class lag p50 ms  p95 ms   rows sent  rows per table-turn  class KB")
        for run in runs:
            p50, p95 = percentiles(run.class_delays)
            print(f"{run.games:5d}  {p50:16.1f}  {p95:6.1f}  {run.class_rows:10d}  "
                  f"{run.class_rows / max(1, len(run.delays)):19.1f}  {run.class_bytes / 1024:8.1f}")
    seats = runs[0].seats
    joining = statistics.mean(next(size for _, size, kind in seat.sizes if kind == "Whole") for seat in seats)
    per_turn = statistics.mean(seat.per_turn(AFTER + 1) for seat in seats)
    updates = statistics.mean(sum(1 for _, _, kind in seat.sizes if kind == "Delta") for seat in seats)
    applying = statistics.mean(seat.applying for seat in seats) / args.turns
    print(f"a seat's whole view on joining: {joining:,.0f} bytes; after turn {AFTER}: {per_turn:,.0f} bytes per "
          f"turn (acks and deltas); {updates / args.turns:.1f} deltas per turn; "
          f"{applying * 1000:.1f} ms per turn applying them")


if __name__ == "__main__":
    main()
