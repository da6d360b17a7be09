"""Author texts as they may reach a terminal: no control characters, newlines only where allowed.

Labels, briefings and event texts are printed by ``run`` and ``replay`` and
drawn by the TUI. TOML lets an author (or whoever wrote the file) put any
character in a string through escapes such as ``\\u001b``: an escape sequence
could clear the screen, retitle the window or move the cursor and overwrite
what a player reads. So every author text loses its control characters when
the scenario loads: tabs and, in one-line texts, line breaks become spaces;
everything else (escape, carriage return, bell, DEL, the C1 controls, the
bidirectional overrides that reorder what is shown, a stray byte-order mark)
is removed. Texts that may span lines keep their line breaks.
"""

from __future__ import annotations

import re

_REMOVED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACED = re.compile("[\t\u2028\u2029]")


def control_character(text: str) -> str | None:
    """The first character of ``text`` that must never reach a terminal (line breaks and tabs aside), or None.

    For texts that are refused rather than cleaned: a save's own texts (which
    Horizon never writes with one) and what a player types.
    """
    found = _REMOVED.search(text)
    return found.group() if found else None


def clean(text: str, *, multiline: bool) -> str:
    """``text`` without control characters; line breaks kept only if ``multiline``."""
    text = text.replace("\r\n", "\n")
    if not multiline:
        text = text.replace("\n", " ")
    return _SPACED.sub(" ", _REMOVED.sub("", text))
