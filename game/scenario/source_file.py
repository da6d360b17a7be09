"""Reading a scenario file's text: bounded, with one clear line for every way it can fail.

Shared by the loader and by the header reader (``header.py``), which must not
import the loader: the title screen lists scenarios before the rule machinery loads.
"""

from __future__ import annotations

from pathlib import Path

from game.errors import ScenarioError

MAX_BYTES = 2_000_000


def read_text(path: Path) -> str:
    """The UTF-8 text of the file at ``path``; raises :class:`ScenarioError` if it cannot be had."""
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except FileNotFoundError:
        raise ScenarioError([f"{path}: no such file"]) from None
    except IsADirectoryError:
        raise ScenarioError([f"{path}: is a folder, not a scenario file"]) from None
    except OSError as error:
        raise ScenarioError([f"{path}: cannot read: {error.strerror}"]) from None
    if data is None:
        raise ScenarioError([f"{path}:1: larger than {MAX_BYTES:,} bytes (is this a scenario file?)"])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ScenarioError([f"{path}:{line}: not UTF-8 text (save the file as UTF-8)"]) from None
