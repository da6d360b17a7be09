"""The links a host hands out: one unguessable token per seat of each game, and one for its facilitator.

A link is ``http://HOST:PORT/GAME/ROLE/TOKEN``: the game's number on the
host, the seat's id (or ``facilitator``) and a token of 32 URL-safe
characters from :func:`secrets.token_urlsafe` (192 bits). The number and
the role are not secret; the token is, and it is compared in constant time
(:func:`hmac.compare_digest`), so timing tells nothing of it. Tokens are
kept in the host's journal, so a restarted host honours every link it
printed. The seat's websocket is the link with ``/ws`` appended.

A host also hands out one class link, ``http://HOST:PORT/class/TOKEN``: the
teacher's console of every game it serves (``game/net/classroom.py``). Its
token also opens any game's own console as ``/GAME/class/TOKEN``, a link of
its own (so the teacher looking at a table never takes over the screen of
that table's facilitator). A scenario cannot have a seat called ``class``.
"""

from __future__ import annotations

import hmac
import re
import secrets
import urllib.parse

from attrs import frozen

from game.engine.log import FACILITATOR
from game.errors import WargameError

__all__ = ["CLASS", "FACILITATOR", "LINK_VARIABLE", "ROLE", "TOKEN", "Link", "base_url", "new_token", "parse_link",
           "same_token"]

CLASS = "class"
"""The role of the class link (game 0: the whole class), and of its link to one game's console."""

LINK_VARIABLE = "HORIZON_JOIN_URL"
"""Where ``wargame join`` reads its link when none is given: how the browser pages pass it (never on a
command line, where other users of the machine could read it)."""
TOKEN_BYTES = 24
"""192 bits of randomness: 32 characters in a URL."""
ROLE = re.compile(r"[A-Za-z0-9_.-]{1,64}\Z")
"""What a link's role may be: a seat's id (the loader's rule for ids) or ``facilitator``."""
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}\Z")
"""What a link's token is: what :func:`new_token` makes (the host's journal is checked against it too)."""
GAME = re.compile(r"[1-9][0-9]{0,8}\Z")
"""What a link's game number is: ASCII digits, few enough for ``int`` (a 5,000-digit one was a traceback,
``str.isdigit`` let other scripts' digits through)."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def same_token(expected: str, given: str) -> bool:
    """Whether ``given`` is ``expected``, in time that depends on neither's content."""
    return hmac.compare_digest(expected.encode(), given.encode())


@frozen
class Link:
    """Where one seat (or the facilitator) of one game is reached on a host."""

    base: str
    """``http://HOST:PORT``."""
    game: int
    role: str
    token: str

    @property
    def url(self) -> str:
        if self.whole_class:
            return f"{self.base}/{CLASS}/{self.token}"
        return f"{self.base}/{self.game}/{self.role}/{self.token}"

    @property
    def whole_class(self) -> bool:
        """The class link: the console of every game (``/class/TOKEN``)."""
        return self.game == 0 and self.role == CLASS

    def table(self, game: int) -> Link:
        """From the class link: its link to game ``game``'s own console."""
        return Link(self.base, game, CLASS, self.token)

    @property
    def websocket(self) -> str:
        return "ws" + self.url.removeprefix("http") + "/ws"

    def on(self, base: str) -> Link:
        """The same link served from another address (the browser pages' port)."""
        return Link(base, self.game, self.role, self.token)


def base_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def parse_link(url: str) -> Link:
    """The link a user gave (``wargame join URL``); one-line :class:`WargameError` if it is not one."""
    parts = urllib.parse.urlsplit(url.strip())
    pieces = parts.path.strip("/").split("/")
    shape = "a link looks like http://HOST:PORT/GAME/SEAT/TOKEN, as `wargame host` printed it"
    if parts.scheme not in ("http", "ws") or not parts.hostname or parts.query or parts.fragment:
        raise WargameError(f"not a Horizon link: {url!r} ({shape})")
    if len(pieces) == 2 and pieces[0] == CLASS and TOKEN.match(pieces[1]):
        pieces = ["0", CLASS, pieces[1]]
    elif len(pieces) != 3 or not GAME.match(pieces[0]) or not ROLE.match(pieces[1]) or not TOKEN.match(pieces[2]):
        raise WargameError(f"not a Horizon link: {url!r} ({shape})")
    try:
        port = parts.port or 80
    except ValueError:
        raise WargameError(f"not a Horizon link: {url!r} (the port is not a number)") from None
    return Link(base_url(parts.hostname, port), int(pieces[0]), pieces[1], pieces[2])
