"""A game in progress, Textual-free: what the CLI, the TUI and the networked host drive.

A session owns the scenario, the game's header (id, name, seed, who controls
each seat, the facilitator's lock), the resolved turns, and the **open turn**:
from the moment the previous turn resolves until it resolves itself, it
accepts, in any order, seats' orders (:meth:`Session.submit`,
:meth:`Session.withdraw`), messages between seats (:meth:`Session.send`) and
the facilitator's acts (:meth:`Session.intervene`); :meth:`Session.resolve`
lets the computer seats choose and resolves it.

Everything accepted is an event of ``game.journal``. Each is handed to every
sink (a save file, the host's database) *before* the session changes in
memory, and a sink that raises refuses it: nothing acknowledged is ever
lost. :meth:`Session.restore` rebuilds a session from its header and events
alone, recomputing every turn and checking each one's draws and state hash.
"""

from __future__ import annotations

import datetime
import functools
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from typing import Protocol

from attrs import evolve, field, frozen

from game.engine.adjudication import Resolution, check_order, new_game, resolve_turn, scores
from game.engine.draws import draw, policy_stream
from game.engine.fastpath import Rule, fast_form, next_state, seen_after
from game.engine.interventions import (
    IMMEDIATE,
    ForceChance,
    Intervention,
    ReplaceOrder,
    RuleArgument,
    apply_intervention,
    argument_id,
    check_intervention,
)
from game.engine.log import ACTION, FACILITATOR, OVERTAKEN, LogEntry
from game.engine.model import Belief, Scenario, hold_id
from game.engine.state import GameState, state_hash
from game.engine.views import View, knowledge_for, seen_events, view_for
from game.errors import Diverged, IllegalOrder, RefusedIntervention, WargameError
from game.journal import (
    HUMAN,
    MAX_NAME,
    MAX_REASONS,
    Argued,
    Argument,
    BeliefGiven,
    CounterArgued,
    Draw,
    Event,
    GameHeader,
    HeaderFields,
    Intervened,
    Locked,
    Message,
    MessageSent,
    Order,
    OrderGiven,
    OrderWithdrawn,
    Parent,
    Paused,
    Renamed,
    Resumed,
    SeatsChanged,
    TurnResolved,
    draws_of,
    header_after,
)
from game.lock import Lock
from game.players import check_policy, get_policy
from game.safe_text import clean, control_character

__all__ = ["ARGUED_MOVE", "FACILITATOR", "HUMAN", "MAX_ARGUMENT", "MAX_RATIONALE", "MAX_REASONS", "TIMED_OUT",
           "ArguedMove", "Argument", "Message", "Order", "Parent", "Session", "Sink", "TurnRecord", "check_controllers",
           "new_game_id", "parse_seat_options", "utc_now"]

MAX_RATIONALE = 4000
"""Longest rationale or message, in characters (saves stay small)."""
TIMED_OUT = "timer"
"""The ``by`` of a hold given for a seat whose time ran out."""
ARGUED_MOVE = "argued"
"""The ``by`` of the hold of a seat that argued a public move instead of its listed action (the log says so to
every seat; a secret move's hold is the seat's own, as any hold)."""
MARKED = frozenset({FACILITATOR, TIMED_OUT, ARGUED_MOVE})
"""Orders whose ``by`` the log shows: the facilitator's, holds when time ran out, holds for an argued move."""
MAX_ARGUMENT = 1000
"""Longest statement, wanted result, reason or counter-argument of an argued move, in characters."""


@frozen
class ArguedMove:
    """A move argued in a turn, as the game holds it: its id in the turn, the argument, the counter-arguments."""

    turn: int
    id: str
    """``argument_id``: the seat's first public move of a turn is ``us.1``, its first secret one ``us.secret.1``."""
    argument: Argument
    counters: tuple[tuple[str, str], ...] = ()
    """(seat, text) of each counter-argument, in the order given."""


@frozen
class TurnRecord:
    """One resolved turn: the facilitator's acts, the orders, the messages, what happened, the state after.

    A turn played here keeps the log entries the reference engine gave; a
    turn replayed from a journal was recomputed on the engine's fast path
    (``Session.restore``), and its entries are rebuilt by the reference
    engine only when something reads them (a screen, a transcript, the
    debrief): checking a long save needs the states, not the sentences.
    """

    turn: int
    orders: tuple[Order, ...]
    state: GameState
    """The state after this turn."""
    draws: tuple[Draw, ...]
    """The chance draws its log records, in resolution order (``journal.draws_of`` of ``entries``)."""
    seen: tuple[frozenset[str], ...] = field(eq=False, repr=False)
    """Per seat (seat order): the once-only events it has seen fire (their entries were shown to it),
    this turn's included: what its computer player knows of them from here on."""
    log: Callable[[], tuple[LogEntry, ...]] = field(eq=False, repr=False)
    """Gives ``entries``: those kept from play, or their rebuilding by the reference engine."""
    interventions: tuple[Intervention, ...] = ()
    messages: tuple[Message, ...] = ()

    @cached_property
    def entries(self) -> tuple[LogEntry, ...]:
        """The interventions' entries first, in the order given, then the resolution's."""
        return self.log()

    @cached_property
    def state_hash(self) -> str:
        """SHA-256 of ``state``: computed when first asked for, since bulk simulation never asks."""
        return state_hash(self.state)

    def event(self) -> TurnResolved:
        """This turn as the journal holds it."""
        return TurnResolved(self.turn, self.orders, self.interventions, self.messages, self.draws,
                            self.state_hash, self.state.over)


class Sink(Protocol):
    """Where a session's events go before they are accepted (a save file, a database)."""

    def accept(self, event: Event) -> None:
        """Make ``event`` durable, or raise (a :class:`~game.errors.WargameError`) to refuse it."""


