"""The facilitator's console: the open turn as the white cell sees it, its acts, and how play goes on.

Shown before each turn resolves in facilitator mode. It shows every track,
each seat's order so far (a computer seat's is the one it would give if the
turn resolved now, so the facilitator can replace it), and the acts of this
turn with their reasons. From here the facilitator acts (a form per act),
looks at the game as any seat sees it now, and chooses how play goes on:
one turn, N turns, or to the end (``p`` pauses a run of turns).
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.engine.interventions import describe
from game.presentation.words import turn_heading
from game.seat_view.build import seat_view
from game.session import FACILITATOR, HUMAN, Session
from game.tui.facilitator_acts import FORMS
from game.tui.widgets.track_meters import TrackMeters

WORKING = "\u2026"
"""Shown for a computer seat's order while it is worked out."""
STEP, STEPS, TO_THE_END = "step", "steps", "end"
"""What the console dismisses with: play one turn, ask how many, or play to the end."""


class FacilitatorScreen(Screen[str]):
    """The console for ``session``'s open turn; ``act(key)`` and ``peek()`` are the playthrough's."""

    CSS_PATH = "facilitator.tcss"
    BINDINGS = [
        *(Binding(form.key, f"act('{form.key}')", form.short, tooltip=form.title,
                  id=f"facilitator.{form.key}") for form in FORMS.values()),
        Binding("v", "peek", "Seat's view", tooltip="What each seat sees now", id="facilitator.peek"),
        Binding("enter", f"go('{STEP}')", "Play a turn", key_display="Enter", id="facilitator.step"),
        Binding("n", f"go('{STEPS}')", "Play N", tooltip="Play several turns (p pauses)", id="facilitator.steps"),
        Binding("e", f"go('{TO_THE_END}')", "To the end", tooltip="Play to the end (p pauses)",
                id="facilitator.end"),
        Binding("ctrl+s", "app.save_as", "Save as", id="game.save_as"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, session: Session, act, peek) -> None:
        super().__init__()
        self.session, self.act_with, self.peek_with = session, act, peek
        self.sub_title = f"{turn_heading(seat_view(session, None), session.turn)} \u00b7 the facilitator's console"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="console-body"):
            with VerticalScroll(id="console-tracks"):
                yield Static("Situation now (everything)", classes="pane-title")
                yield TrackMeters(id="tracks")
            with VerticalScroll(id="console-turn"):
                yield Static("Orders this turn", classes="pane-title")
                yield Static("", id="orders", markup=False)
                yield Static("Your acts this turn", classes="pane-title")
                yield Static("", id="acts", markup=False)
                yield Static("f fire an event \u00b7 i inject \u00b7 r rule a chance \u00b7 o replace a computer order "
                             "\u00b7 t set a track \u00b7 v what a seat sees", id="console-keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_turn()
        self.query_one("#console-turn").focus()

    def refresh_turn(self) -> None:
        """Show the open turn again (after an act); computer seats' orders are worked out in a thread."""
        self.query_one(TrackMeters).show(seat_view(self.session, None).tracks)
        acts = self.session.open_interventions
        lines = [f"\u2022 The facilitator {describe(self.session.scenario, act)}." + (
            f"\n    reason: {act.reason}" if act.reason else "") for act in acts]
        self.query_one("#acts", Static).update("\n".join(lines) or "None yet.")
        self.query_one("#orders", Static).update(self.orders_text(computed={}))
        self.work_out_orders()

    def orders_text(self, computed: dict[str, str]) -> str:
        scenario, session = self.session.scenario, self.session
        lines = []
        for seat in scenario.seats:
            controller = session.controller(seat)
            pending = session.pending(seat)
            name = scenario.actor_name(seat)
            if controller == HUMAN:
                what = (f"decided: {scenario.action(pending.action).label}" if pending
                        else "not decided yet (asked when the turn is played)")
                lines.append(f"{name} (a person): {what}")
            elif pending is not None and pending.by == FACILITATOR:
                lines.append(f"{name} ({controller}): your order: {scenario.action(pending.action).label}")
            else:
                lines.append(f"{name} ({controller}): would choose {computed.get(seat, WORKING)}")
        return "\n".join(lines)

    @work(thread=True, exclusive=True, group="intended")
    def work_out_orders(self) -> None:
        computed = {}
        for seat in self.session.scenario.seats:
            if self.session.controller(seat) != HUMAN and self.session.pending(seat) is None:
                order = self.session.intended_order(seat)
                computed[seat] = self.session.scenario.action(order.action).label
        self.app.call_from_thread(lambda: self.query_one("#orders", Static).update(self.orders_text(computed)))

    def action_act(self, key: str) -> None:
        self.act_with(key, self)

    def action_peek(self) -> None:
        self.peek_with(self)

    def action_go(self, how: str) -> None:
        self.dismiss(how)
