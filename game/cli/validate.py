"""``wargame validate FILE...``: load scenarios and report every problem."""

from __future__ import annotations

import argparse
import sys

from game.errors import ScenarioError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("validate", help="check scenario files",
                                 description="Load each scenario file and report every problem in it.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario files (.toml)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.scenario import load_scenario

    failed = False
    for path in args.files:
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            failed = True
            for problem in error.problems:
                sys.stderr.write(problem + "\n")
            continue
        counts = (f"{len(scenario.seats)} seats, {len(scenario.variables)} variables, "
                  f"{sum(not a.builtin for a in scenario.actions)} actions, {len(scenario.events)} events, "
                  f"{len(scenario.endings)} endings, {scenario.turns} turns")
        print(f"{path}: ok: {scenario.id} \u2014 {scenario.title} ({counts})")
    return 2 if failed else 0
