"""``wargame serve``: the game's title screen in a web browser, through textual-serve.

Each browser tab gets its own ``wargame`` process running the terminal game,
exactly as in a terminal. Bound to 127.0.0.1 unless told otherwise: the page
has no login, so anyone who can reach the port can play (and read the saves).
Networked seats for a class are ``wargame host --web`` (docs/networked-play.md).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from game.cli import arguments

LOCAL = "127.0.0.1"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "serve", help="open the game in a web browser (one game per tab)",
        description="Serve the terminal game to web browsers with textual-serve: open the printed address; "
                    "each tab plays its own game. Bound to 127.0.0.1 by default, as the page has no login.")
    parser.add_argument("--host", default=LOCAL, metavar="ADDR",
                        help=f"address to listen on (default {LOCAL}; 0.0.0.0 opens it to the network)")
    parser.add_argument("--port", type=arguments.whole_number("port", 1, 65535), default=8000, metavar="PORT",
                        help="port (default 8000)")
    parser.add_argument("--saves", metavar="FOLDER", type=Path,
                        help="where the served games are saved (default: $HORIZON_SAVES, else saves/ here)")
    parser.set_defaults(handler=handle)


def command_line(saves: Path | None) -> str:
    """The shell command textual-serve runs for each tab: this interpreter's ``wargame``, no user input in it."""
    words = [sys.executable, "-m", "game"] + (["--saves", str(saves.absolute())] if saves else [])
    return shlex.join(words)


def handle(args: argparse.Namespace) -> int:
    from textual_serve.server import Server  # a dependency; imported here so other commands start fast

    from game.saves_folder import default_saves_folder

    default_saves_folder(args.saves)  # a file there: one line now, not a failed save in every tab later
    from game.safe_text import printable

    print(f"Open http://{printable(args.host)}:{args.port} in a browser (Ctrl+C here to stop).", file=sys.stderr)
    Server(command_line(args.saves), host=args.host, port=args.port, title="Horizon").serve()
    return 0
