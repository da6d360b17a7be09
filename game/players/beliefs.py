"""What a seat believes about what it cannot see: hidden values drawn from imagined games.

Information-set search starts every iteration from a *determinization*: a
whole state that agrees with everything the seat sees, and a guess at how the
other seats play. Its visible values are the seat's own (its ``Knowledge``), and
so are the once-only events it was shown firing. Everything else comes
from ``PARTICLES`` imagined games of plausible play (``playout.py``: each seat
follows one of its strategies) from the start of the scenario, recorded turn
by turn: a particle weighs more the closer its visible values at this turn are
to what the seat sees, since it is a game that could well have led here. So
the belief moves with the evidence, about hidden values and about the others
alike: a seat that sees Moscow signal a serious offer comes to believe in the
games where Moscow meant it, and a Washington that has asked for no terms by
midsummer is not the one that came for a Russian base. It never reads the true
state.

The particles depend only on the scenario, so they are played once per
scenario and process and shared by every seat and game; they are the same for
every seed, which keeps every decision a pure function of the knowledge and roll.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Sequence
from weakref import WeakKeyDictionary

from attrs import evolve

from game.engine.adjudication import MAX_SEED, new_game
from game.engine.fastpath import Keys, fast_form, next_state
from game.engine.model import Scenario
from game.engine.state import GameState
from game.engine.views import Knowledge
from game.players.playout import Plan, draw_plan, plan_order

PARTICLES = 128
SHARPNESS = 1.5
"""How fast a particle's weight falls with its distance from what the seat sees (per unit of mismatch).
Gentle on purpose: no particle may fit a seat that plays none of the strategies, and a sharp weight
would then put all belief on whichever happens to fit least badly."""

Particle = tuple[Plan, tuple[GameState, ...]]
"""An imagined game: each seat's plan, and the state at the start of each turn (the last once over)."""

_HISTORIES: WeakKeyDictionary[Scenario, tuple[Particle, ...]] = WeakKeyDictionary()


def histories(scenario: Scenario) -> tuple[Particle, ...]:
    """The particles, played once per scenario and process."""
    known = _HISTORIES.get(scenario)
    if known is None:
        known = tuple(_imagine(scenario, index) for index in range(PARTICLES))
        _HISTORIES[scenario] = known
    return known


def _imagine(scenario: Scenario, index: int) -> Particle:
    rng = random.Random(f"belief:{scenario.origin.sha256}:{index}")
    state = new_game(scenario, rng.randrange(MAX_SEED))
    plan = draw_plan(scenario, rng)
    states = [state]
    fast = fast_form(scenario)
    keys = Keys(state.seed, fast)
    while not state.over:
        env = [state.turn, *state.values]
        state = next_state(fast, state, [plan_order(scenario, env, seat, plan[seat], rng) for seat in scenario.seats],
                           keys)
        states.append(state)
    return plan, tuple(states)


class Belief:
    """The particles at the seat's turn, weighted by how well they agree with what it knows."""

    def __init__(self, scenario: Scenario, knowledge: Knowledge) -> None:
        self.scenario = scenario
        self.knowledge = knowledge
        slots = [i for i, _ in scenario.visible_slots(knowledge.seat)]
        particles = histories(scenario)
        self.plans = [plan for plan, _ in particles]
        self.states = [history[min(knowledge.turn, len(history)) - 1] for _, history in particles]
        weights = [math.exp(-SHARPNESS * _mismatch(scenario, slots, knowledge.visible_values, state.values))
                   for state in self.states]
        shown = [e.id for e in scenario.events if e.once and (e.visible_to is None or knowledge.seat in e.visible_to)]
        self.unseen = frozenset(shown) - knowledge.seen
        """Once-only events the seat would have been shown had they fired: they have not."""
        total = sum(weights)
        self.cumulative = list(itertools.accumulate(w / total for w in weights))

    def sample(self, rng: random.Random) -> tuple[GameState, Plan]:
        """A whole state the seat cannot tell from the true one (with a fresh seed for the future
        draws), and the plans the other seats followed in the imagined game it comes from."""
        pick = min(bisect.bisect_right(self.cumulative, rng.random()), len(self.states) - 1)
        values = list(self.states[pick].values)
        for (slot, _), value in zip(self.scenario.visible_slots(self.knowledge.seat), self.knowledge.visible_values):
            values[slot] = value
        fired = (self.states[pick].fired - self.unseen) | self.knowledge.seen
        state = evolve(self.states[pick], seed=rng.randrange(MAX_SEED), turn=self.knowledge.turn,
                       values=tuple(values), fired=fired, ending=None, over=False)
        return state, self.plans[pick]


def _mismatch(scenario: Scenario, slots: Sequence[int], seen: Sequence, values: Sequence) -> float:
    """How far a particle's visible values are from the seat's: 1 per differing flag or name,
    an integer's difference as a share of its range."""
    total = 0.0
    for slot, value in zip(slots, seen):
        other = values[slot]
        if other == value:
            continue
        variable = scenario.variables[slot]
        total += abs(other - value) / max(1, variable.high - variable.low) if variable.type == "int" else 1.0
    return total
