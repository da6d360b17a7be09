"""What a host and a seat say to each other over the websocket: msgpack arrays, one per message.

The host speaks first (:class:`Hello`: the protocol version, whose link this
is), then sends the seat its whole :class:`~game.seat_view.SeatView`
(:class:`Whole`, in wire form, with the turn's :class:`Status`), and from
then on, whenever what the seat may see changes, only what changed
(:class:`Delta`: ``game.seat_view.delta``'s changes from the view of the
update before). Updates are numbered on each connection: a delta names the
version it applies to, and a seat whose view is not that version (it missed
one, or could not apply one) asks for the whole view again (:class:`Resync`).
A (re)connected seat always starts from a whole view, pending order in it.
A seat sends requests, each with its own number ``rid``; the host answers
each with an :class:`Ack` once the event it made is durable in the journal,
or with :class:`Refused` and one line saying why. When the seat's link is
opened on another screen, the host tells the earlier one (:class:`Taken`)
and closes it.

Both sides trust nothing they read: every message is checked for shape,
types and sizes (``game.decoding``), and anything else is a
:class:`ProtocolError`. Growing the protocol without a new ``PROTOCOL``
(docs/networked-play.md): a new message kind, a new request kind or a new
last item of a message or of the status; a seat ignores a message kind it
does not know, the host refuses (by ``rid``) a request it does not know, and
both ignore items past those they know and take defaults for missing last
ones. Anything else (an item's meaning or type changed) is a new ``PROTOCOL``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgpack
from attrs import field, frozen

from game import decoding as d
from game.decoding import Invalid
from game.engine.interventions import Intervention
from game.errors import WargameError
from game.journal import MAX_REASONS, encode_act
from game.journal import act as decode_act
from game.net.class_view import (
    MAX_TABLES,
    ClassInfo,
    TableRow,
    info_from_wire,
    info_to_wire,
    row_from_wire,
    row_to_wire,
    rows_from_wire,
)
from game.seat_view.model import SeatView
from game.seat_view.wire import WireError, from_wire, to_wire

PROTOCOL = 2
MAX_REQUEST = 64 * 1024
"""Largest message a seat may send, in bytes (a message of 4,000 characters fits with room to spare)."""
MAX_RID = 2**53
MAX_UPDATE = 16 * 1024 * 1024
"""Largest message a seat accepts from its host (a seat's view of a long game is some tens of KB)."""


class ProtocolError(WargameError):
    """A message that is not one of this protocol's."""


# -- host to seat ------------------------------------------------------------------------


@frozen
class Hello:
    protocol: int
    role: str
    """The seat's id, or ``facilitator``."""
    game: int


@frozen
class Status:
    """How the open turn stands, beyond the view: paused, time left, who is connected."""

    paused: bool = False
    left: float | None = None
    """Seconds left on the turn's timer (None: no timer, or the game is over)."""
    deciding: tuple[str, ...] = field(default=(), converter=tuple)
    """The people's seats the turn still waits for (who, never what anyone chose)."""
    connected: tuple[str, ...] = field(default=(), converter=tuple)
    """For the facilitator: the seats with a screen open now."""
    trouble: str = ""
    """For the facilitator: what is wrong on the host (a save that cannot be written), if anything."""
    reopened: Mapping[str, int] = field(factory=dict)
    """For the facilitator: how many times each link (a seat's, or ``facilitator``) was opened on another
    screen while a screen held it (each time, the earlier screen was told and closed)."""


@frozen
class Whole:
    """The seat's whole view: on (re)joining, and when it asks again (:class:`Resync`)."""

    version: int
    view: SeatView
    status: Status


@frozen
class Delta:
    """What changed since the update numbered ``base``: ``game.seat_view.delta``'s changes, applied by the seat
    (they are checked then, against the view they change)."""

    base: int
    version: int
    changes: Mapping[str, Any]
    status: Status


@frozen
class Ack:
    rid: int


@frozen
class Refused:
    rid: int
    reason: str


@frozen
class Taken:
    """This link was opened on another screen: this one is closed and can no longer act."""

    text: str = "This seat was opened on another screen."


@frozen
class Unknown:
    """A message kind this Horizon does not know (a newer host's addition): ignored."""

    kind: str


@frozen
class ClassWhole:
    """To the class console: the whole class (on joining, and when it asks again)."""

    info: ClassInfo
    tables: Mapping[int, TableRow]


@frozen
class TableChanged:
    """To the class console: one table's row, whole, each time something in it changed."""

    row: TableRow


@frozen
class Done:
    """The answer to a class console's :class:`ToTables`: per table, "" once its event is durable, else why
    that table refused (each table is asked as its own facilitator's console would be)."""

    rid: int
    results: tuple[tuple[int, str], ...] = field(converter=tuple)


Update = Whole | Delta
HostMessage = Hello | Whole | Delta | Ack | Refused | Taken | Unknown | ClassWhole | TableChanged | Done


# -- seat to host ------------------------------------------------------------------------


@frozen
class GiveOrder:
    rid: int
    action: str
    rationale: str = ""


@frozen
class OrderByPolicy:
    """Let the host choose this seat's order with a computer policy, from this seat's view only."""

    rid: int
    policy: str


@frozen
class Withdraw:
    rid: int


@frozen
class SendMessage:
    rid: int
    recipients: tuple[str, ...] = field(converter=tuple)
    """Seat ids; empty: every other seat."""
    text: str


@frozen
class Pause:
    rid: int


@frozen
class Resume:
    rid: int


@frozen
class ResolveNow:
    """The facilitator closes the turn: seats that have not decided hold."""

    rid: int


@frozen
class Intervene:
    rid: int
    act: Intervention


@frozen
class Believe:
    """The seat's answer to one of the scenario's beliefs it is asked now (the index of its choice)."""

    rid: int
    belief: str
    choice: int


@frozen
class ArgueMove:
    """The seat argues a move (``[arguments]``): what it does, the result it wants, its reasons, whether secret."""

    rid: int
    statement: str
    wants: str = ""
    reasons: tuple[str, ...] = field(default=(), converter=tuple)
    secret: bool = False


@frozen
class CounterMove:
    """The seat's counter-argument to another seat's public argued move of the open turn (its id)."""

    rid: int
    move: str
    text: str


@frozen
class Resync:
    """Send me my whole view again (my view is not the one a delta applied to)."""

    rid: int


@frozen
class SetTimer:
    """The facilitator sets the time per turn: the open turn's countdown starts again with it, and each later
    turn has it (None: no timer)."""

    rid: int
    seconds: float | None


@frozen
class ToTables:
    """The class console asks ``tables`` for one facilitator's request each (pause, resume, resolve now, an
    act, a message, the timer), answered by :class:`Done`."""

    rid: int
    tables: tuple[int, ...] = field(converter=tuple)
    request: Request


Request = (GiveOrder | OrderByPolicy | Withdraw | SendMessage | Pause | Resume | ResolveNow | Intervene | Resync
           | Believe | ArgueMove | CounterMove | SetTimer | ToTables)
FOR_TABLES = (SendMessage, Pause, Resume, ResolveNow, Intervene, SetTimer)
"""What the class console may ask of tables: the facilitator's requests."""
MAX_TIMER = 7 * 24 * 3600.0


class UnknownRequest(ProtocolError):
    """A request of a kind this host does not know, with a number it can be refused by."""

    def __init__(self, rid: int, kind: str) -> None:
        super().__init__(f"this host does not know the request {kind!r} (is the seat a newer Horizon?)")
        self.rid = rid


# -- encoding ----------------------------------------------------------------------------


def encode(message: HostMessage | Request) -> bytes:
    return msgpack.packb(_plain(message))


def _plain(message: HostMessage | Request) -> list[Any]:
    match message:
        case Hello(protocol, role, game):
            return ["hello", protocol, role, game]
        case Whole(version, view, status):
            return ["view", version, to_wire(view), _status(status)]
        case Delta(base, version, changes, status):
            return ["delta", base, version, changes, _status(status)]
        case Ack(rid):
            return ["ack", rid]
        case Refused(rid, reason):
            return ["refused", rid, reason]
        case Taken(text):
            return ["taken", text]
        case GiveOrder(rid, action, rationale):
            return ["order", rid, action, rationale]
        case OrderByPolicy(rid, policy):
            return ["policy", rid, policy]
        case Withdraw(rid):
            return ["withdraw", rid]
        case SendMessage(rid, recipients, text):
            return ["message", rid, list(recipients), text]
        case Pause(rid):
            return ["pause", rid]
        case Resume(rid):
            return ["resume", rid]
        case ResolveNow(rid):
            return ["resolve", rid]
        case Intervene(rid, act):
            return ["intervene", rid, encode_act(act)]
        case Resync(rid):
            return ["resync", rid]
        case Believe(rid, belief, choice):
            return ["believe", rid, belief, choice]
        case ArgueMove(rid, statement, wants, reasons, secret):
            return ["argue", rid, statement, wants, list(reasons), secret]
        case CounterMove(rid, move, text):
            return ["counter", rid, move, text]
        case SetTimer(rid, seconds):
            return ["timer", rid, seconds]
        case ToTables(rid, tables, request):
            return ["tables", rid, list(tables), _plain(request)]
        case ClassWhole(info, tables):
            return ["class", info_to_wire(info), [row_to_wire(row) for _, row in sorted(tables.items())]]
        case TableChanged(row):
            return ["table", row_to_wire(row)]
        case Done(rid, results):
            return ["done", rid, [list(result) for result in results]]
    raise TypeError(f"not a protocol message: {message!r}")


def _status(status: Status) -> list[Any]:
    return [status.paused, status.left, list(status.deciding), list(status.connected), status.trouble,
            dict(status.reopened)]


# -- decoding: trusts nothing -------------------------------------------------------------


def decode_host(data: bytes) -> HostMessage:
    """A message from the host; :class:`ProtocolError` for anything that is not one (a message of a kind
    this Horizon does not know is :class:`Unknown`, to be ignored)."""
    items = _items(data, MAX_UPDATE, "the host's message")
    kind, *rest = items
    try:
        match kind, rest:
            case "hello", [protocol, role, game, *_]:
                return Hello(d.whole(protocol, "hello.protocol", 2**31), d.text(role, "hello.role", 64),
                             d.whole(game, "hello.game", 2**31))
            case "view", [version, view, status, *_]:
                return Whole(_version(version), from_wire(view), _read_status(status))
            case "delta", [base, version, changes, status, *_]:
                if not isinstance(changes, dict):
                    raise Invalid("delta.changes: expected a mapping")
                return Delta(_version(base), _version(version), changes, _read_status(status))
            case "ack", [rid, *_]:
                return Ack(_rid(rid))
            case "refused", [rid, reason, *_]:
                return Refused(_rid(rid), d.text(reason, "refused.reason", 1000))
            case "taken", [text, *_]:
                return Taken(d.text(text, "taken.text", 1000))
            case "class", [info, tables, *_]:
                return ClassWhole(info_from_wire(info), rows_from_wire(tables))
            case "table", [row, *_]:
                return TableChanged(row_from_wire(row))
            case "done", [rid, results, *_]:
                return Done(_rid(rid), d.items(results, "done.results", _result))
            case ("hello" | "view" | "delta" | "ack" | "refused" | "taken" | "class" | "table" | "done"), _:
                pass
            case _:
                return Unknown(kind[:64])
    except (Invalid, WireError) as error:
        raise ProtocolError(f"the host sent a malformed message ({error})") from None
    raise ProtocolError(f"the host sent a malformed {kind!r} message")


def _read_status(data: Any) -> Status:
    """A status; missing last items take their defaults, extra ones are ignored (a newer host's)."""
    items = d.array(data, "status")
    paused, left, deciding, connected, trouble, reopened, *_ = [*items, *_STATUS_DEFAULTS[len(items):]]
    if left is not None and (not isinstance(left, float | int) or isinstance(left, bool) or left < 0):
        raise Invalid("status.left: expected seconds")
    if not isinstance(reopened, dict) or len(reopened) > 256:
        raise Invalid("status.reopened: expected a mapping")
    return Status(d.flag(paused, "status.paused"), None if left is None else float(left),
                  d.items(deciding, "status.deciding", _role), d.items(connected, "status.connected", _role),
                  d.text(trouble, "status.trouble", 1000),
                  {_role(role, "status.reopened"): d.whole(count, ("status.reopened", role), 2**31)
                   for role, count in reopened.items()})


_STATUS_DEFAULTS = (False, None, [], [], "", {})


def _result(value: Any, where: d.Where) -> tuple[int, str]:
    table, reason = d.array(value, where, 2)
    return d.whole(table, (where, 0), 10**9), d.text(reason, (where, 1), 4000)


def decode_request(data: bytes) -> Request:
    """A request from a seat; :class:`UnknownRequest` for a numbered request of a kind not known here,
    :class:`ProtocolError` for anything else that is not one."""
    items = _items(data, MAX_REQUEST, "request")
    try:
        match items:
            case ["order", rid, action, rationale, *_]:
                return GiveOrder(_rid(rid), d.text(action, "order.action", 200), d.text(rationale, "order.rationale"))
            case ["policy", rid, policy, *_]:
                return OrderByPolicy(_rid(rid), d.text(policy, "policy.name", 200))
            case ["withdraw", rid, *_]:
                return Withdraw(_rid(rid))
            case ["message", rid, recipients, text, *_]:
                return SendMessage(_rid(rid), d.items(recipients, "message.recipients", _role),
                                   d.text(text, "message.text"))
            case ["pause", rid, *_]:
                return Pause(_rid(rid))
            case ["resume", rid, *_]:
                return Resume(_rid(rid))
            case ["resolve", rid, *_]:
                return ResolveNow(_rid(rid))
            case ["intervene", rid, act, *_]:
                return Intervene(_rid(rid), decode_act(act, "intervene.act"))
            case ["resync", rid, *_]:
                return Resync(_rid(rid))
            case ["believe", rid, belief, choice, *_]:
                return Believe(_rid(rid), d.text(belief, "believe.belief", 200), d.whole(choice, "believe.choice", 64))
            case ["argue", rid, statement, wants, reasons, secret, *_]:
                read = d.items(reasons, "argue.reasons", d.text)
                if len(read) > MAX_REASONS:
                    raise Invalid(f"argue.reasons: at most {MAX_REASONS}")
                return ArgueMove(_rid(rid), d.text(statement, "argue.statement"), d.text(wants, "argue.wants"), read,
                                 d.flag(secret, "argue.secret"))
            case ["counter", rid, move, text, *_]:
                return CounterMove(_rid(rid), d.text(move, "counter.move", 200), d.text(text, "counter.text"))
            case ["timer", rid, seconds, *_]:
                return SetTimer(_rid(rid), _seconds(seconds))
            case ["tables", rid, tables, [str() as kind, *rest], *_] if kind != "tables":
                numbers = d.items(tables, "tables.tables", lambda v, w: d.whole(v, w, 10**9))
                if not numbers or len(numbers) > MAX_TABLES or len(set(numbers)) != len(numbers):
                    raise Invalid("tables.tables: expected different tables' numbers")
                try:
                    request = decode_request(msgpack.packb([kind, *rest]))
                except UnknownRequest:
                    raise UnknownRequest(_rid(rid), f"tables: {kind[:64]}") from None
                if not isinstance(request, FOR_TABLES):
                    raise Invalid(f"tables.request: {kind!r} is no facilitator's request")
                return ToTables(_rid(rid), numbers, request)
            case [kind, rid, *_] if kind not in _REQUESTS:
                raise UnknownRequest(_rid(rid), kind[:64])
    except Invalid as error:
        raise ProtocolError(f"malformed request ({error})") from None
    raise ProtocolError("not a request of this protocol")


_REQUESTS = frozenset({"order", "policy", "withdraw", "message", "pause", "resume", "resolve", "intervene",
                       "resync", "believe", "argue", "counter", "timer", "tables"})


def _seconds(value: Any) -> float | None:
    """A time per turn: None (no timer), or from 1 second to a week."""
    if value is None:
        return None
    if not isinstance(value, float | int) or isinstance(value, bool) or not 1 <= value <= MAX_TIMER:
        raise Invalid("timer.seconds: expected from 1 second to a week, or nothing")
    return float(value)


def _items(data: bytes, limit: int, what: str) -> list[Any]:
    if not isinstance(data, bytes) or len(data) > limit:
        raise ProtocolError(f"{what}: not binary, or longer than {limit:,} bytes")
    try:
        value = msgpack.unpackb(data, raw=False, strict_map_key=True, max_str_len=limit, max_bin_len=0,
                                max_array_len=d.MAX_ITEMS, max_map_len=d.MAX_ITEMS, max_ext_len=0)
    except (ValueError, TypeError, OverflowError, msgpack.UnpackException) as error:
        raise ProtocolError(f"{what}: not valid msgpack ({type(error).__name__})") from None
    if not isinstance(value, list) or not value or not isinstance(value[0], str):
        raise ProtocolError(f"{what}: not a message of this protocol")
    return value


def _role(value: Any, where: d.Where) -> str:
    return d.text(value, where, 64)


def _rid(value: Any) -> int:
    return d.whole(value, "rid", MAX_RID)


def _version(value: Any) -> int:
    return d.whole(value, "version", MAX_RID)
