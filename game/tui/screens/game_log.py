"""Everything a view holds of the game so far, turn by turn: what happened, and the messages sent.

The latest ``PAGE`` turns are shown at first and ``e`` adds as many earlier
ones each time, so opening the log of a long game costs a page, not the game.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from game.presentation.messages import message_lines, messages_of
from game.presentation.words import turn_heading
from game.seat_view.model import SeatView
from game.tui.dismissal import DismissOnce
from game.tui.spans import joined
from game.tui.text import shown
from game.tui.widgets.footer import Footer
from game.tui.widgets.news_feed import NewsFeed

PAGE = 40
"""Turns shown at once, and added by each ``e``."""


class GameLogScreen(DismissOnce, ModalScreen[None]):
    """The log of ``view``: a seat's own, or the facilitator's whole one (with formulas if shown)."""

    CSS_PATH = "game_log.tcss"
    BINDINGS = [Binding("escape,l,q", "close", "Close"), Binding("e", "earlier", "Earlier turns", show=False)]

    def __init__(self, view: SeatView, *, formulas: bool = False) -> None:
        super().__init__()
        self.view, self.formulas = view, formulas
        self.last = max(view.turn if not view.over else view.played, 0)
        """The latest turn the log can hold (the open one's messages included)."""
        self.first = max(1, self.last - PAGE + 1)
        """The earliest turn shown."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="log"):
            yield Static(self._earlier_text(), id="log-earlier", classes="log-empty", markup=False)
            shown = list(self._turns(self.first, self.last))
            if not shown and self.first == 1:
                yield Static("Nothing has happened yet.", classes="log-empty")
            yield from shown
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#log-earlier").display = self.first > 1

    def _turns(self, first: int, last: int):
        view = self.view
        for turn in range(first, last + 1):
            entries, messages = view.entries_of(turn), messages_of(view, turn)
            if not entries and not messages:
                continue
            yield Static(turn_heading(view, turn), classes="log-turn", markup=False)
            if entries:
                feed = NewsFeed()
                feed.show(view, entries, formulas=self.formulas)
                yield feed
            for message in messages:
                yield Static(joined(message_lines(view, message)), classes="log-message")

    def _earlier_text(self) -> str:
        return f"Turns 1 to {self.first - 1} are not shown: e shows {PAGE} more."

    def action_earlier(self) -> None:
        if self.first == 1:
            return
        first, last = max(1, self.first - PAGE), self.first - 1
        self.first = first
        marker = self.query_one("#log-earlier", Static)
        widgets: list[Widget] = list(self._turns(first, last))
        if widgets:
            self.query_one("#log").mount_all(widgets, after=marker)
        marker.update(shown(self._earlier_text()))
        marker.display = first > 1

    def action_close(self) -> None:
        self.dismiss(None)
