"""``wargame run SCENARIO``: play a whole game headless and print it as the facilitator sees it."""

from __future__ import annotations

import argparse
import secrets

from game.engine.adjudication import MAX_SEED
from game.errors import WargameError


def seed_argument(text: str) -> int:
    """argparse type for --seed: a whole number in the engine's range."""
    try:
        seed = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid seed {text!r}: give a whole number") from None
    if not 0 <= seed <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"invalid seed {text!r}: give a number from 0 to {MAX_SEED}")
    return seed


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "run", help="play a whole game headless",
        description="Play a whole game with computer seats and print every turn as the facilitator sees it.")
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario file (.toml)")
    parser.add_argument("--seed", type=seed_argument, help="the game's seed (default: a random one, printed)")
    parser.add_argument("--seat", action="append", default=[], metavar="ACTOR=POLICY",
                        help="who plays a seat (default: random); repeat for several seats")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.cli.transcript import format_ending, format_turn
    from game.scenario import load_scenario
    from game.session import HUMAN, Session, parse_seat_options

    scenario = load_scenario(args.scenario)
    controllers = parse_seat_options(scenario, args.seat, "random")
    humans = [seat for seat, controller in controllers.items() if controller == HUMAN]
    if humans:
        raise WargameError(f"run plays headless, so {humans[0]!r} cannot be human (use `wargame play`)")
    seed = args.seed if args.seed is not None else secrets.randbelow(1 << 31)
    session = Session(scenario, seed, controllers)
    print(f"{scenario.title} ({scenario.id}) \u00b7 seed {seed}")
    print("Seats: " + " \u00b7 ".join(f"{scenario.actor_name(s)}: {c}" for s, c in controllers.items()))
    while not session.over:
        record = session.play_turn()
        print()
        print("\n".join(format_turn(scenario, record.turn, record.entries, record.orders)))
    print()
    print("\n".join(format_ending(scenario, session.entries(), session.scores())))
    return 0
