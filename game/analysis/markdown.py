"""Small Markdown builders for the debrief: escaping authors' text, tables, quotes.

Scenario text is written by people and may hold ``*``, ``_`` or ``|``; escaped,
it prints as written instead of turning into emphasis or breaking a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")


def escape(text: str) -> str:
    """``text`` as literal Markdown inline text, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def quote(text: str) -> str:
    """Already-escaped text in typographic quotes, unless it opens with a quotation of its own."""
    if text[:1] in "\u201c\"":
        return text
    return f"\u201c{text}\u201d"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table of already-escaped cells."""
    return [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
