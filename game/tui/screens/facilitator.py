"""The facilitator's console: the open turn as the white cell sees it, its acts, and how play goes on.

Shown before each turn resolves in facilitator mode. It shows every track,
each seat's order so far (a computer seat's is the one it would give if the
turn resolved now, so the facilitator can replace it), and the acts of this
turn with their reasons. From here the facilitator acts (a form per act),
looks at the game as any seat sees it now, and chooses how play goes on:
one turn, N turns, or to the end (``p`` pauses a run of turns).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from game.desk.facilitator_acts import FORMS, KEYS_LINE, acts_text, argued_text, orders_text
from game.presentation.words import turn_heading
from game.seat_view.model import SeatView
from game.tui.text import shown
from game.tui.widgets.lines_pane import LinesPane, indented
from game.tui.widgets.footer import Footer
from game.tui.widgets.track_meters import TrackMeters

STEP, STEPS, TO_THE_END = "step", "steps", "end"
"""What the console dismisses with: play one turn, ask how many, or play to the end."""


def act_bindings() -> list[Binding]:
    """A key for each act's form, the same on the hot-seat console and the networked one.

    Not in the footer (five acts and the ways play goes on do not fit 80 columns): the consoles
    list them in words on a line of their own, always in sight (``KEYS_LINE``)."""
    return [Binding(form.key, f"act('{form.key}')", form.short, tooltip=shown(form.title), id=f"facilitator.{form.key}",
                    show=False) for form in FORMS.values()]


class FacilitatorScreen(Screen[str]):
    """The console for the open turn, drawn from the facilitator's ``view``; dismisses with how play goes on.

    It posts :class:`Act` and :class:`Peek` for whoever runs the game (the app hands them to the
    playthrough), and is given the game's new view after each act (:meth:`show`).
    """

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

    class Act(Message):
        """The facilitator pressed an act's key: open its form."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Peek(Message):
        """The facilitator asked what a seat sees now."""

    def __init__(self, view: SeatView) -> None:
        super().__init__()
        self.view = view
        self.sub_title = self.heading()

    def heading(self) -> str:
        return f"{turn_heading(self.view, self.view.turn)} \u00b7 the facilitator's console"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="console-body"):
            with VerticalScroll(id="console-tracks"):
                yield Static("Situation now (everything)", classes="pane-title")
                yield TrackMeters(id="tracks")
            with VerticalScroll(id="console-turn"):
                yield Static("Orders this turn", classes="pane-title")
                yield Static("", id="orders", markup=False)
                yield Static("Argued moves this turn", classes="pane-title", id="argued-title")
                yield LinesPane(id="argued")
                yield Static("Your acts this turn", classes="pane-title")
                yield Static("", id="acts", markup=False)
        yield Static(f"{KEYS_LINE} \u00b7 v what a seat sees now \u00b7 p pauses a run of turns", id="console-keys",
                     markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.view)
        self.query_one("#console-turn").focus()

    def show(self, view: SeatView) -> None:
        """Draw the open turn as ``view`` has it (after an act, the game's new view)."""
        self.view = view
        self.sub_title = self.heading()
        self.query_one(TrackMeters).show(view.tracks)
        self.query_one("#acts", Static).update(shown(acts_text(view), multiline=True))
        self.query_one("#orders", Static).update(shown(orders_text(view), multiline=True))
        arguing = view.arguing is not None
        self.query_one("#argued-title").display = self.query_one("#argued").display = arguing
        self.query_one("#argued", LinesPane).show(indented(argued_text(view)))

    def action_act(self, key: str) -> None:
        self.post_message(self.Act(key))

    def action_peek(self) -> None:
        self.post_message(self.Peek())

    def action_go(self, how: str) -> None:
        self.dismiss(how)

