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

from game.engine.fastpath import Env, fast_form
from game.engine.model import Scenario, Strategy
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


def legal_ids(scenario: Scenario, env: Env, seat: str) -> list[str]:
    """The ids of ``seat``'s legal actions in ``env``, in file order (the fast path's availability)."""
    flags = fast_form(scenario).available[scenario.seats.index(seat)](env)
    return [action.id for action, legal in zip(scenario.actions_for(seat), flags) if legal]


def plan_order(scenario: Scenario, env: Env, seat: str, strategy: Strategy | None, rng: random.Random) -> str:
    """``seat``'s order in the imagined environment ``env`` under its plan."""
    legal = legal_ids(scenario, env, seat)
    if strategy is None:
        return legal[rng.randrange(len(legal))]
    return first_applicable(scenario, strategy, legal, env)
