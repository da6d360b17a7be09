"""The baseline computer player: uniform over the legal actions."""

from __future__ import annotations

from game.engine.model import Scenario
from game.engine.views import View


class RandomPolicy:
    name = "random"
    description = "picks uniformly among the legal actions"

    def choose(self, scenario: Scenario, view: View, roll: float) -> str:
        legal = [action.id for action in view.legal_actions()]
        return legal[min(int(roll * len(legal)), len(legal) - 1)]
