"""Hosts and seats for the networked-play tests: in this process, or as real processes killed by PID."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

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
