"""Whole games as hypothesis state machines: what must hold after every step.

Two machines share the same rules and invariants: one plays the shipped
scenario, the other scenarios that hypothesis writes itself (see
scenario_strategies.py). After every step: integers within their bounds, enum
values legal, an illegal order refused with a reason and the state unchanged,
the turn advanced by exactly one per turn played, the same seed and orders
giving an equal state, no seat's view holding a variable it may not see or
another seat's private action, and the game over by its last turn.
"""

from __future__ import annotations

import pytest
from attrs import evolve
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from game.engine import GameState, Scenario, legal_actions, new_game, resolve_turn, state_hash, view_for
from game.engine.adjudication import MAX_SEED
from game.engine.views import knowable
from game.errors import IllegalOrder
from game.scenario import load_scenario, parse_scenario
from tests.paths import SHIPPED
from tests.saves_support import examples
from tests.scenario_strategies import scenario_text

SEEDS = st.integers(0, MAX_SEED)
BAD_ORDERS = ["unknown action", "another seat's action", "unavailable action", "missing seat", "unknown seat"]


def perturb_hidden(scenario: Scenario, state: GameState, seat: str) -> GameState:
    """The same state with every variable hidden from ``seat`` set to another legal value."""
    values = list(state.values)
    for index, variable in enumerate(scenario.variables):
        if variable.visible(seat):
            continue
        value = values[index]
        if variable.type == "bool":
            values[index] = not value
        elif variable.type == "int":
            values[index] = variable.low if value != variable.low else variable.high
        else:
            values[index] = variable.values[(variable.values.index(value) + 1) % len(variable.values)]
    return evolve(state, values=tuple(values))


