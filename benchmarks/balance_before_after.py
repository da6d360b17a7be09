"""Issue 11's balance targets, before and after the rework, measured in one run (docs/balance.md keeps the figures).

    python -m benchmarks.balance_before_after [--runs N] [--policy-runs M] [--before REV] [--jobs J]

"Before" is the shipped scenario as it was on main at ``REV`` (default
a01fd98, the last main before issue 11 landed), read from git, with the
sensible lines of ``before-strategies.toml`` appended (that scenario had no
``[[strategies]]``); "after" is today's ``scenarios/over-the-horizon-2021.toml``.
Both are played by ``game.analysis.balance.balance`` with the same runs and
seed; each report is printed as ``wargame balance`` prints it, then a summary
row per scenario. Nothing here asserts: tests/test_balance.py holds the checks.
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

from game.analysis.balance import DEFAULT_RUNS, POLICY_RUNS, BalanceReport, balance
from game.analysis.simulate import default_jobs
from game.cli.balance_table import format_balance
from game.cli.table import format_table
from game.engine.model import Scenario
from game.scenario import load_scenario, parse_scenario

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHIPPED = ROOT / "scenarios" / "over-the-horizon-2021.toml"
BEFORE_REV = "a01fd98"


def before_scenario(rev: str) -> Scenario:
    text = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:scenarios/over-the-horizon-2021.toml"],
                          check=True, capture_output=True, text=True).stdout
    strategies = (HERE / "before-strategies.toml").read_text()
    return parse_scenario(text + "\n" + strategies, f"{rev}:over-the-horizon-2021.toml")


def summary(name: str, report: BalanceReport) -> tuple[str, ...]:
    best = {seat: sum(r.best for r in report.responses if r.seat == seat) for seat in report.seats}
    moved = sum(i.measurable for i in report.influences)
    dice = " ".join(f"{d.seat} {d.decision:.1f}/{d.dice:.1f}" for d in report.decisiveness)
    idle = sum(not a.chosen_by for a in report.actions) if report.policy_runs else "-"
    return (name, " ".join(f"{seat} {n}" for seat, n in best.items()), f"{moved}/{len(report.influences)}", dice,
            str(idle), str(len(report.findings())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    parser.add_argument("--policy-runs", type=int, default=POLICY_RUNS)
    parser.add_argument("--before", default=BEFORE_REV, metavar="REV")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args()
    rows = []
    for name, scenario in (("before " + args.before, before_scenario(args.before)),
                           ("after", load_scenario(SHIPPED))):
        report = balance(scenario, args.runs, args.seed, policy_runs=args.policy_runs, jobs=args.jobs)
        print(f"## {name}\n")
        print("\n".join(format_balance(scenario, report)), end="\n\n")
        rows.append(summary(name, report))
    print("\n".join(format_table(("scenario", "best responses per seat (target 3)", "influences measurable",
                                  "decision spread/dice sd", "idle actions", "targets not met"), rows, "<<>><>")))


if __name__ == "__main__":
    main()
