"""``--jobs 2`` against one process, measured so that a busy machine does not hide the answer.

    python benchmarks/jobs.py [SCENARIO] [--runs N]

On a machine whose cores are already busy ``analysis/parallel.py`` starts no
worker (it would only take time from this process), so ``--jobs 2`` is
``--jobs 1`` there and the wall-clock ratio says nothing about idle cores.
This benchmark starts the worker anyway (``idle_cores`` replaced here, the
one thing changed) and measures CPU time, which load disturbs little: this
process's and the worker's apart. Each of them plays its share of the
chunks; on two idle cores the run takes about as long as the larger share,
so ``one process / larger share`` is what ``--jobs 2`` gives there, the
worker's start-up and any chunk played twice included. Wall times are
printed too, with the load average, for what they are worth.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from game.analysis import parallel
from game.analysis.simulate import run_games
from game.scenario import load_scenario

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "over-the-horizon-2021.toml"


def cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its finished children (the workers)."""
    here, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return here.ru_utime + here.ru_stime, children.ru_utime + children.ru_stime


def measured(scenario, runs: int, jobs: int) -> tuple[float, float, float]:
    """(wall seconds, this process's CPU seconds, the workers' CPU seconds) of one run."""
    controllers = dict.fromkeys(scenario.seats, "random")
    (here, children), started = cpu(), time.perf_counter()
    run_games(scenario, runs, 0, controllers, jobs=jobs)
    wall = time.perf_counter() - started
    here_after, children_after = cpu()
    return wall, here_after - here, children_after - children


def row(scenario_path: Path = DEFAULT, runs: int = 10_000, rounds: int = 2) -> None:
    """Print one line for ``targets.py`` (and this script): the share of each process and the ratio."""
    scenario = load_scenario(scenario_path)
    parallel.idle_cores = lambda: 1  # start the worker even though the machine is busy
    ones, twos = [], []
    for _ in range(rounds):  # interleaved
        ones.append(measured(scenario, runs, 1))
        twos.append(measured(scenario, runs, 2))
    one = min(ones, key=lambda m: m[1])
    two = min(twos, key=lambda m: max(m[1], m[2]))
    share = max(two[1], two[2])
    print(f"--jobs 2 with its worker started, {runs:,} games: one process {one[1]:.2f} s CPU; with a worker "
          f"this process {two[1]:.2f} s + the worker {two[2]:.2f} s CPU = {one[1] / share:.2f}x on 2 idle cores "
          f"(wall {one[0]:.1f} s against {two[0]:.1f} s at load {os.getloadavg()[0]:.1f})   (aim: at least 1.7x)",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    row(args.scenario, args.runs, args.rounds)


if __name__ == "__main__":  # spawned workers import this module again: they must not run it
    main()
