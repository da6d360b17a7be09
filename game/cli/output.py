"""Standard output that shows data harmlessly and fails in one line (a full disk, a reader gone).

Every command but ``play`` writes through :class:`GuardedOutput`, which
passes each write through ``safe_text.printable`` (line breaks kept): a
name, a file name, a rationale or a scenario's text can never steer the
terminal, whichever line of a command prints it. (``play`` draws its own
screen; plain mode's console makes its lines printable itself.)

A failed write (``> /dev/full``, ``| head`` gone) would end a command with a
traceback, or with "Exception ignored" at exit: it becomes
:class:`OutputFailed` (a user error: one line, exit 2), so only a failure of
standard output itself is reported this way; any other ``OSError`` stays what
it is.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TextIO

from game.errors import WargameError
from game.safe_text import printable


class OutputFailed(WargameError):
    """Standard output could not take what a command wrote."""

    def __init__(self, error: OSError) -> None:
        if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
            why = "standard output was closed before everything was written"
        else:
            why = f"cannot write to standard output: {error.strerror or error}"
        super().__init__(why)


class GuardedOutput:
    """A text stream passing everything to ``stream`` (made printable if ``shown``), a failed write or
    flush raised as :class:`OutputFailed`."""

    def __init__(self, stream: TextIO, *, shown: bool) -> None:
        self._stream = stream
        self._shown = shown

    def write(self, text: str) -> int:
        try:
            self._stream.write(printable(text, multiline=True) if self._shown else text)
            return len(text)
        except OSError as error:
            raise OutputFailed(error) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputFailed(error) from None

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def guard_stdout(*, shown: bool = True) -> GuardedOutput | None:
    """Put :class:`GuardedOutput` in front of ``sys.stdout``; returns it (None if there is no stdout)."""
    if sys.stdout is None or isinstance(sys.stdout, GuardedOutput):
        return None
    guarded = GuardedOutput(sys.stdout, shown=shown)
    sys.stdout = guarded
    return guarded


def unguard_stdout(guarded: GuardedOutput | None) -> None:
    """Flush and put the original stream back (raises :class:`OutputFailed` if the flush fails)."""
    if guarded is None:
        return
    try:
        guarded.flush()
    finally:
        sys.stdout = guarded._stream


def silence_stdout() -> None:
    """After a failure: point the process's own standard output at the null device, so the
    interpreter's last flush at exit finds nowhere to fail (the data is lost either way)."""
    if sys.stdout is not sys.__stdout__ or sys.stdout is None:
        return  # a test's captured stream, not the process's
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass
