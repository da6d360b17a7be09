"""After a seat's order is in: the order, who the turn still waits for, this turn's argued moves and messages."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from game.net.protocol import Status
from game.presentation.argued import all_argued_lines
from game.presentation.messages import message_lines, messages_of
from game.presentation.words import and_list, turn_heading
from game.seat_view.model import SeatView
from game.tui.screens.game_log import GameLogScreen
from game.tui.spans import joined
from game.tui.text import plain, shown
from game.tui.widgets.footer import Footer
from game.tui.widgets.lines_pane import LinesPane
from game.tui.widgets.track_meters import TrackMeters

CHANGE = "change"


def waiting_text(view: SeatView, status: Status) -> str:
    """``Waiting for Russia and China.``, or why nothing moves."""
    others = [view.name(seat).in_sentence() for seat in status.deciding if seat != view.seat]
    unruled = any(not move.ruled for move in view.argued)
    waiting = (f"Waiting for {and_list(others)} to decide." if others
               else "Every order is in: the white cell rules on the argued moves before the turn resolves."
               if unruled else "Every order is in: resolving\u2026")
    return waiting + (" The facilitator has paused the game." if status.paused else "")


class WaitingScreen(Screen[str]):
    """Shows ``view.seat``'s pending order until the turn resolves; dismisses with CHANGE to choose again."""

    CSS_PATH = "remote.tcss"
    BINDINGS = [
        Binding("c", "change", "Change order", id="waiting.change"),
        Binding("l", "log", "Log", tooltip="Everything this seat has seen so far", id="waiting.log"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, view: SeatView, status: Status, *, sending: bool = False) -> None:
        super().__init__()
        self.view, self.status, self.sending = view, status, sending
        self.ready = False
        """Composed: until then an update is only kept."""
        self.sub_title = plain(f"{turn_heading(view, view.turn)} \u00b7 {view.name(view.seat).name}")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="waiting-body"):
            with VerticalScroll(id="waiting-left"):
                yield Static("Your order", classes="pane-title")
                yield Static(id="order")
                yield Static(id="waiting")
                yield Static("Argued moves this turn", classes="pane-title", id="argued-title")
                yield LinesPane(id="argued")
                yield Static("Messages this turn", classes="pane-title")
                yield Static(id="messages")
            with VerticalScroll(id="waiting-right"):
                yield Static("Situation", classes="pane-title")
                yield TrackMeters(id="tracks")
        yield Footer()

    def on_mount(self) -> None:
        self.ready = True
        self.show(self.view, self.status, sending=self.sending)

    def show(self, view: SeatView, status: Status, *, sending: bool = False) -> None:
        self.view, self.status, self.sending = view, status, sending
        if not self.ready:
            return  # an update that came while the screen was being put up: on_mount shows it
        order = view.pending.get(view.seat)
        argued = order is not None and view.arguing is not None and view.arguing.instead and any(
            move.seat == view.seat for move in view.argued)
        if order is None:
            said = "Sending your order to the host\u2026"
        elif argued:
            said = f"{order.label} (you argued a move instead of a listed action this turn)"
        else:
            said = order.label + (f"\nRationale: \u201c{order.rationale}\u201d" if order.rationale else "")
        self.query_one("#order", Static).update(shown(said, multiline=True))
        change = "" if argued else "\nPress c to change your order."
        self.query_one("#waiting", Static).update(shown(waiting_text(view, status) + change, multiline=True))
        moves = all_argued_lines(view)
        self.query_one("#argued-title").display = self.query_one("#argued").display = bool(moves)
        self.query_one("#argued", LinesPane).show(moves)
        lines = [line for message in messages_of(view, view.turn) for line in message_lines(view, message)]
        self.query_one("#messages", Static).update(joined(lines) if lines else "None yet (F2 writes one).")
        self.query_one(TrackMeters).show(view.tracks)

    def action_change(self) -> None:
        self.dismiss(CHANGE)

    def action_log(self) -> None:
        self.app.push_screen(GameLogScreen(self.view))
