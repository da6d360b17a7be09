"""The situation and the map over a narrow turn screen, where the decisions take the whole width.

At 80 columns a turn screen split in two shows about three decisions; there the
decisions have the screen and the tracks and map open here (``s``, ``m``), as
the same view shows them, and close with the same key or Escape.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from game.seat_view.model import SeatView
from game.tui.dismissal import DismissOnce
from game.tui.widgets.footer import Footer
from game.tui.widgets.region_map import RegionMap
from game.tui.widgets.track_meters import TrackMeters


class SituationScreen(DismissOnce, ModalScreen[None]):
    """``view``'s tracks and map; ``at_map`` opens it scrolled to the map."""

    CSS_PATH = "situation.tcss"
    BINDINGS = [Binding("escape,s,m,q", "close", "Close")]

    def __init__(self, view: SeatView, *, at_map: bool = False) -> None:
        super().__init__()
        self.view, self.at_map = view, at_map

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="situation-pane"):
            yield Static("Situation", classes="pane-title")
            yield TrackMeters(id="tracks")
            if self.view.map is not None:
                yield Static("Map", classes="pane-title", id="map-title")
                yield RegionMap(id="map")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TrackMeters).show(self.view.tracks)
        if self.view.map is not None:
            self.query_one(RegionMap).show(self.view.map)
        pane = self.query_one("#situation-pane")
        pane.focus()
        if self.at_map and self.view.map is not None:
            self.call_after_refresh(lambda: self.query_one("#map-title").scroll_visible(top=True, animate=False))

    def action_close(self) -> None:
        self.dismiss(None)
