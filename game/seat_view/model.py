"""What one seat, or the facilitator, may know of a game: plain frozen values that can travel.

A :class:`SeatView` is self-contained: it holds no ``Scenario``, no seed and no
hidden value, only text, numbers and ids the seat may see, so a screen given
one can show nothing else, and a host can send it over a socket as it is
(``wire.py``). ``build.py`` makes one from a session; the engine's
``views.py`` decides what is visible, and these classes only carry the result.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Mapping, Sequence

from attrs import field, frozen

from game.engine.model import say_value, turn_date

Value = int | bool | str
"""A track's value."""

FACILITATOR_ID = "facilitator"
"""The ``who`` of what the white cell did, and the sender of the facilitator's messages."""


@frozen
class SeatName:
    """How a seat is named: ``name`` in titles, ``article`` before it in sentences, ``short`` where room is short."""

    id: str
    name: str
    article: str = ""
    short_name: str = ""

    @property
    def short(self) -> str:
        return self.short_name or self.name

    def in_sentence(self, *, first: bool = False) -> str:
        """``the United States`` (``The United States`` at the start of a sentence)."""
        if not self.article:
            return self.name
        article = self.article[:1].upper() + self.article[1:] if first else self.article
        return f"{article} {self.name}"


@frozen
class Track:
    """A variable the viewer may see, with its value at the start and after each turn of this view."""

    name: str
    label: str
    type: str
    """``int``, ``bool`` or ``enum``."""
    history: tuple[Value, ...]
    """Its value at the start of the game and after each played turn; the last one is now."""
    low: int | None = None
    high: int | None = None
    values: tuple[str, ...] = ()
    """An enum's possible values."""
    group: str = ""
    description: str = ""
    secret: bool = False
    """Kept from some seats (the viewer is not one of them)."""
    value_labels: Mapping[str, str] = field(factory=dict)
    """An enum's values as players read them, where the scenario names them."""

    @property
    def value(self) -> Value:
        return self.history[-1]

    def say(self, value: Value) -> str:
        """``value`` as a reader would say it: an enum value by its label, yes/no, numbers plain."""
        return say_value(value, self.value_labels)

    @property
    def before(self) -> Value | None:
        """Its value at the start of the last played turn (None before the first)."""
        return self.history[-2] if len(self.history) > 1 else None


@frozen
class OptionView:
    """One of a seat's actions as that seat sees it this turn."""

    id: str
    label: str
    available: bool
    description: str = ""
    reason: str = ""
    """The author's words on why it is unavailable, when it is and the author gave some."""
    requires: str = ""
    """Its condition as written (a formula, for the facilitator's and the designer's eyes only)."""
    chance: float | None = None
    """Its chance of success now, when it is available, has one, and the viewer may know it."""
    chance_hidden: bool = False
    """Available, with a chance that depends on what the viewer cannot see."""
    chance_formula: str = ""
    """The chance as written, when the viewer may know what it reads."""
    private: bool = False
    """Only its actor learns that it was done."""
    source: str = ""
    assumption: str = ""
    """For the facilitator: the designer's reasoning where no source supports the rule."""


@frozen
class ChangeView:
    """One variable changed by one effect, as the viewer may see it."""

    variable: str
    label: str
    type: str
    before: Value
    after: Value
    formula: str = ""
    """The effect as written, only when every variable it reads is visible to the viewer."""


@frozen
class EntryView:
    """One thing that happened, ready to render: who, what, the outcome, the changes, why."""

    turn: int
    kind: str
    """``action``, ``overtaken``, ``event``, ``ending`` or ``intervention`` (see ``game.engine.log``)."""
    rule: str
    """The action, event or ending id behind it ("" for the time limit and the white cell's acts)."""
    text: str
    """An action's label, an event's or ending's text, an intervention's headline ("" for a silent rule)."""
    who: str = ""
    """The seat that acted, ``facilitator`` for an intervention, "" for a rule."""
    private: bool = False
    """Not every seat saw it."""
    known_to: tuple[str, ...] = ()
    """For the facilitator: the seats that saw a private entry."""
    changes: tuple[ChangeView, ...] = ()
    success: bool | None = None
    chance: float | None = None
    roll: float | None = None
    """The draw, for the facilitator only."""
    source: str = ""
    unavailable: str = ""
    """For an overtaken action: the author's words on why it no longer applied."""
    requires: str = ""
    """For an overtaken action: its condition as written, when the viewer may know what it reads."""
    rationale: str = ""
    """The player's own words with this order: the viewer's own, or everyone's for the facilitator."""
    by: str = ""
    """For the facilitator: who gave the order (``human``, a policy, ``facilitator``)."""
    reason: str = ""
    """For the facilitator: why the white cell did this."""
    ruled: bool = False
    """The facilitator decided how its chance came out (the roll, kept, did not): every viewer is told."""
    assumption: str = ""
    """For the facilitator: the designer's reasoning behind the rule, where no source supports it."""


