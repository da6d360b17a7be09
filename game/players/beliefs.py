"""What a seat believes about what it cannot see: hidden values drawn from imagined games.

Information-set search starts every iteration from a *determinization*: a
whole state that agrees with everything the seat sees, and a guess at how the
other seats play. Its visible values are the view's. Everything else comes
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
every seed, which keeps every decision a pure function of the view and roll.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Sequence
from weakref import WeakKeyDictionary

from attrs import evolve

from game.engine.adjudication import new_game, resolve_turn
from game.engine.model import Scenario
from game.engine.state import GameState
from game.engine.views import View
from game.players.playout import Plan, draw_plan, plan_order

PARTICLES = 128
SHARPNESS = 1.5
"""How fast a particle's weight falls with its distance from the view (per unit of mismatch)."""
_MAX_SEED = (1 << 63) - 1

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
    state = new_game(scenario, rng.randrange(_MAX_SEED))
    plan = draw_plan(scenario, rng)
    states = [state]
    while not state.over:
        orders = {seat: plan_order(scenario, state, seat, plan[seat], rng) for seat in scenario.seats}
        state = resolve_turn(scenario, state, orders).state
        states.append(state)
    return plan, tuple(states)


class Belief:
    """The particles at the view's turn, weighted by how well they agree with the view."""

    def __init__(self, scenario: Scenario, view: View) -> None:
        self.scenario = scenario
        self.view = view
        slots = [i for i, _ in scenario.visible_slots(view.seat)]
        particles = histories(scenario)
        self.plans = [plan for plan, _ in particles]
        self.states = [history[min(view.turn, len(history)) - 1] for _, history in particles]
        weights = [math.exp(-SHARPNESS * _mismatch(scenario, slots, view.visible_values, state.values))
                   for state in self.states]
        total = sum(weights)
        self.cumulative = list(itertools.accumulate(w / total for w in weights))

    def sample(self, rng: random.Random) -> tuple[GameState, Plan]:
        """A whole state the seat cannot tell from the true one (with a fresh seed for the future
        draws), and the plans the other seats followed in the imagined game it comes from."""
        pick = min(bisect.bisect_right(self.cumulative, rng.random()), len(self.states) - 1)
        values = list(self.states[pick].values)
        for (slot, _), value in zip(self.scenario.visible_slots(self.view.seat), self.view.visible_values):
            values[slot] = value
        state = evolve(self.states[pick], seed=rng.randrange(_MAX_SEED), turn=self.view.turn,
                       values=tuple(values), ending=None, over=False)
        return state, self.plans[pick]


def _mismatch(scenario: Scenario, slots: Sequence[int], seen: Sequence, values: Sequence) -> float:
    """How far a particle's visible values are from the view's: 1 per differing flag or name,
    an integer's difference as a share of its range."""
    total = 0.0
    for slot, value in zip(slots, seen):
        other = values[slot]
        if other == value:
            continue
        variable = scenario.variables[slot]
        total += abs(other - value) / max(1, variable.high - variable.low) if variable.type == "int" else 1.0
    return total
