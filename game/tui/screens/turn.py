"""A seat's turn: the situation as it may see it, the map, its decisions, a rationale, confirm.

The screen is handed a view and dismisses with an :class:`Order`; what the
order does is the engine's business. In facilitator mode the view is the
facilitator's (everything) and ``seat`` says whose order is being taken.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, OptionList, Static

from game.cli.transcript import turn_heading
from game.engine.model import Scenario
from game.engine.views import Option, View
from game.session import Order
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.screens.game_log import GameLogScreen
from game.tui.widgets.decisions import DecisionList
from game.tui.widgets.region_map import RegionMap
from game.tui.widgets.track_meters import TrackMeters


def option_detail(option: Option) -> Content:
    """What a player may want to know before choosing: what, odds, why not, and the source."""
    action = option.action
    lines = [Content.styled(action.label, "b")]
    if action.description:
        lines.append(Content(action.description))
    if option.chance is not None:
        lines.append(Content.assemble(("Chance of success: ", "$text-muted"), (f"{option.chance:.0%}", "b")))
    elif option.chance_hidden:
        lines.append(Content.styled("Chance of success: unknown to you (it depends on what you cannot see)",
                                    "$text-muted"))
    if not option.available:
        lines.append(Content.styled(f"Unavailable now: {option.reason}", "$warning"))
    if action.visibility == "private":
        lines.append(Content.styled("Private: only you will know you did this.", "$text-muted"))
    if action.source:
        lines.append(Content.styled(f"\u201c{action.source}\u201d", "i $text-muted"))
    return Content("\n").join(lines)


class TurnScreen(Screen[Order]):
    """Takes one seat's order for the current turn."""

    CSS_PATH = "turn.tcss"
    BINDINGS = [
        Binding("ctrl+o", "confirm", "Confirm order", id="turn.confirm"),
        Binding("l", "log", "Log", tooltip="Everything this seat has seen so far", id="turn.log"),
        Binding("m", "show_map", "Map", tooltip="Scroll to the map", id="turn.map"),
        Binding("ctrl+s", "app.save_as", "Save as", id="game.save_as"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, scenario: Scenario, view: View, seat: str, previous: Mapping[str, object],
                 rationales: Mapping[int, Mapping[str, str]] | None = None) -> None:
        super().__init__()
        self.scenario, self.view, self.seat, self.previous = scenario, view, seat, previous
        self.rationales = dict(rationales or {})
        self.options = {o.action.id: o for o in view.options[seat]}
        self.chosen: str | None = None
        """The action chosen so far (Enter on a decision); the order is sent only on confirm."""
        self.who = scenario.actor_name(seat)
        facilitator = " (facilitator view)" if view.seat is None else ""
        self.sub_title = f"{turn_heading(scenario, view.turn)} \u00b7 {self.who}{facilitator}"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="turn-body"):
            with VerticalScroll(id="situation"):
                yield Static("Situation", classes="pane-title")
                yield TrackMeters(id="tracks")
                if self.scenario.map is not None:
                    yield Static("Map", classes="pane-title", id="map-title")
                    yield RegionMap(id="map")
            if self.scenario.map is not None:
                with VerticalScroll(id="map-column"):
                    yield Static("Map", classes="pane-title")
                    yield RegionMap(id="wide-map")
            with Vertical(id="orders"):
                yield Static(f"{self.who}: your decision", classes="pane-title", markup=False)
                yield DecisionList(id="decisions")
                yield Static(id="detail")
                with Vertical(id="order-box"):
                    yield Static("Your order: none chosen yet", id="chosen", markup=False)
                    yield Input(placeholder="Why? Your rationale, kept for the debrief", id="rationale")
                    yield Button("Confirm order", variant="primary", id="confirm", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TrackMeters).show(self.scenario.variables, self.view.variables, self.previous)
        for region_map in self.query(RegionMap):
            region_map.show(self.scenario.map, self.view.places, self.view.routes)
        self.query_one(DecisionList).show(self.view.options[self.seat])
        self.query_one(DecisionList).focus()

    @on(OptionList.OptionHighlighted, "#decisions")
    def show_detail(self, event: OptionList.OptionHighlighted) -> None:
        # The detail pane has a fixed height, so moving through the list needs no new layout.
        self.query_one("#detail", Static).update(option_detail(self.options[event.option_id]), layout=False)

    @on(OptionList.OptionSelected, "#decisions")
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.chosen = event.option_id
        label = self.options[self.chosen].action.label
        self.query_one("#chosen", Static).update(Content.assemble("Your order: ", (label, "b $accent")))
        self.query_one("#rationale", Input).focus()

    @on(Input.Submitted, "#rationale")
    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        if self.chosen is None:
            self.notify("Choose a decision first: \u2191\u2193 to move, Enter to choose.", severity="warning")
            self.query_one(DecisionList).focus()
            return
        rationale = self.query_one("#rationale", Input).value.strip()
        label = self.options[self.chosen].action.label
        detail = f"{label}\nRationale: {rationale or '(none)'}"
        self.app.push_screen(ConfirmDialog(f"Send {self.who}'s order?", detail, yes="Send", no="Back"),
                             lambda sure: self._send(rationale) if sure else None)

    def _send(self, rationale: str) -> None:
        self.dismiss(Order(self.seat, self.chosen, rationale))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "show_map" or self.scenario.map is not None

    def action_show_map(self) -> None:
        self.query_one("#map-title").scroll_visible(top=True)

    def action_log(self) -> None:
        self.app.push_screen(GameLogScreen(self.scenario, self.view, self.rationales))
