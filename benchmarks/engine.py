"""Headless games per second of a scenario with computer seats, on one core.

    python benchmarks/engine.py [SCENARIO] [--seconds S] [--policy NAME]

Plays whole games through the same Session the CLI and UI use (computer
players choosing from their views, full logging, state hashes), seed after
seed, and prints the rate. The issue's aim is 1,000 games/s or more for the
shipped scenario with random seats.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from game.scenario import load_scenario
from game.session import Session

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "over-the-horizon-2021.toml"


def games_per_second(path: Path, seconds: float, policy: str) -> tuple[float, float]:
    scenario = load_scenario(path)
    controllers = dict.fromkeys(scenario.seats, policy)
    games = turns = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        session = Session(scenario, games, controllers)
        session.play_to_end()
        games += 1
        turns += len(session.turns)
    return games / elapsed, turns / games


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each of the 3 rounds")
    parser.add_argument("--policy", default="random")
    args = parser.parse_args()
    rounds = [games_per_second(args.scenario, args.seconds, args.policy) for _ in range(3)]
    rates = [rate for rate, _ in rounds]
    print(f"scenario: {args.scenario.name}  policy: {args.policy}  turns/game: {rounds[0][1]:.1f}")
    print(f"games/s on one core: median {statistics.median(rates):,.0f} "
          f"(rounds: {', '.join(f'{r:,.0f}' for r in rates)})")


if __name__ == "__main__":
    main()
