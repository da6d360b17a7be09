"""The white cell's acts in the engine: checked like the scenario's own rules, deterministic, seat-safe.

Each test is a rule of issue 13.1: events fire as authored, injects are
compiled by the scenario's own expression compiler, tracks stay within
bounds, a ruling decides a chance whatever the roll, the facilitator's
reason never reaches a seat, and no act shows a seat a hidden value.
"""

from __future__ import annotations

import re

import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import new_game, resolve_turn, view_for
from game.engine.adjudication import MAX_SEED
from game.engine.draws import chance_stream, draw
from game.engine.interventions import (
    FireEvent,
    ForceChance,
    Inject,
    ReplaceOrder,
    SetTrack,
    apply_intervention,
    check_intervention,
    track_value,
)
from game.engine.log import FACILITATOR, INTERVENTION
from game.errors import RefusedIntervention
from tests.saves_support import acts, examples, games, scenario, scenarios
from tests.test_game_machine import perturb_hidden

SCENARIOS = pytest.mark.parametrize("path", scenarios(), ids=lambda p: p.stem)


def test_an_event_fired_now_has_its_authored_effects_text_quote_and_audience_and_fires_once(mini):
    state = new_game(mini, 1)
    fired = apply_intervention(mini, state, FireEvent("whisper", "the room is too calm"))
    (entry,) = fired.entries
    assert (entry.kind, entry.rule, entry.text, entry.visible_to) == (
        INTERVENTION, "whisper", "Only Beta hears the whisper.", frozenset({"b"}))
    assert (entry.by, entry.reason) == (FACILITATOR, "the room is too calm")
    assert fired.state.values[0] == state.values[0] - 1 and "whisper" in fired.state.fired
    assert fired.state.turn == state.turn  # the turn stays open
    with pytest.raises(RefusedIntervention, match="has already fired, and it fires only once"):
        apply_intervention(mini, fired.state, FireEvent("whisper"))
    again = apply_intervention(mini, fired.state, FireEvent("drift"))  # a recurring event fires again
    assert apply_intervention(mini, again.state, FireEvent("drift")).entries[0].rule == "drift"


def test_an_inject_is_compiled_and_checked_like_the_scenarios_own_effects(mini):
    state = new_game(mini, 1)
    storm = apply_intervention(mini, state, Inject("A storm", ["a"], ["x += 3", "mood = 'tense'"], "a jolt"))
    assert storm.state.values == (8, False, "tense")
    assert storm.entries[0].visible_to == frozenset({"a"}) and storm.entries[0].text == "A storm"
    assert apply_intervention(mini, state, Inject("Up", None, ["x += 50"])).state.values[0] == 10  # clamped
    refusals = {
        Inject("Up", None, ["x += "]): "effect 'x += ': not a valid expression",
        Inject("Up", None, ["y = 1"]): "effect 'y = 1': cannot assign to 'y'",
        Inject("Up", None, ["mood = 'sad'"]): "'sad' is not a value of 'mood'",
        Inject("Up", None, ["x = true"]): "'x' holds whole numbers",
        Inject("Up", None, ["__import__('os')"]): "effect",
        Inject("  ", None, []): "the headline is empty",
        Inject("Up", [], []): "at least one recipient",
        Inject("Up", ["c"], []): "'c' is not a seat",
        Inject("Up\x1b[2J", None, []): "control character",
        Inject("Up", None, ["x += 1 if secret else 0"]): "would show Alpha a change of 'x' worked out from 'secret'",
    }
    for act, message in refusals.items():
        with pytest.raises(RefusedIntervention, match=re.escape(message)) as error:
            check_intervention(mini, state, act)
        assert "\n" not in str(error.value)


def test_a_track_is_set_within_its_bounds_to_a_value_of_its_type(mini):
    state = new_game(mini, 1)
    assert apply_intervention(mini, state, SetTrack("x", 0)).state.values[0] == 0
    entry = apply_intervention(mini, state, SetTrack("secret", True, "why")).entries[0]
    assert entry.visible_to == frozenset({"b"}) and entry.changes[0].effect == "secret = true"
    assert apply_intervention(mini, state, SetTrack("x", 5)).entries[0].changes == ()  # no change to show
    for act, message in {SetTrack("x", 11): "goes from 0 to 10: 11 is out of bounds",
                         SetTrack("x", True): "holds whole numbers", SetTrack("mood", "sad"): "is one of calm",
                         SetTrack("secret", 1): "holds true or false", SetTrack("z", 1): "no variable 'z'",
                         SetTrack("mod", "calm"): "did you mean 'mood'"}.items():
        with pytest.raises(RefusedIntervention, match=message):
            check_intervention(mini, state, act)
    assert [track_value(mini, n, t) for n, t in (("x", " 7"), ("secret", "yes"), ("mood", "'tense'"))] == [
        7, True, "tense"]
    with pytest.raises(RefusedIntervention, match="whole numbers, not 'seven'"):
        track_value(mini, "x", "seven")


