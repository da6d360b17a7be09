"""Replacing a file so that no crash, kill or full disk ever leaves it half written: the project's one writer.

Saves, debriefs and reports are all written here. The new content goes to a
hidden temporary file beside the destination, is flushed and fsynced, then
renamed over it in one step, and the folder is fsynced so the rename itself
survives a power cut. At every instant the path holds either the complete
old file or the complete new one.

Only a regular file is ever replaced (:func:`check_target`): renaming over a
device node such as ``/dev/null``, a FIFO, a socket or a folder would destroy
something Horizon did not make (as root, ``/dev/null`` for the whole
machine), so those are refused in one line naming them. Writing through a
symbolic link updates the link's target (the link stays a link).

A writer killed mid-way leaves its temporary file behind. Its name carries
a mark that is Horizon's alone and an owner record,
``.NAME.horizon-PID-XXXXXXXX.tmp``, and a live writer holds an ``flock`` on
it for as long as it writes. A later Horizon writer into the same folder
removes it (:func:`clean_stale`) only when it can prove the owner is dead:
the name is exactly Horizon's, the file is a regular file of this user, its
process no longer exists and nobody holds its lock. Nothing else is ever
removed, and reading or listing a folder removes nothing at all.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import secrets
import stat
from pathlib import Path

from game.errors import FileError
from game.file_reading import kind_of
from game.private_files import FILE_MODE

_TEMPORARY = re.compile(r"\A\..+\.horizon-(?P<pid>[1-9][0-9]{0,9})-[0-9a-f]{8}\.tmp\Z")
"""A temporary file of Horizon's one writer: ``.NAME.horizon-PID-XXXXXXXX.tmp``."""


def target(path: str | os.PathLike[str]) -> Path:
    """Where writing ``path`` really goes: the final target of a symbolic link, else the path itself."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def check_target(path: str | os.PathLike[str]) -> Path:
    """Refuse, in one line naming ``path``, a destination that is there and is not a regular file.

    Links are followed: a link to a regular file (or to nothing yet) may be
    written, a link to a device may not. Returns where writing goes
    (:func:`target`). Raises :class:`FileError`.
    """
    written = target(path)
    try:
        info = os.stat(written)
    except FileNotFoundError:
        if not written.parent.is_dir():
            raise FileError(os.fsdecode(path), f"no such folder {os.fsdecode(written.parent)!r}") from None
        return written
    except OSError as error:
        raise FileError(os.fsdecode(path), f"cannot write: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise FileError(os.fsdecode(path), f"{kind_of(info.st_mode)}: refusing to write over it")
    return written


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace ``path`` (a link's target) by ``data`` so a crash at any moment leaves the old or the new file whole.

    Returns the path written. Raises :class:`FileError` (one line naming
    ``path``) if it cannot be written or is not a regular file; the old file
    is then as it was.
    """
    written = check_target(path)
    clean_stale(written.parent)
    mode = _mode_of(written)
    descriptor, temporary = _create_temporary(written, path)
    try:
        with os.fdopen(descriptor, "wb") as file:
            os.chmod(temporary, FILE_MODE if mode is None else mode)  # new: 0600 whatever the umask
            _write_all(file, data)
            file.flush()
            os.fsync(file.fileno())
            check_target(path)  # once more: something else may have appeared there meanwhile
            os.replace(temporary, written)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise FileError(os.fsdecode(path), f"cannot write: {error.strerror or error}") from None
        raise
    sync_folder(written.parent)
    return written


def clean_stale(folder: str | os.PathLike[str]) -> None:
    """Remove the temporary files dead Horizon writers left in ``folder``, and nothing else.

    Only a writer calls this (never a listing): see the module's docstring
    for what proves a file is a dead writer's.
    """
    try:
        entries = [entry for entry in os.scandir(folder) if _TEMPORARY.match(entry.name)]
    except OSError:
        return
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or _alive(entry.name):
                continue
            descriptor = os.open(entry.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            opened = os.fstat(descriptor)
            if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
                continue  # replaced since we looked
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(entry.path)
        except OSError:
            pass  # a live writer holds it, or it has gone already
        finally:
            os.close(descriptor)


def _alive(name: str) -> bool:
    """Whether the process a temporary file's name records may still exist (its owner may be writing)."""
    pid = int(_TEMPORARY.match(name)["pid"])
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError as error:
        return error.errno != errno.ESRCH  # EPERM: it exists, as another user
    return True


def _mode_of(path: Path) -> int | None:
    """The permissions of the file being replaced, which its replacement keeps (None: a new file, made 0600)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _create_temporary(path: Path, named: str | os.PathLike[str]) -> tuple[int, Path]:
    """A new hidden file beside ``path``, marked as Horizon's and this process's, locked at once; readable by
    this account only (``chmod`` then gives it the old file's mode)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    while True:
        temporary = path.with_name(f".{path.name}.horizon-{os.getpid()}-{secrets.token_hex(4)}.tmp")
        try:
            descriptor = os.open(temporary, flags, FILE_MODE)  # what Horizon writes may hold secrets
        except FileExistsError:
            continue
        except OSError as error:
            raise FileError(os.fsdecode(named), f"cannot write: {error.strerror}") from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError:
            pass  # a file system without locks: the owner record in the name still protects it
        return descriptor, temporary


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
