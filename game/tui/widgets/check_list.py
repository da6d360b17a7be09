"""A list to tick several things in, whose ticks read without colour: ``X`` ticked, blank not.

Textual's ``SelectionList`` draws the same ``X`` in every box and tells ticked
from not by colour alone, which a colour-blind reader, a monochrome terminal or
the high-contrast theme loses (issue 24: the message dialog's recipients).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED, UNTICKED = "X", " "


class CheckList(SelectionList):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2:
            return strip
        mark = TICKED if selection.value in self._selected else UNTICKED
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)
