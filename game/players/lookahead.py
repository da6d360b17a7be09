"""One turn ahead, as a seat can imagine it: the model the greedy and cautious players search.

A seat does not know the true state, only its view. The model starts from the
view and assumes that every variable the seat cannot see still holds its
initial value: the scenario file is public, the current value is not, so the
initial value is the one guess that uses no hidden information. A once-only
event counts as already fired only if the seat's view shows it firing.

From that environment the model resolves a joint order as the engine does
(actions in seat order, an action whose ``when`` no longer holds is overtaken,
then the events in file order) and takes the expectation over every chance,
action or event: ``p * success + (1 - p) * failure``, both branches explored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.engine.adjudication import apply_effects, holds
from game.engine.expressions import Effect, Expression
from game.engine.log import EVENT
from game.engine.model import Action, Event, Scenario
from game.engine.views import View
from game.scenario import hold_id


def assumed_environment(scenario: Scenario, view: View) -> list[Any]:
    """The engine's environment as the seat imagines it: seen values, else initial ones."""
    seen = view.variables
    return [view.turn, *(seen.get(v.name, v.initial) for v in scenario.variables)]


def seen_events(view: View) -> frozenset[str]:
    """Ids of the events the view shows firing."""
    return frozenset(entry.rule for entry in view.entries if entry.kind == EVENT)


def legal_choices(view: View) -> list[Action]:
    """The viewing seat's legal actions, in file order."""
    return [option.action for option in view.options[view.seat] if option.available]


def possible_actions(scenario: Scenario, env: Sequence[Any], seat: str) -> list[Action]:
    """The actions ``seat`` could choose in the imagined environment, in file order."""
    return [action for action in scenario.actions_for(seat) if holds(action.when, env)]


def hold_action(scenario: Scenario, seat: str) -> Action:
    return scenario.action(hold_id(seat))


def expected_score(scenario: Scenario, seat: str, env: Sequence[Any], orders: Sequence[Action],
                   fired: frozenset[str]) -> float:
    """``seat``'s expected score after ``orders`` (one action per seat, in seat order) resolve."""
    objective = scenario.objectives.get(seat)
    if objective is None:
        return 0.0
    steps = (*orders, *(e for e in scenario.events if not (e.once and e.id in fired)))
    return _expect(objective.score, steps, 0, list(env))


def _expect(score: Expression, steps: Sequence[Action | Event], start: int, env: list[Any]) -> float:
    """Resolve ``steps[start:]`` on ``env`` (mutated), branching at the first chance."""
    for index in range(start, len(steps)):
        step = steps[index]
        if isinstance(step, Action):
            if not holds(step.when, env):
                continue  # overtaken by events
            fail = step.fail_effects
        else:
            if not step.when.evaluate(env):
                continue
            fail = ()
        if step.chance is None:
            apply_effects(step.effects, env)
            continue
        p = min(1.0, max(0.0, float(step.chance.evaluate(env))))  # clamped, as the format says
        value = 0.0
        if p > 0.0:
            value += p * _expect(score, steps, index + 1, _after(step.effects, env))
        if p < 1.0:
            value += (1.0 - p) * _expect(score, steps, index + 1, _after(fail, env))
        return value
    return float(score.evaluate(env))


def _after(effects: Sequence[Effect], env: list[Any]) -> list[Any]:
    branch = list(env)
    apply_effects(effects, branch)
    return branch
