"""Hosts and seats for the networked-play tests: in this process, or as real processes killed by PID."""

from __future__ import annotations

import asyncio
import io
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp

from game.net import protocol as p
from game.net.client import Updated
from game.net.mirror import Mirror
from game.net.host import Host, HostOptions
from game.net.links import Link, parse_link
from game.net.turn_timer import Clock
from tests.paths import SHIPPED


@asynccontextmanager
async def hosted(tmp_path: Path, clock: Clock | None = None, **options) -> AsyncIterator[Host]:
    """A host serving in this event loop on a free port, stopped (and its journal closed) on the way out.

    ``clock`` is what its turn timers count on (a :class:`tests.clock.ManualClock` the test moves).
    """
    options = {"scenario": SHIPPED, "port": 0, "saves": tmp_path / "saves", **options}
    host = Host(HostOptions(**options), out=io.StringIO(), err=io.StringIO(), clock=clock)
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
    """A bare websocket client of one link that keeps every byte the host sends it, and each view it then
    holds (whole views and deltas applied, as a seat's own client does: every delta must apply)."""

    def __init__(self, link: Link, *, missing: frozenset[int] = frozenset()) -> None:
        self.link = link
        self.received: list[bytes] = []
        self.updates: list[Updated] = []
        self.ended_at: int | None = None
        """How many messages came before the first that showed the game over."""
        self.mirror = Mirror()
        self.missing = missing
        """The numbers (from 1, in order received) of deltas to take as lost: the seat then asks for its whole
        view, as its client does; without them, every update must apply."""
        self.taken: p.Taken | None = None
        self._counted = 0
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
        if isinstance(decoded, p.Taken):
            self.taken = decoded
        if isinstance(decoded, p.Whole | p.Delta):
            self._counted += isinstance(decoded, p.Delta)
            stale = self.mirror.stale
            lost = isinstance(decoded, p.Delta) and self._counted in self.missing
            if lost:
                self.mirror.stale = True  # as a delta that does not apply
            if lost or not self.mirror.take(decoded):
                assert self.missing, f"an update that does not apply: {decoded}"
                if self.mirror.stale and not stale:
                    self._rid += 1
                    await self._socket.send_bytes(p.encode(p.Resync(self._rid)))
                return decoded
            decoded = Updated(self.mirror.view, self.mirror.status)
            self.updates.append(decoded)
            if decoded.view.over and self.ended_at is None:
                self.ended_at = len(self.received) - 1
        return decoded

    async def update(self) -> Updated:
        """The next update (the view it leaves the seat with)."""
        while not isinstance(message := await self._read(), Updated):
            pass
        return message

    async def until(self, test, *, timeout: float = 30) -> Updated:
        """Read updates until one whose view and status pass ``test`` (the last one read may already)."""
        async with asyncio.timeout(timeout):
            if self.updates and test(self.updates[-1]):
                return self.updates[-1]
            while not test(update := await self.update()):
                pass
            return update

    async def ask(self, make) -> p.Ack | p.Refused:
        """Send ``make(rid)`` and read until its answer (the updates before it are read and kept)."""
        self._rid += 1
        rid = self._rid
        await self._socket.send_bytes(p.encode(make(rid)))
        while True:
            message = await self._read()
            if isinstance(message, p.Ack | p.Refused) and message.rid == rid:
                return message


class Processes:
    """Processes a test starts, each killed by its PID when the test ends, passed or failed."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen] = []

    def start(self, *args: str, cwd: Path) -> subprocess.Popen:
        """``wargame ARGS`` (as ``python -m game``)."""
        return self.spawn([sys.executable, "-m", "game", *args], cwd=cwd)

    def spawn(self, argv: list[str], *, cwd: Path) -> subprocess.Popen:
        process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        self.started.append(process)
        return process

    def host(self, *args: str, cwd: Path, port: int) -> tuple[subprocess.Popen, dict[str, Link]]:
        """``wargame host ARGS --port PORT``, and the links it printed (role -> link, game 1)."""
        process = self.start("host", *args, "--port", str(port), cwd=cwd)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
        links: dict[str, Link] = {}
        while "facilitator" not in links:
            try:
                role, url = lines.get(timeout=60).split()
            except queue.Empty:
                raise AssertionError("the host printed no links within a minute") from None
            links[role] = parse_link(url)
        return process, links

    def kill_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
            process.wait()
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()


def free_port() -> int:
    """A port nothing listens on now (a restarted host must come back on the same one)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