@frozen
class MessageView:
    """A message between seats (or from the facilitator) that the viewer sent or received."""

    turn: int
    sender: str
    recipients: tuple[str, ...]
    text: str


@frozen
class OrderView:
    """An order given this turn and not yet resolved: the viewer's own, or any for the facilitator."""

    seat: str
    action: str
    label: str
    rationale: str = ""
    by: str = ""


@frozen
class EventView:
    """For the facilitator: an event of the scenario, as the white cell's forms offer it."""

    id: str
    text: str
    """Its text as written (its id when it has none)."""
    chance: bool = False
    """It has a chance, which the facilitator may rule on."""
    spent: bool = False
    """A once-only event that has fired: it cannot be fired again."""


@frozen
class ActView:
    """For the facilitator: one of the white cell's acts in the open turn, in words, with its reason."""

    text: str
    """After "The facilitator ": ``ruled that "Conduct a strike" would fail``."""
    reason: str = ""


@frozen
class InjectView:
    """For the facilitator: a ready-made inject of the scenario's library, as the white cell's form offers it."""

    id: str
    headline: str
    effects: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    """The seats told, in seat order (empty: every seat)."""
    use_when: str = ""
    source: str = ""
    assumption: str = ""
    history: str = ""


@frozen
class ObjectiveView:
    text: str
    formula: str = ""
    """The score expression, when every variable it reads is visible to the viewer."""


@frozen
class PlaceView:
    id: str
    name: str
    x: int
    y: int
    kind: str = ""
    status: str = ""
    """What the viewer may know of who holds it ("" when nothing, or nothing knowable)."""


@frozen
class RouteView:
    start: str
    end: str
    label: str = ""


@frozen
class MapView:
    """The scenario's map as the viewer may see it: every place, the routes it may know are in use."""

    width: int
    height: int
    art: str = ""
    places: tuple[PlaceView, ...] = ()
    routes: tuple[RouteView, ...] = ()
    kinds: Mapping[str, str] = field(factory=dict)
    """Each kind of place as the legend names it."""

    def kind_label(self, kind: str) -> str:
        return self.kinds.get(kind) or kind.replace("-", " ").replace("_", " ") or "place"


@frozen
class BeliefPrompt:
    """One of the scenario's ``[[beliefs]]`` asked of the viewer now: its prompt, its choices' texts, and the
    viewer's own answer so far (never the truth, never another seat's answer: secret until the debrief)."""

    id: str
    prompt: str
    choices: tuple[str, ...]
    answer: int | None = None
    """The index of the viewer's answer so far (None: not answered)."""
    turn: int | None = None
    """The turn it is asked in (None: once the game is over)."""


@frozen
class TrackLimitView:
    """For the facilitator: a track a ruling on an argued move may touch, and how far (``[arguments]``)."""

    name: str
    step: int = 0
    """For a whole-number track: the most a ruling moves it, up or down."""
    values: tuple[Value, ...] = ()
    """For an enum or yes/no track: the values a ruling may set."""


@frozen
class ArguingView:
    """What the scenario's ``[arguments]`` allow, as the viewer needs to know it."""

    seats: tuple[str, ...]
    """The seats that may argue moves."""
    per_turn: int = 1
    instead: bool = True
    """An argued move takes the place of the seat's listed action (the seat holds that turn)."""
    secret: bool = True
    """A seat may argue a move only the facilitator sees."""
    left: int = 0
    """For a seat: how many more moves it may argue this turn."""
    tracks: tuple[TrackLimitView, ...] = ()
    """For the facilitator: what a ruling may touch (a seat is not told: the names could betray a hidden track)."""


@frozen
class CounterView:
    seat: str
    text: str


@frozen
class ArguedView:
    """A move argued in the open turn: the viewer's own and every public one (all of them for the facilitator)."""

    id: str
    seat: str
    statement: str
    wants: str = ""
    reasons: tuple[str, ...] = ()
    secret: bool = False
    counters: tuple[CounterView, ...] = ()
    ruled: bool = False
    """The white cell has ruled on it (what came of it is in the log, for those it told)."""
    ruling: str = ""
    """For the facilitator: the ruling in words."""


