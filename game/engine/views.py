"""Views: the game as one seat may see it, or as the facilitator sees all of it.

Screens and computer players read views, never the raw state, so hidden
information cannot leak by accident. One rule decides what a seat may see of
anything computed: a value is shown only if every variable it reads is
visible to that seat. That covers variables, log entries and their changes,
chances (a chance that depends on a hidden variable would betray it), map
statuses and routes. Scores stay hidden from seats until the game is over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from attrs import evolve, frozen

from game.engine.adjudication import environment, holds, scores, unavailable_reason
from game.engine.expressions import Expression
from game.engine.log import LogEntry
from game.engine.model import Action, Ending, Objective, Place, Route, Scenario, Variable
from game.engine.state import GameState

FACILITATOR = None
"""The ``seat`` of the facilitator's view, who sees everything."""


@frozen
class VariableView:
    variable: Variable
    value: Any


@frozen
class Option:
    """One of a seat's actions as the seat sees it this turn."""

    action: Action
    available: bool
    reason: str = ""
    """Why it is unavailable, when it is."""
    chance: float | None = None
    """Its chance of success now, if it has one and the seat may know it."""
    chance_hidden: bool = False
    """It has a chance, but one that depends on what this seat cannot see."""


@frozen
class PlaceView:
    place: Place
    status: str = ""


@frozen
class View:
    seat: str | None
    turn: int
    over: bool
    ending: Ending | None
    variables: tuple[VariableView, ...]
    entries: tuple[LogEntry, ...]
    options: Mapping[str, tuple[Option, ...]]
    """Each seat's options: the viewer's own, or every seat's for the facilitator."""
    briefings: Mapping[str, str]
    objectives: Mapping[str, Objective]
    scores: Mapping[str, float] | None
    """Known to seats only once the game is over."""
    places: tuple[PlaceView, ...] = ()
    routes: tuple[Route, ...] = ()

    def value(self, name: str) -> Any:
        """The value of a variable this view shows; KeyError if it is hidden."""
        for item in self.variables:
            if item.variable.name == name:
                return item.value
        raise KeyError(name)


def knowable(scenario: Scenario, expression: Expression | None, seat: str | None) -> bool:
    """Whether ``seat`` may see the value of ``expression``."""
    if expression is None or seat is None:
        return True
    return all(scenario.variable(name).visible(seat) for name in expression.reads)


def view_for(scenario: Scenario, state: GameState, entries: Iterable[LogEntry], seat: str | None) -> View:
    """The view of ``seat``, or the facilitator's when ``seat`` is None."""
    env = environment(state)
    variables = tuple(
        VariableView(v, value) for v, value in zip(scenario.variables, state.values) if v.visible(seat)
    )
    seats = scenario.seats if seat is None else (seat,)
    reveal = seat is None or state.over
    return View(
        seat=seat,
        turn=state.turn,
        over=state.over,
        ending=next((e for e in scenario.endings if e.id == state.ending), None),
        variables=variables,
        entries=tuple(_entry_for(scenario, entry, seat) for entry in entries if entry.visible(seat)),
        options={s: _options(scenario, state, env, s, seat) for s in seats},
        briefings={s: scenario.actors[s].briefing for s in seats},
        objectives={s: o for s, o in scenario.objectives.items() if reveal or s == seat},
        scores=scores(scenario, state) if reveal else None,
        places=_places(scenario, env, seat),
        routes=_routes(scenario, env, seat),
    )


def _entry_for(scenario: Scenario, entry: LogEntry, seat: str | None) -> LogEntry:
    if seat is None:
        return entry
    changes = tuple(c for c in entry.changes if scenario.variable(c.variable).visible(seat))
    chance = entry.chance if knowable(scenario, _chance_of(scenario, entry.rule), seat) else None
    return evolve(entry, changes=changes, chance=chance, roll=None)


def _chance_of(scenario: Scenario, rule: str) -> Expression | None:
    action = scenario.action(rule)
    if action is not None:
        return action.chance
    return next((e.chance for e in scenario.events if e.id == rule), None)


def _options(scenario: Scenario, state: GameState, env: list, seat: str, viewer: str | None) -> tuple[Option, ...]:
    if state.over:
        return ()
    options = []
    for action in scenario.actions_for(seat):
        available = holds(action.when, env)
        reason = "" if available else unavailable_reason(action)
        chance, hidden = None, False
        if action.chance is not None:
            hidden = not knowable(scenario, action.chance, viewer)
            chance = None if hidden else min(1.0, max(0.0, float(action.chance.evaluate(env))))
        options.append(Option(action, available, reason, chance, hidden))
    return tuple(options)


def _places(scenario: Scenario, env: list, seat: str | None) -> tuple[PlaceView, ...]:
    if scenario.map is None:
        return ()
    return tuple(
        PlaceView(p, p.status.evaluate(env) if p.status and knowable(scenario, p.status, seat) else "")
        for p in scenario.map.places
    )


def _routes(scenario: Scenario, env: list, seat: str | None) -> tuple[Route, ...]:
    if scenario.map is None:
        return ()
    return tuple(
        r for r in scenario.map.routes if knowable(scenario, r.when, seat) and holds(r.when, env)
    )

