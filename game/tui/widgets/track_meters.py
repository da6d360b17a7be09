"""Tracks as meters, with last turn's change marked."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widget import Widget

from game.seat_view.model import Track

MIN_LABEL, MAX_LABEL = 12, 40
FIXED = 14
"""Columns besides the label and the bar: the secret mark, the value (``12/20``), the change (``▲2``)."""


def bar(track: Track, value: int, width: int) -> Content:
    """A filled bar for a bounded whole number; unbounded ones show no bar."""
    if track.low is None or track.high is None or track.high <= track.low:
        return Content(" " * width)
    filled = round(width * (value - track.low) / (track.high - track.low))
    return Content.assemble(("\u2588" * filled, "$accent"), ("\u2591" * (width - filled), "$foreground 30%"))


def change_mark(track: Track) -> Content:
    """``▲2``/``▼1`` for numbers, ``was X`` for the rest, since the start of the last turn; nothing when
    unchanged or before the first turn."""
    value, before = track.value, track.before
    if before is None or before == value:
        return Content("")
    if track.type == "int":
        delta = value - before
        return Content.styled(f"\u25b2{delta}" if delta > 0 else f"\u25bc{-delta}",
                              "$success b" if delta > 0 else "$error b")
    return Content.styled(f"was {track.say(before)}", "$warning")


def layout(width: int) -> tuple[int, int]:
    """Label and bar widths that fit ``width`` columns: the label gets what the bar can spare."""
    bar_width = max(4, min(12, (width - FIXED) // 4))
    return max(MIN_LABEL, min(MAX_LABEL, width - FIXED - bar_width)), bar_width


def meter_line(track: Track, width: int = 80) -> Content:
    """One track in at most ``width`` columns: label, secret mark, bar or value, and its last change.

    A label too long for its column is never cut: it takes lines of its own (wrapped to the pane)
    and the meter follows, indented, on the next one.
    """
    label_width, bar_width = layout(width)
    hidden = Content.styled("\u25cf", "$warning") if track.secret else Content(" ")
    if len(track.label) >= label_width:  # a label filling its column would touch the secret mark
        *first, last = Content(track.label).wrap(max(10, width - 2))
        return Content("\n").join([*first, Content.assemble(last, " ", hidden),
                                   _body(track, Content("  "), width, bar_width)])
    head = Content.assemble(f"{track.label:<{label_width}}", hidden, " ")
    return _body(track, head, width, bar_width)


def _body(track: Track, head: Content, width: int, bar_width: int) -> Content:
    """``head``, then the bar or value and the last change, within ``width``.

    A value said in words too long for the rest of the line (an enum's label, "was" what it was)
    goes on lines of its own under the label, wrapped, never cut."""
    mark = change_mark(track)
    value = track.value
    if track.type == "int":
        shown = f"{value}/{track.high}" if track.high is not None else str(value)
        return Content.assemble(head, bar(track, value, bar_width), f" {shown:>6} ", mark)
    said = Content.styled(track.say(value), "b")
    room = width - len(head.plain.split("\n")[-1])
    column = min(bar_width + 8, room - mark.cell_length - 1)  # where "was X" starts, under the others
    inline = mark
    if mark.cell_length and said.cell_length + 2 > column:  # no gap to tell the value from "was X": bracketed
        inline, column = Content.assemble("(", mark, ")"), said.cell_length
    if said.cell_length + 1 + inline.cell_length <= room:
        return Content.assemble(head, said.pad_right(max(0, column - said.cell_length)), " ", inline).rstrip()
    words = Content.assemble(said, " (", mark, ")") if mark.cell_length else said  # not "X was Y" run together
    above = [head.rstrip()] if head.plain.strip() else []  # a wrapped label is already above
    return Content("\n").join([*above, *(part.pad_left(4) for part in words.wrap(max(10, width - 4)))])


def meters(tracks: Iterable[Track], width: int = 80) -> Content:
    """Meters for ``tracks``, grouped by ``group``, in scenario order within a group."""
    groups: dict[str, list[Track]] = {}
    for track in tracks:
        groups.setdefault(track.group, []).append(track)
    lines: list[Content] = []
    for group, members in groups.items():
        if group and len(groups) > 1:
            lines.append(Content.styled(group, "$secondary b"))
        lines += [meter_line(track, width) for track in members]
    return Content("\n").join(lines)


class TrackMeters(Widget):
    """The tracks a seat may see; a dot marks the ones kept from other seats."""

    DEFAULT_CSS = """
    TrackMeters { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tracks: tuple[Track, ...] = ()

    def show(self, tracks: Iterable[Track]) -> None:
        """Draw ``tracks`` (a view's), marking each one's change over the last turn."""
        self.tracks = tuple(tracks)
        self.refresh(layout=True)

    def render(self) -> Content:
        return meters(self.tracks, self.content_region.width or 80)
