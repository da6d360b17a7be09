"""A seat's end of the link: connect, reconnect with backoff, and pass on what the host says.

A dropped connection or a restarted host is the normal case, not an error:
the client waits (a quarter second, then twice as long each time, at most
five seconds, with a little jitter so that a class's screens do not all
knock at once) and connects again; the host's first update is the whole
present, pending order included, so nothing else is needed to resynchronise.
After that the host sends only what changed, which the client applies to its
copy of the view (``mirror.py``) and hands on as a whole view. A host busy
with too many connections is tried again the same way. Only a link the host
refuses (a wrong token, a game it no longer serves) or a host speaking
another protocol ends the client; a link opened on another screen ends
:meth:`Connection.run` (:class:`TakenOver`) until it is run again to take
the seat back.
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Callable

import aiohttp
from attrs import frozen

from game.errors import WargameError
from game.net import protocol as p
from game.net.class_view import ClassInfo, ClassMirror, TableRow
from game.net.links import Link
from game.net.mirror import Mirror
from game.seat_view.model import SeatView

FIRST_WAIT, LONGEST_WAIT = 0.25, 5.0


class LinkRefused(WargameError):
    """The host will not serve this link (ends the client with one line)."""


class NotConnected(WargameError):
    """A request made while the host is out of reach."""


@frozen
class Connected:
    hello: p.Hello


@frozen
class Lost:
    reason: str
    retry_in: float


@frozen
class Updated:
    """The seat's view now (whole: the deltas are applied), and the turn's status."""

    view: SeatView
    status: p.Status


@frozen
class TakenOver:
    """The link was opened on another screen: this one is closed, and does not reconnect by itself."""

    text: str


@frozen
class ClassUpdated:
    """The class console's copy of the class now (the whole, or one table's row just changed)."""

    info: ClassInfo
    tables: dict[int, TableRow]
    changed: int | None = None
    """The table whose row just changed (None: the whole class came)."""


Happening = Connected | Lost | Updated | TakenOver | ClassUpdated


class Connection:
    """One seat's connection to its host; :meth:`run` keeps it up, :meth:`next` gives what happens."""

    def __init__(self, link: Link) -> None:
        self.link = link
        self.connected = False
        self._happenings: asyncio.Queue[Happening | LinkRefused] = asyncio.Queue()
        self._replies: dict[int, asyncio.Future[p.Ack | p.Refused | p.Done]] = {}
        self._rids = itertools.count(1)
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._ever_connected = False
        self._mirror = Mirror()
        self._class = ClassMirror()

    async def next(self) -> Happening:
        """The next thing that happened; raises :class:`LinkRefused` when the host will not serve the link."""
        happening = await self._happenings.get()
        if isinstance(happening, LinkRefused):
            raise happening
        return happening

    async def request(self, make: Callable[[int], p.Request]) -> p.Ack | p.Refused | p.Done:
        """Send the request ``make(rid)`` builds and wait for the host's answer (after the event is durable)."""
        if self._socket is None or not self.connected:
            raise NotConnected("not connected to the host (reconnecting\u2026)")
        rid = next(self._rids)
        reply = asyncio.get_running_loop().create_future()
        self._replies[rid] = reply
        try:
            await self._socket.send_bytes(p.encode(make(rid)))
            return await reply
        except (ConnectionError, RuntimeError, aiohttp.ClientError):
            raise NotConnected("the connection to the host dropped before it answered") from None
        finally:
            self._replies.pop(rid, None)

    async def run(self) -> None:
        """Connect and reconnect until cancelled, until the host refuses the link, or until the link is
        opened on another screen (run it again then to take the seat back)."""
        wait = FIRST_WAIT
        async with aiohttp.ClientSession() as http:
            while True:
                try:
                    reason = await self._session(http)
                    wait = FIRST_WAIT
                except _Taken as taken:
                    await self._happenings.put(TakenOver(taken.text))
                    return
                except LinkRefused as refusal:
                    await self._happenings.put(refusal)
                    return
                except p.ProtocolError as error:
                    await self._happenings.put(LinkRefused(str(error)))
                    return
                except (TimeoutError, aiohttp.ClientError, OSError) as error:
                    reason = _reason(error)
                finally:
                    self._disconnected()
                retry_in = wait * random.uniform(0.8, 1.2)
                await self._happenings.put(Lost(reason, retry_in))
                await asyncio.sleep(retry_in)
                wait = min(wait * 2, LONGEST_WAIT)

    async def _session(self, http: aiohttp.ClientSession) -> str:
        """One connection, read until it closes; returns why it closed."""
        try:
            socket = await http.ws_connect(self.link.websocket, heartbeat=20.0, max_msg_size=p.MAX_UPDATE,
                                           timeout=aiohttp.ClientWSTimeout(ws_close=5.0))
        except aiohttp.WSServerHandshakeError as error:
            if error.status in (429, 503):
                raise _Busy() from None
            if error.status == 404:
                raise LinkRefused("the host no longer serves this game (it may have ended)" if self._ever_connected
                                  else "the host does not know this link (check it, or ask the facilitator "
                                       "for yours)") from None
            raise
        async with socket:
            self._socket = socket
            async for message in socket:
                if message.type != aiohttp.WSMsgType.BINARY:
                    break
                await self._received(p.decode_host(message.data))
            return f"the host closed the connection ({socket.close_code or 'no code'})"

    async def _received(self, message: p.HostMessage) -> None:
        match message:
            case p.Hello(protocol, role, game):
                if protocol != p.PROTOCOL:
                    raise LinkRefused(f"the host speaks protocol {protocol}, this Horizon {p.PROTOCOL}: "
                                      "use the same Horizon version as the host")
                if role != self.link.role or game != self.link.game:
                    raise LinkRefused("the host answered for another seat or game")
                self.connected = self._ever_connected = True
                self._mirror.restart()
                await self._happenings.put(Connected(message))
            case p.Whole() | p.Delta():
                mirror, stale = self._mirror, self._mirror.stale
                if mirror.take(message):
                    await self._happenings.put(Updated(mirror.view, mirror.status))
                elif mirror.stale and not stale and self._socket is not None:  # ask once for the whole view
                    await self._socket.send_bytes(p.encode(p.Resync(next(self._rids))))
            case p.ClassWhole(info, tables):
                self._class.whole(info, tables)
                await self._happenings.put(ClassUpdated(info, dict(self._class.rows)))
            case p.TableChanged(row):
                if self._class.changed(row):
                    await self._happenings.put(ClassUpdated(self._class.info, dict(self._class.rows), row.number))
            case p.Ack(rid) | p.Refused(rid, _) | p.Done(rid, _):
                reply = self._replies.get(rid)
                if reply is not None and not reply.done():
                    reply.set_result(message)
            case p.Taken(text):
                raise _Taken(text)

    def _disconnected(self) -> None:
        self.connected = False
        self._socket = None
        for reply in self._replies.values():
            if not reply.done():
                reply.set_exception(NotConnected("the connection to the host dropped before it answered"))


class _Taken(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class _Busy(aiohttp.ClientError):
    def __str__(self) -> str:
        return "the host is busy with too many connections"


def _reason(error: BaseException) -> str:
    if isinstance(error, aiohttp.ClientConnectorError):
        return f"cannot reach {error.host}:{error.port} ({error.os_error.strerror or error.os_error})"
    if isinstance(error, asyncio.TimeoutError):
        return "the host did not answer in time"
    return str(error) or type(error).__name__
