"""A loaded scenario: frozen, checked, with every expression already compiled.

These classes are what the rest of the engine reads; ``game.scenario`` builds
them from a file and guarantees every cross-reference in them holds (actors,
seats, variable names, enum values), so the engine never re-checks.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Mapping

from attrs import field, frozen

from game.engine.expressions import BOOL, INT, TEXT, Effect, Expression, Symbol

PUBLIC, PRIVATE = "public", "private"
DEFAULT_END_TEXT = "The last turn has been played."


def hold_id(seat: str) -> str:
    """The id of a seat's hold action, built in unless the scenario defines it (and always legal)."""
    return f"{seat}.hold"


@frozen
class Actor:
    id: str
    name: str
    briefing: str = ""
    article: str = ""
    """Written before the name in a sentence ("the" for "the United States"); none by default."""
    short_name: str = ""
    """Where room is short (a news item's who, a table's column), e.g. "U.S."; the name by default."""


@frozen
class Variable:
    """A track or fact of the game; ``visible_to`` is None when all may see it."""

    name: str
    label: str
    type: str  # "int" | "bool" | "enum"
    initial: int | bool | str
    low: int | None = None
    high: int | None = None
    values: tuple[str, ...] = ()
    visible_to: frozenset[str] | None = None
    group: str = ""
    description: str = ""
    source: str = ""
    assumption: str = ""
    """The designer's reasoning where the source does not support the value (facilitator and designer only)."""
    line: int = 0
    value_labels: Mapping[str, str] = field(factory=dict)
    """An enum's values as players read them (``kabul_only``: "Kabul airport only"), where the author gave them."""

    def say(self, value: int | bool | str) -> str:
        """``value`` as a reader would say it: an enum value by its label, yes/no, whole numbers plain."""
        return say_value(value, self.value_labels)

    def visible(self, seat: str | None) -> bool:
        """Whether ``seat`` (None: the facilitator) may see this variable."""
        return seat is None or self.visible_to is None or seat in self.visible_to

    def symbol(self, slot: int) -> Symbol:
        """How expressions see this variable when it lives in environment slot ``slot``."""
        kind = {"int": INT, "bool": BOOL, "enum": TEXT}[self.type]
        return Symbol(self.name, slot, kind, self.low, self.high,
                      frozenset(self.values) if self.type == "enum" else None)


def say_value(value: int | bool | str, labels: Mapping[str, str] | None = None) -> str:
    """A value as a reader would say it: an enum value by its label (else its id with spaces), yes/no."""
    if isinstance(value, str):
        return (labels or {}).get(value) or value.replace("_", " ")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{round(value, 2):g}"
    return str(value)


@frozen
class Clause:
    """One part of an action's condition, with the author's words for when it fails."""

    when: Expression
    unavailable: str = ""
    line: int = 0


@frozen
class Action:
    """Something a seat may choose to do on its turn."""

    id: str
    actor: str
    label: str
    when: Expression | None = None
    chance: Expression | None = None
    effects: tuple[Effect, ...] = ()
    fail_effects: tuple[Effect, ...] = ()
    visibility: str = PUBLIC
    unavailable: str = ""
    """Shown to the player when ``when`` does not hold (written for the whole ``when``)."""
    description: str = ""
    source: str = ""
    """A short verbatim quote of the scenario's source that supports this rule."""
    assumption: str = ""
    """The designer's reasoning where no source supports the rule (facilitator and designer only)."""
    history: str = ""
    reveals: frozenset[str] = frozenset()
    """Hidden variables the author declares this action may give away to seats that see it."""
    builtin: bool = False
    line: int = 0
    clauses: tuple[Clause, ...] = ()
    """The parts of ``when`` (all must hold), each with its own reason, when the author wrote it as a list;
    ``when`` is then their conjunction."""


