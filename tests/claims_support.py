"""A scenario's game that claims tests steer turn by turn, for every shipped scenario's claims tests.

Tests set values directly (``Game(turn=14, milley_tasked=True)``), play one
turn with the orders they name (the other seats hold), and read values,
legal actions, views and scores: the rules are driven through the engine,
never through the scenario's text.
"""

from __future__ import annotations

from typing import ClassVar

from attrs import evolve

from game.engine import GameState, legal_actions, new_game, resolve_turn, scores, view_for
from game.engine.model import Scenario


class ScenarioGame:
    """Subclasses name their ``scenario``; unnamed seats hold."""

    scenario: ClassVar[Scenario]

    def __init__(self, seed: int = 1, turn: int = 1, **values) -> None:
        self.state = evolve(self.with_values(new_game(self.scenario, seed), **values), turn=turn)
        self.entries: list = []

    @classmethod
    def with_values(cls, state: GameState, **values) -> GameState:
        current = list(state.values)
        for name, value in values.items():
            current[cls.scenario.index_of(name)] = value
        return evolve(state, values=tuple(current))

    def set(self, **values) -> ScenarioGame:
        self.state = self.with_values(self.state, **values)
        return self

    def play(self, **orders: str) -> list:
        full = {seat: f"{seat}.{orders.get(seat, 'hold')}" for seat in self.scenario.seats}
        resolution = resolve_turn(self.scenario, self.state, full)
        self.state = resolution.state
        self.entries += resolution.entries
        return list(resolution.entries)

    def __getitem__(self, name: str):
        return self.state.values[self.scenario.index_of(name)]

    def legal(self, seat: str) -> set[str]:
        return {action.id for action in legal_actions(self.scenario, self.state, seat)}

    def view(self, seat: str | None):
        return view_for(self.scenario, self.state, self.entries, seat)

    def option(self, seat: str, action_id: str):
        return next(o for o in self.view(seat).options[seat] if o.action.id == action_id)

    def score(self, seat: str) -> float:
        return scores(self.scenario, self.state)[seat]


def fired(entries, rule: str) -> bool:
    return any(e.rule == rule for e in entries)
