"""Lines of the presentation drawn at the pane's width, each wrapped under its own indent (a hanging indent).

A ``Static`` wraps a long line back to the pane's left edge, so the details of
an argued move (its reasons, the counter-arguments) lose their place under
it; this pane wraps each line within its indent, as the turn's results do.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widget import Widget

from game.presentation.spans import Line, line
from game.tui.spans import wrapped


class LinesPane(Widget):
    """Presentation lines, wrapped to the pane's width with a hanging indent; ``empty`` when there are none."""

    DEFAULT_CSS = """
    LinesPane { height: auto; }
    """

    def __init__(self, lines: Iterable[Line] = (), *, empty: str = "", id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines, self.empty = tuple(lines), empty

    def show(self, lines: Iterable[Line]) -> None:
        self.lines = tuple(lines)
        self.refresh(layout=True)

    def render(self) -> Content:
        if not self.lines:
            return Content(self.empty)
        return Content("\n").join(wrapped(self.lines, self.content_region.width or 80))


def indented(text: str) -> list[Line]:
    """Plain lines whose leading spaces are their indent (a desk's text, as the consoles list it)."""
    return [line(row.lstrip(" "), indent=len(row) - len(row.lstrip(" "))) for row in text.splitlines()]