@frozen
class Event:
    """A rule-driven happening: scheduled inject, drift, or a non-seat actor's move."""

    id: str
    when: Expression
    text: str = ""
    once: bool = True
    chance: Expression | None = None
    effects: tuple[Effect, ...] = ()
    visible_to: frozenset[str] | None = None
    source: str = ""
    assumption: str = ""
    history: str = ""
    reveals: frozenset[str] = frozenset()
    """Hidden variables the author declares this event may give away to seats that see it."""
    line: int = 0


@frozen
class Ending:
    id: str
    when: Expression
    text: str
    source: str = ""
    assumption: str = ""
    line: int = 0


@frozen
class Objective:
    """A seat's secret score: higher is better."""

    seat: str
    score: Expression
    text: str = ""
    line: int = 0


@frozen
class Place:
    """A point on the scenario's map; ``status`` is text shown beside it."""

    id: str
    name: str
    x: int
    y: int
    kind: str = ""
    status: Expression | None = None
    line: int = 0


@frozen
class Route:
    """A line on the map between two places, drawn while ``when`` holds."""

    start: str
    end: str
    label: str = ""
    when: Expression | None = None
    line: int = 0


@frozen
class MapSpec:
    width: int
    height: int
    places: tuple[Place, ...] = ()
    routes: tuple[Route, ...] = ()
    art: str = ""
    kinds: Mapping[str, str] = field(factory=dict)
    """The kinds of place as the legend names them (``russian-base``: "Russian base"), where the author gave them."""



@frozen
class Step:
    """One entry of a strategy's plan: take ``action`` when it is legal and ``when`` holds."""

    action: str
    when: Expression | None = None


@frozen
class Strategy:
    """A scripted line of play for one seat: the first step that applies is taken, else the hold.

    Strategies are the "sensible lines" a designer expects a seat to weigh. The
    balance report plays them against one another, a computer seat may follow
    one (``strategy:ID``), and the planner and the debrief's baseline use them
    as the likely play of the other seats. A step's ``when`` reads only what the
    seat may see, so a strategy plays from its seat's view like any policy.
    """

    id: str
    seat: str
    label: str
    steps: tuple[Step, ...]
    description: str = ""
    line: int = 0


@frozen
class LineTarget:
    """A strategy the balance report must find worth playing (``[[balance.lines]]``).

    Typically the line the real actors took: a scenario whose historical line is
    never a good answer teaches that history was a blunder.
    """

    strategy: str
    best_response: bool = True
    """It must be the best response to some mix of the other seats' strategies."""
    within: float | None = None
    """Its mean score, over every matchup, at most this many points below its seat's best strategy's."""
    text: str = ""
    """Why the author asks it (shown with the figures)."""
    line: int = 0


@frozen
class OutcomeTarget:
    """How often something may happen in a kind of game (``[[balance.outcomes]]``).

    ``when`` is judged on the state after every turn: ``held`` says whether it
    must hold after some turn (``ever``, the default), after every turn
    (``always``: "it never stopped holding") or at the end (``end``). The games are those ``players``
    names: ``strategies`` (every matchup of the scenario's strategies) or a
    computer policy in every seat. ``given`` keeps only the games in which that
    action was chosen at least once. The share of those games must lie within the
    bounds given (``at_least``/``at_most`` inclusive, ``over``/``under`` strict).
    """

    id: str
    label: str
    when: Expression
    players: tuple[str, ...]
    held: str = "ever"
    """``ever``, ``always`` or ``end``."""
    given: str = ""
    at_least: float | None = None
    at_most: float | None = None
    over: float | None = None
    under: float | None = None
    text: str = ""
    line: int = 0

    def met(self, share: float) -> bool:
        return ((self.at_least is None or share >= self.at_least) and (self.at_most is None or share <= self.at_most)
                and (self.over is None or share > self.over) and (self.under is None or share < self.under))

    @property
    def bounds(self) -> str:
        """The bounds in words: ``at most 25%``, ``25% to 60%``."""
        parts = [f"{word} {value:.0%}" for word, value in (("at least", self.at_least), ("over", self.over),
                                                           ("at most", self.at_most), ("under", self.under))
                 if value is not None]
        return " and ".join(parts)


