"""The scenario's map drawn in the terminal: places, who holds what, and the routes in use.

Everything comes from the view's map (the scenario's ``[map]`` as the viewer
may see it): the widget knows no place by name. When the pane is narrower than the map, positions are
scaled and the background art is left out rather than cut in half. Nothing is written over anything
else: a place's name goes right or left of its marker, or, with no room for it whole, in the legend
under the map; a word of the art moves a little out of the way, or is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from game.seat_view.model import MapView, PlaceView

KIND_STYLES = ("$text-accent", "$text-warning", "$text-success", "$text-error", "$text-secondary", "$text-primary")
"""Text colours Textual keeps readable on the theme's background (``$primary`` itself is dark blue on black)."""
KIND_MARKERS = (("\u25cb", "\u25c9"), ("\u25a1", "\u25a0"), ("\u25b3", "\u25b2"), ("\u25c7", "\u25c6"),
                ("\u2606", "\u2605"), ("\u2662", "\u2666"))
"""Per place kind, its marker: hollow when nobody is known to hold it, filled when it has a status. The
kind is in the shape as well as the colour, so a colour-blind reader (or a monochrome terminal) tells
kinds apart too (issue 9.13)."""
TRAIL = "\u00b7"
ART_STYLE = "$foreground 50%"
ART_SHIFT = 8
"""How far (in columns) a word of the background art may move to keep clear of a place and its name."""


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


def kind_mark(places: Sequence[PlaceView], kind: str, markers: dict[str, tuple[str, str]]) -> str:
    """A kind's marker in the legend as its places show it: hollow, filled, or both ("◇◆") when both are on
    the map (a legend of "♦" beside a map of "♢ Moscow" left the reader to guess)."""
    used = {marker(p, markers) for p in places if p.kind == kind}
    return "".join(m for m in markers[kind] if m in used) or markers[kind][1]


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
    """A grid of styled characters; markers and names claim their cells so nothing is written over them."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[(" ", "")] * width for _ in range(height)]
        self.claimed: set[tuple[int, int]] = set()
        self.trails: set[tuple[int, int]] = set()

    def put(self, x: int, y: int, text: str, style: str = "", *, claim: bool = False) -> None:
        for i, char in enumerate(text):
            if 0 <= x + i < self.width and 0 <= y < self.height:
                self.cells[y][x + i] = (char, style)
                if claim:
                    self.claimed.add((x + i, y))

    def free(self, x: int, y: int, length: int, *, margin: int = 1, avoid_trails: bool = False) -> bool:
        """Whether ``length`` cells from (x, y) are inside the canvas and unclaimed, with ``margin`` blank
        cells either side (a name touching another would read as one)."""
        if not (0 <= y < self.height and 0 <= x and x + length <= self.width):
            return False
        cells = {(c, y) for c in range(x - margin, x + length + margin)}
        return not (cells & self.claimed or avoid_trails and cells & self.trails)

    def lines(self) -> list[Content]:
        return [Content.assemble(*((c, s) for c, s in row)).rstrip() for row in self.cells]


def art_words(art: str, height: int) -> list[tuple[int, int, str]]:
    """The background art's words as (x, y, text): runs of characters with at most single spaces inside
    ("A F G H A N I S T A N" is one word), so a word is kept whole or moved whole, never cut."""
    words = []
    for y, row in enumerate(art.splitlines()[:height]):
        for found in re.finditer(r"\S+(?: \S+)*", row):
            words.append((found.start(), y, found.group()))
    return words


def draw(shown: MapView, width: int) -> list[Content]:
    """The map's lines at ``width`` columns (at most the map's own width)."""
    return layout_map(shown, width)[0]


def layout_map(shown: MapView, width: int) -> tuple[list[Content], list[PlaceView]]:
    """The map's lines at ``width`` columns, and the places whose names found no room beside their marker
    (the legend lists them: a name is never cut, nor written over another, nor over the art)."""
    places, routes = shown.places, shown.routes
    width = max(10, min(width, shown.width))
    scale = width / shown.width
    canvas = Canvas(width, shown.height)
    at = {p.id: (int(p.x * scale), p.y) for p in places}
    for route in routes:
        if route.start in at and route.end in at:
            for x, y in _line(*at[route.start], *at[route.end]):
                canvas.put(x, y, TRAIL, "$text-accent")
                canvas.trails.add((x, y))
    styles, markers = kind_styles(places), kind_markers(places)
    for item in places:  # markers first: names keep clear of them
        x, y = at[item.id]
        canvas.put(x, y, marker(item, markers), f"{styles[item.kind]} b", claim=True)
    unnamed = []
    for item in sorted(places, key=lambda p: len(p.name)):  # short names first: they fit whole
        x, y = at[item.id]
        if not _label(canvas, x, y, item.name, f"{styles[item.kind]} b" if item.status else ""):
            unnamed.append(item)
    if scale == 1:  # scaled, the art's words would land between the places they name: left out
        for x, y, word in art_words(shown.art, shown.height):
            _art(canvas, x, y, word)
    return canvas.lines(), [p for p in places if p in unnamed]


def _label(canvas: Canvas, x: int, y: int, name: str, style: str) -> bool:
    """Write ``name`` beside its marker, right or else left, without touching anything written; False if
    there is no room for it whole."""
    for start in (x + 2, x - 1 - len(name)):
        if canvas.free(start, y, len(name)):
            canvas.put(start, y, name, style, claim=True)
            return True
    return False


def _art(canvas: Canvas, x: int, y: int, word: str) -> None:
    """A word of the background art where it is written, or moved a little to keep clear of the places,
    their names and the routes; left out when there is no room near it."""
    for dy in (0, -1, 1):
        for dx in sorted(range(-ART_SHIFT, ART_SHIFT + 1), key=abs):
            if canvas.free(x + dx, y + dy, len(word), avoid_trails=True):
                canvas.put(x + dx, y + dy, word, ART_STYLE, claim=True)
                return


def legend(shown: MapView, unnamed: Sequence[PlaceView] = ()) -> list[Content]:
    """The kinds of place by marker (when there are several), the places whose names are not on the map,
    who holds what, and the routes in use, in words."""
    places, routes = shown.places, shown.routes
    names = {p.id: p.name for p in places}
    styles, markers = kind_styles(places), kind_markers(places)
    lines = []
    if len(markers) > 1:
        lines.append(Content.assemble("Kinds: ", *(
            Content.assemble((kind_mark(places, kind, markers), f"{styles[kind]} b"), f" {shown.kind_label(kind)}  ")
            for kind in markers)).rstrip())
    if unnamed:
        lines.append(Content.assemble("Not named on the map: ", *(
            Content.assemble((marker(p, markers), f"{styles[p.kind]} b"), f" {p.name}" + (", " if i else ""))
            for i, p in reversed(list(enumerate(reversed(unnamed)))))))
    lines += [Content.assemble((marker(p, markers), f"{styles[p.kind]} b"), f" {p.name}: ",
                               (p.status, "b")) for p in places if p.status]
    lines += [Content.assemble((TRAIL * 3, "$text-accent"), f" {names.get(r.start, r.start)} \u2013 "
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
        lines, unnamed = layout_map(self.map, self.content_region.width or self.map.width)
        return Content("\n").join([*lines, Content(""), *legend(self.map, unnamed)])
