"""Replacing a file so that no crash, kill or full disk ever leaves it half written.

The new content is written beside the old file under a hidden temporary
name, flushed and fsynced, then renamed over it in one step (and the folder
fsynced, so the rename itself survives a power cut). At every instant the
path holds either the complete old file or the complete new one. A writer
killed mid-way leaves at most a hidden ``.NAME.*.tmp`` file, safe to delete;
a failed write removes its own.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from game.saves.records import SaveError


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` so that a crash at any moment leaves the old or the new file whole."""
    mode = _mode_of(path)
    descriptor, temporary = _create_temporary(path)
    try:
        with os.fdopen(descriptor, "wb") as file:
            if mode is not None:
                os.chmod(temporary, mode)
            _write_all(file, data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise SaveError(str(path), f"cannot write: {error.strerror or error}") from None
        raise
    _sync_folder(path.parent)


def _mode_of(path: Path) -> int | None:
    """The permissions of the file being replaced, which its replacement keeps (None: a new file)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new hidden file beside ``path``, created with the umask's permissions."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise SaveError(str(path), f"cannot write: {error.strerror}") from None


def _write_all(file, data: bytes) -> None:
    """The one place bytes reach the disk (tests slow it down to kill a writer mid-save)."""
    file.write(data)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems cannot open folders, and lose only durability."""
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
