"""The journal of a game: every event a session accepts, as plain values, and their wire encoding.

A :class:`~game.session.Session` turns everything it accepts (an order, a
withdrawal, a message, a facilitator's act, a resolved turn, a new name or
new seats, the lock, a pause) into one of the events below and hands it to
its sinks *before* it changes in memory. Two sinks persist them: save format
2 appends each as a frame of the ``.wgsave``; the networked host (issue 8)
stores each as one row of its SQLite journal. ``Session.restore(scenario,
header, events)`` rebuilds the game from the header and the events alone,
recomputing every turn from the seed, the orders and the acts and checking
each turn's chance draws and state hash.

A :class:`TurnResolved` is self-contained (the turn's interventions, final
orders and messages, its draws and state hash): it supersedes the events of
the turn that came before it, so a compacted journal keeps only the turns and
the open turn's own events.

``encode_event`` gives msgpack-ready lists; ``decode_event`` reads one back
and trusts nothing (types, sizes, ranges), raising :class:`Invalid`. Whether
the content fits the scenario (seats, actions, legality) is checked by the
session as it replays.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, NamedTuple

from attrs import evolve, field, frozen

from game import decoding as d
from game.decoding import Invalid, Where
from game.engine.adjudication import MAX_SEED
from game.engine.interventions import (
    FireEvent,
    ForceChance,
    Inject,
    Intervention,
    ReplaceOrder,
    RuleArgument,
    SetTrack,
)
from game.engine.log import LogEntry
from game.lock import DIGEST_BYTES, SALT_BYTES, Lock, valid_parameters

__all__ = ["Invalid"]

HUMAN = "human"
"""The controller of a seat played by a person, and the ``by`` of that person's orders."""
MAX_NAME = 200
"""Longest game name, in characters."""


# -- what a game is made of ------------------------------------------------------------


@frozen
class Order:
    seat: str
    action: str
    rationale: str = ""
    """The player's own words on why, kept for the debrief."""
    by: str = HUMAN
    """Who gave it: ``"human"``, a computer policy's name, ``"facilitator"`` (an order the
    facilitator gave for a computer seat), or a mark the host gives (``"timer"``: time ran out)."""


@frozen
class Message:
    """A message between seats in a turn; ``sender`` is a seat or ``"facilitator"``.

    ``recipients`` are seats, in seat order, never the sender; it reaches only them (and the
    facilitator, who sees every message).
    """

    turn: int
    sender: str
    recipients: tuple[str, ...] = field(converter=tuple)
    text: str


class Draw(NamedTuple):
    """One chance drawn in a turn: for which rule, at what probability, and the roll.

    A named tuple, so that it equals the plain ``(rule, chance, roll)`` the fast
    path records (``fastpath.Draw``): a replay compares them as they are.
    """

    rule: str
    chance: float
    roll: float

    @property
    def success(self) -> bool:
        """What the dice said (a facilitator's ruling may have decided otherwise)."""
        return self.roll < self.chance


def draws_of(entries: tuple[LogEntry, ...]) -> tuple[Draw, ...]:
    """The chance draws a turn's log entries record, in resolution order."""
    return tuple(Draw(e.rule, e.chance, e.roll) for e in entries if e.roll is not None)


@frozen
class Parent:
    """Where a branch came from: the parent game and the turn after which it parted."""

    game_id: str
    name: str
    file: str
    """The parent save's file name (no folders) when the branch was made; it may since have moved."""
    turn: int
    """The branch holds the parent's turns 1..turn (0: only the seed and seats)."""
    state_hash: str
    """The parent's state hash after ``turn``, so a comparison can confirm the common stem."""


@frozen
class GameHeader:
    """What a game is before any turn: its identity, seed and seats (the scenario travels beside it)."""

    game_id: str
    name: str
    created: datetime.datetime
    seed: int
    controllers: tuple[tuple[str, str], ...] = field(converter=lambda pairs: tuple(
        pairs.items() if isinstance(pairs, Mapping) else pairs))
    """(seat, ``"human"`` or a policy's name), in the scenario's seat order."""
    parent: Parent | None = None
    lock: Lock | None = None
    """The facilitator's passphrase hash (a game set up with human seats has one)."""


