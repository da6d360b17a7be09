"""A question with two answers, one of them the default."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.tui.dismissal import DismissOnce
from game.tui.text import shown
from game.tui.widgets.footer import Footer


class ConfirmDialog(DismissOnce, ModalScreen[bool]):
    """Asks ``question``; dismisses with True for ``yes``.

    Enter gives the ``default`` answer (its button has the focus): where the
    other answer loses something, such as leaving a game, the default is the
    safe one, and the other takes its own key (the first letter of its label,
    or y / n) or a click.
    """

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "answer(False)", "No")]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes", no: str = "No", *,
                 default: bool = True) -> None:
        super().__init__()
        self.question, self.detail, self.yes, self.no, self.default = question, detail, yes, no, default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(shown(self.question), classes="dialog-title")
            if self.detail:
                yield Static(shown(self.detail, multiline=True), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button(shown(self.yes), variant="primary" if self.default else "error", id="yes")
                yield Button(shown(self.no), variant="default" if self.default else "primary", id="no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default else "#no").focus()

    def on_key(self, event: events.Key) -> None:
        letter = (event.character or "").lower()
        for answer, keys in ((True, {"y", self.yes[:1].lower()}), (False, {"n", self.no[:1].lower()})):
            if letter in keys:
                event.stop()
                self.action_answer(answer)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
