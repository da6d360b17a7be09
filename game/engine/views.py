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
from functools import cached_property
from itertools import compress
from typing import Any
from weakref import WeakKeyDictionary

from attrs import evolve, field, frozen

from game.engine.adjudication import environment, holds, overtaken_text, probability, scores, unavailable_reason
from game.engine.expressions import Expression
from game.engine.log import EVENT, INTERVENTION, OVERTAKEN, LogEntry
from game.engine.model import Action, Ending, Objective, Place, Route, Scenario
from game.engine.state import GameState

FACILITATOR = None
"""The ``seat`` of the facilitator's view, who sees everything."""


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
    """What one seat (or the facilitator, ``seat`` None) may know of the game now.

    The fields are computed from the state when the view is made. The
    properties below are derived lazily from those fields and the scenario's
    public rules alone: a view never holds the hidden state, so nothing
    reached through it can betray a hidden value.
    """

    scenario: Scenario = field(repr=False)
    seat: str | None
    turn: int
    over: bool
    ending: Ending | None
    visible_values: tuple[Any, ...]
    """The values of the variables this seat may see, in scenario order (see ``variables``)."""
    entries: tuple[LogEntry, ...]
    available: Mapping[str, tuple[bool, ...]]
    """For each seat of the view, whether each of its actions (``scenario.actions_for``) may be
    chosen now: every seat must know which of its own actions are legal."""
    scores: Mapping[str, float] | None
    """Known to seats only once the game is over."""

    @cached_property
    def variables(self) -> Mapping[str, Any]:
        """The value of each variable this seat may see, by name, in scenario order."""
        return dict(zip((name for _, name in self.scenario.visible_slots(self.seat)), self.visible_values))

    def legal_actions(self, seat: str | None = None) -> tuple[Action, ...]:
        """The actions ``seat`` (default: the viewer) may choose now: the cheap way to ask."""
        seat = seat or self.seat
        return tuple(a for a, ok in zip(self.scenario.actions_for(seat), self.available[seat]) if ok)

    @cached_property
    def options(self) -> Mapping[str, tuple[Option, ...]]:
        """Each seat's options as it sees them: the viewer's own, or every seat's for the facilitator."""
        return {seat: _options(self.scenario, seat, flags, self._visible_environment, self.seat)
                for seat, flags in self.available.items()}

    @property
    def seats(self) -> tuple[str, ...]:
        """The seats this view speaks for: the viewer's own, or all for the facilitator."""
        return self.scenario.seats if self.seat is None else (self.seat,)

    @cached_property
    def briefings(self) -> Mapping[str, str]:
        return {s: self.scenario.actors[s].briefing for s in self.seats}

    @cached_property
    def objectives(self) -> Mapping[str, Objective]:
        """The viewer's own objective; every seat's for the facilitator or once the game is over."""
        reveal = self.seat is None or self.over
        return {s: o for s, o in self.scenario.objectives.items() if reveal or s == self.seat}

    @cached_property
    def places(self) -> tuple[PlaceView, ...]:
        """The map's places, with the statuses this seat may know."""
        if self.scenario.map is None:
            return ()
        env = self._visible_environment
        return tuple(
            PlaceView(p, p.status.evaluate(env) if p.status and knowable(self.scenario, p.status, self.seat) else "")
            for p in self.scenario.map.places
        )

    @cached_property
    def routes(self) -> tuple[Route, ...]:
        """The map's routes this seat may know to be drawn now."""
        if self.scenario.map is None:
            return ()
        env = self._visible_environment
        return tuple(r for r in self.scenario.map.routes
                     if knowable(self.scenario, r.when, self.seat) and holds(r.when, env))

    @cached_property
    def _visible_environment(self) -> list[Any]:
        """An environment of the visible values only; a slot this seat may not see holds None.

        Only expressions that are ``knowable`` to the seat are evaluated on
        it, and those never read a hidden slot.
        """
        return [self.turn, *(self.variables.get(v.name) for v in self.scenario.variables)]


def knowable(scenario: Scenario, expression: Expression | None, seat: str | None) -> bool:
    """Whether ``seat`` may see the value of ``expression``."""
    return expression is None or seat is None or expression.reads <= scenario.visible_names(seat)


def view_for(scenario: Scenario, state: GameState, entries: Iterable[LogEntry], seat: str | None) -> View:
    """The view of ``seat``, or the facilitator's when ``seat`` is None."""
    env = environment(state)
    seats = scenario.seats if seat is None else (seat,)
    return View(
        scenario=scenario,
        seat=seat,
        turn=state.turn,
        over=state.over,
        ending=next((e for e in scenario.endings if e.id == state.ending), None) if state.ending else None,
        visible_values=scenario.visible_values(seat, state.values),
        entries=entries_for(scenario, entries, seat),
        available={s: () if state.over else _availability(scenario, s, env) for s in seats},
        scores=scores(scenario, state) if seat is None or state.over else None,
    )


def entries_for(scenario: Scenario, entries: Iterable[LogEntry], seat: str | None) -> tuple[LogEntry, ...]:
    """The entries ``seat`` may see, each with what it may not see of it cut (all of them for the facilitator)."""
    return tuple(_entry_for(scenario, entry, seat) for entry in entries if entry.visible(seat))


