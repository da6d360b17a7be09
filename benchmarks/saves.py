"""The cost of saving one turn, at 16, 1,000 and 10,000 turns: flat with format 2's appends.

    nice -n 10 python -m benchmarks.saves [SCENARIO] [--at 16 1000 10000] [--turns K] [--seed S]

For each length N, a long version of SCENARIO (the shipped one by default;
``turns = N`` and every ending off, see ``replay.py``) is played by random
seats to turn N - K; its save is then taken (one atomic write of the whole
journal) and the last K turns (default 16) are played with the save kept,
each turn's frame appended and fdatasynced. It prints, per turn, the CPU time
(``time.process_time``) and the wall time the save spent, and as the
reference measured in the same run, what rewriting the whole file after the
turn costs (what format 1 did after every turn). The aim: flat in N, under
1 ms of CPU per turn.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.replay import DEFAULT, lasting
from game.saves import SaveFile, journal_file
from game.scenario import load_scenario
from game.session import Session


class Timed:
    """Wraps the save's ``accept`` to add up the CPU and wall time each event costs it."""

    def __init__(self, keeper: SaveFile) -> None:
        self.keeper, self.cpu, self.wall = keeper, [], []

    def accept(self, event) -> None:
        cpu, wall = time.process_time(), time.perf_counter()
        self.keeper.accept(event)
        self.cpu.append(time.process_time() - cpu)
        self.wall.append(time.perf_counter() - wall)


def measure(source: Path, folder: Path, turns: int, kept: int, seed: int) -> dict[str, float]:
    scenario = load_scenario(source)
    session = Session(scenario, seed, dict.fromkeys(scenario.seats, "random"))
    while len(session.turns) < turns - kept:
        session.play_turn()
    path = folder / f"game-{turns}.wgsave"
    keeper = SaveFile.own(session, path)
    session.detach(keeper)
    timed = Timed(keeper)
    session.attach(timed)
    rewrite = []
    while not session.over:
        session.play_turn()
        start = time.process_time()
        journal_file.write_session(session, folder / f"rewrite-{turns}.wgsave", force=True)
        rewrite.append(time.process_time() - start)
    keeper.release()
    return {"cpu": statistics.median(timed.cpu), "wall": statistics.median(timed.wall),
            "rewrite": statistics.median(rewrite), "bytes": path.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--at", type=int, nargs="+", default=[16, 1000, 10000])
    parser.add_argument("--turns", type=int, default=16, help="turns measured at the end of each game")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"per-turn save cost, median of the last {args.turns} turns, random seats, seed {args.seed}")
    print(f"{'turns':>7} {'CPU ms':>8} {'wall ms':>8} {'rewrite CPU ms':>15} {'ratio':>7} {'file bytes':>11}")
    with tempfile.TemporaryDirectory() as folder:
        for turns in args.at:
            source = Path(folder) / f"long-{turns}.toml"
            source.write_text(lasting(args.scenario.read_text(), turns))
            got = measure(source, Path(folder), turns, min(args.turns, turns), args.seed)
            print(f"{turns:>7,} {got['cpu'] * 1e3:>8.3f} {got['wall'] * 1e3:>8.3f} {got['rewrite'] * 1e3:>15.2f} "
                  f"{got['rewrite'] / got['cpu']:>6.0f}x {got['bytes']:>11,}")
    print("CPU: the append's (encode, chain, write, fdatasync's CPU); wall: with the wait for the disk; "
          "rewrite: writing the whole file instead, as format 1 did after every turn")


if __name__ == "__main__":
    main()
