"""One of the facilitator's acts as a form: the fields ``facilitator_acts`` describes, tried before it closes.

Changes to the tracks (an inject's, a ruling's, setting a track) are picked by
the words players see from ``game.desk.effect_form``'s choices: a list with a
filter above it (type part of a track's name). The expression language is
behind the "as an expression" switch, for designers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from game.desk.effect_form import Change, flat
from game.desk.facilitator_acts import CHECKS, CHOICE, EFFECTS, ActForm, Field
from game.engine.interventions import Intervention
from game.safe_text import printable
from game.seat_view.model import SeatView
from game.tui.taking import taken
from game.tui.text import shown
from game.tui.widgets.footer import Footer


class ChoiceList(OptionList):
    """One of a form's choices, in the form itself: ↑ ↓ choose, and the chosen one is marked ● (the others ○),
    so it reads without colour. A drop-down's list ran past the dialog at 80×24 (issue 24). Nothing is
    chosen until an arrow (or the author's ``initial``) highlights one."""

    def __init__(self, choices: tuple[tuple[str, Any], ...], *, initial: Any = None, id: str) -> None:
        self.labels = [label for label, _ in choices]
        self.values = [value for _, value in choices]
        super().__init__(*(Option(self._prompt(i, chosen=False)) for i in range(len(choices))), id=id)
        self.initial = self.values.index(initial) if initial in self.values else None

    def on_mount(self) -> None:
        if self.initial is not None:
            self.highlighted = self.initial

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
        self.picked: dict[str, list] = {spec.key: [] for spec in self.fields if spec.kind == EFFECTS}
        """Per ``EFFECTS`` field: the values picked, kept while the filter hides some of the list."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog act-form"):
            yield Static(shown(self.form.title), classes="dialog-title")
            for spec in self.fields:
                yield Static(shown(spec.label), classes="act-label expert" if spec.expert else "act-label")
                if spec.kind == CHOICE:
                    yield ChoiceList(spec.choices, initial=spec.initial, id=f"field-{spec.key}")
                    if spec.details:
                        yield Static("", id=f"details-{spec.key}", classes="act-details", markup=False)
                elif spec.kind == EFFECTS:
                    yield Input(placeholder="type part of a track's name to narrow the list",
                                id=f"filter-{spec.key}", classes="effects-filter", compact=True)
                    yield SelectionList(*(Selection(shown(change.label), change.value, picked)
                                          for change, picked in self._changes(spec, "")),
                                        id=f"field-{spec.key}", classes="effects-list", compact=True)
                elif spec.kind == CHECKS:
                    chosen = set(spec.initial or ())
                    yield SelectionList(*((shown(label), value, value in chosen) for label, value in spec.choices),
                                        id=f"field-{spec.key}", compact=True)
                else:
                    yield Input(spec.initial or "", placeholder=spec.placeholder, id=f"field-{spec.key}",
                                classes="expert" if spec.expert else "", compact=True)
            if any(spec.expert for spec in self.fields):
                yield Checkbox("As an expression (for designers)", id="expert-switch", compact=True)
            yield Static("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Do it", variant="primary", id="do")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        for widget in self.query(".expert"):
            widget.display = False
        self.query_one(f"#field-{self.fields[0].key}").focus()

    def _changes(self, spec: Field, typed: str) -> list[tuple[Change, bool]]:
        """The changes of an ``EFFECTS`` field whose words hold ``typed``, and whether each is picked."""
        wanted = typed.strip().lower()
        return [(change, change.value in self.picked[spec.key])
                for change in flat(spec.groups) if wanted in change.label.lower()]

    def on_input_changed(self, event: Input.Changed) -> None:
        if not event.input.id or not event.input.id.startswith("filter-"):
            return
        event.stop()
        spec = next(spec for spec in self.fields if spec.key == event.input.id.removeprefix("filter-"))
        listing = self.query_one(f"#field-{spec.key}", SelectionList)
        listing.clear_options()
        listing.add_options([Selection(shown(change.label), change.value, picked)
                             for change, picked in self._changes(spec, event.value)])

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        key = (event.selection_list.id or "").removeprefix("field-")
        if key not in self.picked:
            return
        event.stop()
        spec = next(spec for spec in self.fields if spec.key == key)
        value = event.selection.value
        picked = self.picked[key]
        if value in picked:
            picked.remove(value)
        elif spec.single:
            picked[:] = [value]
            for other in list(event.selection_list.selected):
                if other != value:
                    event.selection_list.deselect(other)
        else:
            picked.append(value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "expert-switch":
            event.stop()
            for widget in self.query(".expert"):
                widget.display = event.value

    def answers(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        expert = bool(self.query("#expert-switch")) and self.query_one("#expert-switch", Checkbox).value
        for spec in self.fields:
            if spec.kind == EFFECTS:
                values[spec.key] = tuple(self.picked[spec.key])
                continue
            if spec.expert and not expert:
                values[spec.key] = ""
                continue
            widget = self.query_one(f"#field-{spec.key}")
            if isinstance(widget, ChoiceList):
                values[spec.key] = widget.value
            elif isinstance(widget, SelectionList):
                values[spec.key] = tuple(widget.selected)
            else:
                values[spec.key] = widget.value
        return values

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show what the author says of the choice (an inject's guidance, audience, effects and source)."""
        if not isinstance(event.option_list, ChoiceList):
            return
        key = (event.option_list.id or "").removeprefix("field-")
        spec = next((f for f in self.fields if f.key == key and f.details), None)
        value = event.option_list.value
        if spec is not None:
            self.query_one(f"#details-{key}", Static).update(
                Content(printable(spec.detail(value), multiline=True)) if value is not None else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id and event.input.id.startswith("filter-"):
            listing = self.query_one(f"#field-{event.input.id.removeprefix('filter-')}", SelectionList)
            listing.focus()  # Enter: on to the list, its first change lit, so Enter (or space) picks it
            if listing.highlighted is None and listing.option_count:
                listing.highlighted = 0
            return
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
        built: list[Intervention] = []

        async def attempt() -> str:
            built.append(self.form.build(self.view, self.answers()))
            return await self.take(built[0])
        if await taken(self, attempt, "#problem"):
            self.dismiss(built[0])

    def action_cancel(self) -> None:
        self.dismiss(None)
