"""`wargame report` of a game with planner seats beside one with random seats: same scenario, same length.

    python benchmarks/report.py [SCENARIO] [--planner LEVEL] [--rounds R] [--seed S]

Plays two whole games of SCENARIO (the shipped one by default): every seat
random, and every seat the planner (``--planner``, default ``planner``); in
each the facilitator injects a headline in turn 2 and replaces a computer
order in turn 3 (so the debrief weighs acts too, one of them by asking the
seat's computer player what it would have done). Both are saved; the
planner's game is then cut or the random game branched so both hold the same
number of turns. Then ``wargame report SAVE -o FILE.md`` with its default
options runs R times on each in this process (the least wall and CPU time
of R; the report's simulation may use a worker process, whose CPU is not
counted), and the table shows the seconds and their ratios. The aim: the planner's report at most 2x the random
one's, and both in seconds (issue 19.6).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import tempfile
import time
from pathlib import Path

from game.cli import main as wargame
from game.engine.interventions import Inject, ReplaceOrder
from game.saves import load_save, restore_session, save_session
from game.scenario import load_scenario
from game.session import Session

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "over-the-horizon-2021.toml"


def played(scenario, policy: str, seed: int, turns: int | None = None) -> Session:
    """A game with every seat played by ``policy`` (at most ``turns`` turns) and two acts of the facilitator."""
    session = Session(scenario, seed, dict.fromkeys(scenario.seats, policy))
    while not session.over and (turns is None or len(session.turns) < turns):
        if session.turn == 2:
            session.intervene(Inject("A convoy is ambushed", None, (), "to test the debrief"))
        if session.turn == 3:
            seat = scenario.seats[-1]
            session.intervene(ReplaceOrder(seat, scenario.hold(seat).id, "to test the debrief"))
        session.play_turn()
    return session


def timed(save: Path, out: Path, rounds: int) -> tuple[float, float]:
    """The least wall time and the least CPU time (of this process) of ``rounds`` reports."""
    walls, cpus = [], []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        with contextlib.redirect_stderr(io.StringIO()):
            assert wargame(["report", str(save), "-o", str(out)]) == 0
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--planner", default="planner")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    start = time.perf_counter()
    planner = played(scenario, args.planner, args.seed)
    print(f"played the {args.planner} game: {len(planner.turns)} turns in {time.perf_counter() - start:.0f} s")
    random = played(scenario, "random", args.seed, len(planner.turns))
    with tempfile.TemporaryDirectory() as folder:
        paths = {name: save_session(session, Path(folder) / f"{name}.wgsave")
                 for name, session in (("random", random), (args.planner, planner))}
        length = min(load_save(path).played for path in paths.values())
        for name, path in paths.items():  # the same number of turns in both
            session = restore_session(load_save(path), length)
            paths[name] = save_session(session, Path(folder) / f"{name}-{length}.wgsave", force=True)
        seconds = {name: timed(path, Path(folder) / f"{name}.md", args.rounds) for name, path in paths.items()}
    print(f"\n{scenario.id}, {length} turns each, least of {args.rounds}:\n")
    print(f"{'seats':<16}{'wall (s)':>10}{'CPU (s)':>10}")
    for name, (wall, cpu) in seconds.items():
        print(f"{name:<16}{wall:>10.2f}{cpu:>10.2f}")
    ratio = seconds[args.planner][0] / seconds["random"][0]
    cpu_ratio = seconds[args.planner][1] / seconds["random"][1]
    print(f"\n{args.planner} / random: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU (aim: at most 2x)")


if __name__ == "__main__":
    main()