@frozen
class BalanceSpec:
    """What the scenario asks of its balance report (docs/balance.md)."""

    unchosen: Mapping[str, str] = field(factory=dict)
    """Actions no computer policy is expected to choose, each with the author's reason."""
    decisive: tuple[str, ...] | None = None
    """Seats whose decisions must outweigh the dice (None: every seat)."""
    lines: tuple[LineTarget, ...] = ()
    outcomes: tuple[OutcomeTarget, ...] = ()


@frozen
class Question:
    """A discussion question the author wrote for the debrief, asked when the run makes it pertinent.

    ``when`` reads the state at the end of the run (every variable: the debrief
    comes after the game, when the facilitator lifts the fog); with ``during``
    it is asked if ``when`` held after any turn of the run instead ("at some
    point"). A question without ``when`` is always pertinent. ``excludes``
    names questions whose texts presume the opposite: the debrief never asks
    two of a pair (the first in file order wins), and lint warns when sampled
    games make both pertinent.
    """

    text: str
    when: Expression | None = None
    line: int = 0
    id: str = ""
    during: bool = False
    excludes: frozenset[str] = frozenset()


ENDING = "ending"
"""What a belief about how the game ended names as its ``about``."""


@frozen
class BeliefChoice:
    """One answer to a belief's prompt, and what it means in the scenario's terms.

    ``values`` are the values of the variable (or the ending ids) it stands for,
    ``span`` the range of a whole-number track (both ends included);
    ``otherwise`` stands for every value no other choice names.
    """

    text: str
    values: tuple[int | bool | str, ...] = ()
    span: tuple[int, int] | None = None
    otherwise: bool = False

    def covers(self, value: int | bool | str) -> bool:
        if self.span is not None:
            return isinstance(value, int) and not isinstance(value, bool) and self.span[0] <= value <= self.span[1]
        return any(value == v and type(value) is type(v) for v in self.values)


@frozen
class Belief:
    """What a seat is asked to say it believes, before the reveal (the hot wash of a seminar game).

    The seat answers with one of ``choices`` during ``turn`` (None: once the
    game is over); the debrief sets its answer beside the truth: the choice
    that covers the value of ``about`` (a variable, or ``"ending"``: how the
    game ended) at the end of the game. The loader guarantees every possible
    value is covered by exactly one choice.
    """

    id: str
    seat: str
    prompt: str
    about: str
    choices: tuple[BeliefChoice, ...]
    turn: int | None = None
    line: int = 0

    def truth(self, value: int | bool | str) -> int:
        """The index of the choice that covers ``value`` (the ``otherwise`` choice if no other does)."""
        for index, choice in enumerate(self.choices):
            if not choice.otherwise and choice.covers(value):
                return index
        return next(index for index, choice in enumerate(self.choices) if choice.otherwise)


@frozen
class TrackLimit:
    """A track a ruling on an argued move may touch, and how far.

    A whole-number track moves up or down by at most ``step`` in one ruling; an
    enum or true/false track may be set to one of ``values``.
    """

    variable: str
    step: int = 0
    values: tuple[int | bool | str, ...] = ()


@frozen
class Arguments:
    """What ``[arguments]`` allows: matrix-game turns, a seat arguing a move the white cell rules on.

    ``seats`` may argue, at most ``per_turn`` moves each a turn; with
    ``instead`` an argued move takes the place of the seat's listed action
    (it holds that turn), else it comes beside it; ``secret`` lets a seat argue
    a move only the facilitator sees. A ruling's effects may touch only
    ``tracks``, each within its :class:`TrackLimit`.
    """

    seats: tuple[str, ...]
    per_turn: int = 1
    instead: bool = True
    secret: bool = True
    tracks: tuple[TrackLimit, ...] = ()
    line: int = 0

    def limit(self, variable: str) -> TrackLimit | None:
        return next((limit for limit in self.tracks if limit.variable == variable), None)


