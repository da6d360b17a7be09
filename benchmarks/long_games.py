"""Work per turn in long games: ``run --save`` and ``replay`` of 1,600 and 10,000 turns against 400.

    python benchmarks/long_games.py [--turns 400 1600 10000] [--rounds R]

Writes long versions of the shipped scenario (``turns = N``, every ending
switched off, as ``replay.py`` does) to a temporary folder, then for each N
runs the whole commands a person would, each in a fresh process:

- ``wargame run SCENARIO --seed 1 --save FILE`` (every turn printed as the
  facilitator sees it, every event appended to the save);
- ``wargame replay FILE`` (every turn recomputed and checked, the transcript
  printed as the facilitator saw it);

and prints the CPU time (the command's and its children's: steadier than
wall time on a shared machine; wall time beside it), the peak memory, and
each as a ratio to the first N, measured in the same run. Constant work per
turn means ratios near N / first N (4x for 1,600 turns, 25x for 10,000, plus
the start-up each command pays once): the issue's aims are 4.5x and 30x.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.replay import lasting  # noqa: E402

SHIPPED = ROOT / "scenarios" / "over-the-horizon-2021.toml"


def measured(argv: list[str], cwd: Path) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak resident MB) of one command, run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.strip()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, wall, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, nargs="+", default=[400, 1600, 10000],
                        help="game lengths (the first is the reference)")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each command; the least CPU is kept")
    args = parser.parse_args()
    text = SHIPPED.read_text()
    python = [sys.executable, "-m", "game"]
    rows: dict[str, list[tuple[int, float, float, float]]] = {"run --save": [], "replay": []}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for turns in args.turns:
            scenario = work / f"long{turns}.toml"
            scenario.write_text(lasting(text, turns))
            save = work / f"long{turns}.wgsave"
            for label, argv in (("run --save", [*python, "run", str(scenario), "--seed", "1", "--save", str(save),
                                                "--force-save"]),
                                ("replay", [*python, "replay", str(save)])):
                best = min((measured(argv, work) for _ in range(args.rounds)), key=lambda m: m[0])
                rows[label].append((turns, *best))
                print(f"  {label} {turns} turns: {best[0]:.1f} s CPU, {best[1]:.1f} s wall, {best[2]:.0f} MB",
                      flush=True)
    print()
    print("command      turns   CPU s  wall s   peak MB   CPU / first   ideal (turns / first)")
    for label, measures in rows.items():
        first = measures[0]
        for turns, cpu, wall, peak in measures:
            print(f"{label:11s} {turns:6d} {cpu:7.1f} {wall:7.1f} {peak:9.0f} {cpu / first[1]:12.2f}x"
                  f" {turns / first[0]:14.1f}x")


if __name__ == "__main__":
    main()
