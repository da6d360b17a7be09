"""Tracks as meters, with last turn's change marked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.content import Content
from textual.widget import Widget

from game.cli.transcript import format_value
from game.engine.model import Variable

MIN_LABEL, MAX_LABEL = 12, 40
FIXED = 14
"""Columns besides the label and the bar: the secret mark, the value (``12/20``), the change (``▲2``)."""


def bar(variable: Variable, value: int, width: int) -> Content:
    """A filled bar for a bounded whole number; unbounded ones show no bar."""
    if variable.low is None or variable.high is None or variable.high <= variable.low:
        return Content(" " * width)
    filled = round(width * (value - variable.low) / (variable.high - variable.low))
    return Content.assemble(("\u2588" * filled, "$accent"), ("\u2591" * (width - filled), "$foreground 30%"))


def change_mark(variable: Variable, value: object, before: object) -> Content:
    """``▲2``/``▼1`` for numbers, ``was X`` for the rest; nothing when unchanged or unknown."""
    if before is None or before == value:
        return Content("")
    if variable.type == "int":
        delta = value - before
        return Content.styled(f"\u25b2{delta}" if delta > 0 else f"\u25bc{-delta}",
                              "$success b" if delta > 0 else "$error b")
    return Content.styled(f"was {format_value(before)}", "$warning")


def layout(width: int) -> tuple[int, int]:
    """Label and bar widths that fit ``width`` columns: the label gets what the bar can spare."""
    bar_width = max(4, min(12, (width - FIXED) // 4))
    return max(MIN_LABEL, min(MAX_LABEL, width - FIXED - bar_width)), bar_width


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "\u2026"


def meter_line(variable: Variable, value: object, before: object, width: int = 80) -> Content:
    """One track in at most ``width`` columns: label, secret mark, bar or value, and its change."""
    label_width, bar_width = layout(width)
    hidden = Content.styled("\u25cf", "$warning") if variable.visible_to is not None else Content(" ")
    head = Content.assemble(f"{clip(variable.label, label_width):<{label_width}}", hidden, " ")
    mark = change_mark(variable, value, before)
    if variable.type == "int":
        shown = f"{value}/{variable.high}" if variable.high is not None else str(value)
        body = Content.assemble(bar(variable, value, bar_width), f" {shown:>6} ", mark)
    else:
        room = width - len(head.plain) - len(mark.plain) - 1
        mark = mark if room >= 3 else Content("")
        shown = clip(format_value(value), max(3, room))
        body = Content.assemble((f"{shown:<{min(bar_width + 8, max(3, room))}} ", "b"), mark)
    return Content.assemble(head, body)


def meters(variables: Iterable[Variable], values: Mapping[str, object], previous: Mapping[str, object],
           width: int = 80) -> Content:
    """Meters for the variables in ``values``, grouped by ``group``, in scenario order within a group."""
    groups: dict[str, list[Variable]] = {}
    for variable in variables:
        if variable.name in values:
            groups.setdefault(variable.group, []).append(variable)
    lines: list[Content] = []
    for group, members in groups.items():
        if group and len(groups) > 1:
            lines.append(Content.styled(group, "$secondary b"))
        lines += [meter_line(v, values[v.name], previous.get(v.name), width) for v in members]
    return Content("\n").join(lines)


class TrackMeters(Widget):
    """The tracks a seat may see; a dot marks the ones kept from other seats."""

    DEFAULT_CSS = """
    TrackMeters { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.variables: tuple[Variable, ...] = ()
        self.values: Mapping[str, object] = {}
        self.previous: Mapping[str, object] = {}

    def show(self, variables: Iterable[Variable], values: Mapping[str, object],
             previous: Mapping[str, object]) -> None:
        """Draw the ``values`` (name -> value) a view holds, marking each change since ``previous``."""
        self.variables, self.values, self.previous = tuple(variables), dict(values), dict(previous)
        self.refresh(layout=True)

    def render(self) -> Content:
        return meters(self.variables, self.values, self.previous, self.content_region.width or 80)
