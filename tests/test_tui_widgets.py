"""Properties of what the widgets draw, for any map, track or width (no App needed)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.engine.model import MapSpec, Place, Route, Variable
from game.engine.views import PlaceView
from game.scenario import load_scenario
from game.session import Session
from game.tui.widgets.news_feed import feed, rule_name
from game.tui.widgets.region_map import draw, legend
from game.tui.widgets.track_chart import chart_lines
from game.tui.widgets.track_meters import meter_line
from tests.paths import FIXTURES

TRIO = load_scenario(FIXTURES / "trio.toml")
names = st.text(st.characters(codec="ascii", categories=["L", "N", "Zs"]), min_size=1, max_size=30)


@st.composite
def maps(draw_):
    width = draw_(st.integers(10, 90))
    height = draw_(st.integers(3, 25))
    count = draw_(st.integers(1, 8))
    places = [Place(f"p{i}", draw_(names), draw_(st.integers(0, width - 1)),
                    draw_(st.integers(0, height - 1)), kind=draw_(st.sampled_from(["", "base", "capital"])))
              for i in range(count)]
    art = "\n".join(draw_(st.text(alphabet="-|+. ", max_size=width + 5)) for _ in range(height + 2))
    routes = [Route(f"p{draw_(st.integers(0, count - 1))}", f"p{draw_(st.integers(0, count - 1))}", "road")
              for _ in range(draw_(st.integers(0, 4)))]
    statuses = [draw_(st.sampled_from(["", "held", "US drones"])) for _ in places]
    return MapSpec(width, height, tuple(places), tuple(routes), art), \
        [PlaceView(p, s) for p, s in zip(places, statuses)], routes


@given(maps(), st.integers(1, 200))
def test_the_map_fits_its_pane_and_marks_every_place(drawn, pane):
    spec, places, routes = drawn
    lines = draw(spec, places, routes, pane)
    width = max(10, min(pane, spec.width))
    assert len(lines) == spec.height
    assert all(len(line.plain) <= width for line in lines)
    scale = width / spec.width
    for item in places:
        x, y = int(item.place.x * scale), item.place.y
        assert lines[y].plain[x] == ("\u25c9" if item.status else "\u25cb") or \
            any(int(p.place.x * scale) == x and p.place.y == y for p in places if p is not item)


@given(maps())
def test_the_legend_names_every_place_that_has_a_status_and_every_route(drawn):
    spec, places, routes = drawn
    text = "\n".join(line.plain for line in legend(places, routes))
    for item in places:
        if item.status:
            assert f"{item.place.name}: {item.status}" in text
    assert text.count("road") == len(routes)


tracks = st.one_of(
    st.builds(lambda lo, span, label: Variable("v", label, "int", lo, low=lo, high=lo + span),
              st.integers(-5, 5), st.integers(0, 30), names),
    st.builds(lambda label: Variable("b", label, "bool", False), names),
    st.builds(lambda label: Variable("e", label, "enum", "calm", values=("calm", "tense")), names),
)


def value_of(variable: Variable, n: int):
    if variable.type == "int":
        return variable.low + n % (variable.high - variable.low + 1)
    return bool(n % 2) if variable.type == "bool" else variable.values[n % 2]


@given(tracks, st.integers(0, 100), st.integers(0, 100), st.integers(30, 200))
def test_a_meter_line_fits_its_pane(variable, now, before, width):
    value, earlier = value_of(variable, now), value_of(variable, before)
    line = meter_line(variable, value, earlier, width).plain
    assert len(line) <= width
    if variable.type == "int" and value != earlier:
        arrow = "\u25b2" if value > earlier else "\u25bc"
        assert f"{arrow}{abs(value - earlier)}" in line


@given(tracks, st.lists(st.integers(0, 100), min_size=1, max_size=40), st.integers(60, 200))
def test_the_chart_has_a_row_per_track_with_first_and_last_values(variable, ns, width):
    values = [value_of(variable, n) for n in ns]
    lines = chart_lines([(variable, values)], width)
    assert len(lines) == 2
    last = ("yes" if values[-1] else "no") if variable.type == "bool" else str(values[-1])
    assert lines[0].plain.rstrip().endswith(f"\u2192 {last}")


@given(st.integers(0, 10_000), st.integers(20, 160))
def test_the_news_feed_wraps_within_its_width_and_explains_every_change(seed, width):
    session = Session(TRIO, seed, dict.fromkeys(TRIO.seats, "random"))
    session.play_to_end()
    entries = session.entries()
    lines = [line.plain for line in feed(TRIO, entries, {}, width)]
    narrowest = 10 + 6  # a deeply indented line keeps 10 cells of text however narrow the pane
    assert all(len(line) <= max(width, narrowest) for line in lines)
    squeezed = "".join("".join(lines).split())  # wrapping may break a line anywhere
    for entry in entries:
        why = "".join(f"why:{rule_name(TRIO, entry)}".split())
        for change in entry.changes:
            assert why + "".join(f"[{change.effect}]".split()) in squeezed


def test_labels_near_each_other_are_cut_rather_than_written_over():
    west = Place("w", "Dushanbe (201st base)", 10, 2)
    east = Place("e", "Beijing", 27, 2)
    spec = MapSpec(30, 4, (west, east))
    row = draw(spec, [PlaceView(west, "held"), PlaceView(east, "")], [], 30)[2].plain
    assert " Beijing \u25cb" in row  # no room on its right: the label goes left of its marker, whole
    assert "Dusha" in row and "Dushanbe (201st base)" not in row  # the long one is cut short
    assert row.count("\u2026") == 1
