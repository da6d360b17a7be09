"""A seat's decisions for this turn: the available ones to choose, the others dimmed with why."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from game.engine.views import Option


def chance_text(option: Option) -> str:
    if option.chance is not None:
        return f"{option.chance:.0%}"
    return "chance unknown" if option.chance_hidden else ""


def prompt(option: Option) -> Content:
    chance = chance_text(option)
    parts: list[Content | str | tuple[str, str]] = [option.action.label]
    if chance:
        parts += ["  ", (chance, "$accent b" if option.available else "")]
    if option.action.visibility == "private":
        parts += ["  ", ("private", "$warning")]
    if not option.available:
        parts += ["\n", (f"  unavailable: {option.reason}", "i")]
    return Content.assemble(*parts)


class DecisionList(OptionList):
    """The options of one seat; an option's id is its action id."""

    DEFAULT_CSS = """
    DecisionList { height: auto; max-height: 100%; }
    """

    def show(self, options: Sequence[Option]) -> None:
        """List ``options``, highlighting the first one that can be chosen."""
        self.clear_options()
        self.add_options([ListOption(prompt(o), id=o.action.id, disabled=not o.available) for o in options])
        first = next((i for i, o in enumerate(options) if o.available), None)
        self.highlighted = first
