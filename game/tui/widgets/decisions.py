"""A seat's decisions for this turn: the available ones to choose, the others dimmed with why."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from game.presentation.options import option_prompt
from game.seat_view.model import OptionView
from game.tui.spans import joined


class DecisionList(OptionList):
    """The options of one seat; an option's id is its action id."""

    DEFAULT_CSS = """
    DecisionList { height: auto; max-height: 100%; }
    """

    def show(self, options: Sequence[OptionView], *, formulas: bool = False) -> None:
        """List ``options``, highlighting the first one that can be chosen (or keeping the one highlighted)."""
        kept = self.highlighted_option.id if self.highlighted is not None else None
        self.clear_options()
        self.add_options([ListOption(joined(option_prompt(o, formulas=formulas)), id=o.id, disabled=not o.available)
                          for o in options])
        ids = [o.id for o in options]
        first = next((i for i, o in enumerate(options) if o.available), None)
        self.highlighted = ids.index(kept) if kept in ids else first
