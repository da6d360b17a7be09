"""The facilitator's passphrase: asked for before the facilitator's view of an unfinished game, shown once when made.

On a shared keyboard the passphrase is what keeps a student out of every
seat's secrets: without it there is no replay of an unfinished game with
human seats, no facilitator mode and no intervention (docs/save-format.md,
"The facilitator's lock").
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from game.desk.unlock import WRONG
from game.tui.text import shown
from game.tui.widgets.footer import Footer


class PassphrasePrompt(ModalScreen[bool]):
    """Asks for the passphrase; dismisses with True once ``opens`` accepts it, False on escape."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, why: str, opens: Callable[[str], bool], *,
                 hint: str = "the passphrase set when the game was set up") -> None:
        super().__init__()
        self.why, self.opens, self.hint = why, opens, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Facilitator passphrase", classes="dialog-title")
            yield Static(self.why, classes="dialog-detail", markup=False)
            yield Static(f"Give {self.hint}.", classes="dialog-detail", markup=False)
            yield Input(password=True, placeholder="the facilitator's passphrase", id="passphrase")
            yield Static("", id="problem", classes="dialog-problem")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.opens(event.value):
            self.dismiss(True)
            return
        event.input.value = ""
        self.query_one("#problem", Static).update(shown(WRONG))

    def action_cancel(self) -> None:
        self.dismiss(False)


class PassphraseShown(ModalScreen[None]):
    """The passphrase Horizon made for a new game, shown this once for the facilitator to note."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("enter,escape", "close", "I have noted it")]

    def __init__(self, passphrase: str) -> None:
        super().__init__()
        self.passphrase = passphrase

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("The facilitator's passphrase for this game", classes="dialog-title")
            yield Static(self.passphrase, id="shown-passphrase", markup=False)
            yield Static("Note it now: it is shown only this once. Until the game ends it opens facilitator "
                         "mode, the facilitator's acts and any replay of the game; students' seats need none.",
                         classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("I have noted it", variant="primary", id="noted")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
