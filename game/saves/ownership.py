"""One writer per save: an exclusive lock beside the file for as long as a process owns it.

Two processes appending to one save would each think the other's turns were
never played, and one of them would lose its game. So whoever writes a save
(``wargame run --save``, a game in the terminal app, the host) first takes an
advisory ``flock`` on a hidden lock file beside it, ``.NAME.lock``, and keeps
it until it lets the game go; a second writer is refused at once, in one
line, before it plays a turn. The lock is on the link's target when the
save is reached through a symbolic link, so two links to one file share one
lock. A lock file left by a killed process holds no lock and is simply taken
again. A file at the lock's name that is not a Horizon lock (not a regular
file, or holding something other than its owner record) is never truncated
or removed: the save is refused in one line instead, as is a save that is
not a regular file (``atomic.check_target``), before any lock is made.
"""

from __future__ import annotations

import datetime
import errno
import fcntl
import os
import re
import stat
from pathlib import Path

from game.atomic import check_target
from game.errors import FileError
from game.private_files import FILE_MODE
from game.saves.records import SaveError

_RECORD = re.compile(rb"\A(?:[0-9]{1,10} [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\n)?\Z")
"""What a Horizon lock file holds: nothing yet, or its owner's process id and since when."""


def lock_path(save: Path) -> Path:
    """The lock file of a save (already resolved to its target)."""
    return save.with_name(f".{save.name}.lock")


class SaveLock:
    """This process's hold on one save file; :meth:`release` lets it go."""

    def __init__(self, save: Path, descriptor: int) -> None:
        self.save = save
        """The save's real path (a link's target)."""
        self._descriptor: int | None = descriptor

    @classmethod
    def acquire(cls, path: str | os.PathLike[str]) -> SaveLock:
        """Own the save at ``path``, or raise :class:`SaveError` saying who does."""
        try:
            save = check_target(path)
        except FileError as error:
            raise SaveError(error.file, error.reason) from None
        where = lock_path(save)
        flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
        while True:
            try:
                descriptor = os.open(where, flags, FILE_MODE)
            except OSError as error:
                raise SaveError(os.fsdecode(path), f"cannot lock it for writing: {error.strerror}") from None
            if not _is_lock_file(descriptor):
                os.close(descriptor)
                raise SaveError(os.fsdecode(path), f"cannot lock it for writing: {os.fsdecode(where.name)} beside "
                                                   "it is not a Horizon lock file (move it away)")
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                holder = _holder(descriptor)
                os.close(descriptor)
                if error.errno in (errno.EWOULDBLOCK, errno.EACCES, errno.EAGAIN):
                    raise SaveError(os.fsdecode(path), f"is in use by another Horizon{holder}: close that game first "
                                               "(or save this one under another name)") from None
                raise SaveError(os.fsdecode(path), f"cannot lock it for writing: {error.strerror}") from None
            if _same_file(descriptor, where):  # not unlinked by a releasing owner meanwhile
                break
            os.close(descriptor)
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()} {datetime.datetime.now():%Y-%m-%d %H:%M}\n".encode())
        return cls(save, descriptor)

    def release(self) -> None:
        """Let the save go (the lock file is removed while still held, so no waiter takes a dead one)."""
        if self._descriptor is None:
            return
        try:
            lock_path(self.save).unlink(missing_ok=True)
        except OSError:
            pass
        os.close(self._descriptor)
        self._descriptor = None


def _is_lock_file(descriptor: int) -> bool:
    """Whether the open lock file is one Horizon made: a regular file holding at most its owner record."""
    try:
        info = os.fstat(descriptor)
        return stat.S_ISREG(info.st_mode) and info.st_size <= 64 and bool(_RECORD.match(os.pread(descriptor, 64, 0)))
    except OSError:
        return False


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        mine, now = os.fstat(descriptor), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _holder(descriptor: int) -> str:
    """" (process 123 since 2026-01-05 10:02)", from what the owner wrote in the lock file, if readable."""
    try:
        pid, _, since = os.pread(descriptor, 100, 0).decode().strip().partition(" ")
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid} since {since})" if pid.isdigit() and since else ""
