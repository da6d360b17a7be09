"""Everything a view holds of the game so far, turn by turn."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from game.cli.transcript import turn_heading
from game.engine.model import Scenario
from game.engine.views import View
from game.tui.game_views import entries_of_turn
from game.tui.widgets.news_feed import NewsFeed


class GameLogScreen(ModalScreen[None]):
    """The log of ``view``: a seat's own, or the facilitator's whole one."""

    CSS_PATH = "game_log.tcss"
    BINDINGS = [Binding("escape,l,q", "close", "Close")]

    def __init__(self, scenario: Scenario, view: View, rationales: Mapping[int, Mapping[str, str]]) -> None:
        super().__init__()
        self.scenario, self.view, self.rationales = scenario, view, rationales

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="log"):
            turns = sorted({entry.turn for entry in self.view.entries})
            if not turns:
                yield Static("Nothing has happened yet.", classes="log-empty")
            for turn in turns:
                yield Static(turn_heading(self.scenario, turn), classes="log-turn", markup=False)
                feed = NewsFeed()
                feed.show(self.scenario, entries_of_turn(self.view, turn), self.rationales.get(turn, {}))
                yield feed
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
