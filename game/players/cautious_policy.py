"""The cautious computer player: the best worst case one turn ahead (maximin).

For each of its legal actions it assumes the other seats answer together with
the orders most harmful to its own expected score, chosen from what they could
do in the imagined environment of ``lookahead.py``, and it picks the action
whose worst case is best. Ties go to the action listed first in the file.
Search stops early on an action as soon as one answer shows it cannot beat the
best found so far, which gives the same choice as the full search.
"""

from __future__ import annotations

import itertools

from game.engine.model import Scenario
from game.engine.views import View
from game.players.lookahead import TurnModel, legal_choices, possible_actions


class CautiousPolicy:
    name = "cautious"
    description = "assumes the others answer with their most harmful action; maximises the worst case"

    def choose(self, scenario: Scenario, view: View, roll: float) -> str:
        model = TurnModel(scenario, view)
        answers = [possible_actions(scenario, model.env, other) if other != view.seat else [None]
                   for other in scenario.seats]
        best, best_value = None, float("-inf")
        for action in legal_choices(view):
            worst = float("inf")
            for joint in itertools.product(*answers):
                orders = [action if order is None else order for order in joint]
                worst = min(worst, model.expected_score(orders))
                if worst <= best_value:
                    break  # this action cannot beat the best one so far
            if worst > best_value:
                best, best_value = action, worst
        return best.id


