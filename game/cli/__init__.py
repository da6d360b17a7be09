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
import os
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
        sys.stderr.write(f"{self.prog}: {_plain(message, multiline=False)} (see {self.prog} --help)\n")
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
        args = _parsed(build_parser([argv[0]] if argv[0] in COMMANDS else COMMANDS), argv)
    if not argv or args.command is None:  # bare `wargame` opens the game
        args = _parsed(build_parser([DEFAULT_COMMAND]), [DEFAULT_COMMAND])
    from game.cli.output import OutputFailed, guard_stdout, silence_stdout, unguard_stdout

    guarded = guard_stdout(shown=args.command != "play")
    try:
        try:
            status = args.handler(args)
        finally:
            unguard_stdout(guarded)
        return status
    except ScenarioError as error:
        return _fail("".join(f"{_plain(str(problem), multiline=True)}\n" for problem in error.problems))
    except OutputFailed as error:
        silence_stdout()
        return _fail(f"wargame {args.command}: {error}\n")
    except WargameError as error:
        return _fail(f"wargame {args.command}: {_plain(str(error), multiline=False)}\n")
    except OSError as error:  # the file system refused a path the user gave (too long, a loop of links, …)
        named = f"{os.fsdecode(error.filename)}: " if error.filename is not None else ""
        return _fail(f"wargame {args.command}: {_plain(named + (error.strerror or str(error)), multiline=False)}\n")
    except KeyboardInterrupt:
        _fail("wargame: interrupted\n")
        return 130


def _parsed(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """``parser``'s reading of ``argv``. ``--help`` and ``--version`` print here, and argparse ignores a
    failed write (exit 0, nothing said): they write through the guarded output too, so a failure
    (``> /dev/full``, a closed pipe) ends in one line, exit 2, like every command's."""
    from game.cli.output import OutputFailed, guard_stdout, silence_stdout, unguard_stdout

    guarded = guard_stdout(shown=True)
    try:
        try:
            return parser.parse_args(argv)
        finally:
            unguard_stdout(guarded)
    except OutputFailed as error:
        silence_stdout()
        raise SystemExit(_fail(f"{parser.prog}: {error}\n")) from None


def _fail(text: str) -> int:
    """Say what went wrong on standard error (which may itself be gone); the exit status of a user error."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return USAGE_ERROR


MAX_LINE = 2_000
"""Longest one-line error: it may quote what a user typed (a 100,000-character ``--fire`` name, twice)."""


def _plain(message: str, *, multiline: bool) -> str:
    """``message`` as it may be shown: it may quote a file's name or what a user typed (``safe_text``);
    each line cut in the middle past ``MAX_LINE`` characters, so it stays a line a person reads."""
    from game.safe_text import printable

    shown = printable(message, multiline=multiline)
    return "\n".join(_cut(line) for line in shown.split("\n")) if multiline else _cut(shown)


def _cut(line: str) -> str:
    if len(line) <= MAX_LINE:
        return line
    return (f"{line[:MAX_LINE * 2 // 3]} … ({len(line) - MAX_LINE:,} characters left out) … "
            f"{line[-(MAX_LINE // 3):]}")