class HeaderFields:
    """What a game's header says, read through ``self.header``: one place for a live and a saved game."""

    __slots__ = ()
    header: GameHeader

    @property
    def game_id(self) -> str:
        return self.header.game_id

    @property
    def name(self) -> str:
        return self.header.name

    @property
    def seed(self) -> int:
        return self.header.seed

    @property
    def created(self) -> datetime.datetime:
        return self.header.created

    @property
    def parent(self) -> Parent | None:
        return self.header.parent

    @property
    def lock(self) -> Lock | None:
        return self.header.lock

    @property
    def controllers(self) -> dict[str, str]:
        """Seat -> ``"human"`` or a policy's name, in seat order (a copy)."""
        return dict(self.header.controllers)


# -- the events ------------------------------------------------------------------------


@frozen
class OrderGiven:
    turn: int
    order: Order


@frozen
class OrderWithdrawn:
    turn: int
    seat: str


@frozen
class MessageSent:
    message: Message


@frozen
class Intervened:
    turn: int
    act: Intervention


@frozen
class TurnResolved:
    """A resolved turn, complete: it supersedes the turn's earlier events."""

    turn: int
    orders: tuple[Order, ...]
    """Every seat's final order, in seat order."""
    interventions: tuple[Intervention, ...]
    """The facilitator's acts of the turn, in the order given."""
    messages: tuple[Message, ...]
    draws: tuple[Draw, ...]
    state_hash: str
    """Hex SHA-256 of the state after the turn (``game.engine.state_hash``)."""
    over: bool = False
    """Whether the game ended with this turn (in the hash too; here so a listing need not replay)."""


@frozen
class BeliefGiven:
    """A seat's answer to one of the scenario's ``[[beliefs]]``, given in ``turn`` (one past the last
    turn once the game is over): secret until the debrief, replaced by a later answer to the same belief."""

    turn: int
    seat: str
    belief: str
    """The belief's id."""
    choice: int
    """The index of the chosen answer among the belief's choices."""


@frozen
class Argument:
    """A move a seat argued (a matrix-game turn): what it does, the result it wants, up to three reasons.

    Public, every seat sees it and may add one counter-argument; secret, only the
    facilitator sees it. The white cell rules on it (``RuleArgument``)."""

    seat: str
    statement: str
    """What the seat does, in a sentence."""
    wants: str = ""
    """The result it wants."""
    reasons: tuple[str, ...] = field(default=(), converter=tuple)
    secret: bool = False


@frozen
class Argued:
    """A seat argued a move in ``turn``. Like an answer to a belief it is not superseded by its turn's
    :class:`TurnResolved` (the turn holds only the ruling, among its acts): a compacted journal keeps it
    before that turn."""

    turn: int
    argument: Argument


@frozen
class CounterArgued:
    """``seat`` answered another seat's public argued move (its id in the turn) with a counter-argument."""

    turn: int
    seat: str
    argument: str
    text: str


@frozen
class Renamed:
    name: str


@frozen
class SeatsChanged:
    controllers: tuple[tuple[str, str], ...] = field(converter=lambda pairs: tuple(
        pairs.items() if isinstance(pairs, Mapping) else pairs))


@frozen
class Locked:
    lock: Lock


@frozen
class Paused:
    turn: int


@frozen
class Resumed:
    turn: int


Event = (OrderGiven | OrderWithdrawn | MessageSent | Intervened | TurnResolved | Renamed | SeatsChanged
         | Locked | Paused | Resumed | BeliefGiven | Argued | CounterArgued)
ARGUING = (Argued, CounterArgued)
"""A turn's argued moves and counter-arguments: kept beside its :class:`TurnResolved`, not superseded."""
OPEN_TURN = (OrderGiven, OrderWithdrawn, MessageSent, Intervened)
"""The events of an open turn: superseded by that turn's :class:`TurnResolved`."""


def header_after(header: GameHeader, event: Event) -> GameHeader:
    """The header once ``event`` is applied: a new name, new seats or a lock change it; nothing else does."""
    if isinstance(event, Renamed):
        return evolve(header, name=event.name)
    if isinstance(event, SeatsChanged):
        return evolve(header, controllers=event.controllers)
    if isinstance(event, Locked):
        return evolve(header, lock=event.lock)
    return header


# -- encoding --------------------------------------------------------------------------


