"""Whole numbers a person types (a flag, a seed, a choice in plain mode, a turn in the app), read safely.

Python's ``int`` accepts other scripts' digits (``"٣"``), underscores and
spaces, and refuses more than 4,300 digits with an error about its own
limits; a number typed by a person must be plain ASCII digits in a range.
:func:`parse_whole` checks the form and the range before converting, so a
5,000-digit answer is simply out of range, in the same words as 11 for 1 to
10. A leaf module: the standard library only.
"""

from __future__ import annotations

import re

from game.safe_text import printable

_WHOLE = re.compile(r"[+-]?[0-9]+")
_SHOWN = 40
"""Characters of a refused text quoted back: enough to recognise it, never a screenful."""


class NotAWholeNumber(ValueError):
    """The text is not a whole number in the range; ``str`` says what to give instead (no quote of the text)."""


def parse_whole(text: str, low: int, high: int) -> int:
    """``text`` (an optional sign and ASCII digits, spaces around) as an int from ``low`` to ``high``.

    Raises :class:`NotAWholeNumber` saying "give a whole number" or "give a
    number from LOW to HIGH"; never Python's digit-limit error.
    """
    written = text.strip()
    if _WHOLE.fullmatch(written) is None:
        raise NotAWholeNumber("give a whole number")
    digits = written.lstrip("+-").lstrip("0")
    if len(digits) > len(str(max(abs(low), abs(high)))):
        raise NotAWholeNumber(f"give a number from {low} to {high}")
    value = int(written)
    if not low <= value <= high:
        raise NotAWholeNumber(f"give a number from {low} to {high}")
    return value


def quoted(text: str) -> str:
    """``text`` as a refusal quotes it back: made printable (``safe_text``), cut to a few dozen characters."""
    shown = printable(text if len(text) <= _SHOWN else text[:_SHOWN] + "\u2026")
    return f"\u201c{shown}\u201d"
