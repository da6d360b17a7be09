"""The fast path against the reference engine: identical games, turn by turn.

The reference is ``adjudication.resolve_turn`` with its log and the closures
of the interpreter; the fast path (generated code, ``codegen.py``, run by
``fastpath.next_state`` and in whole games by ``fast_games.play_fast``) must
give the same state, the same chance draws (those the log records), the same
ending, the same scores and the same legal actions and visible values at
every turn, for any orders. Games are played on
the shipped scenario and on scenarios hypothesis writes (scenario_strategies.py),
with any policies; each turn is first resolved with orders drawn by hypothesis
among the legal ones, then whole games are compared with a Session's, and
journals of games with the facilitator's acts (tests/saves_support.games) are
replayed on the fast path and compared with the games played.
Under HYPOTHESIS_PROFILE=thorough this runs thousands of examples.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.analysis.fast_games import play_fast
from game.engine import legal_actions, new_game, resolve_turn, scores
from game.engine.adjudication import MAX_SEED
from game.engine.fastpath import fast_form, next_state
from game.engine.views import knowledge_for
from game.journal import draws_of
from game.players import get_policy
from game.scenario import load_scenario, parse_scenario
from game.session import Session
from tests.paths import SHIPPED
from tests.policies import cheap_policy_names
from tests.saves_support import games
from tests.scenario_strategies import scenario_text

SHIPPED_SCENARIO = load_scenario(SHIPPED)
SEEDS = st.integers(0, MAX_SEED)
SCENARIOS = st.one_of(st.just(SHIPPED_SCENARIO), scenario_text().map(parse_scenario))
EXAMPLES = max(20, settings().max_examples * 2)
"""Twice the profile's examples: 120 by default, 2,000 under thorough (each a whole game)."""


def as_draws(fast_draws):
    return tuple((rule, chance, roll) for rule, chance, roll in fast_draws)


@settings(max_examples=EXAMPLES)
@given(scenario=SCENARIOS, seed=SEEDS, data=st.data())
def test_every_turn_resolves_alike_for_any_legal_orders(scenario, seed, data):
    fast = fast_form(scenario)
    state = new_game(scenario, seed)
    while True:
        env = [state.turn, *state.values]
        assert tuple(score(env) for score in fast.score) == tuple(scores(scenario, state).values())
        for number, seat in enumerate(scenario.seats):
            knowledge = knowledge_for(scenario, state, frozenset(), seat)
            assert fast.visible[number](env) == knowledge.visible_values
            if not state.over:
                assert fast.available[number](env) == knowledge.available
        if state.over:
            break
        orders = {seat: data.draw(st.sampled_from([a.id for a in legal_actions(scenario, state, seat)]))
                  for seat in scenario.seats}
        reference = resolve_turn(scenario, state, orders)
        drawn = []
        quick = next_state(fast, state, [orders[seat] for seat in scenario.seats], draws=drawn)
        assert quick == reference.state
        assert as_draws(drawn) == tuple((d.rule, d.chance, d.roll) for d in draws_of(reference.entries))
        state = reference.state


@settings(max_examples=max(10, settings().max_examples // 2))
@given(scenario=SCENARIOS, seed=SEEDS, data=st.data())
def test_whole_games_are_the_games_a_session_plays(scenario, seed, data):
    controllers = {seat: data.draw(st.sampled_from(cheap_policy_names())) for seat in scenario.seats}
    session = Session(scenario, seed, controllers)
    game = play_fast(scenario, seed, [get_policy(controllers[s]) for s in scenario.seats], trace=True)
    for turn in game.trace:
        assert (turn.turn, turn.values, turn.fired) == (session.state.turn, session.state.values,
                                                         session.state.fired)
        assert turn.seen == tuple(session.seen[seat] for seat in scenario.seats)
        record = session.play_turn()
        assert turn.orders == tuple(order.action for order in record.orders)
    assert session.over
    assert (game.values, game.ending) == (session.state.values, session.state.ending)
    assert game.scores == tuple(session.scores()[seat] for seat in scenario.seats)
    logged = {e.rule for e in session.entries() if e.kind == "event"}
    assert game.logged == logged


SILENT = parse_scenario("""
format = 1
[scenario]
id = "silent"
title = "Silent"
turns = 6
seats = ["a"]
[actors.a]
name = "Alpha"
[variables.x]
type = "int"
min = 0
max = 3
initial = 0
[[actions]]
id = "a.try"
actor = "a"
label = "Try"
chance = "0.5"
effects = ["x += 1"]
[[events]]
id = "idle"
when = "true"
once = false
chance = "0.5"
effects = ["x = x"]
[[events]]
id = "drift"
when = "x < 3"
once = false
chance = "0.5"
effects = ["x += 1"]
[[events]]
id = "once-silent"
when = "turn >= 2"
chance = "0.7"
effects = ["x = x"]
""")


def test_silent_chance_events_leave_a_draw_only_when_they_change_something():
    """A silent rule that fires and changes nothing leaves no log entry, so no recorded draw."""
    for seed in range(40):
        state = new_game(SILENT, seed)
        while not state.over:
            for action in ("a.try", "a.hold"):
                reference = resolve_turn(SILENT, state, {"a": action})
                drawn = []
                assert next_state(fast_form(SILENT), state, [action], draws=drawn) == reference.state
                assert as_draws(drawn) == tuple((d.rule, d.chance, d.roll) for d in draws_of(reference.entries))
            state = reference.state


@settings(max_examples=max(10, settings().max_examples // 2))
@given(scenario=SCENARIOS, data=st.data())
def test_a_journal_replays_on_the_fast_path_into_the_game_played(scenario, data):
    """``Session.restore`` recomputes each turn on the fast path, the facilitator's acts included
    (rulings as forced chances, immediate acts applied first); the game must be the one played by
    the reference engine, and the log entries it rebuilds when asked the ones play gave."""
    played = data.draw(games(scenario))
    replayed = Session.restore(scenario, played.header, played.events())
    assert replayed.states == played.states and replayed.turns == played.turns
    for again, record in zip(replayed.turns, played.turns, strict=True):
        assert again.seen == record.seen and again.draws == record.draws
        assert again.entries == record.entries
    assert replayed.seen == played.seen and replayed.entries() == played.entries()
