"""A seat's turn: the situation as it may see it, the map, its decisions, a rationale, confirm.

The screen is handed a seat view and dismisses with an :class:`Order`; what
the order does is the engine's business. In facilitator mode the view is the
facilitator's (everything) and ``seat`` says whose order is being taken.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Input, OptionList, Static

from game.presentation.options import option_detail
from game.presentation.words import turn_heading
from game.seat_view.model import SeatView
from game.session import Order
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.screens.formulas import FormulaToggle
from game.tui.screens.game_log import GameLogScreen
from game.tui.spans import joined
from game.tui.text import notify
from game.tui.widgets.decisions import DecisionList
from game.tui.widgets.footer import Footer
from game.tui.widgets.region_map import RegionMap
from game.tui.widgets.track_meters import TrackMeters


class TurnScreen(FormulaToggle[Order]):
    """Takes one seat's order for the current turn."""

    CSS_PATH = "turn.tcss"
    BINDINGS = [
        Binding("ctrl+o", "confirm", "Confirm order", id="turn.confirm"),
        Binding("l", "log", "Log", tooltip="Everything this seat has seen so far", id="turn.log"),
        Binding("s", "situation", "Situation", tooltip="The tracks and the map", id="turn.situation"),
        Binding("m", "show_map", "Map", tooltip="The map", id="turn.map"),
        Binding("ctrl+s", "app.save_as", "Save as", id="game.save_as"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
        Binding("shift+down", "scroll_detail(1)", "Scroll the detail", show=False, id="turn.detail_down"),
        Binding("shift+up", "scroll_detail(-1)", "Scroll the detail", show=False, id="turn.detail_up"),
    ]

    def __init__(self, view: SeatView, seat: str, *, formulas_allowed: bool = False) -> None:
        super().__init__(formulas_allowed=formulas_allowed)
        self.view, self.seat = view, seat
        self.options = {o.id: o for o in view.options[seat]}
        self.chosen: str | None = None
        """The action chosen so far (Enter on a decision); the order is sent only on confirm."""
        self.who = view.name(seat)
        # Whose decision only: "(facilitator view)" cut the header at 80 columns, and the body says it.
        self.sub_title = f"{turn_heading(view, view.turn)} \u00b7 {self.who.name}"

    def compose(self) -> ComposeResult:
        title = f"Decision for {self.who.in_sentence()}" if self.view.facilitator \
            else f"{self.who.name}: your decision"
        yield Header()
        with Horizontal(id="turn-body"):
            with VerticalScroll(id="situation"):
                yield Static("Situation", classes="pane-title")
                yield TrackMeters(id="tracks")
                if self.view.map is not None:
                    yield Static("Map", classes="pane-title", id="map-title")
                    yield RegionMap(id="map")
            if self.view.map is not None:
                with VerticalScroll(id="map-column"):
                    yield Static("Map", classes="pane-title")
                    yield RegionMap(id="wide-map")
            with Vertical(id="orders"):
                yield Static(title, classes="pane-title", markup=False)
                withdrawn = self.view.withdrawn.get(self.seat)
                if withdrawn is not None:  # said on the screen, not only in a notice that fades (issue 24)
                    yield Static(f"Your order \u201c{withdrawn.label}\u201d is no longer possible after a change by "
                                 "the facilitator: choose again.", id="withdrawn", markup=False)
                yield DecisionList(id="decisions")
                with VerticalScroll(id="detail", can_focus=False):
                    yield Static(id="detail-text")
                with Vertical(id="order-box"):
                    yield Static("Your order: none chosen yet", id="chosen", markup=False)
                    yield Input(placeholder="Why? (kept for the debrief)", id="rationale", compact=True)
                    yield Button("Confirm order", variant="primary", id="confirm", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TrackMeters).show(self.view.tracks)
        for region_map in self.query(RegionMap):
            region_map.show(self.view.map)
        self.redraw()
        self.query_one(DecisionList).focus()

    def redraw(self) -> None:
        decisions = self.query_one(DecisionList)
        decisions.show(self.view.options[self.seat], formulas=self.formulas)
        if decisions.highlighted is not None:
            self._detail(decisions.highlighted_option.id)

    def _detail(self, action: str) -> None:
        # The pane keeps its height (the list does not jump as the highlight moves); a description
        # and quote longer than it scroll (Shift+arrows or the mouse), never cut (issue 9.5). It
        # takes no focus, so Tab and Escape move between the list and the rationale as before.
        detail = option_detail(self.options[action], formulas=self.formulas)
        self.query_one("#detail-text", Static).update(joined(detail))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def action_scroll_detail(self, lines: int) -> None:
        self.query_one("#detail", VerticalScroll).scroll_relative(y=lines, animate=False)

    @on(OptionList.OptionHighlighted, "#decisions")
    def show_detail(self, event: OptionList.OptionHighlighted) -> None:
        self._detail(event.option_id)

    @on(OptionList.OptionSelected, "#decisions")
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.chosen = event.option_id
        label = self.options[self.chosen].label
        self.query_one("#chosen", Static).update(Content.assemble("Your order: ", (label, "b $accent")))
        self.query_one("#rationale", Input).focus()

    @on(Input.Submitted, "#rationale")
    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        if self.chosen is None:
            notify(self, "Choose a decision first: \u2191\u2193 to move, Enter to choose.", severity="warning")
            self.query_one(DecisionList).focus()
            return
        rationale = self.query_one("#rationale", Input).value.strip()
        label = self.options[self.chosen].label
        detail = f"{label}\nRationale: {rationale or '(none)'}"
        question = f"Send the order for {self.who.in_sentence()}?" if self.view.facilitator else "Send your order?"
        self.app.push_screen(ConfirmDialog(question, detail, yes="Send", no="Back"),
                             lambda sure: self._send(rationale) if sure else None)

    def _send(self, rationale: str) -> None:
        self.dismiss(Order(self.seat, self.chosen, rationale))

    @property
    def narrow(self) -> bool:
        """The decisions take the whole width; the situation and the map open over them (``s``, ``m``)."""
        return self.has_class("-narrow")

    def on_resize(self) -> None:
        self.refresh_bindings()  # the Situation key shows only when the situation is not in sight

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_map":  # a wide screen shows the map in a column of its own
            return self.view.map is not None and not self.has_class("-wide")
        if action == "situation":
            return self.narrow
        return super().check_action(action, parameters)

    def action_situation(self, *, at_map: bool = False) -> None:
        from game.tui.screens.situation import SituationScreen

        self.app.push_screen(SituationScreen(self.view, at_map=at_map))

    def action_show_map(self) -> None:
        if self.narrow:
            self.action_situation(at_map=True)
        else:
            self.query_one("#map-title").scroll_visible(top=True)

    def action_log(self) -> None:
        self.app.push_screen(GameLogScreen(self.view, formulas=self.formulas))
