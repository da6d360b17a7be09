"""The baseline computer player: uniform over the legal actions."""

from __future__ import annotations

from game.engine.model import Scenario
from game.engine.views import Knowledge


class RandomPolicy:
    name = "random"
    label = "random"
    description = "picks uniformly among the legal actions"

    def choose(self, scenario: Scenario, knowledge: Knowledge, roll: float) -> str:
        legal = knowledge.legal
        return legal[min(int(roll * len(legal)), len(legal) - 1)].id
