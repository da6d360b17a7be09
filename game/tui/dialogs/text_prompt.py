"""Asks for one line of text (a save name, a turn to jump to), checked before it is accepted."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from game.tui.dismissal import DismissOnce
from game.tui.text import shown
from game.tui.widgets.footer import Footer


class TextPrompt(DismissOnce, ModalScreen[str | None]):
    """Dismisses with the text entered, or None on escape.

    ``check`` returns a problem to show under the field, or "" when the text
    is acceptable, so a mistake is explained and nothing typed is lost.
    """

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("enter", "submit", "OK", key_display="Enter", priority=True),  # said in the footer
                Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", *, placeholder: str = "",
                 check: Callable[[str], str] | None = None, restrict: str | None = None) -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder
        self.check = check or (lambda text: "" if text.strip() else "Type something first.")
        self.restrict = restrict

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(shown(self.title_text), classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, restrict=self.restrict, id="text")
            yield Static("", id="problem", classes="dialog-problem")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        value = self.query_one("#text", Input).value
        problem = self.check(value)
        self.query_one("#problem", Static).update(shown(problem))
        if not problem:
            self.dismiss(value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
