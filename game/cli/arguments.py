"""argparse types the commands share: whole numbers in a range, each refused in one clear line."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def whole_number(what: str, low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type accepting whole numbers from ``low`` (to ``high``), named ``what`` in messages."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid {what} {text!r}: give a whole number") from None
        if value < low or (high is not None and value > high):
            bounds = f"a number from {low} to {high}" if high is not None else f"{low} or more"
            raise argparse.ArgumentTypeError(f"invalid {what} {text!r}: give {bounds}")
        return value

    return parse


count = whole_number("count", 1)
"""Runs, processes: 1 or more."""

turn = whole_number("turn", 0)
"""A turn of a saved game: 0 (before the first) or more."""


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
