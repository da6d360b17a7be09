"""Plausible play for imagined games: each seat follows one of its strategies, or plays at random.

The planner imagines the rest of a game many times, and its belief about what
it cannot see comes from imagined games too (``beliefs.py``). Both need the
seats to play plausibly and cheaply: a seat follows one of the scenario's
strategies or picks uniformly among its legal actions, drawn once per
imagined game. The choices read the whole
imagined state; a strategy's steps read only what its seat may see.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from game.engine.adjudication import environment, legal_actions
from game.engine.model import Scenario, Strategy
from game.engine.state import GameState
from game.players.scripted_policy import first_applicable

Plan = Mapping[str, Strategy | None]
"""Each seat's strategy in one imagined game (None: random play)."""


def draw_plan(scenario: Scenario, rng: random.Random) -> dict[str, Strategy | None]:
    """For every seat, one of its strategies or random play (None), uniformly.

    Random play is always one of the choices: a seat that follows none of the
    scripted lines must still look like something the others can imagine.
    """
    plan = {}
    for seat in scenario.seats:
        choices = [*scenario.strategies_for(seat), None]
        plan[seat] = choices[rng.randrange(len(choices))]
    return plan


def plan_order(scenario: Scenario, state: GameState, seat: str, strategy: Strategy | None,
               rng: random.Random) -> str:
    """``seat``'s order in ``state`` under its plan."""
    legal = legal_actions(scenario, state, seat)
    if strategy is None:
        return legal[rng.randrange(len(legal))].id
    return first_applicable(scenario, strategy, {action.id for action in legal}, environment(state))