@given(st.integers(0, MAX_SEED), st.booleans(), st.booleans())
def test_a_ruling_decides_a_chance_whatever_the_roll_and_keeps_the_roll(seed, push, shove):
    from game.scenario import load_scenario
    from tests.paths import FIXTURES

    mini = load_scenario(FIXTURES / "mini.toml")
    state = new_game(mini, seed)
    orders = {"a": "a.push", "b": "b.shove"}
    plain = resolve_turn(mini, state, orders)
    ruled = resolve_turn(mini, state, orders, {"a.push": ForceChance("a.push", push, "argued well"),
                                               "b.shove": ForceChance("b.shove", shove)})
    assert [(e.success, e.ruled) for e in ruled.entries[:2]] == [(push, True), (shove, True)]
    assert [e.roll for e in ruled.entries[:2]] == [e.roll for e in plain.entries[:2]]
    assert ruled.entries[0].roll == draw(seed, 1, chance_stream("a.push"))
    assert ruled.entries[0].reason == "argued well"
    assert not any(e.ruled for e in plain.entries)


def test_rulings_and_replacements_are_checked(mini):
    state = new_game(mini, 1)
    for act, message in {ForceChance("b.hide", True): "has no chance to rule on",
                         ForceChance("whsper", True): "no action or event 'whsper'",
                         ReplaceOrder("a", "a.calm"): "cannot choose 'a.calm' now: Only when the mood is tense",
                         ReplaceOrder("a", "b.hide"): "'a' has no action 'b.hide'",
                         ReplaceOrder("q", "a.push"): "'q' is not a seat"}.items():
        with pytest.raises(RefusedIntervention, match=message):
            check_intervention(mini, state, act)
    over = evolve(state, over=True)
    with pytest.raises(RefusedIntervention, match="the game is over"):
        check_intervention(mini, over, SetTrack("x", 1))


@SCENARIOS
@settings(max_examples=examples(0.5))
@given(data=st.data())
def test_an_act_is_deterministic(path, data):
    session = data.draw(games(scenario(path), white_cell=False))
    act = data.draw(acts(session))
    if not isinstance(act, (FireEvent, Inject, SetTrack)):
        return
    try:
        first = apply_intervention(session.scenario, session.state, act)
    except RefusedIntervention:
        return
    assert apply_intervention(session.scenario, session.state, act) == first


@SCENARIOS
@settings(max_examples=examples(1))
@given(data=st.data())
def test_the_facilitators_injects_and_tracks_never_show_a_seat_a_hidden_value_or_a_reason(path, data):
    """Perturbing what a seat cannot see never changes what that seat sees of an act."""
    session = data.draw(games(scenario(path), white_cell=False))
    scenario_ = session.scenario
    act = data.draw(acts(session))
    if not isinstance(act, (Inject, SetTrack)):
        return
    act = evolve(act, reason="SECRET REASON")
    for seat in scenario_.seats:
        views = []
        for state in (session.state, perturb_hidden(scenario_, session.state, seat)):
            try:
                result = apply_intervention(scenario_, state, act)
            except RefusedIntervention:
                return
            views.append(view_for(scenario_, result.state, result.entries, seat))
        assert views[0].visible_values == views[1].visible_values
        assert views[0].entries == views[1].entries
        assert all(entry.reason == "" for entry in views[0].entries)
        shown = view_for(scenario_, apply_intervention(scenario_, session.state, act).state,
                         apply_intervention(scenario_, session.state, act).entries, None)
        assert shown.entries[0].reason == "SECRET REASON"  # the facilitator sees it


@pytest.fixture
def mini():
    from game.scenario import load_scenario
    from tests.paths import FIXTURES

    return load_scenario(FIXTURES / "mini.toml")
