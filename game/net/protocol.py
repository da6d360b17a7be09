"""What a host and a seat say to each other over the websocket: msgpack arrays, one per message.

The host speaks first (:class:`Hello`: the protocol version, whose link this
is), then sends an :class:`Update` whenever what the seat may see changes:
its whole :class:`~game.seat_view.SeatView` in wire form (so a reconnecting
seat resynchronises from one message, with its pending order in it) and the
turn's :class:`Status`. A seat sends requests, each with its own number
``rid``; the host answers each with an :class:`Ack` once the event it made
is durable in the journal, or with :class:`Refused` and one line saying why.

Both sides trust nothing they read: every message is checked for shape,
types and sizes (``game.decoding``), and anything else is a
:class:`ProtocolError`. A change to any message is a new ``PROTOCOL``.
"""

from __future__ import annotations

from typing import Any

import msgpack
from attrs import field, frozen

from game import decoding as d
from game.decoding import Invalid
from game.engine.interventions import Intervention
from game.errors import WargameError
from game.journal import act as decode_act
from game.journal import encode_act
from game.seat_view.model import SeatView
from game.seat_view.wire import WireError, from_wire, to_wire

PROTOCOL = 1
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


@frozen
class Update:
    view: SeatView
    status: Status


@frozen
class Ack:
    rid: int


@frozen
class Refused:
    rid: int
    reason: str


HostMessage = Hello | Update | Ack | Refused


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


Request = GiveOrder | OrderByPolicy | Withdraw | SendMessage | Pause | Resume | ResolveNow | Intervene


# -- encoding ----------------------------------------------------------------------------


def encode(message: HostMessage | Request) -> bytes:
    return msgpack.packb(_plain(message))


def _plain(message: HostMessage | Request) -> list[Any]:
    match message:
        case Hello(protocol, role, game):
            return ["hello", protocol, role, game]
        case Update(view, Status(paused, left, deciding, connected, trouble)):
            return ["update", to_wire(view), [paused, left, list(deciding), list(connected), trouble]]
        case Ack(rid):
            return ["ack", rid]
        case Refused(rid, reason):
            return ["refused", rid, reason]
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
    raise TypeError(f"not a protocol message: {message!r}")


# -- decoding: trusts nothing -------------------------------------------------------------


def decode_host(data: bytes) -> HostMessage:
    """A message from the host; :class:`ProtocolError` for anything that is not one."""
    items = _items(data, MAX_UPDATE, "the host's message")
    try:
        match items:
            case ["hello", protocol, role, game]:
                return Hello(d.whole(protocol, "hello.protocol", 2**31), d.text(role, "hello.role", 64),
                             d.whole(game, "hello.game", 2**31))
            case ["update", view, [paused, left, deciding, connected, trouble]]:
                if left is not None and (not isinstance(left, float | int) or isinstance(left, bool) or left < 0):
                    raise Invalid("update.left: expected seconds")
                status = Status(d.flag(paused, "update.paused"), None if left is None else float(left),
                                d.items(deciding, "update.deciding", _role),
                                d.items(connected, "update.connected", _role),
                                d.text(trouble, "update.trouble", 1000))
                return Update(from_wire(view), status)
            case ["ack", rid]:
                return Ack(_rid(rid))
            case ["refused", rid, reason]:
                return Refused(_rid(rid), d.text(reason, "refused.reason", 1000))
    except (Invalid, WireError) as error:
        raise ProtocolError(f"the host sent a malformed message ({error})") from None
    raise ProtocolError("the host sent a message this Horizon does not know (is it a newer Horizon?)")


def decode_request(data: bytes) -> Request:
    """A request from a seat; :class:`ProtocolError` for anything that is not one."""
    items = _items(data, MAX_REQUEST, "request")
    try:
        match items:
            case ["order", rid, action, rationale]:
                return GiveOrder(_rid(rid), d.text(action, "order.action", 200), d.text(rationale, "order.rationale"))
            case ["policy", rid, policy]:
                return OrderByPolicy(_rid(rid), d.text(policy, "policy.name", 200))
            case ["withdraw", rid]:
                return Withdraw(_rid(rid))
            case ["message", rid, recipients, text]:
                return SendMessage(_rid(rid), d.items(recipients, "message.recipients", _role),
                                   d.text(text, "message.text"))
            case ["pause", rid]:
                return Pause(_rid(rid))
            case ["resume", rid]:
                return Resume(_rid(rid))
            case ["resolve", rid]:
                return ResolveNow(_rid(rid))
            case ["intervene", rid, act]:
                return Intervene(_rid(rid), decode_act(act, "intervene.act"))
    except Invalid as error:
        raise ProtocolError(f"malformed request ({error})") from None
    raise ProtocolError("not a request of this protocol")


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
