"""Texts a hostile student (or scenario author) would write, and how to tell they stayed data on screen.

Shared by the TUI's hostile-text tests: the hot-seat app, a joined seat's app
and the networked facilitator's console.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from hypothesis import strategies as st
from textual.app import App
from textual.pilot import Pilot
from textual.widgets._toast import Toast

from game.safe_text import control_character, printable

ISSUE = ("[/]", "x [/bold]", "[link=file:///etc/passwd]click[/]", "[@click=screen.pause]>>> CLICK HERE <<<[/]",
         "[@click=app.quit]bye[/]", "Re: [URGENT] meet")
"""The texts of issue 17, each of which once crashed or steered the screen that showed it."""
FRAGMENTS = (*ISSUE, "[", "]", "[b]", "[$accent]", "[on red]", "\\[", "[@click=app.bell]", "[@click=app.quit]",
             "[link=https://example.com]", "[/link]", "\u200b", "\u2060", "*", "_", "`", "#", "|", "<b>", "&amp;",
             "supercalifragilisticexpialidocious" * 4, " ", "\n")
CONTROLS = ("\x1b[2J", "\x1b]0;owned\x07", "\x07", "\r", "\u202e", "\x85")
"""Escape codes and bidi overrides: refused in what a player sends (the host closes the link), so they are
tried only where texts are shown, not sent."""


def hostile_texts(*, controls: bool = False, max_size: int = 6) -> st.SearchStrategy[str]:
    """Texts made of markup-looking fragments, long words and (with ``controls``) escape codes."""
    sendable = st.characters(blacklist_categories=("Cc", "Cs"))
    letters = st.text(max_size=12) if controls else \
        st.text(sendable, max_size=12).filter(lambda text: not control_character(text))
    pieces = st.sampled_from(FRAGMENTS + (CONTROLS if controls else ())) | letters
    return st.lists(pieces, min_size=1, max_size=max_size).map("".join).filter(lambda text: text.strip())


def squashed(text: str) -> str:
    """``text`` without white space: a pane wraps long texts wherever it must."""
    return "".join(text.split())


def shows(shown: str, text: str) -> bool:
    """Whether ``shown`` (what a screen holds) has ``text`` literally, as printable() makes it visible."""
    return squashed(printable(text, multiline=True)) in squashed(shown)


def toasts(app: App) -> str:
    """The notifications on the app's screen (the app must run with ``notifications=True``)."""
    with app._context():  # two apps may share the test's task: render as this one
        return "\n".join(str(toast.render()) for toast in app.screen.query(Toast))


def bound_actions(app: App) -> list[str]:
    """Every action or link a click on the app's screen as drawn now would run: a text that stayed data binds none."""
    found = []
    with app._context():  # two apps may share the test's task: render as this one
        strips = app.screen._compositor.render_strips()
    for strip in strips:
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            if style.link:
                found.append(f"link {style.link}")
            if "@click" in (style.meta or {}):
                found.append(f"@click {style.meta['@click']}")
    return found


@asynccontextmanager
async def running(app: App, size: tuple[int, int] = (120, 40)) -> AsyncIterator[Pilot]:
    """``app`` under a pilot, notifications shown, in a task of its own: two apps run in one task share
    Textual's context, and the first to close breaks the other."""
    up, done = asyncio.Event(), asyncio.Event()
    pilots: list[Pilot] = []

    async def run() -> None:
        async with app.run_test(size=size, notifications=True) as pilot:
            pilots.append(pilot)
            up.set()
            await done.wait()

    task = asyncio.create_task(run())
    await asyncio.wait({task, asyncio.create_task(up.wait())}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        task.result()
    try:
        yield pilots[0]
    finally:
        done.set()
        await task
