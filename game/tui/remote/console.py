"""The facilitator's console: every seat's status, the turn's clock, and the levers of the exercise.

Who is connected, who has decided (and, for the facilitator's eyes, what),
who the turn waits for; pause and resume (the timer stops with the game),
"resolve now" (seats that have not decided hold, and the log says so), the
white cell's acts (the hot-seat console's forms and keys, sent to the host,
which refuses or takes them), and the facilitator's whole view: the tracks,
last turn's results, the acts of this turn, every message. Each update from
the host redraws it in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Header, Static

from game.desk.facilitator_acts import FORMS, KEYS_LINE, acts_text, argued_text
from game.net import protocol as p
from game.net.links import FACILITATOR
from game.net.turn_timer import duration_words, parse_duration
from game.presentation.messages import message_lines, messages_of
from game.presentation.spans import MUTED, SEAT, line
from game.presentation.words import turn_heading
from game.seat_view.model import SeatView
from game.session import HUMAN
from game.tui.dialogs.act_form import ActFormDialog
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.text_prompt import TextPrompt
from game.tui.screens.end import EndScreen
from game.tui.screens.facilitator import act_bindings
from game.tui.screens.formulas import FormulaToggle
from game.tui.screens.game_log import GameLogScreen
from game.tui.spans import joined, wrapped
from game.tui.text import plain, shown
from game.tui.widgets.footer import Footer
from game.tui.widgets.lines_pane import LinesPane, indented
from game.tui.widgets.news_feed import NewsFeed
from game.tui.widgets.track_meters import TrackMeters

if TYPE_CHECKING:
    from game.tui.remote.app import RemoteApp


def seat_rows(view: SeatView, status: p.Status) -> list[tuple[str, str, str, str]]:
    """(seat, played by, screen, decision) for each seat, as the console's list shows them."""
    rows = []
    for seat in view.seats:
        controller = view.controllers.get(seat.id, "")
        person = controller == HUMAN
        order = view.pending.get(seat.id) or view.intended.get(seat.id)
        if view.over:
            decision = ""
        elif seat.id in view.pending:
            decision = f"decided: {order.label}"
        elif person:
            decision = "deciding\u2026"
        else:
            decision = f"computer: {order.label}" if order is not None else "computer (chooses at resolution)"
        screen = ("connected" if seat.id in status.connected else "not connected") if person else ""
        reopened = status.reopened.get(seat.id, 0)
        if reopened:  # said in full below the list
            screen += " \u00b7 reopened" + (f" {reopened}\u00d7" if reopened > 1 else "")
        rows.append((seat.name, view.played_by.get(seat.id, controller), screen, decision))
    return rows


NO_TIMER = ("0", "off", "none")


def timer_problem(text: str) -> str:
    """What is wrong with a time per turn typed on a console ("" when it is one)."""
    if text.strip() in NO_TIMER:
        return ""
    try:
        parse_duration(text)
    except ValueError as error:
        return str(error).capitalize() + "."
    return ""


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


