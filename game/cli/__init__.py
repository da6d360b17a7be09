"""The ``wargame`` command: one sub-command per module, user errors as one line.

Each command module offers ``register(subparsers)``, which adds its parser and
sets ``handler``; adding a command is one name in ``COMMANDS``. Modules import
their heavy dependencies inside the handler, so ``wargame validate`` never
pays for Textual; a command named first (``wargame simulate …``) imports and
builds only its own parser, and a bare ``wargame`` only ``play``'s, so neither
a batch command nor the title screen's first frame waits for the others.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from game import __version__
from game.errors import ScenarioError, WargameError

COMMANDS = ("new", "validate", "run", "replay", "branch", "diff", "saves", "simulate", "lint", "balance", "report",
            "serve", "play", "host", "join")
"""The modules of ``game.cli`` that each add one command, in the order ``--help`` lists them."""
DEFAULT_COMMAND = "play"
USAGE_ERROR = 2


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose mistakes end in one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see {self.prog} --help)\n")
        raise SystemExit(USAGE_ERROR)


def build_parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="wargame",
        description="Horizon: a terminal wargame for policy training and classroom discussion.",
    )
    parser.add_argument("--version", action="version", version=f"wargame {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for name in commands:
        importlib.import_module(f"game.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv = [DEFAULT_COMMAND, *argv]  # `wargame --saves DIR`: options of the game itself
    if argv:  # a named command builds its own parser only: `wargame simulate` never imports host or join
        args = build_parser([argv[0]] if argv[0] in COMMANDS else COMMANDS).parse_args(argv)
    if not argv or args.command is None:  # bare `wargame` opens the game
        args = build_parser([DEFAULT_COMMAND]).parse_args([DEFAULT_COMMAND])
    try:
        return args.handler(args)
    except ScenarioError as error:
        sys.stderr.write("".join(f"{_plain(str(problem), multiline=True)}\n" for problem in error.problems))
        return USAGE_ERROR
    except WargameError as error:
        sys.stderr.write(f"wargame {args.command}: {_plain(str(error), multiline=False)}\n")
        return USAGE_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("wargame: interrupted\n")
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `wargame run ... | head`): nothing to report
        return 0


def _plain(message: str, *, multiline: bool) -> str:
    """``message`` without control characters: it may quote a file's name or what a user typed.

    The cleaner is imported here, when an error happens, so a bare ``wargame`` loads no scenario code.
    """
    from game.safe_text import clean

    return clean(message, multiline=multiline)
