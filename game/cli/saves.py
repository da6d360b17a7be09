"""``wargame saves [DIR]``: list the saved games in a folder, newest first, flagging damaged ones."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "saves", help="list saved games, flagging damaged ones",
        description="List the saved games (*.wgsave) in DIR, newest first: name, scenario, turn, seats and "
                    "date, and the reason a file cannot be opened.")
    parser.add_argument("folder", nargs="?", metavar="DIR", help="the folder (default: $HORIZON_SAVES, else saves)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.errors import WargameError
    from game.saves import list_saves
    from game.saves_folder import default_saves_folder

    folder = Path(args.folder or default_saves_folder())
    if not folder.is_dir():
        if args.folder is None:
            print(f"No saves yet: {folder}/ does not exist (`wargame run SCENARIO --save` writes one).")
            return 0
        raise WargameError(f"{folder}: " + ("is not a folder" if folder.exists() else "no such folder"))
    summaries = list_saves(folder)
    if not summaries:
        print(f"No saves in {folder}/.")
        return 0
    damaged = sum(s.damaged is not None for s in summaries)
    print(f"{folder}/: {len(summaries)} saves" + (f", {damaged} damaged" if damaged else ""))
    for summary in summaries:
        print("\n".join(_entry(summary)))
    return 0


def _entry(summary) -> list[str]:
    from game.saves.records import TORN_TAIL

    when = summary.updated.astimezone().strftime("%Y-%m-%d %H:%M")
    if summary.damaged is not None:
        return [f"  {when}  {summary.file}  [DAMAGED]", f"      {summary.damaged}"]
    status = "over" if summary.over else "in progress, locked" if summary.locked else "in progress"
    seats = ", ".join(f"{seat}={who}" for seat, who in summary.controllers.items())
    branch = f" \u00b7 branch of {summary.parent.file or summary.parent.game_id[:8]} after turn " \
             f"{summary.parent.turn}" if summary.parent else ""
    torn = [f"      {TORN_TAIL}"] if summary.dropped else []
    return [f"  {when}  {summary.file}",
            f"      {summary.name} \u00b7 {summary.title} \u00b7 turn {summary.played}/{summary.turns} "
            f"({status}) \u00b7 {seats}{branch}", *torn]
