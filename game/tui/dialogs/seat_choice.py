"""Choosing one of a few things (a seat, most often) from a short list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.tui.text import shown
from game.tui.widgets.footer import Footer


class SeatChoice(ModalScreen[str | None]):
    """Dismisses with the value of the chosen (label, value) pair, or None on escape."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]], *, detail: str = "") -> None:
        super().__init__()
        self.title_text, self.choices, self.detail = title, choices, detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(shown(self.title_text), classes="dialog-title")
            if self.detail:
                yield Static(shown(self.detail, multiline=True), classes="dialog-detail")
            yield OptionList(*(Option(shown(label), id=value) for label, value in self.choices), id="choices")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
