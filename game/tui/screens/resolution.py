"""What happened last turn, as this seat may know it: orders, news items, and each change in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Static

from game.presentation.words import turn_heading
from game.seat_view.model import SeatView
from game.tui.screens.formulas import FormulaToggle
from game.tui.text import shown
from game.tui.widgets.footer import Footer
from game.tui.widgets.news_feed import NewsFeed
from game.tui.widgets.track_meters import TrackMeters


class ResolutionScreen(FormulaToggle[None]):
    """The results of ``turn`` in ``view`` (a seat's, or the facilitator's)."""

    CSS_PATH = "resolution.tcss"
    BINDINGS = [
        Binding("enter", "done", "Continue", key_display="Enter"),
        Binding("ctrl+s", "app.save_as", "Save as", id="game.save_as"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, view: SeatView, turn: int, *, formulas_allowed: bool = False) -> None:
        super().__init__(formulas_allowed=formulas_allowed)
        self.view, self.turn = view, turn
        who = view.name(view.seat).name if view.seat else "Facilitator"
        self.sub_title = f"{turn_heading(view, turn)}: results \u00b7 {who}"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="resolution-body"):
            with VerticalScroll(id="news"):
                yield Static(shown(f"What happened in turn {self.turn}"), classes="pane-title")
                yield NewsFeed(id="feed")
            with VerticalScroll(id="after"):
                yield Static("Situation now", classes="pane-title")
                yield TrackMeters(id="tracks")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TrackMeters).show(self.view.tracks)
        self.redraw()
        self.query_one("#news").focus()

    def redraw(self) -> None:
        self.query_one(NewsFeed).show(self.view, self.view.entries_of(self.turn), formulas=self.formulas)

    def action_done(self) -> None:
        self.dismiss(None)
