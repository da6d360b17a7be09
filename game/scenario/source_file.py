"""Reading a scenario file's text: regular files only, bounded (``game.file_reading``), one clear
line for every way it can fail.

Shared by the loader and by the header reader (``header.py``), which must not
import the loader: the title screen lists scenarios before the rule machinery loads.
"""

from __future__ import annotations

from pathlib import Path

from game.errors import ScenarioError
from game.file_reading import Refused, read_bounded

MAX_BYTES = 2_000_000


def read_text(path: Path) -> str:
    """The UTF-8 text of the file at ``path``; raises :class:`ScenarioError` if it cannot be had."""
    try:
        data = read_bounded(path, MAX_BYTES)
    except Refused as refused:
        hint = " (is this a scenario file?)" if refused.reason.startswith(("larger", "is not")) else ""
        raise ScenarioError([f"{path}: {refused.reason}{hint}"]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ScenarioError([f"{path}:{line}: not UTF-8 text (save the file as UTF-8)"]) from None
