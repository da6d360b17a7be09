"""Other seats' latency while hostile connections are open, against the same host idle, in one run.

    python benchmarks/net_hostile.py [--games 5] [--hostile 300] [--turns 15]

``wargame host --games G+1`` serves G measured games and one more whose seat
the hostile student holds. First the G games play ``--turns`` turns with
nothing else connected (the reference); then, with ``--hostile`` connections
kept open by a hostile client in another process, the same again (another
host, same seeds). The hostile connections, in equal shares, each reopened
as soon as the host closes or refuses it:

- raw TCP sockets that never send a byte;
- raw sockets that send a request a byte at a time (a "slowloris");
- websockets to links with wrong tokens (a flood of handshakes, each a 404);
- websockets to the hostile student's own seat link, each taking the seat
  over from the last and, once open, sending requests as fast as it can
  (messages to the other seats of its game, as long as they are accepted).

Printed: p50 and p95 of the measured seats' latency (a turn's last order to
all three seats of its game holding the turn's result) idle and under
attack, and their ratio (aim: p95 within 2x), with what the hostile client
saw (opened, refused, closed by the host).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.net_latency import percentiles, play_game, start_host  # noqa: E402
from game.net import protocol as p  # noqa: E402
from game.net.links import parse_link  # noqa: E402


async def measured(links: list[dict[str, str]], turns: int) -> list[float]:
    delays: list[float] = []
    joined = asyncio.Barrier(len(links) + 1)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        playing = asyncio.gather(*(play_game(http, urls, turns, delays, joined) for urls in links))
        await joined.wait()
        await joined.wait()
        await playing
    return delays


# -- the hostile client (a process of its own, so its work is not the measured seats') ------------


async def raw(port: int, slow: bool, seen: dict[str, int]) -> None:
    while True:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            seen["opened"] += 1
            for byte in b"GET /1/us/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/ws HTTP/1.1\r\n" if slow else b"":
                writer.write(bytes([byte]))
                await asyncio.sleep(1)
                if reader.at_eof():
                    break
            await reader.read()
            seen["closed"] += 1
            writer.close()
        except OSError:
            seen["refused"] += 1
            await asyncio.sleep(0.05)


async def socket_to(http: aiohttp.ClientSession, url: str, flood: bool, seen: dict[str, int]) -> None:
    link = parse_link(url)
    rid = 0
    while True:
        try:
            async with http.ws_connect(link.websocket) as socket:
                seen["opened"] += 1
                while flood:
                    rid += 1
                    await socket.send_bytes(p.encode(p.SendMessage(rid, (), "spam " * 20)))
                    message = await socket.receive()
                    if message.type != aiohttp.WSMsgType.BINARY:
                        break
                await socket.receive()
                seen["closed"] += 1
        except aiohttp.WSServerHandshakeError:
            seen["refused"] += 1
        except (aiohttp.ClientError, OSError, RuntimeError):
            seen["refused"] += 1
            await asyncio.sleep(0.05)


async def hostile(port: int, own: str, count: int, seen: dict[str, int]) -> None:
    game, role, _ = own.rsplit("/", 2)
    wrong = f"{game}/{role}/{'x' * 32}"
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        share = count // 4
        await asyncio.gather(*(raw(port, False, seen) for _ in range(share)),
                             *(raw(port, True, seen) for _ in range(share)),
                             *(socket_to(http, wrong, False, seen) for _ in range(share)),
                             *(socket_to(http, own, True, seen) for _ in range(count - 3 * share)))


class Counts(dict):
    """What the hostile client saw, kept in memory shared with the benchmark's process."""

    KINDS = ("opened", "refused", "closed")

    def __init__(self, shared) -> None:
        super().__init__()
        self.shared = shared

    def __getitem__(self, kind: str) -> int:
        return self.shared[self.KINDS.index(kind)]

    def __setitem__(self, kind: str, value: int) -> None:
        self.shared[self.KINDS.index(kind)] = value


def run_hostile(port: int, own: str, count: int, shared) -> None:
    asyncio.run(hostile(port, own, count, Counts(shared)))


# -- the run -------------------------------------------------------------------------------------


def one_run(games: int, turns: int, hostiles: int) -> tuple[list[float], dict[str, int]]:
    with tempfile.TemporaryDirectory() as folder:
        host, links = start_host(Path(folder), games + 1, turns)
        shared = multiprocessing.Array("l", 3)
        attacker = None
        try:
            time.sleep(1)
            if hostiles:
                own = links[-1]["us"]
                attacker = multiprocessing.Process(target=run_hostile,
                                                   args=(urllib.parse.urlsplit(own).port, own, hostiles, shared))
                attacker.start()
                time.sleep(5)  # the attack under way: every connection opened at least once
            delays = asyncio.run(measured(links[:-1], turns))
            return delays, dict(zip(Counts.KINDS, shared[:]))
        finally:
            if attacker is not None:
                attacker.kill()
                attacker.join()
            host.kill()
            host.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=5, help="games measured")
    parser.add_argument("--hostile", type=int, default=300, help="hostile connections kept open")
    parser.add_argument("--turns", type=int, default=15, help="turns played per measured game")
    args = parser.parse_args()
    idle, _ = one_run(args.games, args.turns, 0)
    attacked, seen = one_run(args.games, args.turns, args.hostile)
    (i50, i95), (a50, a95) = percentiles(idle), percentiles(attacked)
    print(f"{args.games} games ({3 * args.games} seats), {args.turns} turns each")
    print(f"idle host:                    p50 {i50:7.1f} ms   p95 {i95:7.1f} ms")
    print(f"{args.hostile} hostile connections:    p50 {a50:7.1f} ms   p95 {a95:7.1f} ms")
    print(f"under attack / idle:          p50 {a50 / i50:6.2f}x     p95 {a95 / i95:6.2f}x   (aim: p95 within 2x)")
    print(f"the hostile client: {seen['opened']:,} connections opened, {seen['refused']:,} refused (404, 429, "
          f"503 or not accepted), {seen['closed']:,} closed by the host")


if __name__ == "__main__":
    main()
