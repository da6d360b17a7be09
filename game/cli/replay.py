"""``wargame replay SAVE``: replay a saved run from its seed and orders, as one seat saw it.

Replay always checks every turn's state hash and chance draws against the
record; ``--verify`` prints no transcript, only the check and the final
state hash (to compare across machines). A save that replays differently
exits 1 naming the first turn that diverges; a file that cannot be read at
all is a user error (exit 2), like every other bad input.
"""

from __future__ import annotations

import argparse
import sys

from game.cli import arguments, passphrase

FACILITATOR = "facilitator"
DIVERGED = 1


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "replay", help="replay a saved run turn by turn, as any seat saw it",
        description="Replay a save from its seed and orders, checking every turn's state hash, and print it "
                    "turn by turn as one seat (or the facilitator) saw it.")
    parser.add_argument("save", metavar="SAVE", help="the saved game (.wgsave)")
    parser.add_argument("--verify", action="store_true",
                        help="print no transcript: check the replay and end with `state-hash HEX`")
    parser.add_argument("--to", type=arguments.turn, metavar="TURN", help="stop after this turn")
    parser.add_argument("--as", dest="seat", default=FACILITATOR, metavar="SEAT",
                        help="show only what SEAT saw (default: facilitator, who sees everything)")
    passphrase.add_argument(parser)
    arguments.add_formulas(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.engine.state import state_hash
    from game.safe_text import printable
    from game.saves import SaveDiverged, SaveError, read_save, restore_session, verify
    from game.saves.records import TORN_TAIL

    saved = read_save(args.save)
    try:
        saved, diverged = verify(saved), None
    except SaveDiverged as error:
        diverged = error
    passphrase.unlock(saved.lock, saved.over, args, args.save)
    seat = seat_argument(saved.scenario, args.seat)
    upto = saved.played if args.to is None else args.to
    if upto > saved.played:
        raise SaveError(args.save, f"--to {upto}: the save has {saved.played} turns")
    if diverged is not None:
        if not args.verify:  # show what does replay, up to the turn that does not
            shown = min(upto, diverged.turn - 1)
            print("\n".join(transcript(saved, restore_session(saved, shown), seat, formulas=args.formulas)))
        sys.stderr.write(f"wargame replay: {printable(str(diverged))}\n")
        return DIVERGED
    session = restore_session(saved, upto)
    if args.verify:
        print(f"{printable(str(args.save))}: {describe(saved)}")
        print(f"replayed turns 1 to {upto} from the seed and orders: every state hash and chance draw matches"
              if upto else "no turns to replay: the initial state is the seed's")
        opened = len(saved.verified.open_turn_events())
        if opened:
            print(f"the open turn's {opened} event{'s' if opened > 1 else ''} pass{'' if opened > 1 else 'es'} "
                  "the checks of play")
        if saved.dropped:
            print(f"{TORN_TAIL} ({saved.dropped:,} bytes)")
        print(f"state-hash {state_hash(session.state)}")
    else:
        print("\n".join(transcript(saved, session, seat, formulas=args.formulas)))
    return 0


def seat_argument(scenario, text: str) -> str | None:
    """A seat id for --as, or None for the facilitator."""
    from game.errors import WargameError

    if text == FACILITATOR:
        return None
    if text not in scenario.seats:
        raise WargameError(f"--as {text!r}: not a seat of {scenario.id} "
                           f"(give one of: {', '.join(scenario.seats)}, {FACILITATOR})")
    return text


def describe(saved) -> str:
    """One line on a save: scenario, seed, turns, who wrote it and when."""
    name = f"{saved.name!r} \u00b7 " if saved.name else ""
    return (f"{name}{saved.title} ({saved.scenario_id}) \u00b7 seed {saved.seed} \u00b7 {saved.played} turns"
            f"{' (game over)' if saved.over else ''} \u00b7 saved {saved.updated:%Y-%m-%d %H:%M} UTC "
            f"by Horizon {saved.app_version}")


def transcript(saved, session, seat: str | None, *, formulas: bool = False) -> list[str]:
    """The replayed turns as ``seat`` saw them (None: everything), with the briefing and the ending."""
    from game.cli.transcript import format_ending, format_seats, format_turn
    from game.seat_view.build import seat_view

    view = seat_view(session, seat, formulas=formulas)
    lines = [describe(saved), format_seats(view.seats, session.controllers), _parent_line(saved),
             f"As seen by: {view.name(seat).name if seat else 'the facilitator (everything)'}"]
    if seat and view.briefings.get(seat):
        lines += ["", f"Briefing: {view.briefings[seat].strip()}"]
    for turn in range(1, view.played + 1):
        lines += ["", *format_turn(view, turn, formulas=formulas)]
    lines += ["", *format_ending(view, formulas=formulas)]
    if len(session.turns) < saved.played:
        lines.append(f"Stopped after turn {len(session.turns)} of the {saved.played} saved.")
    elif not session.over:
        lines.append(f"The game goes on after turn {saved.played}: wargame run --resume {saved.path}")
    return [line for line in lines if line is not None]


def _parent_line(saved) -> str | None:
    parent = saved.parent
    if parent is None:
        return None
    who = repr(parent.name) if parent.name else f"game {parent.game_id[:8]}"
    where = f" ({parent.file})" if parent.file else ""
    return f"Branched from {who}{where} after turn {parent.turn}"
