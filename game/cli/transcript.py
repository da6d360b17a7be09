"""Plain text of a game for ``run`` and ``replay``: the presentation's lines, wrapped for a terminal.

It prints what a :class:`~game.seat_view.SeatView` holds and nothing more:
given a seat's view it shows what that seat knew, given the facilitator's,
everything, chance rolls included; formulas only with ``--formulas``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence

from game.presentation.entries import turn_lines
from game.presentation.scores import ending_lines
from game.presentation.spans import Line
from game.seat_view.model import SeatName, SeatView

INDENT = 2
"""Entries sit under their turn's heading."""
WIDTH = 100


def plain(lines: Iterable[Line], indent: int = 0) -> list[str]:
    """Each line's text at its indent (plus ``indent``), wrapped at WIDTH with a hanging indent."""
    out = []
    for item in lines:
        start = " " * (indent + item.indent)
        out += textwrap.wrap(item.text, WIDTH, initial_indent=start, subsequent_indent=start + "  ",
                             break_on_hyphens=False) or [""]
    return out


def format_turn(view: SeatView, turn: int, *, formulas: bool = False) -> list[str]:
    heading, *entries = turn_lines(view, turn, formulas=formulas)
    return [heading.text, *plain(entries, INDENT)]


def format_ending(view: SeatView, *, formulas: bool = False) -> list[str]:
    return plain(ending_lines(view, formulas=formulas))


def format_seats(seats: Sequence[SeatName], controllers: Mapping[str, str]) -> str:
    """Who plays each seat: ``Seats: United States: human · Russia: random``."""
    return "Seats: " + " \u00b7 ".join(f"{seat.name}: {controllers[seat.id]}" for seat in seats)
