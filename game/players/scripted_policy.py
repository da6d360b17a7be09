"""A computer seat that follows one of the scenario's strategies (``strategy:ID``).

A strategy is the designer's script for a sensible line of play: each turn the
first step whose action is legal and whose condition holds is taken, else the
seat holds. It reads only the seat's knowledge (the loader refuses a step that
reads a hidden variable) and never uses ``roll``, so it is deterministic.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from game.engine.adjudication import holds
from game.engine.model import Scenario, Strategy
from game.engine.views import Knowledge
from game.errors import WargameError
from game.players.lookahead import assumed_environment

PREFIX = "strategy:"


class ScriptedPolicy:
    description = "follows one of the scenario's scripted strategies"

    def __init__(self, strategy_id: str) -> None:
        self.strategy_id = strategy_id
        self.name = PREFIX + strategy_id
        self.label = f"strategy {strategy_id}"

    def choose(self, scenario: Scenario, knowledge: Knowledge, roll: float) -> str:
        return scripted_choice(scenario, strategy_of(scenario, knowledge.seat, self.name), knowledge)


def scripted_choice(scenario: Scenario, strategy: Strategy, knowledge: Knowledge) -> str:
    """The action ``strategy`` takes with ``knowledge``: its first applicable step, else the hold."""
    legal = {action.id for action in knowledge.legal}
    return first_applicable(scenario, strategy, legal, assumed_environment(scenario, knowledge))


def first_applicable(scenario: Scenario, strategy: Strategy, legal: Collection[str], env: Sequence[Any]) -> str:
    """The first step of ``strategy`` that is legal and whose condition holds in ``env``, else the hold.

    ``env`` may be a whole state's: a step reads only what its seat can see, so
    the answer is the one the seat's knowledge would give.
    """
    for step in strategy.steps:
        if step.action in legal and holds(step.when, env):
            return step.action
    return scenario.hold(strategy.seat).id


def strategy_of(scenario: Scenario, seat: str, name: str) -> Strategy:
    """The strategy a ``strategy:ID`` controller of ``seat`` names, or a one-line error."""
    strategy = scenario.strategy(name.removeprefix(PREFIX))
    if strategy is None or strategy.seat != seat:
        own = ", ".join(PREFIX + s.id for s in scenario.strategies_for(seat)) or "none"
        raise WargameError(f"{name!r} is not a strategy of {seat!r} in {scenario.id} (its strategies: {own})")
    return strategy
