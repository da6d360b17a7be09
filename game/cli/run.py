"""``wargame run``: play a game headless, or go on with a saved one, printing it as the facilitator sees it.

With ``--save`` the run is written after every resolved turn, so an
interrupted run keeps every turn it finished; with ``--resume`` a saved game
(typically a branch) goes on from its last turn and its save is updated.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

from game.cli import arguments
from game.errors import WargameError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "run", help="play a whole game headless, or go on with a saved one",
        description="Play a game with computer seats and print every turn as the facilitator sees it.")
    parser.add_argument("scenario", nargs="?", metavar="SCENARIO",
                        help="scenario file (.toml); not with --resume")
    parser.add_argument("--seed", type=arguments.seed, help="the game's seed (default: a random one, printed)")
    parser.add_argument("--seat", action="append", default=[], metavar="ACTOR=POLICY",
                        help="who plays a seat (default: random, or the save's); repeat for several seats")
    parser.add_argument("--resume", metavar="SAVE",
                        help="go on with a saved game (e.g. a branch) after its last turn")
    parser.add_argument("--save", nargs="?", const="", metavar="PATH",
                        help="write the run to PATH after every turn; without PATH, or with a folder, "
                             "under an automatic name in saves/ or that folder (with --resume: the "
                             "resumed file)")
    parser.add_argument("--order", action="append", default=[], metavar="SEAT=ACTION",
                        help="what SEAT does in the first turn played, instead of its policy's choice "
                             "(a what-if); repeat for several seats")
    parser.add_argument("--name", help="a name for the game, shown by `wargame saves`")
    parser.add_argument("--force", action="store_true", help="let --save replace a file holding another game")
    arguments.add_formulas(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.cli.transcript import format_ending, format_seats
    from game.seat_view.build import seat_view

    session, save_to, heading = _resume(args) if args.resume else _start(args)
    if args.name is not None:
        session.name = args.name
    orders = _first_orders(session, args.order)
    if save_to is not None:  # before playing, so a refused path costs nothing
        save(session, save_to, force=args.force)
    print(heading)
    print(format_seats(seat_view(session, None).seats, session.controllers))
    _play_to_end(session, orders, save_to, force=args.force, formulas=args.formulas)
    print()
    print("\n".join(format_ending(seat_view(session, None), formulas=args.formulas)))
    if save_to is not None:
        print(f"\nSaved to {save_to} ({len(session.turns)} turns).")
    return 0


def _play_to_end(session, orders: dict, save_to: Path | None, *, force: bool, formulas: bool) -> None:
    """Play and print every remaining turn, saving after each; on Ctrl-C, say what is saved."""
    from game.cli.transcript import format_turn
    from game.seat_view.build import seat_view

    saved = len(session.turns)
    try:
        while not session.over:
            record = session.play_turn(orders)
            orders = {}
            print()
            print("\n".join(format_turn(seat_view(session, None), record.turn, formulas=formulas)))
            if save_to is not None:
                save(session, save_to, force=force)
                saved = len(session.turns)
    except KeyboardInterrupt:
        if save_to is not None:
            sys.stderr.write(f"wargame run: turns 1 to {saved} are saved in {save_to} "
                             f"(go on with: wargame run --resume {save_to})\n")
        raise


def save(session, path: Path, *, force: bool) -> Path:
    """``save_session`` with the command-line way to override a refusal named in its message."""
    from game.saves import SaveConflict, save_session

    try:
        return save_session(session, path, force=force)
    except SaveConflict as error:
        raise SaveConflict(error.file, f"{error.reason} (--force replaces it)") from None


def _start(args: argparse.Namespace):
    from game.scenario import load_scenario
    from game.session import Session, parse_seat_options

    if args.scenario is None:
        raise WargameError("give a SCENARIO file to play, or --resume SAVE to go on with a saved game")
    scenario = load_scenario(args.scenario)
    controllers = parse_seat_options(scenario, args.seat, "random")
    seed = args.seed if args.seed is not None else secrets.randbelow(1 << 31)
    session = Session(scenario, seed, controllers)
    _refuse_humans(session)
    heading = f"{scenario.title} ({scenario.id}) \u00b7 seed {seed}"
    return session, _save_target(args.save, session), heading


def _resume(args: argparse.Namespace):
    from game.saves import SaveError, load_save, restore_session
    from game.session import check_controllers, parse_seat_options

    if args.scenario is not None or args.seed is not None:
        raise WargameError("--resume goes on with the save's own scenario and seed: "
                           "give no SCENARIO or --seed")
    saved = load_save(args.resume)
    session = restore_session(saved)
    if session.over:
        raise SaveError(args.resume, f"the game is over (after turn {saved.played}): nothing to go on with "
                                     "(branch it at an earlier turn with `wargame branch`)")
    named = {option.partition("=")[0] for option in args.seat}
    chosen = parse_seat_options(session.scenario, args.seat, "random")
    session.controllers.update({seat: chosen[seat] for seat in named})
    check_controllers(session.scenario, session.controllers)
    _refuse_humans(session)
    save_to = Path(args.resume) if args.save is None else _save_target(args.save, session)
    scenario = session.scenario
    heading = (f"{scenario.title} ({scenario.id}) \u00b7 seed {session.seed} \u00b7 resumed after turn "
               f"{saved.played} from {args.resume} (earlier turns: wargame replay {args.resume})")
    return session, save_to, heading


def _refuse_humans(session) -> None:
    humans = session.humans()
    if humans:
        raise WargameError(f"run plays headless, so seat {humans[0]!r} cannot be human: give it a policy "
                           f"with --seat {humans[0]}=random (or play it with `wargame play`)")


def _save_target(option: str | None, session) -> Path | None:
    """Where --save writes: nothing, a file, or an automatic name in a folder (saves/ by default)."""
    from game.saves import DEFAULT_FOLDER, autosave_path

    if option is None:
        return None
    if option == "" or Path(option).is_dir():
        path = autosave_path(session, option or DEFAULT_FOLDER)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    return Path(option)


def _first_orders(session, options: list[str]) -> dict:
    """The --order options as orders for the first turn played, each checked to be legal now."""
    from game.engine.adjudication import legal_actions, unavailable_reason
    from game.session import Order

    scenario, orders = session.scenario, {}
    for option in options:
        seat, sep, action_id = option.partition("=")
        if not sep or seat not in scenario.seats or not action_id:
            raise WargameError(f"--order {option!r}: write SEAT=ACTION with SEAT one of "
                               f"{', '.join(scenario.seats)}")
        action = scenario.action(action_id) or scenario.action(f"{seat}.{action_id}")
        if action is None or action.actor != seat:
            ids = ", ".join(a.id for a in scenario.actions_for(seat))
            raise WargameError(f"--order {option!r}: {seat!r} has no action {action_id!r} (actions: {ids})")
        if action not in legal_actions(scenario, session.state, seat):
            raise WargameError(f"--order {option!r}: {seat!r} cannot choose it now: "
                               f"{unavailable_reason(action)}")
        orders[seat] = Order(seat, action.id)
    return orders
