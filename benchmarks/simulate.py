"""Throughput of Monte Carlo runs and the cost of each computer player.

    .venv/bin/python benchmarks/simulate.py [SCENARIO] [--runs N]

Prints figures; asserts nothing (speed is measured, not tested). The issue's
aims: 1,000 or more games per second on one core with random seats, and
10,000 games on 2 cores in under 10 s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from game.analysis.simulate import run_games
from game.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "scenarios" / "over-the-horizon-2021.toml"
FIXTURE = ROOT / "tests" / "scenarios" / "crisis.toml"


def timed(scenario, runs, controllers, jobs=1):
    started = time.perf_counter()
    run_games(scenario, runs, 0, controllers, jobs=jobs)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(SHIPPED if SHIPPED.exists() else FIXTURE))
    parser.add_argument("--runs", type=int, default=10_000, help="games for the 2-core run")
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    seats = scenario.seats
    random = dict.fromkeys(seats, "random")
    print(f"{scenario.title}: {len(seats)} seats, {scenario.turns} turns, {len(scenario.actions)} actions")

    seconds = timed(scenario, 2000, random)
    print(f"random seats, 1 core:         {2000 / seconds:8,.0f} games/s")
    seconds = timed(scenario, args.runs, random, jobs=2)
    print(f"random seats, {args.runs:,} games on 2 processes: {seconds:.2f} s "
          f"({args.runs / seconds:,.0f} games/s)")
    for policy, runs in (("greedy", 200), ("cautious", 40)):
        one = timed(scenario, runs, {**random, seats[0]: policy}) / runs
        every = timed(scenario, runs, dict.fromkeys(seats, policy)) / runs
        print(f"{policy:<9} one seat ({seats[0]}), others random: {one * 1000:7.2f} ms/game; "
              f"every seat {policy}: {every * 1000:7.2f} ms/game")


if __name__ == "__main__":
    main()
