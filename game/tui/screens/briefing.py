"""A seat's private briefing, and its own objective, before its first turn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.presentation.briefing import briefing_lines
from game.seat_view.model import SeatView
from game.tui.dismissal import DismissOnce
from game.tui.spans import joined
from game.tui.text import plain, shown


class BriefingScreen(DismissOnce, Screen[None]):
    """Shown only to ``view.seat``, after its hand-off."""

    CSS_PATH = "briefing.tcss"
    BINDINGS = [
        Binding("enter", "done", "Begin", key_display="Enter"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, view: SeatView) -> None:
        super().__init__()
        self.view = view
        self.sub_title = plain(f"Briefing \u00b7 {view.name(view.seat).name}")

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="briefing"):
            yield Static(shown(self.view.title), id="briefing-title")
            yield Static(joined(briefing_lines(self.view)), id="briefing-text")
        yield Footer()

    def action_done(self) -> None:
        self.dismiss(None)
