"""The rules as written, for the facilitator's and the designer's eyes: a toggle shared by game screens.

Students see each change in words; in facilitator mode the key ``f`` also
shows the effect behind each change, conditions and chances as written. The
choice lives on the app, so it holds from one screen to the next.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen, ScreenResultType

from game.tui.dismissal import DismissOnce


class FormulaToggle(DismissOnce, Screen[ScreenResultType]):
    """A game screen that may show formulas; ``redraw`` draws it again with the new choice."""

    BINDINGS = [Binding("f", "toggle_formulas", "Formulas", tooltip="Show the rules as the scenario writes them",
                        id="game.formulas")]

    def __init__(self, *, formulas_allowed: bool = False) -> None:
        super().__init__()
        self.formulas_allowed = formulas_allowed
        """Facilitator mode: the toggle is offered (a student's screen never shows formulas)."""

    @property
    def formulas(self) -> bool:
        return self.formulas_allowed and self.app.formulas

    def action_toggle_formulas(self) -> None:
        self.app.formulas = not self.formulas
        self.redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "toggle_formulas" or self.formulas_allowed

    def redraw(self) -> None:
        raise NotImplementedError
