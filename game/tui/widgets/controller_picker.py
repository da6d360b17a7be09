"""Who plays a seat: a person or a computer policy, cycled with the arrow keys or a click."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from game.players.registry import controller_label


class ControllerPicker(Widget, can_focus=True):
    """One seat's controller, chosen among ``choices`` ("human" and the policy names)."""

    DEFAULT_CSS = """
    ControllerPicker { height: 1; width: 1fr; }
    """

    BINDINGS = [
        Binding("right,space", "cycle(1)", "Next", show=False),
        Binding("left", "cycle(-1)", "Previous", show=False),
    ]

    value: reactive[str] = reactive("human")
    """The chosen controller."""

    def __init__(self, seat: str, name: str, choices: Sequence[str], value: str, *, id: str | None = None):
        super().__init__(id=id)
        self.seat = seat
        self.seat_name = name
        self.choices = list(choices)
        self.set_reactive(ControllerPicker.value, value)

    def action_cycle(self, step: int) -> None:
        self.value = self.choices[(self.choices.index(self.value) + step) % len(self.choices)]

    def on_click(self) -> None:
        self.action_cycle(1)

    def render(self) -> Content:
        who = controller_label(self.value)
        return Content.assemble((f"{self.seat_name:<20}", "b"), " \u25c0 ", (who[:1].upper() + who[1:], "$accent b"),
                                " \u25b6")
