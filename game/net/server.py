"""The host's HTTP side (aiohttp): each link's websocket, and a short page for a link opened in a browser.

Every route begins by checking the link's token against the journal's, in
constant time; a wrong or missing one gets the same bare 404 as a path that
does not exist, and nothing else happens (no peer, no process, no log line
with the token: the access log is off). Then the bounds of ``limits.py``:
websockets open at once (503), openings of one link (429), requests and messages of one
link (refused; a connection that keeps on is closed); every refusal answered a second late.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable

from aiohttp import WSCloseCode, WSMsgType, web

from game.net import limits
from game.net import protocol as p
from game.net.classroom import Classroom
from game.net.hosted_game import HostedGame
from game.net.links import CLASS, FACILITATOR
from game.net.peer import Peer

GAME, ROLE, TOKEN = "game", "role", "token"
LINK_PATH = r"/{game:[1-9][0-9]{0,8}}/{role:[A-Za-z0-9_.-]{1,64}}/{token:[A-Za-z0-9_-]{32}}"
"""ASCII digits only (``\\d`` would take ``١`` or ``１``), no leading zero: one spelling of each link."""
CLASS_PATH = f"/{CLASS}" + r"/{token:[A-Za-z0-9_-]{32}}"
"""The class link's path: the console of every game."""
HEARTBEAT = 20.0
"""Seconds between pings: a seat whose network vanished is noticed as gone within about this long."""


def canonical_path(request: web.Request) -> str:
    """The link's path as the host prints it: ``/GAME/ROLE/TOKEN`` (the class link's ``/class/TOKEN``)."""
    info = request.match_info
    if GAME not in info:
        return f"/{CLASS}/{info[TOKEN]}"
    return f"/{info[GAME]}/{info[ROLE]}/{info[TOKEN]}"


def admitted_class(classroom: Classroom | None, request: web.Request) -> Classroom:
    """The class, if this is its link as printed, or the same bare 404 as any wrong link."""
    raw = request.raw_path.partition("?")[0]
    if raw not in (canonical_path(request), canonical_path(request) + "/ws"):
        raise web.HTTPNotFound()
    if classroom is None or not classroom.admits(request.match_info[TOKEN]):
        raise web.HTTPNotFound()
    return classroom


def admitted(games: dict[int, HostedGame], request: web.Request) -> HostedGame:
    """The game whose link this is, or a bare 404 (the same for every wrong part).

    Only the link as printed is one: a path spelled otherwise (``/%31/`` for ``/1/``) is a 404 too, never
    a redirect to the game it would decode to."""
    info = request.match_info
    raw = request.raw_path.partition("?")[0]
    if raw not in (canonical_path(request), canonical_path(request) + "/ws"):
        raise web.HTTPNotFound()
    game = games.get(int(info[GAME]))
    if game is None or not game.admits(info[ROLE], info[TOKEN]):
        raise web.HTTPNotFound()
    return game


