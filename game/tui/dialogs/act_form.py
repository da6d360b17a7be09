"""One of the facilitator's acts as a form: the fields ``facilitator_acts`` describes, checked before it closes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Select, SelectionList, Static

from game.engine.interventions import Intervention
from game.errors import WargameError
from game.tui.facilitator_acts import CHECKS, CHOICE, Field


class ActFormDialog(ModalScreen[Intervention | None]):
    """Dismisses with the act the answers make, once ``check`` accepts it; None on escape.

    ``build`` turns the answers into an act and ``check`` tries it on the
    game without changing it; either may raise a :class:`WargameError`, shown
    under the form with nothing typed lost.
    """

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+o", "submit", "Do it")]

    def __init__(self, title: str, fields: tuple[Field, ...], build: Callable[[dict[str, Any]], Intervention],
                 check: Callable[[Intervention], None]) -> None:
        super().__init__()
        self.title_text, self.fields, self.build, self.check = title, fields, build, check

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog act-form"):
            yield Static(self.title_text, classes="dialog-title")
            for spec in self.fields:
                yield Static(spec.label, classes="act-label", markup=False)
                if spec.kind == CHOICE:
                    yield Select(spec.choices, prompt="Choose\u2026", id=f"field-{spec.key}", compact=True)
                elif spec.kind == CHECKS:
                    chosen = set(spec.initial or ())
                    yield SelectionList(*((label, value, value in chosen) for label, value in spec.choices),
                                        id=f"field-{spec.key}", compact=True)
                else:
                    yield Input(spec.initial or "", placeholder=spec.placeholder, id=f"field-{spec.key}",
                                compact=True)
            yield Static("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Do it", variant="primary", id="do")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#field-{self.fields[0].key}").focus()

    def answers(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.key}")
            if isinstance(widget, Select):
                values[spec.key] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, SelectionList):
                values[spec.key] = tuple(widget.selected)
            else:
                values[spec.key] = widget.value
        return values

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "do":
            self.action_submit()
        else:
            self.dismiss(None)

    def action_submit(self) -> None:
        try:
            act = self.build(self.answers())
            self.check(act)
        except WargameError as error:
            self.query_one("#problem", Static).update(str(error))
            return
        self.dismiss(act)

    def action_cancel(self) -> None:
        self.dismiss(None)
