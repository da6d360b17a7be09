"""``wargame host --web PORT``: each link as a browser page running the seat's own terminal app.

textual-serve draws a Textual app in a page, one process per tab, but as a
server it has no authentication, builds a shell command, and copies its
whole environment into every app process. So only its parts are used, behind
our own routes: the page (its template, without the web fonts it fetches
from the internet, so it works offline), its static files, and its
``AppService`` with the process started differently. A tab's websocket is
admitted only with the link's token (checked before anything starts); the
process is ``python -m game join`` run directly (no shell), with a minimal
environment whose ``HORIZON_JOIN_URL`` carries the link, so the token
appears in no command line, and it dies with the host (``lifetime.py``). That process is an ordinary seat: it connects
to the host like any terminal and holds only its seat's view.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import secrets
import string
import sys
from collections.abc import Callable
from pathlib import Path

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

import game
from game.desk.terminal import WEB_DRIVER
from game.net.classroom import Classroom
from game.net.hosted_game import HostedGame
from game.net.lifetime import HOST_PID
from game.net.links import CLASS, LINK_VARIABLE, Link
from game.net.server import CLASS_PATH, GAME, LINK_PATH, ROLE, admitted, admitted_class, canonical_path
from game.safe_text import printable

STATIC = Path(textual_serve.__file__).parent / "static"
PAGE = string.Template((Path(__file__).parent / "page.html").read_text(encoding="utf-8"))
TABS_PER_LINK = 4
"""Browser tabs (each a process of some 35 MB) one link may have open at once."""
STOP_WAIT = 5.0
"""Seconds a tab's process has to quit after its page closes, before it is killed."""


class SeatTab(AppService):
    """textual-serve's app service, starting ``python -m game join`` without a shell or the host's environment."""

    def __init__(self, link: Link, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.link = link

    async def _open_app_process(self, width: int = 80, height: int = 24):
        environment = {
            "TEXTUAL_DRIVER": WEB_DRIVER, "TEXTUAL_FPS": "60", "TEXTUAL_COLOR_SYSTEM": "truecolor",
            "TERM_PROGRAM": "textual", "COLUMNS": str(width), "ROWS": str(height), "LANG": "C.UTF-8",
            "PYTHONPATH": str(Path(game.__file__).parent.parent), LINK_VARIABLE: self.link.url,
            HOST_PID: str(os.getpid()),
        }
        self._process = process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "game", "join", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment, cwd=os.getcwd())
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Ask the app to quit; kill it if it has not within ``STOP_WAIT`` (a stuck app can spin)."""
        try:
            await asyncio.wait_for(super().stop(), STOP_WAIT)
        except (TimeoutError, ConnectionError, RuntimeError):
            pass
        process = self._process
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()


class Pages:
    """The web port's routes; ``links`` gives the link of a game's role on the game port."""

    def __init__(self, games: dict[int, HostedGame], links: Callable[[int, str], Link],
                 classroom: Classroom | None = None) -> None:
        self.games, self.links, self.classroom = games, links, classroom
        """``links(game, role)``: the link on the game port (game 0, role ``class``: the class link)."""
        self.tabs: dict[tuple[int, str], set[SeatTab]] = {}
        self.downloads = DownloadManager()
        self.app = web.Application()
        self.app.add_routes([web.get(LINK_PATH, self.page), web.get(LINK_PATH + "/ws", self.websocket),
                             web.get(CLASS_PATH, self.class_page), web.get(CLASS_PATH + "/ws", self.class_websocket),
                             web.static("/static", STATIC)])
        self.app.on_shutdown.append(self._close_tabs)

    def page_url(self, request: web.Request, base: str | None) -> str | None:
        """The link's page on ``base`` (the web port's, or ``--public-url``), from the route's own parts."""
        return f"{base}{canonical_path(request)}" if base else None

    async def page(self, request: web.Request) -> web.Response:
        game = admitted(self.games, request)
        info = request.match_info
        scenario = game.session.scenario
        name = scenario.actors[info[ROLE]].name if info[ROLE] in scenario.seats else "Facilitator"
        return _page(name, up="../../")  # LINK_PATH: three segments

    async def class_page(self, request: web.Request) -> web.Response:
        admitted_class(self.classroom, request)
        return _page(f"{self.classroom.scenario.title}: the class console", up="../")  # CLASS_PATH: two

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        admitted(self.games, request)
        info = request.match_info
        return await self._tab(request, (int(info[GAME]), info[ROLE]))

    async def class_websocket(self, request: web.Request) -> web.WebSocketResponse:
        admitted_class(self.classroom, request)
        return await self._tab(request, (0, CLASS))

    async def _tab(self, request: web.Request, key: tuple[int, str]) -> web.WebSocketResponse:
        """A tab's terminal: ``wargame join`` of the link ``key`` names, its keys and screen relayed."""
        open_tabs = self.tabs.setdefault(key, set())
        if len(open_tabs) >= TABS_PER_LINK:
            raise web.HTTPTooManyRequests(text=f"at most {TABS_PER_LINK} tabs per link")
        socket = web.WebSocketResponse(heartbeat=15)
        await socket.prepare(request)
        tab = SeatTab(self.links(*key), write_bytes=socket.send_bytes, write_str=socket.send_str,
                      close=socket.close, download_manager=self.downloads)
        open_tabs.add(tab)
        try:
            await tab.start(_size(request, "width", 80), _size(request, "height", 24))
            await _relay(socket, tab)
        finally:
            open_tabs.discard(tab)
            await tab.stop()
        return socket

    async def _close_tabs(self, app: web.Application) -> None:
        await asyncio.gather(*(tab.stop() for tabs in self.tabs.values() for tab in list(tabs)))


HOST = secrets.token_hex(8)
"""This host process, in each page and its X-Horizon-Host header: a page whose session ended tells a host
started again (reload now) from the same host still there (the player left: stay)."""


def _page(name: str, up: str) -> web.Response:
    """The page of a link ``up`` (``../`` a segment) below the root: its static files are found relative to
    it, so that a proxy's path prefix (--public-url https://…/games) reaches them too
    (/games/1/us/TOKEN -> /games/static/)."""
    title = html.escape(printable(f"Horizon \u00b7 {name}"))  # the page's websocket: from its own address
    text = PAGE.substitute(static=f"{up}static/", title=title, host=HOST)
    return web.Response(text=text, content_type="text/html", headers={"Cache-Control": "no-store",
                                                                        "Referrer-Policy": "no-referrer",
                                                                        "X-Horizon-Host": HOST})


async def _relay(socket: web.WebSocketResponse, tab: SeatTab) -> None:
    """The page's keys, resizes and focus to the app (as textual-serve's own server does)."""
    async for message in socket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            kind, *rest = json.loads(message.data)
        except (ValueError, TypeError):
            break
        if kind == "stdin" and rest and isinstance(rest[0], str):
            await tab.send_bytes(rest[0].encode("utf-8"))
        elif kind == "resize" and rest and isinstance(rest[0], dict):
            await tab.set_terminal_size(_bounded(rest[0].get("width"), 80), _bounded(rest[0].get("height"), 24))
        elif kind == "ping" and rest:
            await socket.send_json(["pong", rest[0]])
        elif kind == "blur":
            await tab.blur()
        elif kind == "focus":
            await tab.focus()


def _size(request: web.Request, name: str, default: int) -> int:
    try:
        return _bounded(int(request.query.get(name, default)), default)
    except ValueError:
        return default


def _bounded(value, default: int) -> int:
    return value if isinstance(value, int) and 10 <= value <= 1000 else default