@frozen
class _OpenTurn:
    """The turn being played: what has been accepted for it so far. Replaced, never changed."""

    start: GameState
    """The state when the turn opened."""
    state: GameState
    """The state now: ``start`` with the immediate interventions applied."""
    entries: tuple[LogEntry, ...] = ()
    orders: Mapping[str, Order] = field(factory=dict)
    interventions: tuple[Intervention, ...] = ()
    messages: tuple[Message, ...] = ()
    withdrawn: Mapping[str, Order] = field(factory=dict)
    """Orders an intervention made illegal, until their seat orders again."""
    events: tuple[Event, ...] = ()
    """This turn's events as accepted, for a compacted journal."""


def parse_seat_options(scenario: Scenario, options: Iterable[str], default: str) -> dict[str, str]:
    """Turn ``["russia=human", ...]`` into a controller for every seat (``default`` for the rest)."""
    controllers = dict.fromkeys(scenario.seats, default)
    for option in options:
        seat, sep, controller = option.partition("=")
        if not sep or not seat or not controller:
            raise WargameError(f"--seat {option!r}: write ACTOR=CONTROLLER, e.g. --seat russia=human")
        if seat not in scenario.seats:
            raise WargameError(f"--seat {option!r}: {seat!r} is not a seat of {scenario.id} "
                               f"(seats: {', '.join(scenario.seats)})")
        controllers[seat] = controller
    check_controllers(scenario, controllers)
    return controllers


def check_controllers(scenario: Scenario, controllers: Mapping[str, str]) -> None:
    for seat in scenario.seats:
        controller = controllers.get(seat)
        if controller is None:
            raise WargameError(f"no controller for seat {seat!r}")
        if controller != HUMAN:
            check_policy(scenario, seat, controller)


