"""``wargame validate FILE...``: load scenarios and report every problem and warning.

A problem stops a scenario loading (exit status 2). A warning is something
that loads but is probably not what the author meant (a condition that can
never hold, a chance above 1): it is shown, and the file still loads, unless
``--strict`` makes warnings count as problems.
"""

from __future__ import annotations

import argparse
import sys

from game.errors import ScenarioError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("validate", help="check scenario files",
                                 description="Load each scenario file and report every problem in it.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario files (.toml)")
    parser.add_argument("--strict", action="store_true", help="fail (exit status 2) on warnings too")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.safe_text import printable
    from game.scenario import load_scenario

    failed = False
    for path in args.files:
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            failed = True
            for problem in error.problems:
                sys.stderr.write(printable(problem) + "\n")
            continue
        failed = failed or bool(args.strict and scenario.warnings)
        counts = (f"{len(scenario.seats)} seats, {len(scenario.variables)} variables, "
                  f"{sum(not a.builtin for a in scenario.actions)} actions, {len(scenario.events)} events, "
                  f"{len(scenario.endings)} endings, {scenario.turns} turns")
        warned = len(scenario.warnings)
        verdict = f"ok with {warned} warning{'s' if warned > 1 else ''}" if warned else "ok"
        print(f"{path}: {verdict}: {scenario.id} \u2014 {scenario.title} ({counts})", flush=True)
        sys.stderr.write("".join(f"{printable(warning)}\n" for warning in scenario.warnings))
    return 2 if failed else 0