class SeatList(Widget):
    """Each seat, who plays it, its screen and its decision this turn, wrapped to the pane: a table's
    column cut a decision at 120 columns (issue 24)."""

    DEFAULT_CSS = """
    SeatList { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[tuple[str, str, str, str]] = []

    def show(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.rows = rows
        self.refresh(layout=True)

    def render(self) -> Content:
        lines = []
        for name, who, screen, decision in self.rows:
            lines.append(line((name, SEAT), (f" \u00b7 {who}", MUTED), (f" \u00b7 {screen}", MUTED) if screen else ""))
            if decision:
                lines.append(line(decision, indent=2))
        return Content("\n").join(wrapped(lines, self.content_region.width or 80))


class ConsoleScreen(FormulaToggle[None]):
    CSS_PATH = "remote.tcss"
    BINDINGS = [
        *act_bindings(),
        Binding("enter", "resolve", "Resolve now", key_display="Enter",
                tooltip="Close the turn: seats that have not decided hold", id="console.resolve"),
        Binding("p", "pause", "Pause/resume", id="console.pause"),
        Binding("c", "timer", "Timer", tooltip="The time per turn, from now on", id="console.timer"),
        Binding("l", "log", "Log", id="console.log"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, view: SeatView, status: p.Status) -> None:
        super().__init__(formulas_allowed=True)
        self.view, self.status = view, status
        self.ready = False
        """Composed: until then an update is only kept."""
        self.sub_title = self.heading()

    def heading(self) -> str:
        return plain(f"{turn_heading(self.view, self.view.turn)} \u00b7 Facilitator's console")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="console-body"):
            with VerticalScroll(id="console-left"):
                yield Static("Seats", classes="pane-title")
                yield SeatList(id="seats")
                yield Static(id="console-state")
                yield Static("Argued moves this turn", classes="pane-title", id="argued-title")
                yield LinesPane(id="argued")
                yield Static("Your acts this turn", classes="pane-title")
                yield Static(id="acts")
                yield Static("Messages this turn", classes="pane-title")
                yield Static(id="messages")
                yield Static(id="results-title", classes="pane-title")
                yield NewsFeed(id="results")
            with VerticalScroll(id="console-right"):
                yield Static("Situation", classes="pane-title")
                yield TrackMeters(id="tracks")
        yield Static(f"{KEYS_LINE} \u00b7 F2 write a message", id="console-keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.ready = True
        self.show(self.view, self.status)

    def show(self, view: SeatView, status: p.Status) -> None:
        self.view, self.status = view, status
        if not self.ready:
            return  # an update that came while the screen was being put up: on_mount shows it
        self.app.retitle(self, self.heading())
        self.query_one(SeatList).show(seat_rows(view, status))
        state = ["Paused: the timer is stopped and no turn resolves (p resumes)." if status.paused
                 else "Running (p pauses)."]
        if status.trouble:
            state.append(f"Trouble on the host: {status.trouble}")
        for role, count in status.reopened.items():
            whose = "Your link" if role == FACILITATOR else f"The link of {view.name(role).name}"
            state.append(f"{whose} was opened on another screen {_times(count)}: each time, the screen that "
                         "held it was told and closed.")
        self.query_one("#console-state", Static).update(shown("\n".join(state), multiline=True))
        self.query_one("#acts", Static).update(shown(acts_text(view), multiline=True))
        arguing = view.arguing is not None
        self.query_one("#argued-title").display = self.query_one("#argued").display = arguing
        self.query_one("#argued", LinesPane).show(indented(argued_text(view)))
        lines = [line for message in messages_of(view, view.turn) for line in message_lines(view, message)]
        self.query_one("#messages", Static).update(joined(lines) if lines else "None yet (F2 writes one).")
        self.query_one(TrackMeters).show(view.tracks)
        self.redraw()

    def redraw(self) -> None:
        view = self.view
        title = f"What happened in turn {view.played}" if view.played else "No turn has been played yet"
        self.query_one("#results-title", Static).update(shown(title))
        self.query_one(NewsFeed).show(self.view, self.view.entries_of(view.played), formulas=self.formulas)

    class Ask(Message):
        """A request for the host (pause, resume, resolve now): whoever holds the connection sends it."""

        def __init__(self, make: Callable[[int], p.Request], said: str = "") -> None:
            super().__init__()
            self.make, self.said = make, said

    def action_pause(self) -> None:
        if self.status.paused:
            self.post_message(self.Ask(lambda rid: p.Resume(rid), said="The game goes on."))
        else:
            self.post_message(self.Ask(lambda rid: p.Pause(rid), said="Paused."))

    def action_resolve(self) -> None:
        waiting = [self.view.name(seat).name for seat in self.status.deciding]
        detail = (f"{', '.join(waiting)} will hold; the log says so." if waiting else "Every order is in.")
        question = ConfirmDialog(f"Resolve turn {self.view.turn} now?", detail, yes="Resolve", no="Back")
        self.app.push_screen(question, lambda sure: self.post_message(self.Ask(lambda rid: p.ResolveNow(rid)))
                             if sure else None)

    def action_timer(self) -> None:
        """The time per turn from now on: the open turn's countdown starts again with it (0: no timer)."""
        if self.view.over:
            return

        def chosen(text: str | None) -> None:
            if text is None:
                return
            seconds = None if text.strip() in NO_TIMER else parse_duration(text)
            said = f"Time per turn: {duration_words(seconds)}." if seconds else "No timer now."
            self.post_message(self.Ask(lambda rid: p.SetTimer(rid, seconds), said=said))
        self.app.push_screen(TextPrompt("Time per turn, from now on", placeholder="5m, 90s, 1m30s; 0 for no timer",
                                        check=timer_problem), chosen)

    def action_act(self, key: str) -> None:
        """An act's form, from the latest view; the host takes the act or says why not, on the form."""
        app: RemoteApp = self.app
        if self.view.over:
            return
        self.app.push_screen(ActFormDialog(FORMS[key], self.view,
                                           lambda act: app.refused(lambda rid: p.Intervene(rid, act))))

    def action_log(self) -> None:
        self.app.push_screen(GameLogScreen(self.view, formulas=self.formulas))


class ConsoleFlow:
    """The facilitator's screens: the console while the game runs, the end screen after."""

    def __init__(self, app: RemoteApp) -> None:
        self.app = app
        self.screen: ConsoleScreen | EndScreen | None = None

    def update(self) -> None:
        if isinstance(self.screen, ConsoleScreen) and not self.app.view.over:
            self.screen.show(self.app.view, self.app.status)
            return
        self.settle()

    def settle(self) -> None:
        app, view = self.app, self.app.view
        if view is None or app.screen is not (self.screen or app.screen_stack[0]):
            return
        wanted = EndScreen if view.over else ConsoleScreen
        if isinstance(self.screen, wanted):
            return
        if self.screen is not None:
            app.pop_screen()
        if view.over:
            self.screen = EndScreen(view, formulas_allowed=True, session_here=False)
            app.push_screen(self.screen, lambda _: app.exit())
        else:
            self.screen = ConsoleScreen(view, app.status)
            app.push_screen(self.screen)
