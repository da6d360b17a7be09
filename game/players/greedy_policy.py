"""The greedy computer player: the best expected own score one turn ahead.

It imagines the turn with the model in ``lookahead.py`` (hidden variables at
their initial values, every chance taken in expectation) and assumes the other
seats hold. Ties go to the action listed first in the scenario file, so the
choice is deterministic and never depends on ``roll``.
"""

from __future__ import annotations

from game.engine.model import Scenario
from game.engine.views import View
from game.players.lookahead import TurnModel, hold_action, legal_choices


class GreedyPolicy:
    name = "greedy"
    description = "picks the action with the best expected own score one turn ahead"

    def choose(self, scenario: Scenario, view: View, roll: float) -> str:
        model = TurnModel(scenario, view)
        holds = [hold_action(scenario, other) for other in scenario.seats]
        mine = scenario.seats.index(view.seat)
        best, best_value = None, float("-inf")
        for action in legal_choices(view):
            value = model.expected_score([*holds[:mine], action, *holds[mine + 1:]])
            if value > best_value:
                best, best_value = action, value
        return best.id