def new_game_id() -> str:
    """A fresh game id: 32 hex digits, unique for every game and every branch."""
    return uuid.uuid4().hex


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class Session(HeaderFields):
    """One game: scenario, header, the turns played, and the open turn.

    ``game_id`` tells saves of this game from saves of others; ``name`` is
    the players' label for it; ``parent`` is set when it was branched from
    another game; ``lock`` is the facilitator's passphrase hash, if any.
    """

    def __init__(self, scenario: Scenario, seed: int | None = None, controllers: Mapping[str, str] | None = None, *,
                 game_id: str | None = None, name: str = "", parent: Parent | None = None,
                 created: datetime.datetime | None = None, lock: Lock | None = None,
                 sinks: Sequence[Sink] = (), header: GameHeader | None = None,
                 turns: Sequence[TurnRecord] = (), answers: Iterable[BeliefGiven] = (),
                 argued: Iterable[Argued | CounterArgued] = ()) -> None:
        """A new game of ``scenario`` from ``seed`` and ``controllers`` (and the header's other fields); or,
        given ``header`` instead (a restored or branched game), the game it describes after ``turns``
        (resolved turns of that same game, the open turn starting after the last of them) with the
        beliefs its seats gave in them (``answers``) and the moves they argued (``argued``: the events)."""
        if header is None:
            check_controllers(scenario, controllers or {})
            header = GameHeader(game_id or new_game_id(), _checked_name(name), created or utc_now(), seed,
                                tuple((seat, controllers[seat]) for seat in scenario.seats), parent, lock)
        self.scenario = scenario
        self.header = header
        self.initial = new_game(scenario, header.seed)
        """The state before the first turn."""
        self.turns: list[TurnRecord] = list(turns)
        self.paused = False
        """A paused game accepts orders, messages and acts, but resolves no turn until resumed."""
        start = self.state_after(len(self.turns))
        self._open = _OpenTurn(start, start)
        self._sinks = list(sinks)
        self._answers: dict[str, BeliefGiven] = {answer.belief: answer for answer in answers}
        """Each belief's latest answer, by belief id."""
        self._argued: dict[int, tuple[Argued | CounterArgued, ...]] = {}
        """Each turn's argued moves and counter-arguments, as accepted."""
        for event in argued:
            self._argued[event.turn] = (*self._argued.get(event.turn, ()), event)

    # -- reading ------------------------------------------------------------------------

    @property
    def state(self) -> GameState:
        """The state now: after the last resolved turn and the open turn's immediate interventions."""
        return self._open.state

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def turn(self) -> int:
        """The open turn's number (one past the last turn once the game is over)."""
        return self.state.turn

    @property
    def seen(self) -> dict[str, frozenset[str]]:
        """The once-only events each seat was shown firing in the resolved turns: what its computer
        player knows of them (with the open turn's, see ``computer_order``)."""
        return dict(zip(self.scenario.seats, self._seen()))

    def _seen(self) -> tuple[frozenset[str], ...]:
        return self.turns[-1].seen if self.turns else (frozenset(),) * len(self.scenario.seats)

    @property
    def states(self) -> list[GameState]:
        """The state at the start and after each resolved turn (each stored once, in its turn)."""
        return [self.initial, *(record.state for record in self.turns)]

    def state_after(self, played: int) -> GameState:
        """The state after the first ``played`` turns (0: the start)."""
        return self.turns[played - 1].state if played else self.initial

    def entries(self, upto: int | None = None) -> list[LogEntry]:
        """The log of the first ``upto`` turns, or the whole log with the open turn's entries so far."""
        resolved = [entry for record in self.turns[:upto] for entry in record.entries]
        return resolved if upto is not None else [*resolved, *self._open.entries]

    @property
    def open_entries(self) -> tuple[LogEntry, ...]:
        """The log of the open turn so far: the entries of the facilitator's immediate acts."""
        return self._open.entries

    @property
    def open_messages(self) -> tuple[Message, ...]:
        """The messages sent in the open turn so far, in order."""
        return self._open.messages

    def view(self, seat: str | None) -> View:
        """The current view of ``seat`` (None: the facilitator)."""
        return view_for(self.scenario, self.state, self.entries(), seat)

    def humans(self) -> list[str]:
        return [seat for seat, controller in self.header.controllers if controller == HUMAN]

    def pending(self, seat: str) -> Order | None:
        """The order ``seat`` has given in the open turn, if any (for that seat and the facilitator only)."""
        return self._open.orders.get(seat)

    def decided(self) -> frozenset[str]:
        """The seats that have given an order in the open turn (who, never what: any seat may know this)."""
        return frozenset(self._open.orders)

    def withdrawn(self, seat: str) -> Order | None:
        """The order of ``seat`` that a facilitator's act made illegal, until the seat orders again."""
        return self._open.withdrawn.get(seat)

    @property
    def open_interventions(self) -> tuple[Intervention, ...]:
        """The facilitator's acts in the open turn so far, in order."""
        return self._open.interventions

    def messages(self, seat: str | None) -> list[Message]:
        """Every message ``seat`` sent or received, the open turn's included (None: all of them)."""
        every = [m for record in self.turns for m in record.messages] + list(self._open.messages)
        return [m for m in every if seat is None or seat == m.sender or seat in m.recipients]

    def computer_order(self, seat: str, policy_name: str | None = None) -> Order:
        """What the computer controlling ``seat`` (or the policy named) orders now, from that seat's knowledge only.

        A policy named for a person's seat is how ``wargame join --policy`` plays it: the seat's process
        never holds the rules, so the host chooses for it, exactly as for a computer seat.
        """
        controller = policy_name or self.controller(seat)
        policy = get_policy(controller)
        seen = self.seen[seat] | seen_events(self.scenario, self._open.entries, seat)
        knowledge = knowledge_for(self.scenario, self.state, seen, seat)
        roll = draw(self.state.seed, self.state.turn, policy_stream(seat))
        return Order(seat, policy.choose(self.scenario, knowledge, roll), by=controller)

    def intended_order(self, seat: str) -> Order:
        """The order a computer seat would give if the turn resolved now (the facilitator may replace it)."""
        return self.pending(seat) or self.computer_order(seat)

    def controller(self, seat: str) -> str:
        return dict(self.header.controllers)[seat]

    def scores(self) -> dict[str, float]:
        return scores(self.scenario, self.state)

    def events(self) -> list[Event]:
        """The journal of this game, compacted: every resolved turn (after the answers given in it), then
        the open turn as accepted and the answers given in it."""
        paused = [Paused(self.turn)] if self.paused else []
        answered: dict[int, list[BeliefGiven]] = {}
        for answer in self._answers.values():
            answered.setdefault(answer.turn, []).append(answer)
        resolved = [event for record in self.turns for event in (*answered.get(record.turn, ()),
                                                                   *self._argued.get(record.turn, ()), record.event())]
        return [*resolved, *paused, *self.open_turn_events()]

    def open_turn_events(self) -> list[Event]:
        """The open turn's part of :meth:`events`: what it accepted so far, and the answers given in it."""
        return [*self._open.events, *(answer for answer in self._answers.values() if answer.turn == self.turn)]

    def _argued_upto(self, turn: int) -> list[Argued | CounterArgued]:
        return [event for number, events in self._argued.items() if number <= turn for event in events]

    # -- beliefs (the hot wash) ----------------------------------------------------------

    def beliefs_open(self, seat: str) -> list[Belief]:
        """The scenario's beliefs ``seat`` may answer now, answered or not: those of the open turn, or once the
        game is over those asked at the end (and those of a turn the game never reached)."""
        played = len(self.turns)
        return [b for b in self.scenario.beliefs if b.seat == seat and (
            b.turn is None or b.turn > played if self.over else b.turn == self.turn)]

    def beliefs_due(self, seat: str) -> list[Belief]:
        """The beliefs ``seat`` is asked now and has not answered yet."""
        return [b for b in self.beliefs_open(seat) if b.id not in self._answers]

    def answers(self) -> dict[str, BeliefGiven]:
        """Every belief answered so far, by belief id (the latest answer): secret until the debrief, so no
        seat's screen may show another's."""
        return dict(self._answers)

    def believe(self, seat: str, belief_id: str, choice: int) -> None:
        """``seat``'s answer to a belief asked of it now (a later answer replaces it while it is open).

        Raises :class:`IllegalOrder`, changing nothing, if the belief is not one ``seat`` may answer now
        or ``choice`` is not one of its choices.
        """
        self._take(BeliefGiven(self.turn, seat, belief_id, choice))

    # -- argued moves (matrix-game turns) --------------------------------------------------

    def argued_moves(self, turn: int | None = None) -> tuple[ArguedMove, ...]:
        """The moves argued in ``turn`` (default: the open turn), in the order argued, with their
        counter-arguments (every one: what a seat may see of them is ``game.seat_view``'s to cut)."""
        turn = self.turn if turn is None else turn
        return _moves(turn, self._argued.get(turn, ()))

    def argued_move(self, turn: int, move_id: str) -> ArguedMove | None:
        return next((move for move in self.argued_moves(turn) if move.id == move_id), None)

    def ruling(self, move: ArguedMove) -> RuleArgument | None:
        """The white cell's ruling on ``move``, if it has ruled."""
        acts = self._open.interventions if move.turn == self.turn else self.turns[move.turn - 1].interventions
        return _ruling_on(acts, move.id)

    def unruled(self) -> tuple[ArguedMove, ...]:
        """The open turn's argued moves the white cell has not ruled on (it rules before the turn resolves; a
        turn resolved without a ruling lets the move lapse)."""
        return tuple(move for move in self.argued_moves() if self.ruling(move) is None)

    def may_argue(self, seat: str) -> int:
        """How many more moves ``seat`` may argue in the open turn (0: none, or the scenario has no
        ``[arguments]`` for it)."""
        rules = self.scenario.arguments
        if rules is None or seat not in rules.seats or self.over:
            return 0
        return max(0, rules.per_turn - sum(move.argument.seat == seat for move in self.argued_moves()))

    def argued_instead(self, seat: str) -> bool:
        """Whether ``seat`` argued a move this turn in place of its listed action (it holds)."""
        rules = self.scenario.arguments
        return rules is not None and rules.instead and any(m.argument.seat == seat for m in self.argued_moves())

    def argue(self, argument: Argument) -> ArguedMove:
        """A seat's argued move in the open turn; returns it with its id. Where the scenario's ``[arguments]``
        say so, it takes the place of the seat's listed action: the seat holds.

        Raises :class:`IllegalOrder`, changing nothing, if the seat may not argue (one more) now or the
        argument is not one a seat may make (empty, too long, more than three reasons, control characters).
        """
        return self._take(Argued(self.turn, argument))

    def counter(self, seat: str, move_id: str, text: str) -> None:
        """``seat``'s counter-argument to another seat's public argued move of the open turn (one each, before
        the white cell rules on it)."""
        self._take(CounterArgued(self.turn, seat, move_id, text))

    # -- sinks --------------------------------------------------------------------------

    def attach(self, sink: Sink) -> None:
        """Pass every event accepted from now on to ``sink`` as well (before it is accepted)."""
        self._sinks.append(sink)

    def detach(self, sink: Sink) -> None:
        """Stop passing events to ``sink`` (nothing happens if it was not attached)."""
        if sink in self._sinks:
            self._sinks.remove(sink)

    def _accept(self, event: Event) -> None:
        """Hand ``event`` to every sink; any that raises refuses it, and the caller changes nothing.

        Called by :meth:`_take` (every event given to the session) and by :meth:`resolve` (the
        :class:`TurnResolved` the session computes itself), and by nothing else.
        """
        for sink in self._sinks:
            sink.accept(event)

    def _take(self, event: Event):
        """The one door of every event given to a session, in play and in replay alike.

        ``event`` is checked exactly as play checks it (its door in ``_DOORS``, which
        computes the change without making it), handed to every sink, then applied.
        ``submit``, ``send``, ``intervene`` … come through here, and so does every event
        of a journal :meth:`restore` replays (a save, the host's database): a journal can
        hold nothing play would refuse, and an event kind without a door is refused.
        Returns what the door's change returns.
        """
        door = _DOORS.get(type(event))
        if door is None:
            raise WargameError(f"an event this Horizon cannot check ({type(event).__name__})")
        change = door(self, event)
        self._accept(event)
        return change()

    # -- the open turn ------------------------------------------------------------------

    def submit(self, order: Order) -> None:
        """A seat's order for the open turn (a later one from the same seat replaces it).

        Raises :class:`IllegalOrder`, changing nothing, if the order is not one the seat may give now.
        """
        self._take(OrderGiven(self.turn, order))

    def withdraw(self, seat: str) -> None:
        """Take back ``seat``'s order for the open turn."""
        self._take(OrderWithdrawn(self.turn, seat))

    def send(self, message: Message) -> Message:
        """Deliver a message to its recipients (``recipients`` empty: every other seat); returns it as sent."""
        return self._take(MessageSent(self._checked_message(message)))

    def intervene(self, act: Intervention) -> tuple[str, ...]:
        """A facilitator's act on the open turn; returns the seats whose orders it made illegal.

        Events, injects and tracks apply at once; rulings and replaced orders
        when the turn resolves. Raises :class:`RefusedIntervention` (nothing
        changes) if the game cannot take the act now.
        """
        return self._take(Intervened(self.turn, act))

    def check_interventions(self, acts: Sequence[Intervention]) -> None:
        """Refuse, changing nothing, a series of acts of which any would be refused when given in turn."""
        opened = self._open
        for act in acts:
            opened = self._after(opened, act)

    def resolve(self, *, hold_missing: str | None = None) -> TurnRecord:
        """Resolve the open turn: computer seats choose now, human seats must have ordered.

        With ``hold_missing`` (``TIMED_OUT``, or ``FACILITATOR`` for "resolve
        now"), a human seat without an order holds, and the log says so.
        Raises :class:`IllegalOrder`, changing nothing, if a human seat has no
        order, the game is over or paused.
        """
        self._check_resolvable()
        orders = tuple(self._final_order(seat, hold_missing) for seat in self.scenario.seats)
        record = _resolved(self.scenario, self._open, orders, self._seen())
        if self._sinks:
            self._accept(record.event())
        self._close(record)
        return record

    def play_turn(self, orders: Mapping[str, Order] | None = None) -> TurnRecord:
        """Submit ``orders`` (the human seats', and any computer seat's to set), then resolve.

        Raises :class:`IllegalOrder`, leaving the session unchanged, if any
        order is refused or a human seat has none.
        """
        orders = dict(orders or {})
        for seat, order in orders.items():
            if seat not in self.scenario.seats or order.seat != seat:
                raise IllegalOrder(f"an order for {order.seat!r} was given as {seat!r}'s"
                                   if seat in self.scenario.seats else f"{seat!r} is not a seat")
            self.check_order(order)
        missing = [s for s in self.humans() if s not in orders and s not in self._open.orders]
        if missing:
            raise IllegalOrder(f"no order for the human seat {missing[0]!r}")
        for order in orders.values():
            self.submit(order)
        return self.resolve()

    def play_to_end(self) -> None:
        """Let the computers play every remaining turn (all seats must be computers)."""
        while not self.over:
            self.play_turn()

    # -- the game itself ----------------------------------------------------------------

    def rename(self, name: str) -> None:
        self._change_header(Renamed(_checked_name(name)))

    def change_seats(self, controllers: Mapping[str, str]) -> None:
        """Hand seats to other controllers (``"human"`` or a policy); seats not named keep theirs."""
        for seat in controllers:
            if seat not in self.scenario.seats:
                raise WargameError(f"{seat!r} is not a seat of {self.scenario.id}")
        merged = {**self.controllers, **controllers}
        check_controllers(self.scenario, merged)
        self._change_header(SeatsChanged(tuple((seat, merged[seat]) for seat in self.scenario.seats)))

    def set_lock(self, lock: Lock) -> None:
        """Lock the facilitator's view with a new passphrase hash."""
        self._change_header(Locked(lock))

    def _change_header(self, event: Renamed | SeatsChanged | Locked) -> None:
        self._take(event)

    def pause(self) -> None:
        if not self.paused:
            self._take(Paused(self.turn))

    def resume(self) -> None:
        if self.paused:
            self._take(Resumed(self.turn))

    def resolve_again(self, turn: int, orders: Mapping[str, Order],
                      acts: Sequence[Intervention] | None = None) -> GameState:
        """The state after resolved turn ``turn`` played again otherwise: what-if, pure, the session unchanged.

        The turn starts from the same state and draws the same chances (draws are a function of the
        seed, the turn and the rule); ``orders`` replaces the named seats' orders (the others as
        recorded), ``acts`` the facilitator's acts of the turn (default: as recorded). Exactly what
        branching the game before ``turn`` and giving those acts and orders would resolve. Raises
        :class:`RefusedIntervention` or :class:`IllegalOrder` as play would.
        """
        record = self.turns[turn - 1]
        start = self.state_after(turn - 1)
        opened = _OpenTurn(start, start)
        for act in record.interventions if acts is None else acts:
            opened = self._after(opened, act, played=True)
        final = tuple(orders.get(order.seat, order) for order in record.orders)
        seen = self.turns[turn - 2].seen if turn > 1 else (frozenset(),) * len(self.scenario.seats)
        return _recomputed(self.scenario, opened, final, seen)[0]

    def branch(self, at: int, *, file: str = "", name: str | None = None) -> Session:
        """A new game (new id, ``parent`` set) holding the first ``at`` turns of this one, ready to go on.

        Same scenario, seed, seats and lock, so the shared turns are identical;
        ``file`` is this game's save file name, recorded in the parent. Raises
        :class:`WargameError` if ``at`` is out of range or the game was over after it.
        """
        if not 0 <= at <= len(self.turns):
            raise WargameError(f"has turns 0 to {len(self.turns)}, not turn {at}")
        if self.state_after(at).over:
            raise WargameError(f"the game was over after turn {at}: branch at an earlier turn")
        # a file's name is whatever the file system allows; a save holds no control character
        parent = Parent(self.game_id, self.name, clean(file, multiline=False), at, state_hash(self.state_after(at)))
        suffix = f" \u00b7 what-if from turn {at}"
        header = evolve(self.header, game_id=new_game_id(), created=utc_now(), parent=parent,
                        name=_checked_name(name if name is not None
                                           else (self.name or self.scenario.title)[: MAX_NAME - len(suffix)] + suffix))
        return Session(self.scenario, header=header, turns=self.turns[:at],
                       answers=[answer for answer in self._answers.values() if answer.turn <= at],
                       argued=self._argued_upto(at))

    @classmethod
    def restore(cls, scenario: Scenario, header: GameHeader, events: Iterable[Event], *,
                upto: int | None = None) -> Session:
        """The game a journal holds, every turn recomputed (after turn ``upto`` only, if given).

        A resolved turn supersedes the earlier events of its turn; the events
        after the last resolved turn are the open turn, accepted again as they
        were. Raises :class:`~game.errors.Diverged` naming the first turn whose
        recomputation differs from the journal or whose content the rules refuse.
        A seat's policy need not be known here until the game is played on.
        """
        session = cls(scenario, header=header)
        for event in events:
            if upto is not None and len(session.turns) >= upto and not isinstance(event, (Renamed, SeatsChanged,
                                                                                        Locked)):
                continue
            session._replay(event)
        return session

    def copy(self, upto: int | None = None) -> Session:
        """Another session of the same game, independent of this one and without its sinks.

        With ``upto``, only the first ``upto`` turns, and an open turn with nothing
        accepted yet (as :meth:`restore` with ``upto`` gives it). The turns
        are shared (they are frozen values), so this costs a list, not a replay.
        """
        if upto is not None:
            return Session(self.scenario, header=self.header, turns=self.turns[:upto],
                           answers=[answer for answer in self._answers.values() if answer.turn <= upto],
                           argued=self._argued_upto(upto))
        copied = Session(self.scenario, header=self.header, turns=self.turns, answers=self._answers.values(),
                         argued=self._argued_upto(len(self.turns) + 1))
        copied._open, copied.paused = self._open, self.paused
        return copied

    # -- inside ---------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self.over:
            raise IllegalOrder("the game is over: no more orders")

    def _check_resolvable(self) -> None:
        if self.paused:
            raise IllegalOrder("the game is paused: resume it to resolve the turn")
        if self.over:
            raise IllegalOrder("the game is over: no more turns")

    def check_order(self, order: Order) -> None:
        """Raise :class:`IllegalOrder` if ``order`` is not one its seat may give now."""
        self._check_open()
        check_order(self.scenario, self.state, order.seat, order.action)
        _check_order_words(order)

    def _checked_message(self, message: Message) -> Message:
        self._check_open()
        seats = self.scenario.seats
        if message.turn != self.turn:
            raise IllegalOrder(f"a message of turn {message.turn} cannot be sent in turn {self.turn}")
        if message.sender != FACILITATOR and message.sender not in seats:
            raise IllegalOrder(f"{message.sender!r} is not a seat (nor the facilitator)")
        for seat in message.recipients:
            if seat not in seats:
                raise IllegalOrder(f"{seat!r} is not a seat (seats: {', '.join(seats)})")
        wanted = set(message.recipients or seats) - {message.sender}
        if not wanted:
            raise IllegalOrder("a message needs a recipient other than its sender")
        text = message.text.strip()
        if not text:
            raise IllegalOrder("the message is empty")
        if len(text) > MAX_RATIONALE:
            raise IllegalOrder(f"a message may have at most {MAX_RATIONALE} characters")
        if control_character(text) is not None:
            raise IllegalOrder("the message holds a control character; write plain text")
        return Message(message.turn, message.sender, tuple(s for s in seats if s in wanted), text)

    def _after(self, opened: _OpenTurn, act: Intervention, *, played: bool = False) -> _OpenTurn:
        """The open turn with ``act`` applied (pure), pending orders it made illegal withdrawn. ``played``: an
        act of a turn played already, whose seat may since have changed hands (it was a computer's then)."""
        check_intervention(self.scenario, opened.state, act)
        if isinstance(act, RuleArgument):
            self._check_ruling(opened, act)
        acts = (*opened.interventions, act)
        if isinstance(act, ReplaceOrder):
            if self.controller(act.seat) == HUMAN and not played:
                raise RefusedIntervention(f"{act.seat!r} is played by a person: only a computer seat's order "
                                          "can be replaced (send the seat a message instead)")
            order = Order(act.seat, act.action, by=FACILITATOR)
            return evolve(opened, orders={**opened.orders, act.seat: order}, interventions=acts)
        if not isinstance(act, IMMEDIATE):
            return evolve(opened, interventions=acts)
        resolution = apply_intervention(self.scenario, opened.state, act)
        kept, dropped = {}, dict(opened.withdrawn)
        for seat, order in opened.orders.items():
            try:
                check_order(self.scenario, resolution.state, seat, order.action)
                kept[seat] = order
            except IllegalOrder:
                dropped[seat] = order
        return evolve(opened, state=resolution.state, entries=(*opened.entries, *resolution.entries),
                      orders=kept, withdrawn=dropped, interventions=acts)

    def _check_ruling(self, opened: _OpenTurn, act: RuleArgument) -> None:
        """A ruling rules on a move argued in its turn (as argued, by its seat), once."""
        move = self.argued_move(opened.state.turn, act.argument)
        if move is None:
            raise RefusedIntervention(f"no move {act.argument!r} was argued this turn")
        if (move.argument.seat, move.argument.statement) != (act.seat, act.headline):
            raise RefusedIntervention(f"the ruling does not name the move {act.argument!r} as it was argued")
        if _ruling_on(opened.interventions, act.argument) is not None:
            raise RefusedIntervention(f"the white cell has already ruled on the move {act.argument!r}")

    def _final_order(self, seat: str, hold_missing: str | None) -> Order:
        order = self._open.orders.get(seat)
        if order is not None:
            return order
        if self.controller(seat) != HUMAN:
            return self.computer_order(seat)
        if hold_missing is None:
            raise IllegalOrder(f"no order for the human seat {seat!r}")
        return Order(seat, hold_id(seat), by=hold_missing)

    def _close(self, record: TurnRecord) -> None:
        self.turns.append(record)
        self._open = _OpenTurn(record.state, record.state)

    def _replay(self, event: Event) -> None:
        """Take a journalled event again, through the same door as play; refusals are divergence."""
        turn = self.turn
        try:
            self._take(event)
        except Diverged:
            raise
        except WargameError as error:
            raise Diverged(turn, f"the rules refuse it ({error})") from None

    def _same_turn(self, turn: int) -> None:
        if turn != self.turn:
            raise WargameError(f"an event of turn {turn} came while turn {self.turn} was open")

    # -- the doors: each checks an event as play does and returns the change, not yet made --

    def _door_order(self, event: OrderGiven):
        self._same_turn(event.turn)
        self.check_order(event.order)
        order = event.order
        if order.action != hold_id(order.seat):
            self._check_not_argued(order.seat)

        def change() -> None:
            self._open = evolve(self._open, orders={**self._open.orders, order.seat: order},
                                withdrawn=_without(self._open.withdrawn, order.seat),
                                events=(*self._open.events, event))
        return change

    def _door_withdraw(self, event: OrderWithdrawn):
        self._same_turn(event.turn)
        if event.seat not in self._open.orders:
            raise IllegalOrder(f"{event.seat!r} has no order to withdraw")
        self._check_not_argued(event.seat)

        def change() -> None:
            self._open = evolve(self._open, orders=_without(self._open.orders, event.seat),
                                events=(*self._open.events, event))
        return change

    def _door_message(self, event: MessageSent):
        message = event.message
        if self._checked_message(message) != message:
            raise IllegalOrder("a message is not as it was sent")

        def change() -> Message:
            self._open = evolve(self._open, messages=(*self._open.messages, message),
                                events=(*self._open.events, event))
            return message
        return change

    def _door_act(self, event: Intervened):
        self._same_turn(event.turn)
        opened = self._after(self._open, event.act)

        def change() -> tuple[str, ...]:
            withdrawn = tuple(seat for seat in self._open.orders if seat not in opened.orders)
            self._open = evolve(opened, events=(*self._open.events, event))
            return withdrawn
        return change

    def _door_belief(self, event: BeliefGiven):
        if event.turn != self.turn:
            raise WargameError(f"an answer of turn {event.turn} came while turn {self.turn} was open")
        belief_id, seat, choice = event.belief, event.seat, event.choice
        belief = self.scenario.belief(belief_id)
        if belief is None:
            raise IllegalOrder(f"{belief_id!r} is not a belief of {self.scenario.id}")
        if belief.seat != seat:
            raise IllegalOrder(f"the belief {belief_id!r} is asked of {belief.seat!r}, not {seat!r}")
        if belief not in self.beliefs_open(seat):
            when = "once the game is over" if belief.turn is None else f"in turn {belief.turn}"
            raise IllegalOrder(f"the belief {belief_id!r} is asked {when}, not now")
        if not 0 <= choice < len(belief.choices):
            raise IllegalOrder(f"the belief {belief_id!r} has choices 0 to {len(belief.choices) - 1}, not {choice}")

        def change() -> None:
            answers = {key: value for key, value in self._answers.items() if key != belief_id}
            self._answers = answers | {belief_id: event}
        return change

    def _check_not_argued(self, seat: str) -> None:
        if self.argued_instead(seat):
            raise IllegalOrder(f"{self.scenario.actor_name(seat)} argued a move instead of its action this turn: "
                               "it holds")

    def _door_argue(self, event: Argued):
        self._same_turn(event.turn)
        self._check_open()
        argument = event.argument
        seat, rules = argument.seat, self.scenario.arguments
        if rules is None:
            raise IllegalOrder("this scenario allows no argued moves (it has no [arguments])")
        if seat not in rules.seats:
            raise IllegalOrder(f"{seat!r} may not argue moves in this scenario")
        if argument.secret and not rules.secret:
            raise IllegalOrder("this scenario allows no secret argued moves")
        if not self.may_argue(seat):
            raise IllegalOrder(f"{self.scenario.actor_name(seat)} has argued {rules.per_turn} "
                               f"move{'s' if rules.per_turn > 1 else ''} this turn, as many as the scenario allows")
        _check_words(argument.statement, "what the move does")
        _check_words(argument.wants, "the result it wants", empty_ok=True)
        if len(argument.reasons) > MAX_REASONS:
            raise IllegalOrder(f"an argued move gives at most {MAX_REASONS} reasons")
        for reason in argument.reasons:
            _check_words(reason, "a reason")

        def change() -> ArguedMove:
            turn = event.turn
            self._argued = {**self._argued, turn: (*self._argued.get(turn, ()), event)}
            opened = evolve(self._open, events=(*self._open.events, event))
            if rules.instead:  # a secret move's hold is an ordinary hold to everyone else
                hold = Order(seat, hold_id(seat), by=self.controller(seat) if argument.secret else ARGUED_MOVE)
                opened = evolve(opened, orders={**opened.orders, seat: hold},
                                withdrawn=_without(opened.withdrawn, seat))
            self._open = opened
            return self.argued_moves()[-1]
        return change

    def _door_counter(self, event: CounterArgued):
        self._same_turn(event.turn)
        self._check_open()
        move = self.argued_move(event.turn, event.argument)
        if move is None or move.argument.secret:
            raise IllegalOrder(f"no public move {event.argument!r} was argued this turn")
        if event.seat not in self.scenario.seats:
            raise IllegalOrder(f"{event.seat!r} is not a seat")
        if event.seat == move.argument.seat:
            raise IllegalOrder("a seat does not counter its own argued move")
        if any(seat == event.seat for seat, _ in move.counters):
            raise IllegalOrder(f"{self.scenario.actor_name(event.seat)} has already countered that move")
        if self.ruling(move) is not None:
            raise IllegalOrder("the white cell has already ruled on that move")
        _check_words(event.text, "the counter-argument")

        def change() -> None:
            turn = event.turn
            self._argued = {**self._argued, turn: (*self._argued.get(turn, ()), event)}
            self._open = evolve(self._open, events=(*self._open.events, event))
        return change

    def _door_header(self, event: Renamed | SeatsChanged | Locked):
        if isinstance(event, Renamed):
            _checked_name(event.name)
        elif isinstance(event, SeatsChanged):
            if tuple(s for s, _ in event.controllers) != self.scenario.seats:
                raise WargameError("new seats are not the scenario's seats")
            for seat, controller in event.controllers:
                if not controller or len(controller) > MAX_NAME or control_character(controller) is not None:
                    raise WargameError(f"seat {seat!r} has no controller one can name")

        def change() -> None:
            self.header = header_after(self.header, event)
        return change

    def _door_pause(self, event: Paused | Resumed):
        self._same_turn(event.turn)
        pausing = isinstance(event, Paused)
        if self.paused == pausing:
            raise WargameError("the game is already " + ("paused" if pausing else "going"))

        def change() -> None:
            self.paused = pausing
        return change

    def _door_turn(self, event: TurnResolved):
        """A journalled turn: recomputed from its orders, acts and draws, checked against its record."""
        record = self._replayed_turn(event)
        return functools.partial(self._close, record)

    def _replayed_turn(self, event: TurnResolved) -> TurnRecord:
        turn = self.turn
        if event.turn != turn:
            raise Diverged(turn, f"the journal has turn {event.turn} where turn {turn} comes")
        self._check_resolvable()
        for order in event.orders:
            _check_order_words(order)
        opened = self._open if not self._open.events else _OpenTurn(self._open.start, self._open.start)
        for act in event.interventions:
            opened = self._after(opened, act)
        for message in event.messages:
            if self._checked_message(message) != message:
                raise WargameError("a message is not as it was sent")
        if tuple([order.seat for order in event.orders]) != self.scenario.seats:
            raise WargameError("the orders are not one per seat, in seat order")
        if event.messages:
            opened = evolve(opened, messages=event.messages)
        try:
            state, draws, seen = _recomputed(self.scenario, opened, event.orders, self._seen())
        except IllegalOrder as error:
            raise Diverged(turn, f"its orders are refused ({error})") from None
        if tuple(draws) != event.draws:
            raise Diverged(turn, "the replayed chance draws differ from the recorded ones")
        record = TurnRecord(turn, event.orders, state, event.draws, seen,
                            functools.partial(_logged, self.scenario, opened, event.orders), opened.interventions,
                            opened.messages)
        if record.state_hash != event.state_hash:
            raise Diverged(turn, f"the replayed state hash {record.state_hash[:16]}\u2026 differs from the "
                                 f"recorded {event.state_hash[:16]}\u2026")
        if state.over != event.over:
            raise Diverged(turn, "the journal says the game " + ("ended" if event.over else "went on")
                           + " after it, but it did not")
        return record


