"""The tracks over a whole game: one sparkline row per track, turn by turn."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from game.seat_view.model import Track

LEVELS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
LABEL = 32


def spark(track: Track, step: int) -> Content:
    """Whole numbers as bar heights; other tracks as a mark where they changed."""
    values = track.history
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
    step = max(1, min(4, room // max(1, turns)))
    lines = []
    for track in tracks:
        label = Content(track.label)
        if label.cell_length < column:
            head = label.pad_right(column - label.cell_length)
        else:
            lines += label.wrap(max(10, width))
            head = Content(" " * column)
        row = Content.assemble(head, spark(track, step))
        ends = Content(f"{track.say(track.history[0])} \u2192 {track.say(track.value)}")
        if row.cell_length + 2 + ends.cell_length <= width:
            lines.append(Content.assemble(row, "  ", ends))
        else:
            lines.append(row)
            lines += [part.pad_left(column) for part in ends.wrap(max(10, width - column))]
    every = max(1, 4 // step)
    axis = "".join(f"{i}".ljust(step)[:step] if i % every == 0 else " " * step for i in range(turns))
    lines.append(Content.styled(" " * column + axis + "  turn", "$foreground 60%"))
    return lines


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
