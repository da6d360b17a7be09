"""Writing the commands' output files: atomically, with user errors in one line.

A file is written beside its destination under a temporary name and renamed
over it, so a crash or a full disk never leaves a half-written report or
replaces a good one with a broken one.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from game.errors import WargameError


def check_writable(path: str | Path) -> None:
    """Refuse, before any long work, a destination that cannot be written."""
    path = Path(path)
    if path.is_dir():
        raise WargameError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise WargameError(f"{path}: no such folder {str(path.parent)!r}")
    if not os.access(path.parent, os.W_OK):
        raise WargameError(f"{path}: cannot write in {str(path.parent)!r}")


def write_text_atomically(path: str | Path, text: str) -> None:
    path = Path(path)
    check_writable(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "x", encoding="utf-8") as file:  # "x": the umask's permissions, never clobbers
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise WargameError(f"{path}: cannot write: {error.strerror or error}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
