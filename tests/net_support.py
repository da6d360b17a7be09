"""Hosts and seats for the networked-play tests: in this process, or as real processes killed by PID."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp

from game.net import protocol as p
from game.net.host import Host, HostOptions
from game.net.links import Link
from tests.paths import SHIPPED


@asynccontextmanager
async def hosted(tmp_path: Path, **options) -> AsyncIterator[Host]:
    """A host serving in this event loop on a free port, stopped (and its journal closed) on the way out."""
    options = {"scenario": SHIPPED, "port": 0, "saves": tmp_path / "saves", **options}
    host = Host(HostOptions(**options), out=io.StringIO(), err=io.StringIO())
    host.prepare()
    ready = asyncio.Event()
    serving = asyncio.create_task(host.serve(ready))
    await asyncio.wait({serving, asyncio.create_task(ready.wait())}, return_when=asyncio.FIRST_COMPLETED)
    if serving.done():
        serving.result()
    try:
        yield host
    finally:
        host.stop()
        await serving


def link_of(host: Host, role: str, game: int = 1) -> Link:
    return next(link for name, link in host.links() if name == role and link.game == game)


class RecordingSeat:
    """A bare websocket client of one link that keeps every byte the host sends it, and the updates."""

    def __init__(self, link: Link) -> None:
        self.link = link
        self.received: list[bytes] = []
        self.updates: list[p.Update] = []
        self.ended_at: int | None = None
        """How many messages came before the first that showed the game over."""
        self._rid = 0

    async def __aenter__(self) -> RecordingSeat:
        self._http = aiohttp.ClientSession()
        self._socket = await self._http.ws_connect(self.link.websocket)
        hello = await self._read()
        assert isinstance(hello, p.Hello) and hello.role == self.link.role
        return self

    async def __aexit__(self, *exc) -> None:
        await self._socket.close()
        await self._http.close()

    @property
    def view(self):
        return self.updates[-1].view

    async def _read(self) -> p.HostMessage:
        message = await self._socket.receive(timeout=30)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        self.received.append(message.data)
        decoded = p.decode_host(message.data)
        if isinstance(decoded, p.Update):
            self.updates.append(decoded)
            if decoded.view.over and self.ended_at is None:
                self.ended_at = len(self.received) - 1
        return decoded

    async def update(self) -> p.Update:
        """The next update."""
        while not isinstance(message := await self._read(), p.Update):
            pass
        return message

    async def until(self, test, *, timeout: float = 30) -> p.Update:
        """Read updates until one whose view and status pass ``test`` (the last one read may already)."""
        async with asyncio.timeout(timeout):
            if self.updates and test(self.updates[-1]):
                return self.updates[-1]
            while not test(update := await self.update()):
                pass
            return update

    async def ask(self, make) -> p.Ack | p.Refused:
        """Send ``make(rid)`` and read until its answer."""
        self._rid += 1
        rid = self._rid
        await self._socket.send_bytes(p.encode(make(rid)))
        while True:
            message = await self._read()
            if isinstance(message, p.Ack | p.Refused) and message.rid == rid:
                return message
