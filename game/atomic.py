"""Replacing a file so that no crash, kill or full disk ever leaves it half written: the project's one writer.

Saves, debriefs and reports are all written here. The new content goes to a
hidden temporary file beside the destination (``.NAME.XXXXXXXX.tmp``), is
flushed and fsynced, then renamed over it in one step, and the folder is
fsynced so the rename itself survives a power cut. At every instant the path
holds either the complete old file or the complete new one.

Writing through a symbolic link updates the link's target (the link stays a
link). A writer killed mid-way leaves its temporary file behind; those are
cleaned when the folder is next written or listed (:func:`clean_stale`),
but only those older than this process and not locked: a live writer holds
an ``flock`` on its temporary file for as long as it writes it.
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import stat
import time
from pathlib import Path

from game.errors import FileError
from game.private_files import FILE_MODE

STARTED = time.time()
"""When this process began: a temporary file older than that is no write of ours in progress."""
_TEMPORARY = re.compile(r"\A\..+\.[0-9a-f]{8}\.tmp\Z")


def target(path: str | os.PathLike[str]) -> Path:
    """Where writing ``path`` really goes: the final target of a symbolic link, else the path itself."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace ``path`` (a link's target) by ``data`` so a crash at any moment leaves the old or the new file whole.

    Returns the path written. Raises :class:`FileError` (one line naming
    ``path``) if it cannot be written; the old file is then as it was.
    """
    written = target(path)
    clean_stale(written.parent)
    mode = _mode_of(written)
    descriptor, temporary = _create_temporary(written, path)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        with os.fdopen(descriptor, "wb") as file:
            os.chmod(temporary, FILE_MODE if mode is None else mode)  # new: 0600 whatever the umask
            _write_all(file, data)
            file.flush()
            os.fsync(file.fileno())
            os.replace(temporary, written)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise FileError(str(path), f"cannot write: {error.strerror or error}") from None
        raise
    sync_folder(written.parent)
    return written


def clean_stale(folder: str | os.PathLike[str]) -> None:
    """Delete hidden temporary files a killed writer left in ``folder``: older than this process, not locked."""
    try:
        names = [entry for entry in os.scandir(folder) if _TEMPORARY.match(entry.name)]
    except OSError:
        return
    for entry in names:
        try:
            if entry.stat(follow_symlinks=False).st_mtime >= STARTED or not entry.is_file(follow_symlinks=False):
                continue
            descriptor = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(entry.path)
        except OSError:
            pass  # a live writer holds it, or it has gone already
        finally:
            os.close(descriptor)


def _mode_of(path: Path) -> int | None:
    """The permissions of the file being replaced, which its replacement keeps (None: a new file, made 0600)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _create_temporary(path: Path, named: str | os.PathLike[str]) -> tuple[int, Path]:
    """A new hidden file beside ``path``, readable by this account only (``chmod`` gives it the old file's mode)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, 0o600), temporary  # what Horizon writes may hold secrets
        except FileExistsError:
            continue
        except OSError as error:
            raise FileError(str(named), f"cannot write: {error.strerror}") from None


def _write_all(file, data: bytes) -> None:
    """The one place whole files reach the disk (tests slow it down to kill a writer mid-save)."""
    file.write(data)


def sync_folder(folder: Path) -> None:
    """Make a rename or a new file's name durable; some systems cannot open folders, and lose only durability."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