def _resolved(scenario: Scenario, opened: _OpenTurn, orders: tuple[Order, ...],
              seen: tuple[frozenset[str], ...]) -> TurnRecord:
    """The open turn resolved with ``orders`` (one per seat, in seat order) and its rulings by the
    reference engine, log and all; ``seen`` is what each seat had seen fire before it. Pure."""
    resolution = _resolution(scenario, opened, orders)
    entries = resolution.entries
    return TurnRecord(opened.state.turn, orders, resolution.state, draws_of(entries),
                      _seen_in(scenario, entries, seen), lambda: entries, opened.interventions, opened.messages)


def _resolution(scenario: Scenario, opened: _OpenTurn, orders: tuple[Order, ...]) -> Resolution:
    """The reference engine's resolution of the open turn, its entries those of the whole turn
    (the acts' first, orders given by a ``MARKED`` hand marked)."""
    rulings = {act.rule: act for act in opened.interventions if isinstance(act, ForceChance)}
    resolution = resolve_turn(scenario, opened.state, {o.seat: o.action for o in orders}, rulings)
    marked = {o.seat: o for o in orders if o.by in MARKED}
    entries = tuple(_marked(e, marked[e.actor], opened.interventions) if e.actor in marked else e
                    for e in resolution.entries) if marked else resolution.entries
    return Resolution(resolution.state, (*opened.entries, *entries))


