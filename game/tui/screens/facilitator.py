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
from textual.widgets import Header, Static

from game.desk.facilitator_acts import FORMS, KEYS_LINE, acts_text
from game.players.registry import controller_label
from game.presentation.words import turn_heading
from game.seat_view.build import seat_view
from game.seat_view.model import SeatView
from game.session import FACILITATOR, HUMAN, Session
from game.tui.widgets.footer import Footer
from game.tui.widgets.track_meters import TrackMeters

WORKING = "\u2026"
"""Shown for a computer seat's order while it is worked out."""
STEP, STEPS, TO_THE_END = "step", "steps", "end"
"""What the console dismisses with: play one turn, ask how many, or play to the end."""


def act_bindings() -> list[Binding]:
    """A key for each act's form, the same on the hot-seat console and the networked one.

    Not in the footer (five acts and the ways play goes on do not fit 80 columns): the consoles
    list them in words on a line of their own, always in sight (``KEYS_LINE``)."""
    return [Binding(form.key, f"act('{form.key}')", form.short, tooltip=form.title, id=f"facilitator.{form.key}",
                    show=False) for form in FORMS.values()]


class FacilitatorScreen(Screen[str]):
    """The console for ``session``'s open turn; ``act(key)`` and ``peek()`` are the playthrough's."""

    CSS_PATH = "facilitator.tcss"
    BINDINGS = [
        *act_bindings(),
        Binding("v", "peek", "Seat's view", tooltip="What each seat sees now", id="facilitator.peek", show=False),
        # Priority: the panes scroll with End too, and would take it from the console (issue 24).
        Binding("enter", f"go('{STEP}')", "Play a turn", key_display="Enter", id="facilitator.step", priority=True),
        Binding("n", f"go('{STEPS}')", "Play N", tooltip="Play several turns (p pauses)", id="facilitator.steps",
                priority=True),
        Binding("end", f"go('{TO_THE_END}')", "To the end", key_display="End", tooltip="Play to the end (p pauses)",
                id="facilitator.end", priority=True),
        Binding("ctrl+s", "app.save_as", "Save as", id="game.save_as"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, session: Session, act, peek) -> None:
        super().__init__()
        self.session, self.act_with, self.peek_with = session, act, peek
        self.sub_title = f"Turn {session.turn}/{session.scenario.turns} \u00b7 the facilitator's console"

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
        yield Static(f"{KEYS_LINE} \u00b7 v what a seat sees now \u00b7 p pauses a run of turns", id="console-keys",
                     markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_turn()
        self.query_one("#console-turn").focus()

    def refresh_turn(self) -> None:
        """Show the open turn again (after an act); the facilitator's view, with computer seats' orders, is
        worked out in a thread (a computer player may think for a while)."""
        self.query_one("#orders", Static).update(self.orders_text(None))
        self.work_out()

    @work(thread=True, exclusive=True, group="intended")
    def work_out(self) -> None:
        view = seat_view(self.session, None)
        self.app.call_from_thread(self.show, view)

    def show(self, view: SeatView) -> None:
        self.sub_title = f"{turn_heading(view, view.turn)} \u00b7 the facilitator's console"
        self.query_one(TrackMeters).show(view.tracks)
        self.query_one("#acts", Static).update(acts_text(view))
        self.query_one("#orders", Static).update(self.orders_text(view))

    def orders_text(self, view: SeatView | None) -> str:
        """Each seat's order so far; a computer seat's is what it would order now (None: being worked out)."""
        scenario, session = self.session.scenario, self.session
        lines = []
        for seat in scenario.seats:
            controller = session.controller(seat)
            pending = session.pending(seat)
            name = scenario.actor_name(seat)
            who = controller_label(controller, scenario)
            if controller == HUMAN:
                what = (f"decided: {scenario.action(pending.action).label}" if pending
                        else "not decided yet (asked when the turn is played)")
                lines.append(f"{name} \u00b7 {who}: {what}")
            elif pending is not None and pending.by == FACILITATOR:
                lines.append(f"{name} \u00b7 {who}: your order: {scenario.action(pending.action).label}")
            else:
                intended = view.intended.get(seat) if view is not None else None
                lines.append(f"{name} \u00b7 {who}: would choose {intended.label if intended else WORKING}")
        return "\n".join(lines)

    def action_act(self, key: str) -> None:
        self.act_with(key, self)

    def action_peek(self) -> None:
        self.peek_with(self)

    def action_go(self, how: str) -> None:
        self.dismiss(how)
