"""The presentation's lines as Textual content: one style per role, wrapped to a pane's width."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from game.presentation.spans import (
    BAD,
    END,
    GOOD,
    MUTED,
    NEWS,
    ODDS,
    PLAIN,
    QUOTE,
    SEAT,
    STRONG,
    WARNING,
    Line,
    Span,
)
from game.tui.text import shown

STYLES = {PLAIN: "", STRONG: "b", SEAT: "$accent b", GOOD: "$success b", BAD: "$error b", WARNING: "$warning",
          ODDS: "$accent b", MUTED: "$text-muted", QUOTE: "i", NEWS: "reverse $warning b", END: "reverse $error b"}
ON_CURSOR = {role: " ".join(part for part in style.split() if not part.startswith("$"))
             for role, style in STYLES.items()}
"""The styles without their colours, for a line under a list's cursor: its bar has a colour of its own, and
an orange "private" on the high-contrast theme's yellow bar could not be read (issue 24)."""
BADGES = frozenset({NEWS, END})
"""Roles drawn as a tag with a space inside each end."""


def _span(span: Span, styles: dict[str, str]) -> Content:
    text, role = span
    return shown(f" {text} " if role in BADGES else text, styles[role], multiline=True)


def content(line: Line, *, on_cursor: bool = False) -> Content:
    """One line, styled, without its indent; its texts are data (literal, never markup)."""
    styles = ON_CURSOR if on_cursor else STYLES
    return Content.assemble(*(_span(span, styles) for span in line.spans))


def joined(lines: Iterable[Line], *, on_cursor: bool = False) -> Content:
    """Lines one under another, each at its indent (for panes that wrap by themselves)."""
    return Content("\n").join(content(item, on_cursor=on_cursor).pad_left(item.indent) for item in lines)


HANG = 2
"""Extra indent of a wrapped line's continuation, so each line's start stands out."""


def wrapped(lines: Iterable[Line], width: int, *, on_cursor: bool = False) -> list[Content]:
    """Lines wrapped to at most ``width`` cells (but never narrower than 10), with a hanging indent."""
    out: list[Content] = []
    for item in lines:
        first, *rest = content(item, on_cursor=on_cursor).wrap(max(10, width - item.indent))
        out.append(first.pad_left(item.indent))
        if rest:
            hang = item.indent + HANG
            out += [part.pad_left(hang) for part in Content(" ").join(rest).wrap(max(10, width - hang))]
    return out
