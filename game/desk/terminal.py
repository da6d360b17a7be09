"""The app runs only where someone can use it: a terminal, or a browser page (textual-serve's driver).

Textual busy-loops when its standard input reaches end of file (Textual PR
#6690): an app started from a script, over ``ssh -T`` or with a pipe for
input would spin at a third of a core and show nobody anything. So the
commands that open the app check first, and say what to do instead.
"""

from __future__ import annotations

import os
import sys

from game.errors import WargameError

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""The driver textual-serve (and ``wargame host --web``) runs the app with: its input is the page's."""


def require_terminal(command: str) -> None:
    """Raise :class:`WargameError` unless standard input and output are a terminal (or the web driver's)."""
    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        headless = " (or play a seat headless: wargame join URL --policy NAME)" if command == "join" else ""
        raise WargameError(f"needs a terminal: standard input and output must be one{headless}")
