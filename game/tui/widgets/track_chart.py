"""The tracks over a whole game: one sparkline row per track, turn by turn.

A game longer than the row has room for is drawn one value in every few
turns, so drawing it costs the width of the screen, not the game's length.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from game.seat_view.model import Track

LEVELS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
LABEL = 32


def spark(track: Track, step: int, stride: int = 1) -> Content:
    """Whole numbers as bar heights; other tracks as a mark where they changed (one value in ``stride``)."""
    values = track.history[::stride]
    if track.type == "int":
        low = track.low if track.low is not None else min(values)
        high = track.high if track.high is not None else max(values)
        span = max(1, high - low)
        cells = [LEVELS[round((len(LEVELS) - 1) * (v - low) / span)] * step for v in values]
        return Content.styled("".join(cells), "$accent")
    marks = [("\u25c6" if i and v != values[i - 1] else "\u2500") * step for i, v in enumerate(values)]
    return Content.styled("".join(marks), "$secondary")


def chart_lines(tracks: Sequence[Track], width: int) -> list[Content]:
    """A row per track: its label, its sparkline, its first and last values, within ``width``; a label too
    long for its column takes lines of its own above, and values that do not fit go on the next line,
    so nothing is cut ("Added drone squadrons in the Gu" was)."""
    turns = max((len(track.history) for track in tracks), default=1)
    column = min(LABEL, max((len(track.label) + 1 for track in tracks), default=1), max(10, width // 3))
    room = max(1, width - column - 2)
    stride = -(-turns // room)
    columns = -(-turns // stride)
    step = max(1, min(4, room // columns))
    lines = []
    for track in tracks:
        label = Content(track.label)
        if label.cell_length < column:
            head = label.pad_right(column - label.cell_length)
        else:
            lines += label.wrap(max(10, width))
            head = Content(" " * column)
        row = Content.assemble(head, spark(track, step, stride))
        ends = Content(f"{track.say(track.history[0])} \u2192 {track.say(track.value)}")
        if row.cell_length + 2 + ends.cell_length <= width:
            lines.append(Content.assemble(row, "  ", ends))
        else:
            lines.append(row)
            lines += [part.pad_left(column) for part in ends.wrap(max(10, width - column))]
    axis = " " * column + _axis(columns, step, stride)
    if len(axis) + len("  turn") <= width:  # the axis's name, where the row leaves room for it
        axis += "  turn"
    lines.append(Content.styled(axis, "$foreground 60%"))
    return lines


def _axis(columns: int, step: int, stride: int) -> str:
    """The turns under the sparklines: a number every few columns (each column ``stride`` turns)."""
    if stride == 1:
        every = max(1, 4 // step)
        return "".join(f"{i}".ljust(step)[:step] if i % every == 0 else " " * step for i in range(columns))
    every = -(-(len(str((columns - 1) * stride)) + 1) // step)
    return "".join(f"{i * stride}".ljust(every * step) for i in range(0, columns, every))[:columns * step]


class TrackChart(Widget):
    """Each track's value at the start and after every turn."""

    DEFAULT_CSS = """
    TrackChart { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tracks: list[Track] = []

    def show(self, tracks: Sequence[Track]) -> None:
        self.tracks = list(tracks)
        self.refresh(layout=True)

    def render(self) -> Content:
        return Content("\n").join(chart_lines(self.tracks, self.content_region.width or 80))
