"""``wargame lint SCENARIO``: what is probably wrong with a scenario that loads fine."""

from __future__ import annotations

import argparse
import sys

from game.cli import arguments
from game.safe_text import printable

FOUND = 1


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "lint", help="find likely mistakes in a scenario that loads",
        description="Play sampled games of a scenario and report, with file lines, actions never legal, "
                    "events never fired, endings never reached, variables never changed or never read, "
                    "objectives that never vary, actions never better than another of the same seat and hidden "
                    "values a seat could infer from a change it sees (with the loader's warnings). "
                    "Exit status 1 when something is found, 0 when clean.")
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario file (.toml)")
    parser.add_argument("--runs", type=arguments.count, default=200, metavar="N",
                        help="sampled games, alternately all seats random and all greedy (default 200)")
    parser.add_argument("--seed", type=arguments.seed, default=0, help="base seed of the samples (default 0)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.analysis.lint import lint
    from game.scenario import load_scenario

    scenario = load_scenario(args.scenario)
    sys.stderr.write("".join(f"{printable(warning)}\n" for warning in scenario.warnings))
    report = lint(scenario, args.runs, args.seed)
    for finding in report.findings:
        print(finding.format(args.scenario))
    count = len(report.findings)
    what = f"{count} finding{'s' if count != 1 else ''}" if count else "no findings"
    print(f"{args.scenario}: {what} in {report.runs:,} sampled games (seed {args.seed})")
    return FOUND if count else 0
