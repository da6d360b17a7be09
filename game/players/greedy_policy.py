"""The greedy computer player: the best expected own score one turn ahead.

It imagines the turn with the model in ``lookahead.py`` (hidden variables at
their initial values, every chance taken in expectation) and assumes the other
seats hold. Ties go to the action listed first in the scenario file, so the
choice is deterministic and never depends on ``roll``; it is remembered for
the same knowledge (``memo.py``).
"""

from __future__ import annotations

from game.engine.model import Scenario
from game.engine.views import Knowledge
from game.players.lookahead import TurnModel
from game.players.memo import remembered


class GreedyPolicy:
    name = "greedy"
    label = "greedy"
    description = "picks the action with the best expected own score one turn ahead"

    def choose(self, scenario: Scenario, knowledge: Knowledge, roll: float) -> str:
        return remembered(self.name, scenario, knowledge, lambda: _choose(scenario, knowledge))


def _choose(scenario: Scenario, knowledge: Knowledge) -> str:
    model = TurnModel(scenario, knowledge)
    holds = [scenario.hold(other) for other in scenario.seats]
    mine = scenario.seats.index(knowledge.seat)

    def search() -> str:
        best, best_value = None, float("-inf")
        for action in knowledge.legal:
            value = model.expected_score([*holds[:mine], action, *holds[mine + 1:]])
            if value > best_value:
                best, best_value = action, value
        return best.id

    return model.decide(search, len(knowledge.legal))