class GameMachine(RuleBasedStateMachine):
    """Plays one game; subclasses choose the scenario in an ``initialize`` rule."""

    def start(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.seed = seed
        self.state = new_game(scenario, seed)
        self.states = [self.state]
        self.orders: list[dict[str, str]] = []
        self.entries: list = []

    # -- rules -----------------------------------------------------------------------

    @precondition(lambda self: not self.state.over)
    @rule(data=st.data())
    def play_a_turn(self, data):
        orders = {
            seat: data.draw(st.sampled_from([a.id for a in legal_actions(self.scenario, self.state, seat)]))
            for seat in self.scenario.seats
        }
        before = self.state
        resolution = resolve_turn(self.scenario, before, orders)
        assert resolution.state.turn == before.turn + 1
        assert all(entry.turn == before.turn for entry in resolution.entries)
        self.state = resolution.state
        self.states.append(self.state)
        self.orders.append(orders)
        self.entries += resolution.entries

    @precondition(lambda self: not self.state.over)
    @rule(data=st.data())
    def play_to_the_end(self, data):
        while not self.state.over:
            self.play_a_turn(data)

    @precondition(lambda self: not self.state.over)
    @rule(data=st.data(), kind=st.sampled_from(BAD_ORDERS))
    def an_illegal_order_is_refused_and_changes_nothing(self, data, kind):
        scenario, state = self.scenario, self.state
        orders = {seat: legal_actions(scenario, state, seat)[0].id for seat in scenario.seats}
        seat = data.draw(st.sampled_from(scenario.seats))
        if kind == "unknown action":
            orders[seat] = "no.such.action"
        elif kind == "another seat's action":
            others = [a.id for a in scenario.actions if a.actor != seat]
            if not others:
                return
            orders[seat] = data.draw(st.sampled_from(others))
        elif kind == "unavailable action":
            legal = {a.id for a in legal_actions(scenario, state, seat)}
            unavailable = [a.id for a in scenario.actions_for(seat) if a.id not in legal]
            if not unavailable:
                return
            orders[seat] = data.draw(st.sampled_from(unavailable))
        elif kind == "missing seat":
            del orders[seat]
        else:
            orders["nobody"] = orders[seat]
        snapshot = state_hash(state)
        with pytest.raises(IllegalOrder) as refused:
            resolve_turn(scenario, state, orders)
        assert str(refused.value).strip(), "a refusal must give a reason"
        assert self.state == state and state_hash(self.state) == snapshot

    @precondition(lambda self: self.state.over)
    @rule()
    def no_order_is_taken_after_the_end(self):
        orders = {seat: a.id for seat in self.scenario.seats for a in self.scenario.actions_for(seat)[:1]}
        with pytest.raises(IllegalOrder):
            resolve_turn(self.scenario, self.state, orders)
        assert all(not legal_actions(self.scenario, self.state, seat) for seat in self.scenario.seats)

    @rule()
    def the_same_seed_and_orders_give_equal_states(self):
        state = new_game(self.scenario, self.seed)
        for orders, expected in zip(self.orders, self.states[1:]):
            state = resolve_turn(self.scenario, state, orders).state
            assert state == expected
            assert state_hash(state) == state_hash(expected)

    def teardown(self):
        event("the game reached its end" if self.state.over else "the game stopped before its end")

    # -- invariants ------------------------------------------------------------------

    @invariant()
    def values_stay_legal(self):
        assert len(self.state.values) == len(self.scenario.variables)
        for variable, value in zip(self.scenario.variables, self.state.values):
            if variable.type == "int":
                assert type(value) is int and variable.low <= value <= variable.high, (variable.name, value)
            elif variable.type == "bool":
                assert type(value) is bool, (variable.name, value)
            else:
                assert value in variable.values, (variable.name, value)

    @invariant()
    def the_game_is_over_by_its_last_turn(self):
        state, turns = self.state, self.scenario.turns
        assert 1 <= state.turn <= turns + 1
        assert state.turn == len(self.states)
        assert state.over == (state.turn > turns or state.ending is not None)

    @invariant()
    def every_seat_has_a_legal_action_until_the_end(self):
        if not self.state.over:
            assert all(legal_actions(self.scenario, self.state, seat) for seat in self.scenario.seats)

    @invariant()
    def views_show_each_seat_only_what_it_may_see(self):
        if getattr(self, "views_checked", None) == len(self.states):
            return  # no turn played since the last check: views are a function of what it checked then
        self.views_checked = len(self.states)
        scenario, state = self.scenario, self.state
        for seat in scenario.seats:
            view = view_for(scenario, state, self.entries, seat)
            assert set(view.variables) == {v.name for v in scenario.variables if v.visible(seat)}
            assert set(view.options) == {seat}
            assert set(view.briefings) == {seat}
            assert state.over or set(view.objectives) <= {seat}
            assert state.over or view.scores is None
            for entry in view.entries:
                assert entry.visible_to is None or seat in entry.visible_to, "another seat's private entry"
                assert entry.roll is None
                assert all(scenario.variable(change.variable).visible(seat) for change in entry.changes)
            self._hidden_values_do_not_show(seat, view)
        everything = view_for(scenario, state, self.entries, None)
        assert len(everything.entries) == len(self.entries)
        assert set(everything.variables) == {v.name for v in scenario.variables}

    def _hidden_values_do_not_show(self, seat, view):
        """Changing what ``seat`` cannot see changes nothing it is shown (but which actions are legal)."""
        other = view_for(self.scenario, perturb_hidden(self.scenario, self.state, seat), self.entries, seat)
        assert other.variables == view.variables
        assert other.places == view.places and other.routes == view.routes
        for mine, theirs in zip(view.options[seat], other.options[seat]):
            assert (mine.chance, mine.chance_hidden) == (theirs.chance, theirs.chance_hidden)
            assert mine.chance_hidden == (not knowable(self.scenario, mine.action.chance, seat))


class ShippedScenarioGame(GameMachine):
    scenario = load_scenario(SHIPPED)

    @initialize(seed=SEEDS)
    def new_game(self, seed):
        self.start(type(self).scenario, seed)


class GeneratedScenarioGame(GameMachine):
    @initialize(text=scenario_text(), seed=SEEDS)
    def new_game(self, text, seed):
        self.start(parse_scenario(text, "generated.toml"), seed)


# Shares of the profile's examples (``thorough`` scales them): each example plays whole games, and
# most of a generated one's time goes to writing its scenario.
TestShippedScenarioGame = ShippedScenarioGame.TestCase
TestShippedScenarioGame.settings = settings(max_examples=examples(2 / 3), stateful_step_count=60)
TestGeneratedScenarioGame = GeneratedScenarioGame.TestCase
TestGeneratedScenarioGame.settings = settings(max_examples=examples(2 / 3), stateful_step_count=30)
