"""``wargame run``: play a game headless, or go on with a saved one, printing it as the facilitator sees it.

With ``--save`` the run owns its save (a second run on the same file is
refused before its first turn) and appends every event as it is accepted, so
an interrupted run keeps every turn it finished; with ``--resume`` a saved
game (typically a branch) goes on where it stopped and its save is updated.
The facilitator's acts (``game.cli.interventions``) act on the first turn played.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

from game.cli import arguments, interventions, passphrase
from game.errors import WargameError
from game.safe_text import printable


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "run", help="play a whole game headless, or go on with a saved one",
        description="Play a game with computer seats and print every turn as the facilitator sees it. "
                    "The facilitator's acts (--fire, --inject, --force, --set, --order, --argue) act on the first "
                    "turn played.")
    parser.add_argument("scenario", nargs="?", metavar="SCENARIO",
                        help="scenario file (.toml); not with --resume")
    parser.add_argument("--seed", type=arguments.seed, help="the game's seed (default: a random one, printed)")
    parser.add_argument("--seat", action="append", default=[], metavar="ACTOR=POLICY",
                        help="who plays a seat (default: random, or the save's); repeat for several seats")
    parser.add_argument("--resume", metavar="SAVE",
                        help="go on with a saved game (e.g. a branch) where it stopped")
    parser.add_argument("--save", nargs="?", const="", metavar="PATH",
                        help="write the run to PATH as it goes; without PATH, or with a folder, "
                             "under an automatic name in saves/ or that folder (with --resume: the "
                             "resumed file)")
    parser.add_argument("--turns", type=arguments.whole_number("count", 1, arguments.MAX_TURN), metavar="N",
                        help="play at most N turns, then stop (the save keeps the game for --resume)")
    parser.add_argument("--name", help="a name for the game, shown by `wargame saves`")
    parser.add_argument("--force-save", action="store_true",
                        help="let --save replace a file holding another game")
    arguments.add_formulas(parser)
    passphrase.add_argument(parser)
    interventions.add_arguments(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.cli.transcript import format_ending, format_seats
    from game.seat_view.build import seat_view

    session, save_to, heading = _resume(args) if args.resume else _start(args)
    if args.name is not None:
        session.rename(args.name)
    acts = interventions.acts_of(session, args.facilitator_acts)
    interventions.check(session, acts, args.facilitator_acts)
    keeper = _keep(session, save_to, force=args.force_save)
    try:
        interventions.take(session, acts)
        print(heading)
        print(format_seats(seat_view(session, None).seats, session.controllers))
        played = _play(session, args.turns, save_to, formulas=args.formulas)
    finally:
        if keeper is not None:
            keeper.release()
    print()
    if session.over:
        print("\n".join(format_ending(seat_view(session, None), formulas=args.formulas)))
    else:
        print(f"Stopped after turn {session.turn - 1} ({played} played now); go on with: "
              f"wargame run --resume {save_to}" if save_to else f"Stopped after turn {session.turn - 1}.")
    if save_to is not None:
        print(f"\nSaved to {save_to} ({len(session.turns)} turns).")
    return 0


def _keep(session, save_to: Path | None, *, force: bool):
    """Own the save before any turn is played, so a refused path (or one in use) costs nothing."""
    from game.saves import SaveConflict, SaveFile

    if save_to is None:
        return None
    try:
        return SaveFile.own(session, save_to, force=force)
    except SaveConflict as error:
        raise SaveConflict(error.file, f"{error.reason} (--force-save replaces it)") from None


def _play(session, turns: int | None, save_to: Path | None, *, formulas: bool) -> int:
    """Play and print the remaining turns (at most ``turns``); on Ctrl-C, say what is saved."""
    from game.cli.transcript import format_turn
    from game.seat_view.build import seat_view

    played = 0
    try:
        while not session.over and (turns is None or played < turns):
            record = session.resolve()
            played += 1
            print()
            print("\n".join(format_turn(seat_view(session, None), record.turn, formulas=formulas)))
    except KeyboardInterrupt:
        if save_to is not None:
            sys.stderr.write(printable(f"wargame run: turns 1 to {len(session.turns)} are saved in {save_to} "
                                       f"(go on with: wargame run --resume {save_to})") + "\n")
        raise
    return played


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
    from game.session import parse_seat_options

    if args.scenario is not None or args.seed is not None:
        raise WargameError("--resume goes on with the save's own scenario and seed: "
                           "give no SCENARIO or --seed")
    saved = load_save(args.resume)
    passphrase.unlock(saved.lock, saved.over, args, args.resume)
    session = restore_session(saved)
    if session.over:
        raise SaveError(args.resume, f"the game is over (after turn {saved.played}): nothing to go on with "
                                     "(branch it at an earlier turn with `wargame branch`)")
    named = {option.partition("=")[0] for option in args.seat}
    chosen = parse_seat_options(session.scenario, args.seat, "random")
    if named:
        session.change_seats({seat: chosen[seat] for seat in named})
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
    """Where --save writes: nothing, a file, or an automatic name in a folder (saves/ or $HORIZON_SAVES)."""
    from game.private_files import private_folder
    from game.saves import autosave_path
    from game.saves_folder import default_saves_folder

    if option is None:
        return None
    if option == "" or Path(option).is_dir():
        path = autosave_path(session, option or default_saves_folder())
        private_folder(path.parent)
        return path
    return Path(option)
