"""What happened in a turn, as the viewer may know it: orders, news items, and each change in words."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from game.presentation.entries import entry_blocks
from game.seat_view.model import EntryView, SeatView
from game.tui.spans import wrapped


def feed(view: SeatView, entries: Sequence[EntryView], width: int, *, formulas: bool = False) -> list[Content]:
    """The entries as lines of at most ``width`` cells, a blank line between entries."""
    out: list[Content] = []
    for block in entry_blocks(view, entries, formulas=formulas):
        if out:
            out.append(Content(""))
        out += wrapped(block, width)
    return out


class NewsFeed(Widget):
    """Entries of a view (those of one turn, as a rule)."""

    DEFAULT_CSS = """
    NewsFeed { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: SeatView | None = None
        self.entries: tuple[EntryView, ...] = ()
        self.formulas = False
        self.empty = ""

    def show(self, view: SeatView, entries: Sequence[EntryView], *, formulas: bool = False,
             empty: str = "Nothing you could see happened.") -> None:
        """Draw ``entries`` of ``view``; ``empty`` is what to say when there are none."""
        self.view, self.entries, self.formulas, self.empty = view, tuple(entries), formulas, empty
        self.refresh(layout=True)

    def render(self) -> Content:
        if not self.entries or self.view is None:
            return Content.styled(self.empty, "i")
        return Content("\n").join(feed(self.view, self.entries, self.content_region.width or 80,
                                       formulas=self.formulas))
