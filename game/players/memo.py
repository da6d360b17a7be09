"""Decisions remembered by what the deciding seat knew.

A lookahead policy's choice is a pure function of the scenario and the seat's
:class:`~game.engine.views.Knowledge` (seat, turn, legal actions, visible
values, events seen): the same knowledge gives the same choice. Simulated
games meet the same situations again and again (every game starts alike), so
each policy remembers its choices per scenario, up to ``MAX_REMEMBERED`` of
them; past that it forgets them all and starts again, keeping memory bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from game.engine.model import Scenario
from game.engine.views import Knowledge

MAX_REMEMBERED = 100_000

_CHOICES: dict[str, WeakKeyDictionary[Scenario, dict[Knowledge, str]]] = {}


def remembered(policy: str, scenario: Scenario, knowledge: Knowledge, choose: Callable[[], str]) -> str:
    """``choose()``, or what it gave before for the same policy, scenario and knowledge."""
    per_scenario = _CHOICES.setdefault(policy, WeakKeyDictionary())
    choices = per_scenario.get(scenario)
    if choices is None:
        choices = per_scenario[scenario] = {}
    choice = choices.get(knowledge)
    if choice is None:
        if len(choices) >= MAX_REMEMBERED:
            choices.clear()
        choice = choices[knowledge] = choose()
    return choice
