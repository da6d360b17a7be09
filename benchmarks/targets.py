"""Issue 10's targets, each as a ratio measured in one run (docs/performance.md keeps the figures).

    python benchmarks/targets.py [--baseline TREE] [--quick] [--report] [--long | --only-long]

``--baseline`` names another checkout of Horizon with its own ``.venv`` (for
instance today's main in a ``git worktree``): the rows "against the baseline"
run the same command or snippet with each tree's interpreter on that tree's
own shipped scenario (the format grows, so an older tree may not read ours),
interleaved, and compare CPU time (the machine is shared, so CPU time is steadier than
wall time; both are printed). Without it those rows are skipped.

Rows:

1. ``wargame simulate --runs 3000 --jobs 1``, whole command, baseline / ours (aim: at least 5x);
2. CPU per turn of random play, fast path / the straight-line floor (``floor.py``; aim: at most 2x);
3. checked replay of a 1,200-turn save / msgpack decode of the file (``replay.py``; aim: at most 5x);
4. greedy and cautious per game, every seat, baseline / ours (aim: at least 3x faster);
5. ``wargame lint`` of the shipped scenario, ours and baseline (aim: a few seconds);
6. ``--jobs 2`` / ``--jobs 1`` for 10,000 games (aim: never slower; at least 1.7x on 2 idle cores, which
   ``jobs.py`` estimates from CPU time with the worker started even on a busy machine);
7. with ``--report``: ``wargame report`` of a game with greedy and cautious seats (aim: under 10 s);
   the baseline's takes minutes, so it runs only when ``--baseline`` is given too;
8. with ``--long``, issue 21's table (tens of minutes): ``long_games.py`` (``run --save`` and ``replay`` of
   1,600 and 10,000 turns against 400; aims 4.5x and 30x), ``net_latency.py --games 1 20 100`` (p95 from
   the last order to every seat showing the next turn, aims 100 ms for 20 games and 250 ms for 100;
   bytes to a seat per turn after turn 15, aim under 4 KB; host memory per game) and ``net_hostile.py``
   (other seats' p95 with 300 hostile connections open, within 2x of an idle host).

The scenario list's time to screen against a minimal Textual app is
``startup.py``'s (it needs a terminal of its own). Nothing here asserts.
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
SHIPPED = ROOT / "scenarios" / "over-the-horizon-2021.toml"

POLICY_COST = """
import sys, time
from game.scenario import load_scenario
from game.analysis.simulate import run_games
scenario = load_scenario(sys.argv[1])
policy, runs = sys.argv[2], int(sys.argv[3])
started = time.process_time()
run_games(scenario, runs, 0, dict.fromkeys(scenario.seats, policy))
print((time.process_time() - started) / runs)
"""


def child_cpu(argv: list[str], cwd: Path) -> tuple[float, float, str]:
    """(CPU seconds of the command and its children, wall seconds, its standard output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # lint exits 1 when it finds something
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.strip()}")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, wall, done.stdout


def shipped(tree: Path) -> Path:
    return tree / "scenarios" / SHIPPED.name


def python_of(tree: Path) -> str:
    return str(tree / ".venv" / "bin" / "python")


def side_by_side(label: str, ours: list[str], theirs: list[str] | None, rounds: int, aim: str,
                 baseline: Path | None = None) -> None:
    """Run both commands ``rounds`` times, interleaved, each in its own tree (``python -m game``
    imports the tree it runs in); print the best CPU of each and the ratio."""
    mine, base = [], []
    for _ in range(rounds):
        mine.append(child_cpu(ours, ROOT)[:2])
        if theirs is not None:
            base.append(child_cpu(theirs, baseline)[:2])
    cpu, wall = min(mine)
    line = f"{label}: ours {cpu:6.2f} s CPU ({wall:.2f} s wall)"
    if base:
        base_cpu, base_wall = min(base)
        line += f", baseline {base_cpu:6.2f} s CPU ({base_wall:.2f} s wall) = {base_cpu / cpu:5.1f}x"
    print(f"{line}   (aim: {aim})", flush=True)


def floor_row(games: int) -> None:
    sys.path.insert(0, str(HERE))
    from floor import check, floor_game

    from game.analysis.fast_games import play_fast
    from game.players import get_policy
    from game.scenario import load_scenario

    scenario = load_scenario(SHIPPED)
    check(scenario, games)
    game = floor_game(scenario)
    randoms = [get_policy("random")] * len(scenario.seats)
    floors, fasts = [], []
    for _ in range(3):
        started = time.process_time()
        turns = sum(len(game(seed)[3]) for seed in range(games))
        floors.append((time.process_time() - started) / turns)
        started = time.process_time()
        turns = sum(play_fast(scenario, seed, randoms).turns for seed in range(games))
        fasts.append((time.process_time() - started) / turns)
    floor, fast = min(floors), min(fasts)
    print(f"CPU per turn, random seats ({games:,} games, identical to the floor's): fast path "
          f"{fast * 1e6:.1f} us, floor {floor * 1e6:.1f} us = {fast / floor:.2f}x   (aim: at most 2x)", flush=True)


