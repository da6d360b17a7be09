"""The hot-seat curtain: shown before a human seat's turn, it hides everything.

Nothing of any seat's view is composed here, so whoever glances at the screen
while the keyboard changes hands learns only whose turn is next.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from game.seat_view.model import SeatName
from game.tui.dismissal import DismissOnce
from game.tui.widgets.footer import Footer


class HandOffScreen(DismissOnce, Screen[None]):
    """"Pass to Russia. Others look away. Press Enter." Dismissed by the seat's player."""

    CSS_PATH = "handoff.tcss"
    BINDINGS = [
        Binding("enter", "ready", "Continue", key_display="Enter"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, seat: SeatName, turn: int, *, over: bool = False) -> None:
        super().__init__()
        self.seat = seat
        """Only the seat's name: nothing of its view is handed to this screen."""
        self.turn = turn
        self.sub_title = "The game is over: pass the keyboard" if over else f"Turn {turn}: pass the keyboard"

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center(), Vertical(id="curtain"):
            yield Static(f"Pass to {self.seat.in_sentence()}.", id="pass-to", markup=False)
            yield Static("Others look away.", id="look-away")
            yield Static(f"{self.seat.in_sentence(first=True)}: press Enter when you are at the keyboard.",
                         id="press-enter", markup=False)
        yield Footer()

    def action_ready(self) -> None:
        self.dismiss(None)