def encode_event(event: Event) -> list[Any]:
    """A msgpack-ready list: the event's tag, then its fields."""
    match event:
        case OrderGiven(turn, order):
            return ["order", turn, _order(order)]
        case OrderWithdrawn(turn, seat):
            return ["withdraw", turn, seat]
        case MessageSent(message):
            return ["message", _message(message)]
        case Intervened(turn, act):
            return ["intervene", turn, encode_act(act)]
        case TurnResolved(turn, orders, acts, messages, draws, state_hash, over):
            return ["turn", turn, [_order(o) for o in orders], [encode_act(a) for a in acts],
                    [_message(m) for m in messages], [[x.rule, x.chance, x.roll] for x in draws],
                    bytes.fromhex(state_hash), over]
        case Renamed(name):
            return ["rename", name]
        case SeatsChanged(controllers):
            return ["seats", [list(pair) for pair in controllers]]
        case Locked(lock):
            return ["lock", encode_lock(lock)]
        case Paused(turn):
            return ["pause", turn]
        case Resumed(turn):
            return ["resume", turn]
        case BeliefGiven(turn, seat, belief, choice):
            return ["belief", turn, seat, belief, choice]
        case Argued(turn, Argument(seat, statement, wants, reasons, secret)):
            return ["argue", turn, seat, statement, wants, list(reasons), secret]
        case CounterArgued(turn, seat, argument, text):
            return ["counter", turn, seat, argument, text]
    raise TypeError(f"not an event: {event!r}")


def encode_act(act: Intervention) -> list[Any]:
    match act:
        case FireEvent(event, reason):
            return ["fire", event, reason]
        case Inject(headline, recipients, effects, reason):
            return ["inject", headline, None if recipients is None else sorted(recipients), list(effects), reason]
        case SetTrack(variable, value, reason):
            return ["set", variable, value, reason]
        case ForceChance(rule, success, reason):
            return ["force", rule, success, reason]
        case ReplaceOrder(seat, action, reason):
            return ["replace", seat, action, reason]
        case RuleArgument(argument, seat, headline, chance, effects, fail_effects, recipients, reason):
            return ["rule", argument, seat, headline, chance, list(effects), list(fail_effects),
                    None if recipients is None else sorted(recipients), reason]
    raise TypeError(f"not an intervention: {act!r}")


def encode_header(header: GameHeader) -> dict[str, Any]:
    parent = header.parent
    return {
        "game": header.game_id, "name": header.name, "created": d.time_text(header.created),
        "seed": header.seed, "seats": [list(pair) for pair in header.controllers],
        "parent": None if parent is None else {
            "game": parent.game_id, "name": parent.name, "file": parent.file, "turn": parent.turn,
            "state": bytes.fromhex(parent.state_hash)},
        "lock": None if header.lock is None else encode_lock(header.lock),
    }


def encode_lock(lock: Lock) -> list[Any]:
    return [lock.salt, lock.digest, lock.cost, lock.block, lock.parallel]


def _order(order: Order) -> list[str]:
    return [order.seat, order.action, order.rationale, order.by]


def _message(message: Message) -> list[Any]:
    return [message.turn, message.sender, list(message.recipients), message.text]


# -- decoding: trusts nothing ----------------------------------------------------------

MAX_TURN = d.MAX_ITEMS
BELIEFS_SINCE = 3
"""The save format that first holds :class:`BeliefGiven` events (and argued moves, their counter-arguments and
rulings)."""
MAX_CHOICE = 64
MAX_REASONS = 3
"""Reasons an argued move may give."""
_HEADER_KEYS = ("game", "name", "created", "seed", "seats", "parent", "lock")
_PARENT_KEYS = ("game", "name", "file", "turn", "state")


def decode_event(value: Any, where: Where = "event", version: int = 3) -> Event:
    """An event from its encoding, as save format ``version`` holds it (format 2 has no beliefs nor argued
    moves); raises :class:`Invalid` saying where and what."""
    tag = value[0] if isinstance(value, list) and value and isinstance(value[0], str) else None
    if version < BELIEFS_SINCE and tag in _NEWER:
        raise Invalid(f"{d.path(where)}: {_NEWER[tag]}, which save format {version} cannot hold")
    event = _tagged(value, where, _READERS if version >= BELIEFS_SINCE else _READERS_2, "an event")
    if version < BELIEFS_SINCE and _rules_argument(event):
        raise Invalid(f"{d.path(where)}: a ruling on an argued move, which save format {version} cannot hold")
    return event


_NEWER = {"belief": "a seat's answer to a belief", "argue": "an argued move", "counter": "a counter-argument"}


