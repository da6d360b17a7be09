"""Computer players do bounded work per decision, whatever the scenario (issue 12, item 7).

A hostile scenario whose every turn has 20 independent chance events, each
moving its own variable, has 2^20 distinct outcomes per joint order: an exact
expectation is out of reach. The lookahead must notice, estimate instead, and
stay within its step budget; the choice must still be legal and repeatable.
Work is counted in rule steps, not timed (benchmarks/players.py times it).
"""

import pytest

from game.engine import new_game
from game.engine.views import knowledge_for
from game.players import get_policy
from game.players.lookahead import EXACT_BUDGET, SAMPLED_BUDGET, TurnModel
from game.scenario import parse_scenario

EVENTS = 20


def hostile(events: int = EVENTS) -> str:
    lines = ['format = 1', '[scenario]', 'id = "hostile"', 'title = "Hostile"', 'turns = 3',
             'seats = ["a", "b", "c"]']
    for seat in "abc":
        lines += [f'[actors.{seat}]', f'name = "{seat.upper()}"']
    for i in range(events):
        lines += [f'[variables.v{i}]', 'type = "int"', 'min = 0', 'max = 3', 'initial = 0']
    for seat in "abc":
        for k in range(4):
            lines += ['[[actions]]', f'id = "{seat}.try{k}"', f'actor = "{seat}"', f'label = "Try {k}"',
                      f'chance = "0.{k + 3}"', f'effects = ["v{k} += 1"]',
                      f'fail_effects = ["v{(k + 4) % events} += 1"]']
    for i in range(events):
        lines += ['[[events]]', f'id = "e{i}"', 'when = "true"', 'once = false', f'chance = "0.{i % 9 + 1}"',
                  f'effects = ["v{i} += 1"]']
    total = " + ".join(f"v{i} * {i + 1}" for i in range(events))
    lines += ['[objectives]', *(f'{seat} = "{total}"' for seat in "abc")]
    return "\n".join(lines) + "\n"


SCENARIO = parse_scenario(hostile())


def decide_all(model, knowledge):
    holds = [SCENARIO.hold(s) for s in SCENARIO.seats]
    return model.decide(lambda: [model.expected_score([a, *holds[1:]]) for a in knowledge.legal],
                        len(knowledge.legal))


def test_an_exponential_turn_is_estimated_within_the_budget():
    knowledge = knowledge_for(SCENARIO, new_game(SCENARIO, 1), frozenset(), "a")
    model = TurnModel(SCENARIO, knowledge)
    values = decide_all(model, knowledge)
    assert model.estimated
    assert model.steps <= EXACT_BUDGET + SAMPLED_BUDGET
    assert values == decide_all(TurnModel(SCENARIO, knowledge), knowledge)  # fixed draws: repeatable
    assert all(0 <= value <= 3 * sum(range(1, EVENTS + 1)) for value in values)


def test_a_small_turn_stays_exact():
    small = parse_scenario(hostile(events=6))
    knowledge = knowledge_for(small, new_game(small, 1), frozenset(), "a")
    model = TurnModel(small, knowledge)
    model.decide(lambda: model.expected_score([small.action("a.try0"), small.hold("b"), small.hold("c")]), 1)
    assert not model.estimated


@pytest.mark.parametrize("policy", ["greedy", "cautious"])
def test_lookahead_players_choose_legally_on_the_hostile_scenario(policy):
    state = new_game(SCENARIO, 7)
    for seat in SCENARIO.seats:
        knowledge = knowledge_for(SCENARIO, state, frozenset(), seat)
        choice = get_policy(policy).choose(SCENARIO, knowledge, 0.5)
        assert choice in {a.id for a in knowledge.legal}


def test_remembered_decisions_stay_bounded_and_answer_as_computed(monkeypatch):
    from game.players import memo

    monkeypatch.setattr(memo, "MAX_REMEMBERED", 3)
    small = parse_scenario(hostile(events=6))
    state = new_game(small, 1)
    calls = []
    for turn in range(1, 8):
        knowledge = knowledge_for(small, state.__class__(1, turn, state.values), frozenset(), "a")
        choose = lambda turn=turn: calls.append(turn) or f"c{turn}"  # noqa: E731
        assert memo.remembered("test", small, knowledge, choose) == f"c{turn}"
        assert memo.remembered("test", small, knowledge, lambda: "never asked") == f"c{turn}"
        assert len(memo._CHOICES["test"][small]) <= 3
    assert calls == list(range(1, 8))


def test_cautious_weighs_a_bounded_spread_of_joint_answers():
    from itertools import product

    from game.players.combinations import spread as _spread

    answers = [list(range(40)), [None], list(range(30))]
    every = list(product(*answers))
    assert _spread(answers, 5000) == every
    chosen = _spread(answers, 100)
    assert len(chosen) == 100 and chosen[0] == every[0]
    assert chosen == sorted(set(chosen), key=every.index)  # distinct, in product order
    assert {joint[0] for joint in chosen} == set(range(40))  # spread over the first seat's answers too
