"""One open connection of a seat (or the facilitator) to the host, and what waits to be sent to it.

A slow or stalled client must not hold up its game: the game only queues
for a peer, and the peer's own task sends. Replies (acks, refusals) go in
the order they were given; of views, only the latest unsent one is kept,
since each is whole (a seat that fell behind gets the present, not the
history), and one equal to the last sent is not sent again.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable


class Peer:
    def __init__(self, role: str, send: Callable[[bytes], Awaitable[None]]) -> None:
        self.role = role
        """A seat's id, or ``facilitator``."""
        self._send = send
        self._replies: deque[bytes] = deque()
        self._update: bytes | None = None
        self._key: object = None
        self._wake = asyncio.Event()
        self._task = asyncio.create_task(self._pump(), name=f"peer-{role}")

    def reply(self, data: bytes) -> None:
        self._replies.append(data)
        self._wake.set()

    def offer(self, key: object, data: bytes) -> None:
        """Send ``data`` (a whole update) unless the last one offered had the same ``key``."""
        if key == self._key:
            return
        self._key, self._update = key, data
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
                while self._replies:
                    await self._send(self._replies.popleft())
                if self._update is not None:
                    update, self._update = self._update, None
                    await self._send(update)
        except (ConnectionError, RuntimeError):
            pass  # the socket closed under us: its handler notices and disconnects the peer
