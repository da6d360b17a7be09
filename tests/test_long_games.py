"""A long game costs each turn what the turn holds, not what the game holds (counted, never timed).

- every entry of every resolved turn is built once per viewer, however many views are asked for,
  turn after turn, by several viewers, of the present and of earlier turns;
- a seat's copy of its view follows deltas, goes stale on one that does not apply, ignores the
  rest until a whole view comes;
- the end screen's chart of a 10,000-turn game is as wide as its row; the log screen shows the
  latest turns and more on request.
"""

from __future__ import annotations

from textual.app import App

from game.net import protocol as p
from game.net.mirror import Mirror
from game.seat_view import cut as cut_module
from game.seat_view.build import seat_view
from game.seat_view.delta import changes
from game.seat_view.model import Track
from game.seat_view.shared import SharedTuple
from game.session import Session
from game.tui.screens.game_log import PAGE, GameLogScreen
from game.tui.widgets.track_chart import chart_lines
from tests.saves_support import long_scenario

TURNS = 120


def test_each_entry_is_built_once_per_viewer_however_often_views_are_asked_for(monkeypatch):
    built: dict[str | None, int] = {}
    real = cut_module.Cut.entry

    def counted(self, entry, orders):
        built[self.seat] = built.get(self.seat, 0) + 1
        return real(self, entry, orders)

    monkeypatch.setattr(cut_module.Cut, "entry", counted)
    scenario = long_scenario(TURNS)
    session = Session(scenario, 3, dict.fromkeys(scenario.seats, "random"))
    viewers = (None, *scenario.seats)
    while not session.over:
        session.play_turn()
        for viewer in viewers:
            seat_view(session, viewer)
            seat_view(session, viewer)
            seat_view(session, viewer, len(session.turns) // 2)
    for viewer in viewers:
        assert built[viewer] == len(seat_view(session, viewer).entries), viewer
    assert len(session.turns) == TURNS


def test_a_seat_s_copy_follows_deltas_and_waits_for_a_whole_view_after_one_that_does_not_apply():
    scenario = long_scenario(10)
    session = Session(scenario, 3, dict.fromkeys(scenario.seats, "random"))
    views = [seat_view(session, "a")]
    for _ in range(3):
        session.play_turn()
        views.append(seat_view(session, "a"))
    mirror = Mirror()
    assert mirror.take(p.Whole(1, views[0], p.Status()))
    assert mirror.take(p.Delta(1, 2, changes(views[0], views[1]), p.Status()))
    assert mirror.view == views[1] and not mirror.stale
    assert not mirror.take(p.Delta(3, 4, changes(views[2], views[3]), p.Status()))  # update 3 never came
    assert mirror.stale and mirror.view == views[1]
    assert not mirror.take(p.Delta(4, 5, changes(views[2], views[3]), p.Status()))  # nothing applies now
    assert mirror.take(p.Whole(6, views[3], p.Status())) and not mirror.stale and mirror.view == views[3]
    assert not mirror.take(p.Delta(6, 7, {"entries": [1, 10**6, []]}, p.Status())) and mirror.stale


def test_the_chart_of_a_very_long_game_is_as_wide_as_its_row():
    track = Track("x", "Pressure", "int", SharedTuple(range(10_001)), 0, 10_000)
    for width in (80, 120, 200):
        lines = [str(line) for line in chart_lines([track], width)]
        assert all(len(line) <= width for line in lines), width
        assert any("10000" in line for line in lines)  # the ends are still said


class _Log(App[None]):
    def __init__(self, view) -> None:
        super().__init__()
        self.view = view

    def on_mount(self) -> None:
        self.push_screen(GameLogScreen(self.view))


async def test_the_log_of_a_long_game_shows_the_latest_turns_and_earlier_ones_on_request():
    scenario = long_scenario(TURNS)
    session = Session(scenario, 3, dict.fromkeys(scenario.seats, "random"))
    session.play_to_end()
    app = _Log(seat_view(session, None))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen

        def headings() -> list[str]:
            return [str(heading.render()) for heading in screen.query(".log-turn")]

        assert len(headings()) <= PAGE and headings()[-1].startswith(f"Turn {TURNS}/")
        assert "e shows" in str(screen.query_one("#log-earlier").render())
        for _ in range(TURNS // PAGE):
            await pilot.press("e")
            await pilot.pause()
        assert headings()[0].startswith("Turn 1/") and len(headings()) == TURNS
        assert not screen.query_one("#log-earlier").display
