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

from collections.abc import Callable, Sequence
from typing import Any

from game.engine.adjudication import apply_effects, holds, probability
from game.engine.expressions import Effect, Expression
from game.engine.log import EVENT
from game.engine.model import Action, Event, Scenario, hold_id
from game.engine.views import View


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


class TurnModel:
    """One seat's imagined turn: its assumed environment, the events still to come, and a memo.

    Every chance doubles the work after it, so two things keep the model fast
    without changing its answer: events that cannot touch the score, not even
    through a later event, are left out; and the value of the events phase is
    remembered by (event reached, environment) for the life of the model,
    which is one decision.
    """

    def __init__(self, scenario: Scenario, view: View) -> None:
        self.env = assumed_environment(scenario, view)
        objective = scenario.objectives.get(view.seat)
        self.score = objective.score if objective else None
        fired = seen_events(view)
        pending = [e for e in scenario.events if not (e.once and e.id in fired)]
        self.events = _bearing_on(self.score, pending) if self.score else ()
        self._memo: dict[tuple[int, tuple[Any, ...]], float] = {}

    def expected_score(self, orders: Sequence[Action]) -> float:
        """The seat's expected score after ``orders`` (one action per seat, in seat order) resolve."""
        if self.score is None:
            return 0.0  # a seat without an objective scores 0 whatever happens
        return self._actions(orders, 0, list(self.env))

    def _actions(self, orders: Sequence[Action], start: int, env: list[Any]) -> float:
        """Resolve ``orders[start:]`` on ``env`` (mutated), branching at the first chance."""
        for index in range(start, len(orders)):
            action = orders[index]
            if not holds(action.when, env):
                continue  # overtaken by events
            if action.chance is None:
                apply_effects(action.effects, env)
                continue
            return _branch(action.chance, action.effects, action.fail_effects, env,
                           lambda after, following=index + 1: self._actions(orders, following, after))
        return self._events(0, env)

    def _events(self, start: int, env: list[Any]) -> float:
        key = (start, tuple(env))
        if key in self._memo:
            return self._memo[key]
        for index in range(start, len(self.events)):
            event = self.events[index]
            if not event.when.evaluate(env):
                continue
            if event.chance is None:
                apply_effects(event.effects, env)
                continue
            value = _branch(event.chance, event.effects, (), env,
                            lambda after, following=index + 1: self._events(following, after))
            break
        else:
            value = float(self.score.evaluate(env))
        self._memo[key] = value
        return value


def _bearing_on(score: Expression, events: Sequence[Event]) -> tuple[Event, ...]:
    """The events that can change ``score``, directly or by changing what a later such event reads."""
    relevant = set(score.reads)
    kept = []
    for event in reversed(events):
        if any(effect.target in relevant for effect in event.effects):
            kept.append(event)
            relevant |= event.when.reads | (event.chance.reads if event.chance else frozenset())
            relevant |= {name for effect in event.effects for name in effect.expression.reads}
    return tuple(reversed(kept))


def _branch(chance: Expression, success: Sequence[Effect], failure: Sequence[Effect], env: list[Any],
            then: Callable[[list[Any]], float]) -> float:
    """p * (value after success) + (1 - p) * (value after failure), skipping a branch that cannot happen."""
    p = probability(chance, env)
    value = 0.0
    if p > 0.0:
        value += p * then(_after(success, env))
    if p < 1.0:
        value += (1.0 - p) * then(_after(failure, env))
    return value


def _after(effects: Sequence[Effect], env: list[Any]) -> list[Any]:
    branch = list(env)
    apply_effects(effects, branch)
    return branch
