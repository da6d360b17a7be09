"""Lines of styled text without a toolkit: each span is (text, role), each line has an indent.

Roles say what a piece of text is, not how it looks; a shell decides the look
(the command line none, the Textual app a style per role).
"""

from __future__ import annotations

from attrs import frozen

PLAIN = ""
STRONG = "strong"
"""What the line is about: an action's label, a track's new value."""
SEAT = "seat"
GOOD, BAD, WARNING = "good", "bad", "warning"
"""Success; failure; overtaken, unavailable or secret."""
ODDS = "odds"
"""A chance, where a player weighs options."""
MUTED = "muted"
"""Details the reader may skip: odds, formulas, labels of a field."""
QUOTE = "quote"
"""The source's own words, a player's rationale."""
NEWS, END = "news", "end"
"""The tag before an event's text, before the game's ending."""

Span = tuple[str, str]


@frozen
class Line:
    spans: tuple[Span, ...]
    indent: int = 0

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.spans)


def line(*parts: str | Span, indent: int = 0) -> Line:
    """A line from plain strings and (text, role) pairs; empty pieces are dropped."""
    spans = tuple(part if isinstance(part, tuple) else (part, PLAIN) for part in parts)
    return Line(tuple(span for span in spans if span[0]), indent)
