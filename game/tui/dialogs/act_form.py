"""One of the facilitator's acts as a form: the fields ``facilitator_acts`` describes, tried before it closes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from game.desk.facilitator_acts import CHECKS, CHOICE, ActForm
from game.engine.interventions import Intervention
from game.errors import WargameError
from game.seat_view.model import SeatView
from game.tui.text import shown
from game.tui.widgets.check_list import CheckList
from game.tui.widgets.footer import Footer


class ChoiceList(OptionList):
    """One of a form's choices, in the form itself: ↑ ↓ choose, and the chosen one is marked ● (the others ○),
    so it reads without colour. A drop-down's list ran past the dialog at 80×24 (issue 24)."""

    def __init__(self, choices: tuple[tuple[str, Any], ...], *, id: str) -> None:
        self.labels = [label for label, _ in choices]
        self.values = [value for _, value in choices]
        super().__init__(*(Option(self._prompt(i, chosen=False)) for i in range(len(choices))), id=id)

    def _prompt(self, index: int, *, chosen: bool) -> Content:
        return Content.assemble(("\u25cf " if chosen else "\u25cb ", "b"), shown(self.labels[index]))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(new)
        for index, chosen in ((old, False), (new, True)):
            if index is not None and index < len(self.labels):
                self.replace_option_prompt_at_index(index, self._prompt(index, chosen=chosen))

    @property
    def value(self) -> Any:
        """The value chosen, or None before one is."""
        return None if self.highlighted is None else self.values[self.highlighted]


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
                    yield ChoiceList(spec.choices, id=f"field-{spec.key}")
                    if spec.details:
                        yield Static("", id=f"details-{spec.key}", classes="act-details", markup=False)
                elif spec.kind == CHECKS:
                    chosen = set(spec.initial or ())
                    yield CheckList(*((shown(label), value, value in chosen) for label, value in spec.choices),
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

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show what the author says of the choice (an inject's guidance, audience, effects and source)."""
        if not isinstance(event.option_list, ChoiceList):
            return
        key = (event.option_list.id or "").removeprefix("field-")
        spec = next((f for f in self.fields if f.key == key and f.details), None)
        if spec is not None:
            value = event.option_list.value
            self.query_one(f"#details-{key}", Static).update(
                shown(spec.detail(value), multiline=True) if value is not None else "")

    def answers(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.key}")
            if isinstance(widget, ChoiceList):
                values[spec.key] = widget.value
            elif isinstance(widget, CheckList):
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
