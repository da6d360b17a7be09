"""The planner (ISMCTS): deterministic, from its seat's knowledge, investing, and better than greedy.

Whether it peeks is the property test's (test_players_properties.py plays it
with every other policy). Here: the same knowledge and roll give the same
choice; it invests where one-turn lookahead cannot see the return; and it
beats greedy on its own score in every seat of the shipped scenarios, the
other seats following the scenario's strategies in rotation (a small run
here, the few hundred games of docs/balance.md under ``-m slow``).
"""

from __future__ import annotations

import itertools
import statistics

import pytest

from game.analysis.simulate import run_matchups
from game.engine import new_game
from game.engine.views import knowledge_for
from game.players import get_policy
from game.players.planner_policy import LEVELS
from game.scenario import load_scenario
from game.session import Session
from tests.paths import FIXTURES, SCENARIOS

INVEST = load_scenario(FIXTURES / "invest.toml")


def test_the_same_knowledge_and_roll_give_the_same_choice():
    scenario = load_scenario(SCENARIOS["over-the-horizon-2021"])
    knowledge = knowledge_for(scenario, new_game(scenario, 7), frozenset(), "us")
    planner = get_policy("planner-easy")
    assert len({planner.choose(scenario, knowledge, 0.25) for _ in range(3)}) == 1


@pytest.mark.parametrize("policy, score", [("greedy", 6), ("planner-easy", 15)])
def test_the_planner_invests_where_one_turn_ahead_cannot_see_the_return(policy, score):
    session = Session(INVEST, 1, {"a": policy, "b": "random"})
    session.play_to_end()
    assert session.scores()["a"] == score
    if policy != "greedy":
        assert [record.orders[0].action for record in session.turns[:3]] == ["a.build"] * 3


def test_the_levels_differ_only_in_budget():
    budgets = list(LEVELS.values())
    assert budgets == sorted(budgets) and len(set(budgets)) == len(budgets)
    assert all(get_policy(name).iterations == budget for name, budget in LEVELS.items())


def margins(scenario, planner: str, games: int) -> dict[str, tuple[float, float]]:
    """Per seat: the planner's mean score minus greedy's in the same games (same seeds, same
    opponents: the seat's others follow their strategies in rotation), and its standard error."""
    found = {}
    for seat in scenario.seats:
        others = [o for o in scenario.seats if o != seat]
        profiles = itertools.product(*(["strategy:" + s.id for s in scenario.strategies_for(o)] for o in others))
        rotation = [dict(zip(others, profile)) for profile in profiles]
        planned, greedy = run_matchups(scenario, games, 11, [[c | {seat: planner} for c in rotation],
                                                             [c | {seat: "greedy"} for c in rotation]])
        index = scenario.seats.index(seat)
        differences = [p.scores[index] - g.scores[index] for p, g in zip(planned, greedy)]
        found[seat] = statistics.fmean(differences), statistics.stdev(differences) / len(differences) ** 0.5
    return found


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_planner_beats_greedy_in_every_seat(name):
    for seat, (margin, se) in margins(load_scenario(SCENARIOS[name]), "planner-easy", 6).items():
        assert margin > 0, (seat, margin, se)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_planner_beats_greedy_by_a_clear_margin_over_hundreds_of_games(name):
    for seat, (margin, se) in margins(load_scenario(SCENARIOS[name]), "planner", 200).items():
        assert margin > 3 * se and margin >= 1, (seat, margin, se)
