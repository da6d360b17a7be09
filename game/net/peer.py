"""One open connection of a seat (or the facilitator) to the host: what waits to be sent, and what was.

A slow or stalled client must not hold up its game: the game only queues
for a peer, and the peer's own task sends, in order (a reply before the
update that shows what it did). The game keeps, per peer, the view of the
last update queued and its number, from which the next update is a delta
(``hosted_game.py``). Deltas cannot be skipped, so a peer that falls more
than ``MAX_BACKLOG`` bytes of deltas and replies behind is closed instead: its
seat reconnects and starts again from a whole view. (A whole view is not
counted: a long game's can be larger than the bound, and it is sent only on
joining or when asked, which the limits on openings and requests bound.)
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable

from game.seat_view.model import SeatView

MAX_BACKLOG = 4 * 1024 * 1024
"""Bytes queued for a peer beyond which it is closed rather than queued for."""


class Peer:
    def __init__(self, role: str, send: Callable[[bytes], Awaitable[None]],
                 close: Callable[[], Awaitable[object]], *, link: str | None = None) -> None:
        self.role = role
        """Whose view it gets and as whom it acts: a seat's id, or ``facilitator``."""
        self.link = link or role
        """The link it came by: ``role``'s own, or the class link's to this game (``class``, acting as the
        facilitator). One screen per link."""
        self.view: SeatView | None = None
        """The view the seat holds once it has read every update queued (None: it must get a whole one)."""
        self.shown: object = None
        """What of the status the last update queued showed (a new update is sent when it changes)."""
        self.version = 0
        """The number of the last update queued."""
        self.current = True
        """False once the link was opened on another screen: this one can no longer act."""
        self._send = send
        self._close = close
        self._queue: deque[tuple[bytes, int]] = deque()
        """Each message to send, and what it counts in the backlog."""
        self._backlog = 0
        self._closing = False
        self._wake = asyncio.Event()
        self._task = asyncio.create_task(self._pump(), name=f"peer-{role}")

    def reply(self, data: bytes, *, counted: bool = True) -> None:
        """Queue a message (an answer, the hello); ``counted`` in the backlog (all but whole views)."""
        if self._closing:
            return
        size = len(data) if counted else 0
        self._queue.append((data, size))
        self._backlog += size
        if self._backlog > MAX_BACKLOG:
            self._queue.clear()
            self._backlog = 0
            self.finish()
        self._wake.set()

    def update(self, view: SeatView, shown: object, version: int, data: bytes, *, whole: bool) -> None:
        """Queue an update (``whole``, or a delta) that leaves the seat holding ``view``, numbered ``version``."""
        self.view, self.shown, self.version = view, shown, version
        self.reply(data, counted=not whole)

    def finish(self, last: bytes | None = None) -> None:
        """Send ``last`` (if given) after what is queued, then close the connection."""
        if self._closing:
            return
        if last is not None:
            self._queue.append((last, 0))
        self._closing = True
        self.current = False
        self._wake.set()

    async def close(self) -> None:
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass

    async def _pump(self) -> None:
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                while self._queue:
                    data, counted = self._queue.popleft()
                    self._backlog -= counted
                    await self._send(data)
                if self._closing:
                    await self._close()
                    return
        except (ConnectionError, RuntimeError):
            pass  # the socket closed under us: its handler notices and disconnects the peer
