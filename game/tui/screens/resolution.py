"""What happened last turn, as this seat may know it: orders, news items, and why each change."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.cli.transcript import turn_heading
from game.engine.model import Scenario
from game.engine.views import View
from game.tui.game_views import entries_of_turn
from game.tui.widgets.news_feed import NewsFeed
from game.tui.widgets.track_meters import TrackMeters


class ResolutionScreen(Screen[None]):
    """The results of ``turn`` in ``view`` (a seat's, or the facilitator's)."""

    CSS_PATH = "resolution.tcss"
    BINDINGS = [
        Binding("enter", "done", "Continue", key_display="Enter"),
        Binding("ctrl+s", "app.save_as", "Save as", id="game.save_as"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, scenario: Scenario, view: View, turn: int, previous: Mapping[str, object],
                 rationales: Mapping[str, str]) -> None:
        super().__init__()
        self.scenario, self.view, self.turn, self.previous = scenario, view, turn, previous
        self.rationales = rationales
        who = scenario.actor_name(view.seat) if view.seat else "Facilitator"
        self.sub_title = f"{turn_heading(scenario, turn)}: results \u00b7 {who}"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="resolution-body"):
            with VerticalScroll(id="news"):
                yield Static(f"What happened in turn {self.turn}", classes="pane-title")
                yield NewsFeed(id="feed")
            with VerticalScroll(id="after"):
                yield Static("Situation now", classes="pane-title")
                yield TrackMeters(id="tracks")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(NewsFeed).show(self.scenario, entries_of_turn(self.view, self.turn), self.rationales)
        self.query_one(TrackMeters).show(self.scenario.variables, self.view.variables, self.previous)
        self.query_one("#news").focus()

    def action_done(self) -> None:
        self.dismiss(None)
