"""The cautious computer player: the best worst case one turn ahead (maximin).

For each of its legal actions it assumes the other seats answer together with
the orders most harmful to its own expected score, chosen from what they could
do in the imagined environment of ``lookahead.py``, and it picks the action
whose worst case is best. Ties go to the action listed first in the file.
Search stops early on an action as soon as one answer shows it cannot beat the
best found so far, which gives the same choice as the full search.

It weighs at most ``MAX_EVALUATIONS`` (action, joint answer) pairs: when the
other seats have more joint answers than that allows, it weighs a fixed,
evenly spread selection of them, so the work per decision stays bounded
whatever the scenario (docs/analysis.md).
"""

from __future__ import annotations

from game.engine.model import Scenario
from game.engine.views import Knowledge
from game.players.combinations import spread
from game.players.lookahead import TurnModel, possible_actions
from game.players.memo import remembered

MAX_EVALUATIONS = 4096
"""(Action, joint answer) pairs weighed per decision, at most; the shipped scenario needs about 1,000."""


class CautiousPolicy:
    name = "cautious"
    label = "cautious"
    description = "assumes the others answer with their most harmful action; maximises the worst case"

    def choose(self, scenario: Scenario, knowledge: Knowledge, roll: float) -> str:
        return remembered(self.name, scenario, knowledge, lambda: _choose(scenario, knowledge))


def _choose(scenario: Scenario, knowledge: Knowledge) -> str:
    model = TurnModel(scenario, knowledge)
    answers = [possible_actions(scenario, model.env, other) if other != knowledge.seat else [None]
               for other in scenario.seats]
    joints = spread(answers, max(1, MAX_EVALUATIONS // len(knowledge.legal)))

    def search() -> str:
        best, best_value = None, float("-inf")
        for action in knowledge.legal:
            worst = float("inf")
            for joint in joints:
                orders = [action if order is None else order for order in joint]
                worst = min(worst, model.expected_score(orders))
                if worst <= best_value:
                    break  # this action cannot beat the best one so far
            if worst > best_value:
                best, best_value = action, worst
        return best.id

    return model.decide(search, len(knowledge.legal) * len(joints))