def _rules_argument(event: Event) -> bool:
    acts = (event.act,) if isinstance(event, Intervened) else event.interventions if isinstance(
        event, TurnResolved) else ()
    return any(isinstance(act, RuleArgument) for act in acts)


def _tagged(value: Any, where: Where, readers: dict, what: str) -> Any:
    """``[tag, fields...]`` read by the reader of its tag, which takes exactly its number of fields."""
    items = d.array(value, where)
    if not items or not isinstance(items[0], str) or items[0] not in readers:
        raise Invalid(f"{d.path(where)}: not {what} this Horizon knows")
    length, read = readers[items[0]]
    d.array(items, where, length + 1)
    return read(items[1:], where)


def decode_header(value: Any, where: Where = "header", version: int = 2) -> GameHeader:
    fields = d.mapping(value, where, _HEADER_KEYS, version)
    return GameHeader(
        d.pattern(fields["game"], (where, "game"), d.GAME_ID, "32 hex digits"),
        d.text(fields["name"], (where, "name")),
        d.moment(fields["created"], (where, "created")),
        d.whole(fields["seed"], (where, "seed"), MAX_SEED),
        controllers(fields["seats"], (where, "seats")),
        None if fields["parent"] is None else parent(fields["parent"], (where, "parent"), version),
        None if fields["lock"] is None else _lock(fields["lock"], (where, "lock")),
    )


def controllers(value: Any, where: Where) -> tuple[tuple[str, str], ...]:
    pairs = d.items(value, where, lambda v, w: tuple(d.array(v, w, 2)))
    checked = tuple((d.text(seat, ((where, i), 0)), d.text(who, ((where, i), 1)))
                    for i, (seat, who) in enumerate(pairs))
    if len({seat for seat, _ in checked}) != len(checked):
        raise Invalid(f"{d.path(where)}: a seat is listed twice")
    return checked


def parent(value: Any, where: Where, version: int) -> Parent:
    fields = d.mapping(value, where, _PARENT_KEYS, version)
    return Parent(d.pattern(fields["game"], (where, "game"), d.GAME_ID, "32 hex digits"),
                  d.text(fields["name"], (where, "name")), d.text(fields["file"], (where, "file")),
                  d.whole(fields["turn"], (where, "turn"), MAX_TURN),
                  d.digest(fields["state"], (where, "state")).hex())


def order(value: Any, where: Where, by: str | None = None) -> Order:
    """An order: ``[seat, action, rationale, by]``, or without ``by`` when it is given (format 1)."""
    if by is not None:
        seat, action, rationale = d.array(value, where, 3)
    else:
        seat, action, rationale, by = d.array(value, where, 4)
        by = d.text(by, (where, "by"))
    return Order(d.text(seat, (where, "seat")), d.text(action, (where, "action")),
                 d.text(rationale, (where, "rationale")), by)


def draw(value: Any, where: Where) -> Draw:
    rule, chance, roll = d.array(value, where, 3)
    return Draw(d.text(rule, (where, "rule")), d.fraction(chance, (where, "chance"), 1.0),
                d.fraction(roll, (where, "roll"), 1.0 - 2**-53))


def _message_value(value: Any, where: Where) -> Message:
    turn, sender, recipients, body = d.array(value, where, 4)
    return Message(d.whole(turn, (where, "turn"), MAX_TURN), d.text(sender, (where, "sender")),
                   d.items(recipients, (where, "recipients"), d.text), d.text(body, (where, "text")))


def _lock(value: Any, where: Where) -> Lock:
    salt, digest, cost, block, parallel = d.array(value, where, 5)
    lock = Lock(d.digest(salt, (where, "salt"), SALT_BYTES), d.digest(digest, (where, "digest"), DIGEST_BYTES),
                d.whole(cost, (where, "cost"), 2**40), d.whole(block, (where, "block"), 2**40),
                d.whole(parallel, (where, "parallel"), 2**40))
    if not valid_parameters(lock.cost, lock.block, lock.parallel):
        raise Invalid(f"{d.path(where)}: scrypt parameters out of range")
    return lock


def act(value: Any, where: Where) -> Intervention:
    """An intervention from its encoding."""
    return _tagged(value, where, _ACTS, "an intervention")


