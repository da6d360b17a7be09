"""``wargame join URL``: play a seat (or run a game as its facilitator) from a link the host printed.

In a terminal it opens the seat's screens; ``--policy NAME`` plays the seat
headless instead. Without a terminal and without ``--policy`` it refuses
to start: Textual spins on a closed standard input (Textual PR #6690).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from game.errors import WargameError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "join", help="play a seat of a hosted game from its link",
        description="Open the seat (or the facilitator's console) that URL, a link printed by `wargame "
                    "host`, names. The connection comes back by itself if it drops or the host restarts.")
    parser.add_argument("url", metavar="URL", nargs="?",
                        help="the link (default: the HORIZON_JOIN_URL environment variable)")
    parser.add_argument("--policy", metavar="NAME",
                        help="play the seat headless with a computer policy (random, greedy, cautious) and "
                             "exit when the game is over")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.net.links import FACILITATOR, LINK_VARIABLE, parse_link

    url = args.url or os.environ.get(LINK_VARIABLE)
    if not url:
        raise WargameError(f"give the link the host printed (or set {LINK_VARIABLE})")
    link = parse_link(url)
    if args.policy is not None:
        from game.net.headless import play_headless
        from game.players import get_policy

        if link.role == FACILITATOR:
            raise WargameError("--policy plays a seat; this is the facilitator's link")
        get_policy(args.policy)
        return asyncio.run(play_headless(link, args.policy, _say))
    from game.desk.terminal import require_terminal

    require_terminal("join")
    from game.net.lifetime import die_with_the_host
    from game.tui.remote.app import RemoteApp

    die_with_the_host()

    app = RemoteApp(link)
    app.run()
    if app.refusal:
        raise WargameError(app.refusal)
    return app.return_code or 0  # a crash inside the app is not a success


def _say(text: str) -> None:
    sys.stderr.write(f"wargame join: {text}\n")
    sys.stderr.flush()
