"""One of the facilitator's acts as a form: the fields ``facilitator_acts`` describes, tried before it closes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.content import Content
from textual.widgets import Button, Footer, Input, Select, SelectionList, Static

from game.desk.facilitator_acts import CHECKS, CHOICE, ActForm
from game.engine.interventions import Intervention
from game.errors import WargameError
from game.safe_text import printable
from game.seat_view.model import SeatView
from game.tui.text import choice, shown


class ActFormDialog(ModalScreen[Intervention | None]):
    """Dismisses with the act the answers make, once whoever holds the game has taken it; None on escape.

    ``form`` turns the answers into an act from ``view`` (the facilitator's);
    ``take`` hands it to the game (the session here, or the host over the
    network) and says why it was refused, or "" once it is done. A refusal is
    shown under the form with nothing typed lost, so the facilitator mends it.
    """

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+o", "submit", "Do it")]

    def __init__(self, form: ActForm, view: SeatView, take: Callable[[Intervention], Awaitable[str]]) -> None:
        super().__init__()
        self.form, self.view, self.take = form, view, take
        self.fields = form.fields(view)
        self.taking = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog act-form"):
            yield Static(shown(self.form.title), classes="dialog-title")
            for spec in self.fields:
                yield Static(shown(spec.label), classes="act-label")
                if spec.kind == CHOICE:
                    yield Select(((choice(label), value) for label, value in spec.choices), prompt="Choose\u2026",
                                 id=f"field-{spec.key}", compact=True)
                    if spec.details:
                        yield Static("", id=f"details-{spec.key}", classes="act-details", markup=False)
                elif spec.kind == CHECKS:
                    chosen = set(spec.initial or ())
                    yield SelectionList(*((shown(label), value, value in chosen) for label, value in spec.choices),
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

    def on_select_changed(self, event: Select.Changed) -> None:
        """Show what the author says of the choice (an inject's guidance, audience, effects and source)."""
        key = (event.select.id or "").removeprefix("field-")
        spec = next((f for f in self.fields if f.key == key and f.details), None)
        if spec is not None:
            shown = self.query_one(f"#details-{key}", Static)
            shown.update(Content(printable(spec.detail(event.value), multiline=True)) if event.value is not Select.NULL
                         else "")

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
        if not self.taking:
            self.submit()

    @work(group="take")
    async def submit(self) -> None:
        self.taking = True
        try:
            act = self.form.build(self.view, self.answers())
            problem = await self.take(act)
        except WargameError as error:
            problem = str(error)
        finally:
            self.taking = False
        if problem:
            said = self.query_one("#problem", Static)
            said.update(shown(problem, multiline=True))
            said.scroll_visible()
            return
        self.dismiss(act)

    def action_cancel(self) -> None:
        self.dismiss(None)