def policy_row(baseline: Path | None, policy: str, runs: int) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(POLICY_COST)
    try:
        ours = float(child_cpu([sys.executable, script.name, str(SHIPPED), policy, str(runs)], ROOT)[2])
        line = f"{policy} per game, every seat {policy}: ours {ours * 1e3:.1f} ms"
        if baseline is not None:
            theirs = float(child_cpu([python_of(baseline), script.name, str(shipped(baseline)), policy, str(runs)],
                                     baseline)[2])
            line += f", baseline {theirs * 1e3:.1f} ms = {theirs / ours:.1f}x faster"
        print(f"{line}   (aim: at least 3x faster)", flush=True)
    finally:
        Path(script.name).unlink()


def jobs_row(runs: int) -> None:
    one = child_cpu([sys.executable, "-m", "game", "simulate", str(SHIPPED), "--runs", str(runs),
                     "--jobs", "1"], ROOT)[1]
    two = child_cpu([sys.executable, "-m", "game", "simulate", str(SHIPPED), "--runs", str(runs),
                     "--jobs", "2"], ROOT)[1]
    print(f"simulate --runs {runs:,}: --jobs 1 {one:.2f} s, --jobs 2 {two:.2f} s wall = {one / two:.2f}x   "
          "(aim: never below 1x; at least 1.7x on 2 idle cores)", flush=True)
    print(child_cpu([sys.executable, str(HERE / "jobs.py"), "--runs", str(runs)], ROOT)[2], end="", flush=True)


def report_row(baseline: Path | None) -> None:
    """Each tree writes its own save of a game with computer seats, then reports it with defaults."""
    with tempfile.TemporaryDirectory() as folder:
        commands = []
        trees = (("ours", sys.executable, ROOT), ("base", python_of(baseline) if baseline else "", baseline))
        for name, python, tree in trees:
            if tree is None:
                commands.append(None)
                continue
            save = Path(folder) / f"{name}.wgsave"
            subprocess.run([python, "-m", "game", "run", str(shipped(tree)), "--seat", "us=greedy",
                            "--seat", "russia=cautious", "--seat", "china=greedy", "--seed", "5", "--save",
                            str(save)], cwd=tree, capture_output=True, check=True)
            commands.append([python, "-m", "game", "report", str(save), "-o", str(Path(folder) / f"{name}.md")])
        side_by_side("wargame report, greedy/cautious/greedy seats, defaults", commands[0], commands[1], 1,
                     "under 10 s", baseline)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, metavar="TREE", help="another checkout, with its own .venv")
    parser.add_argument("--quick", action="store_true", help="fewer games and rounds")
    parser.add_argument("--report", action="store_true", help="also time wargame report")
    parser.add_argument("--long", action="store_true",
                        help="also issue 21's rows: long games, networked latency, bytes and hostile connections")
    parser.add_argument("--only-long", action="store_true", help="issue 21's rows alone (implies --long)")
    args = parser.parse_args()
    if args.only_long:
        return long_rows()
    base = args.baseline.resolve() if args.baseline else None
    rounds = 1 if args.quick else 3

    def simulate(python: str, tree: Path) -> list[str]:
        return [python, "-m", "game", "simulate", str(shipped(tree)), "--runs", "3000", "--jobs", "1"]

    side_by_side("wargame simulate --runs 3000 --jobs 1, whole command", simulate(sys.executable, ROOT),
                 simulate(python_of(base), base) if base else None, rounds, "at least 5x", base)
    floor_row(300 if args.quick else 3000)
    from replay import ratio_row

    ratio_row(rounds)
    policy_row(base, "greedy", 30 if args.quick else 200)
    policy_row(base, "cautious", 5 if args.quick else 40)
    lint = [sys.executable, "-m", "game", "lint", str(SHIPPED)]
    side_by_side("wargame lint of the shipped scenario", lint,
                 [python_of(base), "-m", "game", "lint", str(shipped(base))] if base else None, 1, "a few seconds",
                 base)
    jobs_row(2000 if args.quick else 10_000)
    if args.report:
        report_row(base)
    if args.long:
        long_rows()


def long_rows() -> None:
    """Issue 21's table and issue 17's hostile connections, one script after the other in this run."""
    import os

    def when() -> str:
        return f"{time.strftime('%H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f}"

    print(f"issue 21's rows from {when()}", flush=True)
    for script, *options in (("long_games.py",), ("net_latency.py", "--games", "1", "20", "100"),
                             ("net_hostile.py",)):
        print(child_cpu([sys.executable, str(HERE / script), *options], ROOT)[2], end="", flush=True)
    print(f"to {when()}")


if __name__ == "__main__":
    main()