def _recomputed(scenario: Scenario, opened: _OpenTurn, orders: tuple[Order, ...], seen: tuple[frozenset[str], ...]
                ) -> tuple[GameState, list[tuple[str, float, float]], tuple[frozenset[str], ...]]:
    """The state after the open turn, its draws and what each seat has then seen fire, as :func:`_resolved`
    gives them, computed on the engine's fast path. Raises :class:`IllegalOrder` as the reference does.

    The facilitator's immediate acts are already in ``opened`` (applied by the
    reference ``apply_intervention``, with their entries); its rulings become
    the fast path's ``forced`` chances. Orders the fast path does not accept
    are left to the reference, which says why it refuses them.
    """
    fast = fast_form(scenario)
    state = opened.state
    env = [state.turn, *state.values]
    if state.over or not all([fast.allows(env, number, order.action) for number, order in enumerate(orders)]):
        record = _resolved(scenario, opened, orders, seen)
        return record.state, list(record.draws), record.seen
    forced = {fast.numbers[act.rule]: act.success for act in opened.interventions
              if isinstance(act, ForceChance)} or None
    draws: list[tuple[str, float, float]] = list(draws_of(opened.entries)) if opened.entries else []
    applied: list[tuple[Rule, bool]] = []
    after = next_state(fast, state, [order.action for order in orders], None, draws, forced, applied)
    if applied:
        seen = tuple(seen_after(scenario.seats, applied, seen))
    if opened.entries:
        seen = _seen_in(scenario, opened.entries, seen)
    return after, draws, seen