@frozen
class SeatView:
    """The game as ``seat`` may know it (None: the facilitator) after ``played`` turns.

    Mappings keyed by seat hold the viewer's own entry only, or every seat's
    for the facilitator (briefings, objectives and scores: everyone's once
    the game is over).
    """

    seat: str | None
    scenario_id: str
    title: str
    turns: int
    seats: tuple[SeatName, ...]
    turn: int
    """The turn about to be played (``turns + 1`` after the last one)."""
    played: int
    """Turns resolved so far in this view."""
    summary: str = ""
    game_name: str = ""
    start_date: str = ""
    """ISO date of the first turn's first day ("" when the scenario has none)."""
    turn_days: int = 7
    over: bool = False
    ending: str = ""
    """How the game ended, once it has."""
    briefings: Mapping[str, str] = field(factory=dict)
    objectives: Mapping[str, ObjectiveView] = field(factory=dict)
    scores: Mapping[str, float] | None = None
    tracks: tuple[Track, ...] = ()
    options: Mapping[str, tuple[OptionView, ...]] = field(factory=dict)
    entries: tuple[EntryView, ...] = ()
    messages: tuple[MessageView, ...] = ()
    map: MapView | None = None
    pending: Mapping[str, OrderView] = field(factory=dict)
    """Orders given in the open turn: the viewer's own, or every seat's for the facilitator."""
    decided: tuple[str, ...] = ()
    """Seats that have given an order in the open turn (not what it is)."""
    controllers: Mapping[str, str] = field(factory=dict)
    """For the facilitator: who plays each seat (``human`` or a policy)."""
    intended: Mapping[str, OrderView] = field(factory=dict)
    """For the facilitator: what each computer seat would order now."""
    events: tuple[EventView, ...] = ()
    """For the facilitator: the scenario's events, for the white cell's forms (fire one, rule on its chance)."""
    acts: tuple[ActView, ...] = ()
    """For the facilitator: the white cell's acts so far in the open turn, in order."""
    played_by: Mapping[str, str] = field(factory=dict)
    """For the facilitator: who plays each seat as people read it ("a person", "computer (planner)")."""
    withdrawn: Mapping[str, OrderView] = field(factory=dict)
    """Orders of the open turn that an act of the facilitator's made impossible, until their seat orders
    again: the viewer's own (every seat's for the facilitator), so the seat is told to choose again."""
    beliefs: tuple[BeliefPrompt, ...] = ()
    """For a seat: the scenario's beliefs it is asked now (the hot wash), with its own answers so far."""
    injects: tuple[InjectView, ...] = ()
    """For the facilitator, while a turn is open: the scenario's library of ready-made injects."""
    arguing: ArguingView | None = None
    """What the scenario's ``[arguments]`` allow (None: no argued moves in this game)."""
    argued: tuple[ArguedView, ...] = ()
    """The moves argued in the open turn that the viewer may see: its own and every public one (all of them
    for the facilitator), with their counter-arguments."""

    def argued_move(self, move_id: str) -> ArguedView | None:
        return next((move for move in self.argued if move.id == move_id), None)

    @property
    def facilitator(self) -> bool:
        return self.seat is None

    def name(self, seat: str) -> SeatName:
        """The naming of ``seat``; the white cell's acts are the facilitator's."""
        for named in self.seats:
            if named.id == seat:
                return named
        return SeatName(seat, "Facilitator" if seat == FACILITATOR_ID else seat)

    def date_of(self, turn: int) -> datetime.date | None:
        """The first day of ``turn``, when the scenario has a start date."""
        if not self.start_date:
            return None
        return turn_date(datetime.date.fromisoformat(self.start_date), self.turn_days, turn)

    def entries_of(self, turn: int) -> tuple[EntryView, ...]:
        """The entries of ``turn`` (found by bisection: entries and messages are in turn order)."""
        return _of_turn(self.entries, turn)

    def messages_of(self, turn: int) -> tuple[MessageView, ...]:
        """The messages of ``turn`` that the viewer sent or received."""
        return _of_turn(self.messages, turn)

    def track(self, name: str) -> Track | None:
        return next((t for t in self.tracks if t.name == name), None)

    def say(self, variable: str, value: Value) -> str:
        """A value of ``variable`` as a reader would say it (its enum label when the scenario gives one)."""
        track = self.track(variable)
        return track.say(value) if track is not None else say_value(value)

def _of_turn(items: Sequence[EntryView] | Sequence[MessageView], turn: int) -> tuple:
    start = bisect.bisect_left(items, turn, key=_turn)
    return items[start:bisect.bisect_right(items, turn, lo=start, key=_turn)]


def _turn(item: EntryView | MessageView) -> int:
    return item.turn
