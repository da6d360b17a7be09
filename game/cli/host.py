"""``wargame host SCENARIO``: serve games to seats on their own screens (terminal, SSH or browser).

Standard output gets exactly one ``ROLE URL`` line per person's seat of each
game and one per game for the facilitator, then one ``class URL`` line (the
teacher's console of every game), so a script can read them; everything
else goes to standard error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from game.cli import arguments

MAX_GAMES = 500
"""Most games one host serves (a classroom is a few dozen; each holds its session in memory)."""


def duration(text: str) -> float:
    """``90``, ``90s``, ``5m``, ``1m30s``, ``1h``: seconds, at least one."""
    from game.net.turn_timer import parse_duration

    try:
        return parse_duration(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def port(text: str) -> int:
    return arguments.whole_number("port", 0, 65535)(text)


def public_url(text: str) -> str:
    """``https://horizon.example.org`` or ``https://example.org/horizon``: where browsers reach the pages."""
    from urllib.parse import urlsplit

    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or any(character in text for character in "\"'<> \\"):
        raise argparse.ArgumentTypeError(f"invalid public URL {text!r}: write e.g. https://horizon.example.org")
    return text.strip().rstrip("/")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "host", help="serve games to seats on their own screens (join links, browser pages)",
        description="Start one host for the games of SCENARIO and print a link per seat and one for the "
                    "facilitator. Every order, message and facilitator's act is in the journal before it is "
                    "acknowledged; started again with the same journal, the host resumes every game with the "
                    "same links.")
    parser.add_argument("scenario", metavar="SCENARIO", type=Path, help="scenario file (.toml)")
    parser.add_argument("--games", type=arguments.whole_number("count", 1, MAX_GAMES), metavar="N",
                        help=f"how many games (default: 1; at most {MAX_GAMES})")
    parser.add_argument("--bind", default="127.0.0.1", metavar="ADDR",
                        help="the address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0: "
                             "every network)")
    parser.add_argument("--port", type=port, default=8765, metavar="P",
                        help="the port of the links (default: 8765; 0: any free port)")
    parser.add_argument("--web", type=port, metavar="PORT",
                        help="also serve each link as a browser page, on this port")
    parser.add_argument("--public-url", type=public_url, metavar="URL",
                        help="where browsers reach the --web pages when a proxy serves them (https://…): the "
                             "links' pages are given there")
    parser.add_argument("--timer", type=duration, metavar="DURATION",
                        help="time for each turn, e.g. 5m; when it runs out, seats that have not decided hold")
    parser.add_argument("--journal", type=Path, metavar="FILE",
                        help="the host's journal (default: host-journal.sqlite in the saves folder)")
    parser.add_argument("--seed", type=arguments.seed, help="the first game's seed (the next game's is one more)")
    parser.add_argument("--saves", type=arguments.text_path, default=Path("saves"), metavar="DIR",
                        help="where each game's .wgsave is written as it goes (default: saves/)")
    parser.add_argument("--seat", action="append", default=[], metavar="ACTOR=POLICY",
                        help="let a computer policy play a seat (default: every seat is a person's)")
    parser.add_argument("--roster", type=Path, metavar="FILE.csv",
                        help="the class list: a name per line, or name,table,seat; seats the students (without "
                             "--games, as many tables as they need) and writes the links file")
    parser.add_argument("--links-file", type=Path, metavar="FILE.csv",
                        help="write the seats' links there as CSV (name, table, seat, link; readable by you only); "
                             "default with --roster: links.csv in the saves folder")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.net.host import HostOptions, run_host

    return run_host(HostOptions(scenario=args.scenario, games=args.games, bind=args.bind, port=args.port,
                                web=args.web, timer=args.timer, journal=args.journal, seed=args.seed,
                                saves=args.saves, seats=tuple(args.seat), public_url=args.public_url,
                                roster=args.roster, links_file=args.links_file))
