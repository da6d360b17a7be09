"""A seat's private briefing, and its own objective, before its first turn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from game.presentation.briefing import briefing_sections
from game.seat_view.model import SeatView
from game.tui.dismissal import DismissOnce
from game.tui.text import plain, shown
from game.tui.widgets.footer import Footer


def briefing_text(view: SeatView) -> Content:
    """The seat's name, then each section under its heading: an author's ``*`` or ``[link]`` shows as written."""
    parts = [shown(view.name(view.seat).name, "$accent b")]
    for heading, text in briefing_sections(view):
        said = shown(text, multiline=True)
        parts.append(Content("\n").join([shown(heading, "b"), said]) if heading else said)
    parts[-1] = Content.assemble(parts[-1], (" Press Enter to begin.", "i"))
    return Content("\n\n").join(parts)


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
            yield Static(briefing_text(self.view), id="briefing-text")
        yield Footer()

    def action_done(self) -> None:
        self.dismiss(None)
