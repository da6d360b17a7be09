"""Reading a file a user pointed at without trusting it: regular files only, never past a bound.

A scenario or a save may be a FIFO (opening it would wait for a writer for
ever), a device such as /dev/zero (reading it never ends), a folder, or far
larger than any real one. The file is opened without blocking, checked to be
a regular file, and read up to a bound whatever its size claims, so a hostile
path costs neither time nor memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in a few words (``os.stat``'s ``st_mode``)."""
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISCHR(mode):
        return "is a character device, not a regular file"
    if stat.S_ISBLK(mode):
        return "is a block device, not a regular file"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (a named pipe), not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


class Refused(Exception):
    """The file cannot be read as asked; ``reason`` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``; :class:`Refused` if it is not one or holds more than ``limit``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)  # non-blocking: opening a FIFO must not hang
    except FileNotFoundError:
        raise Refused("no such file") from None
    except IsADirectoryError:
        raise Refused("is a folder, not a file") from None
    except OSError as error:
        raise Refused(f"cannot read: {error.strerror}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(kind_of(info.st_mode))
        if info.st_size > limit:
            raise Refused(f"larger than {limit:,} bytes")
        with os.fdopen(os.dup(descriptor), "rb") as file:
            data = file.read(limit + 1)  # the file may have grown since fstat
    except OSError as error:
        raise Refused(f"cannot read: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise Refused(f"larger than {limit:,} bytes")
    return data
