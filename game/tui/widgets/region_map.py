"""The scenario's map drawn in the terminal: places, who holds what, and the routes in use.

Everything comes from the view's map (the scenario's ``[map]`` as the viewer
may see it): the widget knows no place by name. When the pane is narrower than the map, positions are
scaled and the background art is left out rather than cut in half.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from game.seat_view.model import MapView, PlaceView, RouteView

KIND_STYLES = ("$accent", "$warning", "$success", "$error", "$secondary", "$primary")
KIND_MARKERS = (("\u25cb", "\u25c9"), ("\u25a1", "\u25a0"), ("\u25b3", "\u25b2"), ("\u25c7", "\u25c6"),
                ("\u2606", "\u2605"), ("\u2662", "\u2666"))
"""Per place kind, its marker: hollow when nobody is known to hold it, filled when it has a status. The
kind is in the shape as well as the colour, so a colour-blind reader (or a monochrome terminal) tells
kinds apart too (issue 9.13)."""
TRAIL = "\u00b7"


def kind_styles(places: Sequence[PlaceView]) -> dict[str, str]:
    """A style per place kind, by order of first appearance, so colours are stable for a scenario."""
    kinds = dict.fromkeys(p.kind for p in places)
    return {kind: KIND_STYLES[i % len(KIND_STYLES)] for i, kind in enumerate(kinds)}


def kind_markers(places: Sequence[PlaceView]) -> dict[str, tuple[str, str]]:
    """(hollow, filled) markers per place kind, in the same order as the styles."""
    kinds = dict.fromkeys(p.kind for p in places)
    return {kind: KIND_MARKERS[i % len(KIND_MARKERS)] for i, kind in enumerate(kinds)}


def marker(place: PlaceView, markers: dict[str, tuple[str, str]]) -> str:
    hollow, filled = markers[place.kind]
    return filled if place.status else hollow


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


def draw(shown: MapView, width: int) -> list[Content]:
    """The map's lines at ``width`` columns (at most the map's own width)."""
    places, routes = shown.places, shown.routes
    width = max(10, min(width, shown.width))
    scale = width / shown.width
    canvas = Canvas(width, shown.height)
    if scale == 1:
        for y, row in enumerate(shown.art.splitlines()[: shown.height]):
            canvas.put(0, y, row, "$foreground 40%")
    at = {p.id: (int(p.x * scale), p.y) for p in places}
    for route in routes:
        if route.start in at and route.end in at:
            for x, y in _line(*at[route.start], *at[route.end]):
                canvas.put(x, y, TRAIL, "$accent")
    styles, markers = kind_styles(places), kind_markers(places)
    for item in places:  # markers first: labels keep clear of them
        x, y = at[item.id]
        canvas.put(x, y, marker(item, markers), f"{styles[item.kind]} b", claim=True)
    for item in sorted(places, key=lambda p: len(p.name)):  # short names first: they fit whole
        x, y = at[item.id]
        _label(canvas, x, y, item.name, f"{styles[item.kind]} b" if item.status else "")
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


def legend(places: Sequence[PlaceView], routes: Sequence[RouteView]) -> list[Content]:
    """The kinds of place by marker (when there are several), who holds what, and the routes in use, in words."""
    names = {p.id: p.name for p in places}
    styles, markers = kind_styles(places), kind_markers(places)
    lines = []
    if len(markers) > 1:
        lines.append(Content.assemble("Kinds: ", *(Content.assemble((markers[kind][1], f"{styles[kind]} b"),
                                                                     f" {kind.replace('-', ' ') or 'place'}  ")
                                                    for kind in markers)).rstrip())
    lines += [Content.assemble((marker(p, markers), f"{styles[p.kind]} b"), f" {p.name}: ",
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
        self.map: MapView | None = None

    def show(self, map_view: MapView | None) -> None:
        self.map = map_view
        self.refresh(layout=True)

    def render(self) -> Content:
        if self.map is None:
            return Content("")
        lines = draw(self.map, self.content_region.width or self.map.width)
        return Content("\n").join([*lines, Content(""), *legend(self.map.places, self.map.routes)])
