"""A seat's decisions for this turn: the available ones to choose, the others dimmed with why."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from game.presentation.options import option_prompt
from game.presentation.spans import Line
from game.seat_view.model import OptionView
from game.tui.spans import joined, wrapped


class DecisionList(OptionList):
    """The options of one seat; an option's id is its action id.

    The option under the cursor is drawn without its colours (the cursor's bar has its own), so a
    coloured word on it, such as "private", never sits unreadable on the bar.
    """

    DEFAULT_CSS = """
    DecisionList { height: auto; max-height: 100%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prompts: list[tuple[Content, Content]] = []
        """Each option's prompt, coloured and on the cursor."""
        self.on_cursor: int | None = None
        self._listed: tuple[Sequence[OptionView], bool] = ((), False)
        self.drawn_width = 0

    def on_resize(self) -> None:
        self._rewrap()

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._listed[0] and self._wrap_width() != self.drawn_width:
            self.call_later(self._rewrap)  # a width the last Resize did not tell (a layout changed under it)
        return super().render_lines(crop)

    def _rewrap(self) -> None:
        if self._listed[0] and self._wrap_width() != self.drawn_width:
            self.show(self._listed[0], formulas=self._listed[1])

    def _wrap_width(self) -> int:
        return self.scrollable_content_region.width - 4  # the option's padding, and room for a scrollbar

    def _prompt(self, item: list[Line], *, on_cursor: bool = False) -> Content:
        """An option's lines, wrapped here with a hanging indent (the list's own wrapping would start a
        reason's second line at the edge); before the list has a width, as they are."""
        width = self.drawn_width
        if width < 20:
            return joined(item, on_cursor=on_cursor)
        return Content("\n").join(wrapped(item, width, on_cursor=on_cursor))

    def show(self, options: Sequence[OptionView], *, formulas: bool = False) -> None:
        """List ``options``, highlighting the first one that can be chosen (or keeping the one highlighted)."""
        kept = self.highlighted_option.id if self.highlighted is not None else None
        self.prompts, self.on_cursor = [], None
        self._listed, self.drawn_width = (options, formulas), self._wrap_width()
        self.clear_options()
        lines = [option_prompt(o, formulas=formulas) for o in options]
        self.prompts = [(self._prompt(item), self._prompt(item, on_cursor=True)) for item in lines]
        self.on_cursor = None
        self.add_options([ListOption(self._prompt(item), id=o.id, disabled=not o.available)
                          for item, o in zip(lines, options)])
        ids = [o.id for o in options]
        first = next((i for i, o in enumerate(options) if o.available), None)
        self.highlighted = ids.index(kept) if kept in ids else first
        self._mark_cursor(self.highlighted)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._mark_cursor(highlighted)

    def _mark_cursor(self, index: int | None) -> None:
        if index == self.on_cursor or len(self.prompts) != self.option_count:
            return
        if self.on_cursor is not None and self.on_cursor < len(self.prompts):
            self.replace_option_prompt_at_index(self.on_cursor, self.prompts[self.on_cursor][0])
        if index is not None and index < len(self.prompts):
            self.replace_option_prompt_at_index(index, self.prompts[index][1])
        self.on_cursor = index
