"""Everything a view holds of the game so far, turn by turn: what happened, and the messages sent."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from game.presentation.messages import message_lines, messages_of
from game.presentation.words import turn_heading
from game.seat_view.model import SeatView
from game.tui.dismissal import DismissOnce
from game.tui.spans import joined
from game.tui.widgets.footer import Footer
from game.tui.widgets.news_feed import NewsFeed


class GameLogScreen(DismissOnce, ModalScreen[None]):
    """The log of ``view``: a seat's own, or the facilitator's whole one (with formulas if shown)."""

    CSS_PATH = "game_log.tcss"
    BINDINGS = [Binding("escape,l,q", "close", "Close")]

    def __init__(self, view: SeatView, *, formulas: bool = False) -> None:
        super().__init__()
        self.view, self.formulas = view, formulas

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="log"):
            view = self.view
            turns = sorted({entry.turn for entry in view.entries} | {message.turn for message in view.messages})
            if not turns:
                yield Static("Nothing has happened yet.", classes="log-empty")
            for turn in turns:
                yield Static(turn_heading(view, turn), classes="log-turn", markup=False)
                if view.entries_of(turn):
                    feed = NewsFeed()
                    feed.show(view, view.entries_of(turn), formulas=self.formulas)
                    yield feed
                for message in messages_of(view, turn):
                    yield Static(joined(message_lines(view, message)), classes="log-message")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