def _inject(fields: list[Any], where: Where) -> Inject:
    headline, recipients, effects, reason = fields
    return Inject(d.text(headline, (where, "headline")),
                  None if recipients is None else d.items(recipients, (where, "recipients"), d.text),
                  d.items(effects, (where, "effects"), d.text), d.text(reason, (where, "reason")))


def _turn(fields: list[Any], where: Where) -> TurnResolved:
    turn, orders, acts, messages, draws, state, over = fields
    return TurnResolved(d.whole(turn, (where, "turn"), MAX_TURN), d.items(orders, (where, "orders"), order),
                        d.items(acts, (where, "interventions"), act),
                        d.items(messages, (where, "messages"), _message_value),
                        d.items(draws, (where, "draws"), draw), d.digest(state, (where, "state")).hex(),
                        d.flag(over, (where, "over")))


_READERS = {
    "order": (2, lambda f, w: OrderGiven(d.whole(f[0], (w, "turn"), MAX_TURN), order(f[1], (w, "order")))),
    "withdraw": (2, lambda f, w: OrderWithdrawn(d.whole(f[0], (w, "turn"), MAX_TURN), d.text(f[1], (w, "seat")))),
    "message": (1, lambda f, w: MessageSent(_message_value(f[0], (w, "message")))),
    "intervene": (2, lambda f, w: Intervened(d.whole(f[0], (w, "turn"), MAX_TURN), act(f[1], (w, "act")))),
    "turn": (7, _turn),
    "rename": (1, lambda f, w: Renamed(d.text(f[0], (w, "name")))),
    "seats": (1, lambda f, w: SeatsChanged(controllers(f[0], (w, "seats")))),
    "lock": (1, lambda f, w: Locked(_lock(f[0], (w, "lock")))),
    "pause": (1, lambda f, w: Paused(d.whole(f[0], (w, "turn"), MAX_TURN))),
    "resume": (1, lambda f, w: Resumed(d.whole(f[0], (w, "turn"), MAX_TURN))),
}
_READERS_2 = dict(_READERS)
_READERS["belief"] = (4, lambda f, w: BeliefGiven(d.whole(f[0], (w, "turn"), MAX_TURN), d.text(f[1], (w, "seat")),
                                                  d.text(f[2], (w, "belief")), d.whole(f[3], (w, "choice"),
                                                                                       MAX_CHOICE)))
def _argued(fields: list[Any], where: Where) -> Argued:
    turn, seat, statement, wants, reasons, secret = fields
    return Argued(d.whole(turn, (where, "turn"), MAX_TURN), Argument(
        d.text(seat, (where, "seat")), d.text(statement, (where, "statement")), d.text(wants, (where, "wants")),
        d.items(reasons, (where, "reasons"), d.text), d.flag(secret, (where, "secret"))))


_READERS["argue"] = (6, _argued)
_READERS["counter"] = (4, lambda f, w: CounterArgued(d.whole(f[0], (w, "turn"), MAX_TURN), d.text(f[1], (w, "seat")),
                                                     d.text(f[2], (w, "argument")), d.text(f[3], (w, "text"))))


def _ruling(fields: list[Any], where: Where) -> RuleArgument:
    argument, seat, headline, chance, effects, fail_effects, recipients, reason = fields
    return RuleArgument(d.text(argument, (where, "argument")), d.text(seat, (where, "seat")),
                        d.text(headline, (where, "headline")), d.whole(chance, (where, "chance"), 100),
                        d.items(effects, (where, "effects"), d.text), d.items(fail_effects, (where, "fail_effects"),
                                                                              d.text),
                        None if recipients is None else d.items(recipients, (where, "recipients"), d.text),
                        d.text(reason, (where, "reason")))


_ACTS = {
    "rule": (8, _ruling),
    "fire": (2, lambda f, w: FireEvent(d.text(f[0], (w, "event")), d.text(f[1], (w, "reason")))),
    "inject": (4, _inject),
    "set": (3, lambda f, w: SetTrack(d.text(f[0], (w, "variable")), d.variable_value(f[1], (w, "value")),
                                     d.text(f[2], (w, "reason")))),
    "force": (3, lambda f, w: ForceChance(d.text(f[0], (w, "rule")), d.flag(f[1], (w, "success")),
                                          d.text(f[2], (w, "reason")))),
    "replace": (3, lambda f, w: ReplaceOrder(d.text(f[0], (w, "seat")), d.text(f[1], (w, "action")),
                                             d.text(f[2], (w, "reason")))),
}
