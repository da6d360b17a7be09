"""``wargame join URL``: play a seat (or run a game as its facilitator, or a class) from a link the host printed.

In a terminal it opens the seat's screens; ``--policy NAME`` plays the seat
headless instead. The link is the seat's only key, and a command line is
shown by ``ps`` to every account on the machine: ``--link-file`` (a file,
or ``-`` for standard input) and the ``HORIZON_JOIN_URL`` environment
variable keep it out of the process list. Without a terminal and without ``--policy`` it refuses
to start: Textual spins on a closed standard input (Textual PR #6690).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from game.errors import WargameError
from game.safe_text import printable


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "join", help="play a seat of a hosted game from its link",
        description="Open the seat (or the facilitator's console) that URL, a link printed by `wargame "
                    "host`, names. The connection comes back by itself if it drops or the host restarts.")
    parser.add_argument("url", metavar="URL", nargs="?",
                        help="the link (on a shared machine, every account sees a command line in `ps`: use "
                             "--link-file or the HORIZON_JOIN_URL environment variable there)")
    parser.add_argument("--link-file", metavar="FILE",
                        help="read the link from FILE (its first line; - for standard input), so that it never "
                             "shows in the process list")
    parser.add_argument("--policy", metavar="NAME",
                        help="play the seat headless with a computer policy (random, greedy, cautious) and "
                             "exit when the game is over")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.net.links import CLASS, FACILITATOR, LINK_VARIABLE, parse_link

    if args.url and args.link_file:
        raise WargameError("give the link once: as URL or with --link-file, not both")
    url = args.url or (_read_link(args.link_file) if args.link_file else os.environ.get(LINK_VARIABLE))
    if not url:
        raise WargameError(f"give the link the host printed (or --link-file FILE, or set {LINK_VARIABLE})")
    link = parse_link(url)
    if args.policy is not None:
        from game.net.headless import play_headless
        from game.players import get_policy

        if link.role in (FACILITATOR, CLASS):
            raise WargameError(f"--policy plays a seat; this is the {'class' if link.role == CLASS else 'facilitator'}"
                               "'s link")
        get_policy(args.policy)
        return asyncio.run(play_headless(link, args.policy, _say))
    from game.desk.terminal import require_terminal

    require_terminal("join")
    from game.net.lifetime import die_with_the_host
    from game.tui.remote.app import RemoteApp

    die_with_the_host()

    if link.whole_class:
        from game.tui.remote.class_app import ClassApp

        app = ClassApp(link)
    else:
        app = RemoteApp(link)
    app.run()
    if app.refusal:
        raise WargameError(app.refusal)
    return app.return_code or 0  # a crash inside the app is not a success


MAX_LINK_FILE = 4096
"""More than any link: a file longer than this is not a link file."""


def _read_link(name: str) -> str:
    """The first non-empty line of the file ``name`` (``-``: standard input); one line if it cannot be read.

    A regular file only (``file_reading``): a FIFO would wait for a writer for ever and a device never end;
    a pipe is given as standard input instead."""
    from pathlib import Path

    from game.file_reading import Refused, read_bounded

    try:
        if name == "-":
            text = sys.stdin.read(MAX_LINK_FILE + 1)
        else:
            text = read_bounded(Path(name), MAX_LINK_FILE).decode("utf-8")
    except Refused as refused:
        reason = refused.reason
        if reason.startswith("larger than"):
            reason = f"longer than {MAX_LINK_FILE} characters: not a link file"
        elif "FIFO" in reason:
            reason += " (give a pipe on standard input: --link-file -)"
        raise WargameError(f"--link-file {name}: {reason}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise WargameError(f"--link-file {name}: cannot read it ({getattr(error, 'strerror', None) or error})"
                           ) from None
    if len(text) > MAX_LINK_FILE:
        raise WargameError(f"--link-file {name}: longer than {MAX_LINK_FILE} characters: not a link file")
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not line:
        raise WargameError(f"--link-file {name}: holds no link")
    return line


def _say(text: str) -> None:
    sys.stderr.write(f"wargame join: {printable(text)}\n")
    sys.stderr.flush()
