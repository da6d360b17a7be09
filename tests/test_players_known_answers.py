"""Computer players against hand-computed answers (tests/scenarios/choices.toml explains each)."""

import pytest

from game.engine import GameState, LogEntry
from game.engine.log import EVENT
from game.engine.views import knowledge_for, seen_events
from game.players import get_policy
from game.players.lookahead import TurnModel, assumed_environment
from game.scenario import load_scenario
from tests.paths import FIXTURES

SCENARIO = load_scenario(FIXTURES / "choices.toml")


def state(turn=1, gain=50, exposed=False, trap=False):
    return GameState(seed=1, turn=turn, values=(gain, exposed, trap))


def knows(game_state, seat, entries=()):
    return knowledge_for(SCENARIO, game_state, seen_events(SCENARIO, entries, seat), seat)


def choice(policy, seat, game_state, entries=()):
    return get_policy(policy).choose(SCENARIO, knows(game_state, seat, entries), 0.5)


def expected(action_id, game_state, answer="b.hold"):
    model = TurnModel(SCENARIO, knows(game_state, "a"))
    return model.expected_score([SCENARIO.action(action_id), SCENARIO.action(answer)])


def test_expectation_is_taken_over_chances():
    assert expected("a.safe", state()) == 51
    assert expected("a.gamble", state()) == pytest.approx(52)
    assert expected("a.reckless", state()) == pytest.approx(0.9 * 51 + 0.1 * 30)
    assert expected("a.gamble", state(), answer="b.punish") == pytest.approx(47)


def test_greedy_takes_the_best_expected_score():
    assert choice("greedy", "a", state()) == "a.gamble"


def test_cautious_takes_the_best_worst_case():
    assert choice("cautious", "a", state()) == "a.safe"


def test_ties_go_to_the_action_listed_first():
    """Beta's punish and hold both leave gain at 50 when Alpha holds: punish comes first in the file."""
    assert choice("greedy", "b", state()) == "b.punish"
    assert choice("cautious", "a", state()) != "a.twin"


def test_events_after_the_actions_count():
    """On turn 2 the windfall for gain == 51 makes the sure thing worth 61."""
    assert choice("greedy", "a", state(turn=2)) == "a.safe"


def test_hidden_variables_are_assumed_at_their_initial_value():
    """Alpha cannot see the trap, so it gambles as if there were none."""
    trapped = state(trap=True)
    assert knows(trapped, "a") == knows(state(), "a")
    assert choice("greedy", "a", trapped) == "a.gamble"


def test_the_seat_that_sees_a_variable_uses_its_value():
    env = assumed_environment(SCENARIO, knows(state(trap=True), "b"))
    assert env[SCENARIO.index_of("trap") + 1] is True


def test_a_once_event_the_seat_saw_fire_is_not_expected_again():
    fired = LogEntry(1, EVENT, "windfall", "A windfall")
    assert choice("greedy", "a", state(turn=2), entries=[fired]) == "a.gamble"