def link_app(games: dict[int, HostedGame], page_for: Callable[[web.Request], str | None],
             base: Callable[[], str], classroom: Classroom | None = None) -> web.Application:
    """The routes of the game port; ``page_for`` gives a link's browser page, if pages are served; ``base``
    the links' own ``http://HOST:PORT`` (never a request header's); ``classroom`` serves the class link."""
    class_links = 1 + len(games) if classroom is not None else 0
    most = limits.sockets_for(sum(len(game.tokens) for game in games.values()) + class_links)
    openings: dict[tuple[int, str], limits.Bucket] = {}
    requests: dict[tuple[int, str], limits.Bucket] = {}
    """Per link, whichever connection makes them: opening the link again gives no fresh allowance."""
    sockets = 0
    open_sockets: set[web.WebSocketResponse] = set()
    """Closed when the host stops: a connected seat would otherwise hold the shutdown until its heartbeat
    lapsed (about half a minute, in which Ctrl-C seemed to do nothing)."""

    async def websocket(request: web.Request) -> web.WebSocketResponse:
        game = admitted(games, request)
        return await _open(request, game, game.number, request.match_info[ROLE])

    async def class_websocket(request: web.Request) -> web.WebSocketResponse:
        return await _open(request, admitted_class(classroom, request), 0, CLASS)

    async def _open(request: web.Request, room: HostedGame | Classroom, number: int,
                    role: str) -> web.WebSocketResponse:
        nonlocal sockets
        if sockets >= most:
            raise web.HTTPServiceUnavailable(text="The host has too many connections open: try again shortly.")
        bucket = openings.setdefault((number, role), limits.Bucket(limits.OPENINGS, 1 / limits.OPENING_EVERY))
        if not bucket.take():
            raise web.HTTPTooManyRequests(text="This link was opened too often: try again shortly.")
        socket = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=p.MAX_REQUEST)
        sockets += 1
        open_sockets.add(socket)
        try:
            await socket.prepare(request)
            await _serve(room, role, socket, requests.setdefault(
                (number, role), limits.Bucket(limits.REQUESTS, limits.REQUESTS_PER_SECOND)))
        finally:
            sockets -= 1
            open_sockets.discard(socket)
        return socket

    async def close_sockets(_app: web.Application) -> None:
        for socket in list(open_sockets):
            await socket.close(code=WSCloseCode.GOING_AWAY, message=b"the host is stopping")

    async def opened_in_browser(request: web.Request) -> web.Response:
        admitted(games, request)
        return _in_browser(request)

    async def class_in_browser(request: web.Request) -> web.Response:
        admitted_class(classroom, request)
        return _in_browser(request)

    def _in_browser(request: web.Request) -> web.Response:
        page = page_for(request)
        if page is not None:
            raise web.HTTPFound(page)
        url = html.escape(base() + canonical_path(request))
        return web.Response(content_type="text/html", text=(
            "<!DOCTYPE html><title>Horizon</title><p>This is a Horizon seat's link. Open it in a terminal:</p>"
            f"<pre>wargame join {url}</pre><p>(The host was started without <code>--web</code>, so it serves "
            "no browser page.)</p>"))

    app = web.Application(client_max_size=p.MAX_REQUEST, middlewares=[_slow_refusals()])
    app.add_routes([web.get(LINK_PATH + "/ws", websocket), web.get(LINK_PATH, opened_in_browser),
                    web.get(CLASS_PATH + "/ws", class_websocket), web.get(CLASS_PATH, class_in_browser)])
    app.on_shutdown.append(close_sockets)
    return app


def _slow_refusals():
    """A refusal (a wrong link, a link opened too often, too many connections) is answered after
    ``limits.REFUSAL_DELAY`` seconds: a client knocking in a loop then waits between knocks instead of
    spending the host's time on handshakes (at most ``limits.SLOWED`` at once are held; more are answered
    at once). No seat's own client ever knocks so: it waits longer and longer between tries."""
    held = 0

    @web.middleware
    async def slow(request: web.Request, handler):
        nonlocal held
        try:
            return await handler(request)
        except web.HTTPException as refusal:
            if refusal.status in (404, 429, 503) and held < limits.SLOWED:
                held += 1
                try:
                    await asyncio.sleep(limits.REFUSAL_DELAY)
                finally:
                    held -= 1
            raise
    return slow


async def _serve(room: HostedGame | Classroom, role: str, socket: web.WebSocketResponse,
                 requests: limits.Bucket) -> None:
    """Serve one open websocket of ``role`` until it closes (or the seat is taken over, or floods): a game's
    seat or facilitator, the class console's link to one game (acting as its facilitator), or the class;
    ``requests`` is the link's allowance, whichever of its connections spends it."""
    peer = Peer(FACILITATOR if role == CLASS else role, socket.send_bytes, socket.close, link=role)
    refused = 0
    await room.connect(peer)
    try:
        async for message in socket:
            if message.type != WSMsgType.BINARY:
                break
            try:
                parsed = p.decode_request(message.data)
            except p.UnknownRequest as error:
                peer.reply(p.encode(p.Refused(error.rid, str(error))))
                continue
            except p.ProtocolError as error:
                await socket.close(code=1003, message=str(error)[:120].encode())
                break
            if not requests.take():
                refused += 1
                if refused >= limits.CLOSE_AFTER:
                    await socket.close(code=1008, message=b"too many requests")
                    break
                peer.reply(p.encode(p.Refused(parsed.rid, "too many requests: wait a moment and try again")))
                continue
            refused = 0
            await room.request(peer, parsed)
    finally:
        await room.disconnect(peer)
