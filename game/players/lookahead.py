"""One turn ahead, as a seat can imagine it: the model the greedy and cautious players search.

A seat does not know the true state, only what it is shown (its
:class:`~game.engine.views.Knowledge`). The model assumes that every variable
the seat cannot see still holds its initial value: the scenario file is
public, the current value is not, so the initial value is the one guess that
uses no hidden information. A once-only event counts as already fired only if
the seat was shown it firing.

From that environment the model resolves a joint order with the engine's own
fast, log-free resolution (``fastpath.advance``: actions in seat order, one
whose ``when`` no longer holds is overtaken, then the events in file order)
and takes the expectation over every chance, action or event:
``p * success + (1 - p) * failure``, both branches explored.

Every chance doubles the work after it, so the work per decision is bounded
(``EXACT_BUDGET``). Past it the model switches, for the whole decision, to an
estimate: the mean over ``SAMPLES`` resolutions whose chances are decided by
fixed draws (the same draws for every option compared, so the comparison is
fair and the choice deterministic). docs/analysis.md says so to the players.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from game.engine.draws import draw_keyed
from game.engine.expressions import Expression
from game.engine.fastpath import Env, Keys, Rule, advance, fast_form
from game.engine.model import Action, Event, Scenario
from game.engine.views import Knowledge

EXACT_BUDGET = 40_000
"""Rule steps an exact decision may take (about 0.1 s here) before the model estimates instead."""
SAMPLES = 32
"""Resolutions an estimate averages over, at most."""
SAMPLED_BUDGET = 150_000
"""Rule steps an estimated decision should take (a few tenths of a second here): it sets the number
of samples, at least one, so a policy bounds the number of evaluations it asks for."""

T = TypeVar("T")


class OverBudget(Exception):
    """An exact search would take more than ``EXACT_BUDGET`` steps (internal to the model)."""


def assumed_environment(scenario: Scenario, knowledge: Knowledge) -> Env:
    """The engine's environment as the seat imagines it: seen values, else initial ones."""
    initial, slots = _imagined(scenario, knowledge.seat)
    env = initial.copy()
    env[0] = knowledge.turn
    for slot, value in zip(slots, knowledge.visible_values):
        env[slot] = value
    return env


@functools.lru_cache(maxsize=64)
def _imagined(scenario: Scenario, seat: str) -> tuple[list[Any], tuple[int, ...]]:
    """The environment of initial values, and where ``seat``'s visible values go in it (they come in
    ``scenario.visible_slots`` order): a decision then copies one list instead of building it by name."""
    initial = [0, *(v.initial for v in scenario.variables)]
    return initial, tuple(index + 1 for index, _ in scenario.visible_slots(seat))


def possible_actions(scenario: Scenario, env: Env, seat: str) -> list[Action]:
    """The actions ``seat`` could choose in the imagined environment, in file order."""
    return [action for action in scenario.actions_for(seat) if action.when is None or action.when.evaluate(env)]


