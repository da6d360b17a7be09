"""Writing a message to other seats: choose the recipients (one, several, all), write, send.

Only the recipients (and the facilitator, who sees every message) will
read it; the dialog says so, so nobody mistakes a message for a public
statement.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from game.seat_view.model import SeatName
from game.tui.text import shown
from game.tui.widgets.check_list import CheckList
from game.tui.widgets.footer import Footer

MAX_TEXT = 4000
"""As the session allows (a rationale's length)."""


class MessageDialog(ModalScreen[tuple[tuple[str, ...], str] | None]):
    """Dismisses with (recipients, text), or None when cancelled."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+o", "send", "Send", id="message.send")]

    def __init__(self, seats: tuple[SeatName, ...], *, to: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.seats, self.to = seats, to
        """The seats that may be written to (never the writer), and those chosen to start with."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="message-dialog"):
            yield Static("Send a message", classes="dialog-title")
            yield Static("Only the seats you choose will read it (the facilitator reads every message).",
                         classes="dialog-detail")
            yield CheckList(*((shown(seat.name), seat.id, seat.id in self.to) for seat in self.seats),
                                     id="recipients")
            yield TextArea(id="text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Send (Ctrl+O)", variant="primary", id="send", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#text" if self.to else "#recipients").focus()

    @on(Button.Pressed, "#send")
    def action_send(self) -> None:
        recipients = tuple(self.query_one(CheckList).selected)
        text = self.query_one(TextArea).text.strip()
        problem = ("Choose who it is for (space ticks a seat)." if not recipients
                   else "Write the message first." if not text
                   else f"Keep it under {MAX_TEXT:,} characters ({len(text):,} now)." if len(text) > MAX_TEXT
                   else "")
        self.query_one("#problem", Static).update(shown(problem))
        if not problem:
            self.dismiss((recipients, text))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