def _seen_in(scenario: Scenario, entries: Sequence[LogEntry],
             seen: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    """``seen`` (per seat) with the once-only events whose firing ``entries`` show each seat."""
    return tuple(before | seen_events(scenario, entries, seat) for seat, before in zip(scenario.seats, seen))


def _logged(scenario: Scenario, opened: _OpenTurn, orders: tuple[Order, ...]) -> tuple[LogEntry, ...]:
    return _resolution(scenario, opened, orders).entries


def _marked(entry: LogEntry, order: Order, acts: tuple[Intervention, ...]) -> LogEntry:
    """A seat's action entry marked with who gave its order (one of ``MARKED``), and the facilitator's reason."""
    if entry.kind not in (ACTION, OVERTAKEN):
        return entry
    why = [a.reason for a in acts if isinstance(a, ReplaceOrder) and a.seat == order.seat and a.reason]
    reason = "; ".join(filter(None, [*why[-1:], entry.reason]))
    return evolve(entry, by=order.by, reason=reason)


def _check_order_words(order: Order) -> None:
    """What an order says beside its action: a rationale within bounds, plain text, and who gave it."""
    if len(order.rationale) > MAX_RATIONALE:
        raise IllegalOrder(f"{order.seat!r}'s rationale is longer than {MAX_RATIONALE} characters")
    if control_character(order.rationale) is not None:
        raise IllegalOrder(f"{order.seat!r}'s rationale holds a control character; write plain text")
    if not order.by or len(order.by) > MAX_NAME or control_character(order.by) is not None:
        raise IllegalOrder(f"{order.seat!r}'s order says nothing of who gave it")


_DOORS = {
    OrderGiven: Session._door_order,
    OrderWithdrawn: Session._door_withdraw,
    MessageSent: Session._door_message,
    Intervened: Session._door_act,
    TurnResolved: Session._door_turn,
    Renamed: Session._door_header,
    SeatsChanged: Session._door_header,
    Locked: Session._door_header,
    Paused: Session._door_pause,
    Resumed: Session._door_pause,
    BeliefGiven: Session._door_belief,
    Argued: Session._door_argue,
    CounterArgued: Session._door_counter,
}
"""Every kind of event a session takes, and the door that checks it (``Session._take``).

A kind missing here is refused in play and in replay alike, and a test checks
every member of ``game.journal.Event`` has one: a new event cannot slip past the checks."""


def _moves(turn: int, events: Sequence[Argued | CounterArgued]) -> tuple[ArguedMove, ...]:
    """A turn's argued moves from its arguing events: each numbered among its seat's public (or secret) ones."""
    moves: dict[str, ArguedMove] = {}
    for event in events:
        if isinstance(event, Argued):
            argument = event.argument
            number = 1 + sum(m.argument.seat == argument.seat and m.argument.secret == argument.secret
                             for m in moves.values())
            move_id = argument_id(argument.seat, argument.secret, number)
            moves[move_id] = ArguedMove(turn, move_id, argument)
        else:
            move = moves[event.argument]
            moves[event.argument] = evolve(move, counters=(*move.counters, (event.seat, event.text)))
    return tuple(moves.values())


def _ruling_on(acts: Sequence[Intervention], move_id: str) -> RuleArgument | None:
    return next((act for act in acts if isinstance(act, RuleArgument) and act.argument == move_id), None)


def _check_words(text: str, what: str, *, empty_ok: bool = False) -> None:
    """An argued move's words: plain text, within bounds."""
    if not isinstance(text, str):
        raise IllegalOrder(f"{what} must be text")
    if not empty_ok and not text.strip():
        raise IllegalOrder(f"{what} is empty")
    if len(text) > MAX_ARGUMENT:
        raise IllegalOrder(f"{what} is longer than {MAX_ARGUMENT} characters")
    if control_character(text) is not None:
        raise IllegalOrder(f"{what} holds a control character; write plain text")


def _without(mapping: Mapping[str, Order], seat: str) -> dict[str, Order]:
    return {s: o for s, o in mapping.items() if s != seat}


def _checked_name(name: str) -> str:
    if len(name) > MAX_NAME:
        raise WargameError(f"a game's name may have at most {MAX_NAME} characters")
    if "\n" in name or control_character(name) is not None:
        raise WargameError("a game's name holds a line break or a control character; write plain text")
    return name