@frozen
class LibraryInject:
    """A ready-made inject the scenario offers the facilitator (``[[injects]]``).

    Fired from the library it is the white cell's ordinary ``Inject`` act (its
    headline, audience and effects, with the facilitator's reason), so a save
    records it as any inject. ``use_when`` is the author's guidance on when it
    serves a game; ``source`` a quote that supports it, or ``assumption`` the
    designer's reasoning; ``history`` what happened in the real crisis.
    """

    id: str
    headline: str
    effects: tuple[str, ...] = ()
    """Effects as written, in the scenario's language (checked when the file loads)."""
    recipients: frozenset[str] | None = None
    """The seats told (None: every seat)."""
    use_when: str = ""
    source: str = ""
    assumption: str = ""
    history: str = ""
    line: int = 0


@frozen
class Origin:
    """Where a scenario was read from, and its exact text, so saves can carry it."""

    path: str
    text: str
    sha256: str


@frozen
class RecordLine:
    """What really happened, as a condition a game's states can meet (``[[class.record]]``): the class
    debrief counts the tables, and the simulated games, that went as the record did.

    ``when`` is judged after every turn (``turn`` one past the turn played): ``held`` says whether it must hold
    at the end (``end``, the default), after every turn (``always``: "it never stopped holding") or after
    some turn (``ever``)."""

    label: str
    """What happened, as the end of "7 of 10 tables: ..." ("no basing deal was made")."""
    when: Expression
    held: str = "end"
    line: int = 0


@frozen
class ClassSpec:
    """What a class of many tables is shown (``[class]``)."""

    tracks: tuple[str, ...] = ()
    """Variables the class console shows beside each table (at most four), in the author's order."""
    record: tuple[RecordLine, ...] = ()


