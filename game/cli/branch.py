"""``wargame branch SAVE --at TURN -o NEW``: start a what-if from a turn of a saved game."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.cli import arguments


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "branch", help="start a what-if from a turn of a saved game",
        description="Write a new game that shares a saved game's first TURN turns (same scenario, seed and "
                    "seats) and records it as its parent. Go on with it by `wargame run --resume NEW`.")
    parser.add_argument("save", metavar="SAVE", help="the saved game (.wgsave)")
    parser.add_argument("--at", type=arguments.turn, required=True, metavar="TURN",
                        help="keep turns 1 to TURN (0: only the seed and seats)")
    parser.add_argument("-o", "--output", metavar="NEW",
                        help="the new save (default: an automatic name beside SAVE)")
    parser.add_argument("--name", help="the new game's name (default: the parent's, with the turn)")
    parser.add_argument("--force", action="store_true", help="let NEW replace a file holding another game")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.saves import SaveConflict, autosave_path, branch_session, load_save, save_session

    saved = load_save(args.save)
    session = branch_session(saved, args.at)
    if args.name is not None:
        session.rename(args.name)
    output = Path(args.output) if args.output else autosave_path(session, Path(args.save).parent)
    try:
        save_session(session, output, force=args.force)
    except SaveConflict as error:
        raise SaveConflict(error.file, f"{error.reason} (--force replaces it)") from None
    print(f"Branched {saved.name or saved.title!r} after turn {args.at} of {saved.played} into {output}")
    print(f"  new game {session.game_id[:8]} \u00b7 {session.name!r} \u00b7 "
          f"parent {saved.game_id[:8]} ({args.save})")
    example = f"{session.scenario.seats[0]}=ACTION"
    print(f"Go on with: wargame run --resume {output} [--order {example}] [--seat SEAT=POLICY]")
    return 0
