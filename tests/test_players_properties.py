"""Every policy, any seat, any scenario: only legal actions, and only from the seat's knowledge.

A state machine plays whole games of the test scenarios, giving each seat a
policy drawn by hypothesis. At every turn it checks each computer order is
legal in the true state and repeatable; and that when the variables the seat
cannot see take other values, what the seat is given to decide on is the same
(so its choice is too: the policies read nothing else).
"""

from attrs import evolve
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from game.engine import legal_actions, new_game, resolve_turn
from game.engine.draws import draw, policy_stream
from game.engine.views import knowledge_for, seen_events
from game.players import policy_names
from game.scenario import load_scenario
from tests.paths import FIXTURES, SHIPPED
from tests.policies import quick_policy
from tests.saves_support import examples

SCENARIOS = {path.stem: load_scenario(path)
             for path in [*(FIXTURES / f"{name}.toml" for name in ("mini", "choices", "crisis")), SHIPPED]}


def other_value(variable):
    """A strategy for any value ``variable`` may hold."""
    if variable.type == "int":
        return st.integers(variable.low, variable.high)
    if variable.type == "bool":
        return st.booleans()
    return st.sampled_from(variable.values)


class WholeGames(RuleBasedStateMachine):
    @initialize(name=st.sampled_from(sorted(SCENARIOS)), seed=st.integers(0, 2**63 - 1), data=st.data())
    def start(self, name, seed, data):
        self.new_game(name, seed, data)

    @precondition(lambda self: self.state.over)
    @rule(name=st.sampled_from(sorted(SCENARIOS)), seed=st.integers(0, 2**63 - 1), data=st.data())
    def new_game(self, name, seed, data):
        self.scenario = SCENARIOS[name]
        self.state = new_game(self.scenario, seed)
        self.seen = dict.fromkeys(self.scenario.seats, frozenset())
        self.policies = {seat: data.draw(st.sampled_from(policy_names())) for seat in self.scenario.seats}

    def order(self, seat, state):
        knowledge = knowledge_for(self.scenario, state, self.seen[seat], seat)
        roll = draw(state.seed, state.turn, policy_stream(seat))
        return knowledge, quick_policy(self.policies[seat]).choose(self.scenario, knowledge, roll)

    @precondition(lambda self: not self.state.over)
    @rule(data=st.data())
    def play_a_turn(self, data):
        orders = {}
        for seat in self.scenario.seats:
            view, action = self.order(seat, self.state)
            assert action in {a.id for a in legal_actions(self.scenario, self.state, seat)}
            assert self.order(seat, self.state)[1] == action
            self.check_blind_to_hidden(seat, view, action, data)
            orders[seat] = action
        resolution = resolve_turn(self.scenario, self.state, orders)
        self.state = resolution.state
        for seat in self.scenario.seats:
            self.seen[seat] |= seen_events(self.scenario, resolution.entries, seat)

    def check_blind_to_hidden(self, seat, knowledge, action, data):
        hidden = [i for i, v in enumerate(self.scenario.variables) if not v.visible(seat)]
        values = list(self.state.values)
        for i in hidden:
            values[i] = data.draw(other_value(self.scenario.variables[i]))
        other = evolve(self.state, values=tuple(values))
        other_knowledge, other_action = self.order(seat, other)
        assert other_knowledge.visible_values == knowledge.visible_values
        assert other_knowledge.seen == knowledge.seen
        visible = self.scenario.visible_names(seat)
        if all(a.when is None or a.when.reads <= visible for a in self.scenario.actions_for(seat)):
            assert other_knowledge == knowledge  # then nothing the seat is given depends on hidden values
        if other_knowledge == knowledge:
            assert other_action == action


# A sixth of the profile's examples (``thorough`` scales it): each step asks every seat's policy three
# times, cautious ones included, in whole games.
WholeGames.TestCase.settings = settings(max_examples=examples(1 / 6), stateful_step_count=30)
TestWholeGames = WholeGames.TestCase
