"""Values, scores, dates and names as people read and say them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from game.engine.model import say_value
from game.seat_view.model import SeatView


def format_value(value: Any, labels: Mapping[str, str] | None = None) -> str:
    """A value as a reader would say it: an enum value by its label (``labels``), yes/no, whole numbers plain.

    A track's value is better said by ``Track.say`` or ``SeatView.say``, which know its labels."""
    return say_value(value, labels)


QUOTES = ("\u201c", "\u2018", '"', "'", "\u00ab")


def quoted(text: str) -> str:
    """``text`` in quotation marks, unless it opens with its own (a source that starts “We won’t…”)."""
    return text if text.lstrip().startswith(QUOTES) else f"\u201c{text}\u201d"


def format_score(score: float) -> str:
    """A score in a column of scores: whole numbers plain, fractions to two places."""
    if isinstance(score, int) or float(score).is_integer():
        return str(int(score))
    return f"{score:.2f}"


def percent(chance: float) -> str:
    return f"{chance:.0%}"


def turn_heading(view: SeatView, turn: int) -> str:
    """``Turn 3/16 · 05 Jul 2021``."""
    date = view.date_of(turn)
    return f"Turn {turn}/{view.turns}" + (f" \u00b7 {date:%d %b %Y}" if date else "")


def viewer_name(view: SeatView, *, first: bool = False) -> str:
    """Who the view is for, as a sentence names it: ``the United States``, ``the facilitator``."""
    if view.seat is None:
        return "The facilitator" if first else "the facilitator"
    return view.name(view.seat).in_sentence(first=first)


def and_list(names: Iterable[str]) -> str:
    """``Russia``, ``Russia and China``, ``the United States, Russia and China``."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
