"""argparse types the commands share: whole numbers in a range, each refused in one clear line.

Every count a user can pass has an upper bound: a typo of a few more digits
must end in one line at once, not in hours of work, a fork of thousands of
processes, or memory exhausted.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from game.whole_numbers import NotAWholeNumber, parse_whole, quoted

MAX_RUNS = 1_000_000
"""Most simulated games one command plays (simulate, lint, balance, report): about an hour's work."""
MAX_JOBS = 256
"""Most worker processes."""
MAX_TURN = 10_000
"""The loader's most turns: no save holds a later turn."""


def whole_number(what: str, low: int, high: int) -> Callable[[str], int]:
    """An argparse type accepting whole numbers from ``low`` to ``high``, named ``what`` in messages."""

    def parse(text: str) -> int:
        try:
            return parse_whole(text, low, high)
        except NotAWholeNumber as error:
            raise argparse.ArgumentTypeError(f"invalid {what} {quoted(text)}: {error}") from None

    return parse


count = whole_number("count", 1, MAX_RUNS)
"""Runs: 1 or more, within ``MAX_RUNS``."""

count_or_none = whole_number("count", 0, MAX_RUNS)
"""Runs where 0 means none."""

jobs = whole_number("number of processes", 1, MAX_JOBS)

turn = whole_number("turn", 0, MAX_TURN)
"""A turn of a saved game: 0 (before the first) or more."""


def text_path(text: str) -> Path:
    """A path that is kept as text (in the host's journal): its name must be UTF-8, as a journal's text is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(f"{quoted(text)}: the name is not UTF-8 text, which the journal keeps: "
                                         "give another") from None
    return Path(text)


def seed(text: str) -> int:
    """A game's seed, in the engine's range (the setup's own check: one rule for the command line and plain mode)."""
    from game.desk.setup import parse_seed
    from game.errors import WargameError

    try:
        return parse_seed(text)
    except WargameError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_formulas(parser: argparse.ArgumentParser) -> None:
    """``--formulas``: the designer's and facilitator's view of the rules behind each change."""
    parser.add_argument("--formulas", action="store_true",
                        help="also show each change's effect, conditions and chances as the scenario writes "
                             "them (only those the viewer may know)")