class Knowledge:
    """What a computer seat knows when it decides: the least a policy needs, cheap to make.

    A :class:`View` is made for people (log, options, map); a policy asks only
    for its legal actions, the values it may see, and which once-only events
    it saw fire. Like a view it holds nothing the seat may not see. It is made
    for every computer seat every turn of every simulated game, so it is a
    plain slotted class rather than an attrs one (whose frozen ``__init__``
    costs several times more); treat it as read-only. Equal and hashable by
    what the seat knows, so a policy can remember its decision for it.
    """

    __slots__ = ("scenario", "seat", "turn", "available", "visible_values", "seen", "legal", "_variables")

    def __init__(self, scenario: Scenario, seat: str, turn: int, available: tuple[bool, ...],
                 visible_values: tuple[Any, ...], seen: frozenset[str]) -> None:
        self.scenario = scenario
        self.seat = seat
        self.turn = turn
        self.available = available
        """Whether each of the seat's actions (``scenario.actions_for(seat)``) may be chosen now."""
        self.visible_values = visible_values
        """The values of the variables this seat may see, in the order of ``scenario.visible_slots``."""
        self.seen = seen
        """Ids of the once-only events this seat saw fire (their log entries were shown to it)."""
        self.legal: tuple[Action, ...] = tuple(compress(scenario.actions_for(seat), available))
        """The seat's legal actions, in file order."""
        self._variables: dict[str, Any] | None = None

    @property
    def variables(self) -> Mapping[str, Any]:
        """The value of each variable this seat may see, by name."""
        if self._variables is None:
            names = (name for _, name in self.scenario.visible_slots(self.seat))
            self._variables = dict(zip(names, self.visible_values))
        return self._variables

    def _key(self) -> tuple:
        return self.seat, self.turn, self.available, self.visible_values, self.seen

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Knowledge):
            return NotImplemented
        return self.scenario is other.scenario and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Knowledge(seat={self.seat!r}, turn={self.turn}, available={self.available}, "
                f"visible_values={self.visible_values}, seen={set(self.seen) or '{}'})")


def knowledge_for(scenario: Scenario, state: GameState, seen: frozenset[str], seat: str) -> Knowledge:
    """What ``seat`` knows in ``state`` (``seen``: from :func:`seen_events` of its log)."""
    available = () if state.over else _availability(scenario, seat, environment(state))
    return Knowledge(scenario, seat, state.turn, available, scenario.visible_values(seat, state.values), seen)


def seen_events(scenario: Scenario, entries: Iterable[LogEntry], seat: str) -> frozenset[str]:
    """The once-only events whose firing ``seat`` was shown in ``entries`` (by the rules or the facilitator)."""
    once = scenario.once_events
    return frozenset(e.rule for e in entries if e.kind in (EVENT, INTERVENTION) and e.rule in once
                     and e.visible(seat))


def _entry_for(scenario: Scenario, entry: LogEntry, seat: str | None) -> LogEntry:
    if seat is None:
        return entry
    changes = tuple(c for c in entry.changes if scenario.variable(c.variable).visible(seat))
    chance = entry.chance if knowable(scenario, _chance_of(scenario, entry.rule), seat) else None
    entry = evolve(entry, changes=changes, chance=chance, roll=None, reason="")
    action = scenario.action(entry.rule) if entry.kind == OVERTAKEN else None
    if action is not None and not knowable(scenario, action.when, seat):
        # Which part of another seat's condition failed would tell what that seat sees: the words
        # written for the whole condition only.
        why = action.unavailable or f"requires {action.when.text}"
        entry = evolve(entry, text=overtaken_text(action, why), unavailable=action.unavailable)
    return entry


def _chance_of(scenario: Scenario, rule: str) -> Expression | None:
    action = scenario.action(rule)
    if action is not None:
        return action.chance
    return next((e.chance for e in scenario.events if e.id == rule), None)


_Row = tuple[Action, Any, Option | None, Option | None]
_OPTION_TABLES: WeakKeyDictionary[Scenario, dict[str, tuple[_Row, ...]]] = WeakKeyDictionary()
"""Per scenario and seat: each action with its compiled ``when`` and, for an
action without a chance, its two possible Options (available or not). Views
are made every turn for every computer seat; most Options are one of two
constants that need not be rebuilt."""


def _option_table(scenario: Scenario, seat: str) -> tuple[_Row, ...]:
    tables = _OPTION_TABLES.get(scenario)
    if tables is None:
        tables = {s: tuple(_option_row(a) for a in scenario.actions_for(s)) for s in scenario.seats}
        _OPTION_TABLES[scenario] = tables
    return tables[seat]


def _option_row(action: Action) -> _Row:
    when = action.when.evaluate if action.when else None
    if action.chance is not None or any(clause.unavailable for clause in action.clauses):
        return action, when, None, None  # the odds, or which part of the condition fails, change with the state
    return action, when, Option(action, True), Option(action, False, action.unavailable)


def _availability(scenario: Scenario, seat: str, env: list) -> tuple[bool, ...]:
    """Whether each of ``seat``'s actions may be chosen in ``env`` (the full state)."""
    return tuple(when is None or bool(when(env)) for _, when, _, _ in _option_table(scenario, seat))


def _options(scenario: Scenario, seat: str, flags: tuple[bool, ...], visible_env: list,
             viewer: str | None) -> tuple[Option, ...]:
    """``seat``'s Options from its availability flags; chances come from visible values only."""
    options = []
    for (action, _, available_option, unavailable_option), available in zip(
            _option_table(scenario, seat), flags):
        if available_option is not None:
            options.append(available_option if available else unavailable_option)
            continue
        hidden = action.chance is not None and not knowable(scenario, action.chance, viewer)
        chance = None if hidden or action.chance is None else probability(action.chance, visible_env)
        reason = "" if available else unavailable_reason(action, visible_env)
        options.append(Option(action, available, reason, chance, hidden))
    return tuple(options)


