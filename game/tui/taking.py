"""A form that hands what it built to the game and stays up, saying why, when the game refuses it.

The argue, counter and act forms all ``take`` their answer through a door of
the session or the host (which may refuse it, or raise on a value it cannot
build); while one is on its way the form's submit key does nothing
(``taking``), and a refusal is shown under the form as text, never markup.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.screen import Screen
from textual.widgets import Static

from game.errors import WargameError
from game.tui.text import shown


async def taken(form: Screen, attempt: Callable[[], Awaitable[str]], problem: str) -> bool:
    """Run ``attempt`` (it returns "" once taken, else why not) with ``form.taking`` set; a refusal is shown in
    the ``problem`` widget (a selector). Whether it was taken."""
    form.taking = True
    try:
        refused = await attempt()
    except WargameError as error:
        refused = str(error)
    finally:
        form.taking = False
    if refused:
        said = form.query_one(problem, Static)
        said.update(shown(refused, multiline=True))
        said.scroll_visible()
    return not refused
