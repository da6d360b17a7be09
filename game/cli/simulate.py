"""``wargame simulate SCENARIO``: many headless games, and what they say about the scenario."""

from __future__ import annotations

import argparse
import json

from game.cli import arguments
from game.errors import WargameError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "simulate", help="play many headless games and summarise them",
        description="Play N headless games with computer seats and print how often each ending "
                    "happened, each seat's scores, and how often each action was chosen. The same "
                    "arguments always give the same numbers, whatever the number of processes.")
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario file (.toml)")
    parser.add_argument("--runs", type=arguments.count, default=1000, metavar="N",
                        help="games to play (default 1000)")
    parser.add_argument("--jobs", type=arguments.jobs, metavar="J", help="processes (default: all cores)")
    parser.add_argument("--seat", action="append", default=[], metavar="ACTOR=POLICY",
                        help="who plays a seat (default: random); repeat for several seats")
    parser.add_argument("--seed", type=arguments.seed, default=0, help="base seed (default 0)")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers to FILE as JSON")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.analysis.simulate import default_jobs, run_games
    from game.analysis.summary import summarise
    from game.cli.files import check_writable, write_text_atomically
    from game.cli.progress import ProgressBar
    from game.cli.summary_table import format_summary
    from game.scenario import load_scenario
    from game.session import HUMAN, parse_seat_options

    scenario = load_scenario(args.scenario)
    controllers = parse_seat_options(scenario, args.seat, "random")
    humans = [seat for seat, controller in controllers.items() if controller == HUMAN]
    if humans:
        raise WargameError(f"simulate plays headless, so {humans[0]!r} cannot be human")
    if args.json:
        check_writable(args.json)
    bar = ProgressBar("simulating")
    try:
        results = run_games(scenario, args.runs, args.seed, controllers,
                            jobs=args.jobs or default_jobs(), progress=bar)
    finally:
        bar.close()
    summary = summarise(scenario, results, args.seed, controllers)
    print("\n".join(format_summary(summary)))
    if args.json:
        write_text_atomically(args.json, json.dumps(summary.to_json(), indent=2) + "\n")
    return 0
