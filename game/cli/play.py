"""``wargame play [SCENARIO]``: open the game (bare ``wargame`` does the same).

Everything given on the command line is loaded and checked here, before
Textual starts, so a broken scenario, a damaged save or a wrong flag ends in
one line and exit status 2 rather than inside the app.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from game.cli import arguments
from game.errors import WargameError

THEME_ENVIRONMENT = "HORIZON_THEME"
"""Sets the theme of every start of the game on a classroom machine (``--theme`` wins)."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "play", help="play in the terminal (the default command)",
        description="Open the game. With SCENARIO, set up a game of it; with --load, resume a save.")
    parser.add_argument("scenario", metavar="SCENARIO", nargs="?", help="scenario file (.toml)")
    parser.add_argument("--seat", action="append", default=[], metavar="ACTOR=human|POLICY",
                        help="who plays a seat (default: human); repeat for several seats")
    parser.add_argument("--seed", type=arguments.seed, help="the game's seed (default: a random one)")
    parser.add_argument("--load", metavar="SAVE", type=Path, help="resume a saved game")
    parser.add_argument("--facilitator", action="store_true",
                        help="one screen sees everything and steps the game (no hand-offs)")
    parser.add_argument("--saves", metavar="FOLDER", type=Path, default=None,
                        help="where games are saved (default: $HORIZON_SAVES, else saves/ here)")
    parser.add_argument("--theme", metavar="NAME", default=os.environ.get(THEME_ENVIRONMENT, ""),
                        help="high-contrast, colour-blind, or a Textual theme's name (default: $HORIZON_THEME, "
                             "else Textual's; Ctrl+P \u2192 themes changes it while playing)")
    parser.add_argument("--plain", action="store_true",
                        help="line mode for screen readers and pipes: each screen as text, numbered choices "
                             "read from standard input")
    parser.set_defaults(handler=handle)


def options_from(args: argparse.Namespace):
    """Load and check what the flags name; raises WargameError on any mistake.

    A bare ``wargame`` imports nothing of the game here, so its first frame comes sooner.
    """
    from game.desk.launch import LaunchOptions
    from game.saves_folder import default_saves_folder

    saves = default_saves_folder(args.saves)
    theme = checked_theme(args.theme)
    if args.load and (args.scenario or args.seat or args.seed is not None):
        raise WargameError("--load resumes a saved game: give no SCENARIO, --seat or --seed with it")
    if (args.seat or args.seed is not None) and not args.scenario:
        raise WargameError("--seat and --seed need a SCENARIO")
    if args.load:
        from game.desk import storage

        return LaunchOptions(session=storage.restore(args.load), load=args.load, facilitator=args.facilitator,
                             saves_dir=saves, theme=theme)
    if args.scenario:
        from game.scenario import load_scenario
        from game.session import HUMAN, parse_seat_options

        scenario = load_scenario(args.scenario)
        controllers = parse_seat_options(scenario, args.seat, HUMAN)
        return LaunchOptions(scenario=scenario, controllers=controllers, seed=args.seed,
                             facilitator=args.facilitator, saves_dir=saves, theme=theme)
    return LaunchOptions(facilitator=args.facilitator, saves_dir=saves, theme=theme)


def checked_theme(name: str) -> str:
    """``name`` if a theme is called so (ours by short name, or Textual's own), else one line saying which are."""
    if not name:
        return ""
    from game.tui.themes import theme_problem

    problem = theme_problem(name)
    if problem:
        raise WargameError(f"--theme {name}: {problem}")
    return name


def handle(args: argparse.Namespace) -> int:
    options = options_from(args)
    if args.plain:
        import sys

        from game.plain.console import Console
        from game.plain.walk import run_plain

        return run_plain(options, Console(sys.stdin, sys.stdout, terminal=sys.stdout.isatty()))
    from game.desk.terminal import require_terminal

    require_terminal("play")
    from game.tui.app import HorizonApp

    app = HorizonApp(options)
    app.run()
    return app.return_code or 0
