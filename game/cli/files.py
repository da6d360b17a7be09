"""Writing the commands' output files: atomically, with user errors in one line.

Files are written by the project's one atomic writer, so a crash or a full
disk never leaves a half-written report or replaces a good one with a broken one.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.atomic import check_target, write_atomically
from game.errors import WargameError


def check_writable(path: str | Path) -> None:
    """Refuse, before any long work, a destination that cannot be written (or is not a regular file)."""
    path = Path(path)
    check_target(path)  # also: no such folder
    if not os.access(path.parent, os.W_OK):
        raise WargameError(f"{path}: cannot write in {str(path.parent)!r}")


def write_text_atomically(path: str | Path, text: str) -> None:
    """Write a command's output file whole or not at all (``game.atomic``), after checking the destination."""
    check_writable(path)
    write_atomically(path, text.encode())
