"""Files that hold secrets are private: created for this account only, whatever the umask.

A host journal holds every seat's token and every secret of its games; a save
or a debrief holds the seats' hidden objectives, orders and rationales. On a
shared server the usual umask (022) would let every account read them. So
Horizon creates its files 0600 (the one writer, :mod:`game.atomic`, and the
journal and lock files) and its new folders 0700; a folder or file that
already exists keeps the permissions its owner gave it, and an existing
journal or save that others can read gets a warning (:func:`exposed`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` and its missing parents 0700; raises OSError as ``mkdir`` does. An existing one is kept."""
    path = Path(path)
    missing = []
    while not os.path.lexists(path) and path != path.parent:
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs to keep as it is
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode passes through the umask
    return Path(*missing[:1]) if missing else path


def create_private(path: str | os.PathLike[str]) -> bool:
    """Create ``path`` empty and 0600 if nothing is there (True), before another library opens it to write."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    except FileExistsError:
        return False
    try:
        os.fchmod(descriptor, FILE_MODE)
    finally:
        os.close(descriptor)
    return True


def exposed(path: str | os.PathLike[str], what: str) -> str | None:
    """A one-line warning if other accounts may read ``path`` (a ``what``: "journal", "save"), else None."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None
    if not mode & 0o077:
        return None
    return (f"warning: {path}: this {what} holds secrets and other accounts may read it (mode {mode:04o}); "
            f"chmod 600 it")
