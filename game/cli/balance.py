"""``wargame balance SCENARIO``: the scenario's strategies played against one another, and its targets."""

from __future__ import annotations

import argparse
import json

from game.cli import arguments

FOUND = 1


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "balance", help="play the scenario's strategies against one another and check its balance",
        description="Play every seat's [[strategies]] against every combination of the other seats' "
                    "(the same seeds in every matchup), then report each seat's best responses, how much "
                    "each seat's choice moves the others' scores, whether decisions outweigh the dice, and "
                    "actions no computer policy chooses. Exit status 1 when a target is not met "
                    "(docs/balance.md).")
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario file (.toml)")
    parser.add_argument("--runs", type=arguments.count, default=None, metavar="N",
                        help="games per matchup of strategies (default 100)")
    parser.add_argument("--policy-runs", type=arguments.count_or_none, default=None, metavar="M",
                        help="self-play games per computer policy, for the actions check (default 20; 0: skip)")
    parser.add_argument("--outcome-runs", type=arguments.count_or_none, default=None, metavar="K",
                        help="games with each computer policy an outcome target names in every seat "
                             "(default 40; 0: skip those targets)")
    parser.add_argument("--stand-in", action="append", default=[], metavar="POLICY=OTHER",
                        help="play OTHER wherever an outcome target names POLICY, for a quicker look "
                             "(e.g. planner=planner-easy); the report says so")
    parser.add_argument("--jobs", type=arguments.jobs, metavar="J", help="processes (default: all cores)")
    parser.add_argument("--seed", type=arguments.seed, default=0, help="base seed (default 0)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from attrs import asdict

    from game.analysis.balance import DEFAULT_RUNS, OUTCOME_RUNS, POLICY_RUNS, balance
    from game.analysis.simulate import default_jobs
    from game.cli.balance_table import format_balance
    from game.cli.files import check_writable, write_text_atomically
    from game.cli.progress import ProgressBar
    from game.errors import WargameError
    from game.scenario import load_scenario
    from game.whole_numbers import quoted

    scenario = load_scenario(args.scenario)
    runs = DEFAULT_RUNS if args.runs is None else args.runs
    policy_runs = POLICY_RUNS if args.policy_runs is None else args.policy_runs
    outcome_runs = OUTCOME_RUNS if args.outcome_runs is None else args.outcome_runs
    stand_ins = {}
    for written in args.stand_in:
        policy, sep, other = written.partition("=")
        if not sep or not policy.strip() or not other.strip():
            raise WargameError(f"--stand-in {quoted(written)}: write POLICY=OTHER, e.g. planner=planner-easy")
        stand_ins[policy.strip()] = other.strip()
    if args.json:
        check_writable(args.json)
    bar = ProgressBar("playing the strategies")
    try:
        report = balance(scenario, runs, args.seed, policy_runs=policy_runs, outcome_runs=outcome_runs,
                         stand_ins=stand_ins, jobs=args.jobs or default_jobs(), progress=bar)
    finally:
        bar.close()
    print("\n".join(format_balance(scenario, report)))
    if args.json:
        data = asdict(report) | {"findings": report.findings()}
        write_text_atomically(args.json, json.dumps(data, indent=2) + "\n")
    return FOUND if report.findings() else 0
