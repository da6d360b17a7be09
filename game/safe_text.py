"""Text that may reach a terminal: control characters kept out of stored texts, and shown harmlessly.

A leaf module (the standard library only), so the engine, the scenario
loader, the saves and every front end share one definition of what is unsafe.

Two moments, two functions:

- **On the way in** (a scenario's texts as it loads; a save's, a player's or a
  journal's texts, which are refused rather than cleaned):
  :func:`control_character` finds the first character that must never reach
  a terminal, and :func:`clean` removes them. TOML lets an author put any
  character in a string through escapes such as ``\\u001b``: an escape
  sequence could clear the screen, retitle the window or move the cursor and
  overwrite what a player reads.
- **On the way out** (anything shown that came from data: file names, typed
  input echoed back, names in listings, values of a scenario's expressions):
  :func:`printable` makes every invisible or terminal-steering character
  visible instead (``␛`` for escape, ``⟨U+202E⟩`` for a bidi override), so
  nothing reorders, hides or rewrites what is on screen, and nothing is
  silently lost either.
"""

from __future__ import annotations

import re

_REMOVED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACED = re.compile("[\t\u2028\u2029]")
_SHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
                    "\u2028-\u202e\u2060-\u206f\u3164\ud800-\udfff\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
                    "\U000e0000-\U000e0fff]")
"""Characters with no visible form of their own, or that steer a terminal or reorder text: C0 and C1
controls, DEL, zero-width and joiner characters, bidirectional marks and overrides, line and
paragraph separators, invisible fillers, variation selectors, tags; and lone surrogates (a file
name's bytes that are not UTF-8, as Python reads them), which no terminal can be sent."""


def control_character(text: str) -> str | None:
    """The first character of ``text`` that must never reach a terminal (line breaks and tabs aside), or None.

    For texts that are refused rather than cleaned: a save's own texts (which
    Horizon never writes with one) and what a player types.
    """
    found = _REMOVED.search(text)
    return found.group() if found else None


def clean(text: str, *, multiline: bool) -> str:
    """``text`` without control characters; line breaks kept only if ``multiline``.

    Lone surrogates (a file name's bytes that are not UTF-8, as Python reads
    them) become U+FFFD, so the text can be stored and sent as UTF-8.
    """
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n")
    if not multiline:
        text = text.replace("\n", " ")
    return _SPACED.sub(" ", _REMOVED.sub("", text))


def printable(text: str, *, multiline: bool = False) -> str:
    """``text`` as it may be shown: every invisible or steering character made visible, nothing removed.

    A tab becomes a space; a line break stays when ``multiline`` and is shown
    as ``␤`` otherwise; the other C0 controls and DEL as their control
    pictures (``␛``, ``␡``); every other character of ``_SHOWN`` as
    ``⟨U+XXXX⟩``. Text without any of them is returned as it is (the usual case, and fast).
    """
    if _SHOWN.search(text) is None:
        return text
    return _SHOWN.sub(lambda found: _visible(found.group(), multiline), text)


def _visible(char: str, multiline: bool) -> str:
    code = ord(char)
    if char == "\n":
        return "\n" if multiline else "\u2424"
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\u27e8U+{code:04X}\u27e9"
