"""Properties of what the widgets draw, for any map, track or width (no App needed)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.presentation.entries import change_line
from game.scenario import load_scenario
from game.seat_view.build import seat_view
from game.seat_view.model import MapView, PlaceView, RouteView, Track
from game.session import Session
from game.tui.widgets.news_feed import feed
from game.tui.widgets.region_map import KIND_MARKERS, art_words, draw, layout_map, legend
from game.tui.widgets.track_chart import chart_lines
from game.tui.widgets.track_meters import layout, meter_line
from tests.paths import FIXTURES

TRIO = load_scenario(FIXTURES / "trio.toml")
names = st.text(st.characters(codec="ascii", categories=["L", "N", "Zs"]), min_size=1, max_size=30)


@st.composite
def maps(draw_):
    width = draw_(st.integers(10, 90))
    height = draw_(st.integers(3, 25))
    count = draw_(st.integers(1, 8))
    statuses = st.sampled_from(["", "held", "US drones"])
    places = [PlaceView(f"p{i}", draw_(names), draw_(st.integers(0, width - 1)),
                        draw_(st.integers(0, height - 1)), draw_(st.sampled_from(["", "base", "capital"])),
                        draw_(statuses))
              for i in range(count)]
    art = "\n".join(draw_(st.text(alphabet="-|+. ", max_size=width + 5)) for _ in range(height + 2))
    routes = [RouteView(f"p{draw_(st.integers(0, count - 1))}", f"p{draw_(st.integers(0, count - 1))}", "road")
              for _ in range(draw_(st.integers(0, 4)))]
    return MapView(width, height, art, tuple(places), tuple(routes))


@given(maps(), st.integers(1, 200))
def test_the_map_fits_its_pane_and_marks_every_place(shown, pane):
    lines = draw(shown, pane)
    width = max(10, min(pane, shown.width))
    assert len(lines) == shown.height
    assert all(len(line.plain) <= width for line in lines)
    scale = width / shown.width
    kinds = list(dict.fromkeys(p.kind for p in shown.places))
    for item in shown.places:
        x, y = int(item.x * scale), item.y
        hollow, filled = KIND_MARKERS[kinds.index(item.kind)]
        assert lines[y].plain[x] == (filled if item.status else hollow) or \
            any(int(p.x * scale) == x and p.y == y for p in shown.places if p is not item)


@given(maps())
def test_each_kind_of_place_has_its_own_marker_and_the_legend_names_it(shown):
    """Issue 9.13: a place's kind is in its marker's shape, not in its colour alone."""
    kinds = list(dict.fromkeys(p.kind for p in shown.places))
    assert len({KIND_MARKERS[i] for i in range(len(kinds))}) == len(kinds)
    text = "\n".join(line.plain for line in legend(shown))
    if len(kinds) > 1:
        for i, kind in enumerate(kinds):  # the kind's markers as its places show them: hollow, filled, or both
            hollow, filled = KIND_MARKERS[i]
            statuses = {bool(p.status) for p in shown.places if p.kind == kind}
            mark = (hollow if False in statuses else "") + (filled if True in statuses else "")
            assert f"{mark} {shown.kind_label(kind)}" in text


@given(maps())
def test_the_legend_names_every_place_that_has_a_status_and_every_route(shown):
    text = "\n".join(line.plain for line in legend(shown))
    for item in shown.places:
        if item.status:
            assert f"{item.name}: {item.status}" in text
    assert text.count("road") == len(shown.routes)


kinds = st.one_of(
    st.builds(lambda lo, span, label: ("int", label, lo, lo + span, ()), st.integers(-5, 5), st.integers(0, 30),
              names),
    st.builds(lambda label: ("bool", label, None, None, ()), names),
    st.builds(lambda label: ("enum", label, None, None, ("calm", "tense")), names),
)


def track(kind, ns) -> Track:
    """A track of ``kind`` whose history is ``ns`` brought into its range."""
    type_, label, low, high, values = kind
    if type_ == "int":
        history = tuple(low + n % (high - low + 1) for n in ns)
    else:
        history = tuple(bool(n % 2) if type_ == "bool" else values[n % 2] for n in ns)
    return Track("t", label, type_, history, low, high, values)


@given(kinds, st.integers(0, 100), st.integers(0, 100), st.integers(30, 200))
def test_a_meter_fits_its_pane_and_never_cuts_its_label(kind, before, now, width):
    """Issue 9.5: a label too long for its column takes a line of its own rather than an ellipsis."""
    shown = track(kind, [before, now])
    line = meter_line(shown, width).plain
    assert all(len(part) <= width for part in line.splitlines())
    assert "".join(line.split()).startswith("".join(shown.label.split()))  # whole, if folded onto lines
    if shown.type == "int" and shown.value != shown.before:
        arrow = "\u25b2" if shown.value > shown.before else "\u25bc"
        assert f"{arrow}{abs(shown.value - shown.before)}" in line


@given(kinds, st.lists(st.integers(0, 100), min_size=1, max_size=40), st.integers(60, 200))
def test_the_chart_has_a_row_per_track_with_first_and_last_values(kind, ns, width):
    shown = track(kind, ns)
    lines = [line.plain for line in chart_lines([shown], width)]
    assert all(len(line) <= width for line in lines)
    last = ("yes" if shown.value else "no") if shown.type == "bool" else str(shown.value)
    assert lines[-2].rstrip().endswith(f"\u2192 {last}")  # the values close the track's rows, the axis follows
    assert "".join("".join(lines).split()).startswith("".join(shown.label.split()))  # the label, whole


@given(st.integers(0, 10_000), st.integers(20, 160), st.sampled_from([None, *TRIO.seats]), st.booleans())
def test_the_news_feed_wraps_within_its_width_and_says_every_change(seed, width, seat, formulas):
    session = Session(TRIO, seed, dict.fromkeys(TRIO.seats, "random"))
    session.play_to_end()
    view = seat_view(session, seat, formulas=True)
    lines = [line.plain for line in feed(view, view.entries, width, formulas=formulas)]
    narrowest = 10 + 4  # an indented line keeps 10 cells of text however narrow the pane
    assert all(len(line) <= max(width, narrowest) for line in lines)
    squeezed = "".join("".join(lines).split())  # wrapping may break a line anywhere
    for entry in view.entries:
        for change in entry.changes:
            assert "".join(change_line(change, view, formulas=formulas).text.split()) in squeezed
            if change.formula:
                assert ("".join(f"[{change.formula}]".split()) in squeezed) is formulas


def test_a_name_with_no_room_beside_its_marker_is_listed_under_the_map_not_cut():
    west = PlaceView("w", "Dushanbe (201st base)", 10, 2, status="held")
    east = PlaceView("e", "Beijing", 27, 2)
    shown = MapView(30, 4, places=(west, east))
    lines, unnamed = layout_map(shown, 30)
    row = lines[2].plain
    assert " Beijing \u25cb" in row  # no room on its right: the name goes left of its marker, whole
    assert "Dusha" not in row and "\u2026" not in row
    assert unnamed == [west]
    text = "\n".join(line.plain for line in legend(shown, unnamed))
    assert "Not named on the map: \u25c9 Dushanbe (201st base)" in text


words = st.text(alphabet="ABCDEFGHIJ", min_size=1, max_size=12)


@given(maps(), st.lists(st.tuples(words, st.integers(0, 80), st.integers(0, 24)), max_size=8))
def test_names_and_the_arts_words_are_whole_apart_or_absent(shown, written):
    """Issue 24: "K\u25b2RManasAN" (a marker and a name written over KYRGYZSTAN) never again: every name is
    on the map whole or listed in the legend; a word of the art is whole or left out."""
    rows = [""] * shown.height
    for word, x, y in written:
        if y < shown.height and x + len(word) <= shown.width:
            row = rows[y].ljust(x + len(word) + 2)
            rows[y] = row[:x] + word + row[x + len(word):]
    shown = MapView(shown.width, shown.height, "\n".join(rows), shown.places, shown.routes)
    lines, unnamed = layout_map(shown, shown.width)
    text = [line.plain for line in lines]
    for place in shown.places:
        if place not in unnamed:
            assert place.name.strip() in text[place.y], (place, text[place.y])
    for _x, _y, word in art_words(shown.art, shown.height):
        found = [row for row in text if word in row]
        assert found or all(word not in row for row in text)
    assert all("\u2026" not in row for row in text)


def test_a_label_that_fills_its_column_keeps_clear_of_the_secret_mark():
    """Seen at 200 columns: "The offer, as Washington understands it●" (a 40-character label, 40 columns)."""
    label = "The offer, as Washington understands it!"
    shown = Track("t", label, "enum", ("floated",), values=("floated",), secret=True)
    assert len(label) == layout(200)[0]
    first = meter_line(shown, 200).plain.splitlines()[0]
    assert first.startswith(label + " ")