@frozen(eq=False)
class Scenario:
    """A whole scenario. Identity is by ``origin.sha256``: same text, same rules."""

    format: int
    id: str
    title: str
    turns: int
    seats: tuple[str, ...]
    actors: Mapping[str, Actor]
    variables: tuple[Variable, ...]
    actions: tuple[Action, ...]
    events: tuple[Event, ...] = ()
    endings: tuple[Ending, ...] = ()
    objectives: Mapping[str, Objective] = field(factory=dict)
    summary: str = ""
    source: str = ""
    start_date: datetime.date | None = None
    turn_days: int = 7
    end_text: str = DEFAULT_END_TEXT
    map: MapSpec | None = None
    strategies: tuple[Strategy, ...] = ()
    balance: BalanceSpec = BalanceSpec()
    questions: tuple[Question, ...] = ()
    beliefs: tuple[Belief, ...] = ()
    arguments: Arguments | None = None
    """What ``[arguments]`` allows (None: no argued moves)."""
    injects: tuple[LibraryInject, ...] = ()
    """The facilitator's library of ready-made injects, in file order."""
    classroom: ClassSpec = ClassSpec()
    """``[class]``: what the class console and the class debrief show."""
    origin: Origin = Origin("", "", "")
    warnings: tuple[str, ...] = ()
    """``FILE:LINE: warning: ...`` lines: what loads but is probably not what the author meant."""
    _by_seat: Mapping[str, tuple[Action, ...]] = field(init=False, repr=False)
    _by_id: Mapping[str, Action] = field(init=False, repr=False)
    _slots: Mapping[str, int] = field(init=False, repr=False)
    _visible: Mapping[str | None, tuple[tuple[int, str], ...]] = field(init=False, repr=False)
    _visible_names: Mapping[str | None, frozenset[str]] = field(init=False, repr=False)
    _visible_getters: Mapping[str | None, Callable[[tuple], tuple]] = field(init=False, repr=False)
    symbols: Mapping[str, Symbol] = field(init=False, repr=False)
    """Every variable as expressions name it, for compiling expressions after load (a facilitator's
    inject is checked exactly as the scenario's own effects were)."""
    once_events: frozenset[str] = field(init=False, repr=False)
    """Ids of the events that fire at most once a game."""

    def __attrs_post_init__(self) -> None:
        by_seat: dict[str, list[Action]] = {seat: [] for seat in self.seats}
        for action in self.actions:  # one pass: a scenario may have thousands of seats and of actions
            if action.actor in by_seat:
                by_seat[action.actor].append(action)
        object.__setattr__(self, "_by_seat", {seat: tuple(actions) for seat, actions in by_seat.items()})
        object.__setattr__(self, "_by_id", {a.id: a for a in self.actions})
        object.__setattr__(self, "_slots", {v.name: i for i, v in enumerate(self.variables)})
        # what each seat may see, worked out for a seat when first asked (seats times variables could be
        # millions for a large file, of which a game asks for a handful)
        object.__setattr__(self, "_visible", {})
        object.__setattr__(self, "_visible_names", {})
        object.__setattr__(self, "_visible_getters", {})
        object.__setattr__(self, "symbols", {v.name: v.symbol(i + 1) for i, v in enumerate(self.variables)})
        object.__setattr__(self, "once_events", frozenset(e.id for e in self.events if e.once))

    def actions_for(self, seat: str) -> tuple[Action, ...]:
        """The seat's actions in file order, its hold action included."""
        return self._by_seat[seat]

    def action(self, action_id: str) -> Action | None:
        return self._by_id.get(action_id)

    def hold(self, seat: str) -> Action:
        """The seat's hold action, which is always legal (the loader guarantees it exists)."""
        return self._by_id[hold_id(seat)]

    def visible_slots(self, seat: str | None) -> tuple[tuple[int, str], ...]:
        """(position, name) of each variable ``seat`` may see (None: the facilitator, all)."""
        slots = self._visible.get(seat)
        if slots is None:
            if seat is not None and seat not in self._by_seat:
                raise KeyError(seat)
            slots = tuple((i, v.name) for i, v in enumerate(self.variables) if v.visible(seat))
            self._visible[seat] = slots
        return slots

    def visible_values(self, seat: str | None, values: tuple) -> tuple:
        """The values ``seat`` may see, in the order of :meth:`visible_slots`."""
        getter = self._visible_getters.get(seat)
        if getter is None:
            getter = self._visible_getters[seat] = _getter([i for i, _ in self.visible_slots(seat)])
        return getter(values)

    def visible_names(self, seat: str | None) -> frozenset[str]:
        """Names of the variables ``seat`` may see."""
        names = self._visible_names.get(seat)
        if names is None:
            names = self._visible_names[seat] = frozenset(name for _, name in self.visible_slots(seat))
        return names

    def variable(self, name: str) -> Variable:
        return self.variables[self._slots[name]]

    def index_of(self, name: str) -> int:
        """Position of variable ``name`` in ``GameState.values``."""
        return self._slots[name]

    def date_of(self, turn: int) -> datetime.date | None:
        """The first day of ``turn`` (1-based), when the scenario has a start date."""
        return None if self.start_date is None else turn_date(self.start_date, self.turn_days, turn)

    def strategies_for(self, seat: str) -> tuple[Strategy, ...]:
        """The seat's strategies, in file order."""
        return tuple(s for s in self.strategies if s.seat == seat)

    def strategy(self, strategy_id: str) -> Strategy | None:
        return next((s for s in self.strategies if s.id == strategy_id), None)

    def belief(self, belief_id: str) -> Belief | None:
        return next((b for b in self.beliefs if b.id == belief_id), None)

    def library_inject(self, inject_id: str) -> LibraryInject | None:
        return next((i for i in self.injects if i.id == inject_id), None)

    def actor_name(self, actor_id: str) -> str:
        return self.actors[actor_id].name


def turn_date(start: datetime.date, turn_days: int, turn: int) -> datetime.date:
    """The first day of ``turn`` (1-based) of a game that starts on ``start``."""
    return start + datetime.timedelta(days=(turn - 1) * turn_days)


def _getter(indexes: list[int]) -> Callable[[tuple], tuple]:
    """A fast function picking ``indexes`` out of a tuple, always giving a tuple."""
    if len(indexes) > 1:
        return operator.itemgetter(*indexes)
    if indexes:
        (index,) = indexes
        return lambda values: (values[index],)
    return lambda values: ()
