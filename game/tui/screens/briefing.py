"""A seat's private briefing, and its own objective, before its first turn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown, Static

from game.presentation.briefing import briefing_markdown
from game.seat_view.model import SeatView
from game.tui.dismissal import DismissOnce
from game.tui.widgets.footer import Footer


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
        self.sub_title = f"Briefing \u00b7 {view.name(view.seat).name}"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="briefing"):
            yield Static(self.view.title, id="briefing-title", markup=False)
            yield Markdown(briefing_markdown(self.view))
        yield Footer()

    def action_done(self) -> None:
        self.dismiss(None)