class TurnModel:
    """One seat's imagined turn: its assumed environment, the events still to come, and a memo.

    Two things keep the exact model fast without changing its answer: events
    that cannot touch the score, not even through a later event, are left out;
    and the value of the events phase is remembered by (rule reached, values
    of the variables those events and the score read) for the life of the
    model, which is one decision: joint orders that differ only in what the
    score cannot feel share one computation.
    """

    def __init__(self, scenario: Scenario, knowledge: Knowledge) -> None:
        self.fast = fast_form(scenario)
        self.env = assumed_environment(scenario, knowledge)
        objective = scenario.objectives.get(knowledge.seat)
        self.score = self.fast.score[scenario.seats.index(knowledge.seat)] if objective else None
        pending = [e for e in scenario.events if not (e.once and e.id in knowledge.seen)]
        bearing, read = _bearing_on(objective.score, pending) if objective else ((), set())
        kept = {event.id for event in bearing}
        self.events = tuple(rule for rule in self.fast.events if rule.id in kept)
        slots = [0, *(scenario.index_of(name) + 1 for name in sorted(read))]
        self._relevant = operator.itemgetter(*slots)
        """The turn and the values the events phase and the score read: the memo's key."""
        self.seats = len(scenario.seats)
        self._memo: dict[tuple[int, tuple[Any, ...]], float] = {}
        self.steps = 0
        """Rule steps taken so far: the measure of the work done, bounded per decision."""
        self._samples: list[Keys] | None = None

    def decide(self, search: Callable[[], T], evaluations: int) -> T:
        """Run ``search``, which makes ``evaluations`` calls of :meth:`expected_score`.

        Exactly, unless that would take more than ``EXACT_BUDGET`` steps: then
        again as an estimate, with as many samples (at most ``SAMPLES``) as
        keep the whole search within ``SAMPLED_BUDGET`` steps (but at least one).
        """
        try:
            return search()
        except OverBudget:
            rules = self.seats + len(self.events)
            samples = max(1, min(SAMPLES, SAMPLED_BUDGET // max(1, evaluations * rules)))
            self._samples = [Keys(sample, self.fast) for sample in range(samples)]
            return search()

    @property
    def estimated(self) -> bool:
        """Whether this decision is being estimated from samples rather than computed exactly."""
        return self._samples is not None

    def expected_score(self, orders: Sequence[Action]) -> float:
        """The seat's expected score after ``orders`` (one action per seat, in seat order) resolve."""
        if self.score is None:
            return 0.0  # a seat without an objective scores 0 whatever happens
        rules = (*(self.fast.actions[action.id] for action in orders), *self.events)
        if self._samples is None:
            return self._exact(rules, 0, list(self.env))
        return sum(self._sampled(rules, list(self.env), keys) for keys in self._samples) / len(self._samples)

    def _exact(self, rules: Sequence[Rule], start: int, env: Env) -> float:
        events_phase = start >= self.seats  # the same for every joint order: remembered
        if events_phase:
            key = (start, self._relevant(env))
            value = self._memo.get(key)
            if value is not None:
                return value
        index = advance(rules, start, env)
        self.steps += index - start + 1
        if self.steps > EXACT_BUDGET:
            raise OverBudget
        if index == len(rules):
            value = float(self.score(env))
        else:
            rule = rules[index]
            p = rule.chance(env)
            value = 0.0
            if p > 0.0:
                branch = list(env)
                rule.hit(branch)
                value += p * self._exact(rules, index + 1, branch)
            if p < 1.0:
                branch = list(env)
                rule.miss(branch)
                value += (1.0 - p) * self._exact(rules, index + 1, branch)
        if events_phase:
            self._memo[key] = value
        return value

    def _sampled(self, rules: Sequence[Rule], env: Env, keys: Keys) -> float:
        """One resolution whose chances are decided by a sample's fixed draws."""
        turn = env[0]
        index = advance(rules, 0, env)
        steps = index + 1
        while index < len(rules):
            rule = rules[index]
            (rule.hit if draw_keyed(keys[rule.number], turn) < rule.chance(env) else rule.miss)(env)
            following = advance(rules, index + 1, env)
            steps += following - index
            index = following
        self.steps += steps
        return float(self.score(env))


def _bearing_on(score: Expression, events: Sequence[Event]) -> tuple[tuple[Event, ...], set[str]]:
    """The events that can change ``score``, directly or by changing what a later such event reads;
    and every variable that those events and the score read (their effects' targets included)."""
    relevant = set(score.reads)
    kept = []
    for event in reversed(events):
        if any(effect.target in relevant for effect in event.effects):
            kept.append(event)
            relevant |= event.when.reads | (event.chance.reads if event.chance else frozenset())
            relevant |= {name for effect in event.effects for name in (*effect.expression.reads, effect.target)}
    return tuple(reversed(kept)), relevant
