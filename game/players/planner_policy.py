"""The planner: a computer seat that searches ahead (ISMCTS) from what it knows, at three levels.

Unlike greedy and cautious, which look one turn ahead, the planner imagines
whole games to the end (``ismcts.py``), so it invests: ISR that pays off in a
later strike, a bargain whose price comes before its reward. It knows only what
its seat knows and guesses the rest (``beliefs.py``). Its budget is a number of
imagined games, not a time, so the same knowledge and roll always give the same
choice on any machine; ``roll`` seeds the search.
"""

from __future__ import annotations

import random

from game.engine.model import Scenario
from game.engine.views import Knowledge
from game.players.ismcts import search

LEVELS = {"planner-easy": 24, "planner": 96, "planner-hard": 384}
"""Policy name: imagined games per decision."""
LABELS = {"planner-easy": "planner, easy", "planner": "planner", "planner-hard": "planner, hard"}


class PlannerPolicy:
    def __init__(self, name: str, iterations: int) -> None:
        self.name = name
        self.label = LABELS[name]
        self.iterations = iterations
        self.description = f"searches ahead over {iterations} imagined games per decision (ISMCTS)"

    def choose(self, scenario: Scenario, knowledge: Knowledge, roll: float) -> str:
        return search(scenario, knowledge, self.iterations, random.Random(int(roll * (1 << 53))))


def planners() -> list[PlannerPolicy]:
    return [PlannerPolicy(name, iterations) for name, iterations in LEVELS.items()]
