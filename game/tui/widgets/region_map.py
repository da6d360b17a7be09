"""The scenario's map drawn in the terminal: places, who holds what, and the routes in use.

Everything comes from the scenario's ``[map]`` and the view: the widget knows
no place by name. When the pane is narrower than the map, positions are
scaled and the background art is left out rather than cut in half.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from game.engine.model import MapSpec, Route
from game.engine.views import PlaceView

KIND_STYLES = ("$accent", "$warning", "$success", "$error", "$secondary", "$primary")
MARKER, ACTIVE_MARKER, TRAIL = "\u25cb", "\u25c9", "\u00b7"


def kind_styles(places: Sequence[PlaceView]) -> dict[str, str]:
    """A style per place kind, by order of first appearance, so colours are stable for a scenario."""
    kinds = dict.fromkeys(p.place.kind for p in places)
    return {kind: KIND_STYLES[i % len(KIND_STYLES)] for i, kind in enumerate(kinds)}


def _line(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    """The cells between two points (Bresenham), ends excluded."""
    cells, dx, dy = [], abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err, x, y = dx + dy, x0, y0
    while (x, y) != (x1, y1):
        cells.append((x, y))
        twice = 2 * err
        if twice >= dy:
            err, x = err + dy, x + sx
        if twice <= dx:
            err, y = err + dx, y + sy
    return cells[1:]


class Canvas:
    """A grid of styled characters; labels and markers claim their cells so others avoid them."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[(" ", "")] * width for _ in range(height)]
        self.claimed: set[tuple[int, int]] = set()

    def put(self, x: int, y: int, text: str, style: str = "", *, claim: bool = False) -> None:
        for i, char in enumerate(text):
            if 0 <= x + i < self.width and 0 <= y < self.height:
                self.cells[y][x + i] = (char, style)
                if claim:
                    self.claimed.add((x + i, y))

    def room(self, x: int, y: int, step: int) -> int:
        """Unclaimed cells from ``x`` in direction ``step``, keeping a blank before a claimed one."""
        free = 0
        while 0 <= x < self.width and (x, y) not in self.claimed:
            free, x = free + 1, x + step
        return max(0, free - 1) if 0 <= x < self.width else free

    def lines(self) -> list[Content]:
        return [Content.assemble(*((c, s) for c, s in row)).rstrip() for row in self.cells]


def draw(spec: MapSpec, places: Sequence[PlaceView], routes: Sequence[Route], width: int) -> list[Content]:
    """The map's lines at ``width`` columns (at most the map's own width)."""
    width = max(10, min(width, spec.width))
    scale = width / spec.width
    canvas = Canvas(width, spec.height)
    if scale == 1:
        for y, row in enumerate(spec.art.splitlines()[: spec.height]):
            canvas.put(0, y, row, "$foreground 40%")
    at = {p.place.id: (int(p.place.x * scale), p.place.y) for p in places}
    for route in routes:
        if route.start in at and route.end in at:
            for x, y in _line(*at[route.start], *at[route.end]):
                canvas.put(x, y, TRAIL, "$accent")
    styles = kind_styles(places)
    for item in places:  # markers first: labels keep clear of them
        x, y = at[item.place.id]
        canvas.put(x, y, ACTIVE_MARKER if item.status else MARKER, f"{styles[item.place.kind]} b", claim=True)
    for item in sorted(places, key=lambda p: len(p.place.name)):  # short names first: they fit whole
        x, y = at[item.place.id]
        _label(canvas, x, y, item.place.name, f"{styles[item.place.kind]} b" if item.status else "")
    return canvas.lines()


def _label(canvas: Canvas, x: int, y: int, name: str, style: str) -> None:
    """Write ``name`` beside its marker without covering another label: right, else left, else cut short."""
    right = canvas.room(x + 2, y, 1)
    left = canvas.room(x - 2, y, -1)
    if right >= len(name) or (right >= left and right >= 3):
        canvas.put(x + 2, y, _cut(name, right), style, claim=True)
    elif left >= 3:
        shown = _cut(name, left)
        canvas.put(x - 1 - len(shown), y, shown, style, claim=True)


def _cut(name: str, room: int) -> str:
    return name if len(name) <= room else name[: room - 1] + "\u2026"


def legend(places: Sequence[PlaceView], routes: Sequence[Route]) -> list[Content]:
    """Who holds what, and the routes in use, in words."""
    names = {p.place.id: p.place.name for p in places}
    styles = kind_styles(places)
    lines = [Content.assemble((ACTIVE_MARKER, f"{styles[p.place.kind]} b"), f" {p.place.name}: ",
                              (p.status, "b")) for p in places if p.status]
    lines += [Content.assemble((TRAIL * 3, "$accent"), f" {names.get(r.start, r.start)} \u2013 "
                               f"{names.get(r.end, r.end)}", f": {r.label}" if r.label else "")
              for r in routes]
    return lines


class RegionMap(Widget):
    """The map of a view; empty (and hidden by its screen) when the scenario has none."""

    DEFAULT_CSS = """
    RegionMap { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec: MapSpec | None = None
        self.places: tuple[PlaceView, ...] = ()
        self.routes: tuple[Route, ...] = ()

    def show(self, spec: MapSpec | None, places: Sequence[PlaceView], routes: Sequence[Route]) -> None:
        self.spec, self.places, self.routes = spec, tuple(places), tuple(routes)
        self.refresh(layout=True)

    def render(self) -> Content:
        if self.spec is None:
            return Content("")
        lines = draw(self.spec, self.places, self.routes, self.content_region.width or self.spec.width)
        return Content("\n").join([*lines, Content(""), *legend(self.places, self.routes)])
