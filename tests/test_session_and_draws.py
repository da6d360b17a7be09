"""The game's random draws and the Session that CLI and UI drive."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.draws import chance_stream, draw
from game.errors import IllegalOrder, WargameError
from game.session import HUMAN, Order, Session, parse_seat_options


@given(st.integers(0, 2**63 - 1), st.integers(1, 10_000), st.text(max_size=20))
def test_a_draw_is_in_the_unit_interval(seed, turn, stream):
    assert 0.0 <= draw(seed, turn, stream) < 1.0


def test_draws_are_roughly_uniform_and_streams_independent():
    values = [draw(seed, 1, "chance:a") for seed in range(4000)]
    buckets = [0] * 10
    for value in values:
        buckets[int(value * 10)] += 1
    assert all(330 < count < 470 for count in buckets), buckets
    other = [draw(seed, 1, "chance:b") for seed in range(4000)]
    assert sum(a < 0.5 and b < 0.5 for a, b in zip(values, other)) == pytest.approx(1000, abs=120)


def test_draws_are_the_same_in_another_process():
    code = "from game.engine.draws import draw; print(repr(draw(12345, 7, 'chance:us.strike')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert float(out) == draw(12345, 7, chance_stream("us.strike"))


def test_a_refused_turn_leaves_the_session_unchanged(mini):
    session = Session(mini, 5, {"a": HUMAN, "b": "random"})
    with pytest.raises(IllegalOrder, match="no order for the human seat 'a'"):
        session.play_turn({})
    with pytest.raises(IllegalOrder, match="cannot choose 'a.calm' now"):
        session.play_turn({"a": Order("a", "a.calm")})
    with pytest.raises(IllegalOrder):
        session.play_turn({"a": Order("b", "a.push")})
    assert session.turns == [] and len(session.states) == 1
    record = session.play_turn({"a": Order("a", "a.push", "because")})
    assert record.turn == 1 and record.orders[0].rationale == "because"
    assert session.state.turn == 2


def test_computer_seats_choose_from_their_own_view_only(mini):
    session = Session(mini, 9, dict.fromkeys(mini.seats, "random"))
    session.play_to_end()
    assert session.over and len(session.turns) <= mini.turns
    again = Session(mini, 9, dict.fromkeys(mini.seats, "random"))
    again.play_to_end()
    assert [r.state_hash for r in again.turns] == [r.state_hash for r in session.turns]


@pytest.mark.parametrize("options, message", [
    (["a"], "write ACTOR=CONTROLLER"),
    (["z=random"], "'z' is not a seat"),
    (["a=wizard"], "unknown policy 'wizard'"),
])
def test_seat_options_are_checked(mini, options, message):
    with pytest.raises(WargameError, match=message):
        parse_seat_options(mini, options, "random")
