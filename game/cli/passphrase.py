"""Asking for the facilitator's passphrase on the command line: from a file, or at a terminal's prompt.

Commands that show the facilitator's view of an unfinished game with a lock
(``replay``, ``run --resume``, ``report``, ``diff``) call :func:`unlock`
first. Scripts give ``--passphrase-file FILE`` (its first line); a person at
a terminal is asked, without echo. Without either, or with a wrong one, the
command stops in one line before it shows anything.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from game.errors import WargameError

MAX_FILE = 64 * 1024
"""Largest passphrase file read (its first line is the passphrase)."""


def add_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="the facilitator's passphrase (first line of FILE), for an unfinished game "
                             "that has one; at a terminal you are asked instead")


def unlock(lock, over: bool, args: argparse.Namespace, what: str) -> None:
    """Return if the facilitator may see ``what`` (a save, named in messages); else raise one line.

    Whether to ask is the one unlock policy's (``game.desk.unlock.asks``), as in the TUI and plain mode."""
    from game.desk.unlock import asks

    if not asks(lock, over):
        return
    passphrase = _given(args, what)
    if not lock.opens_with(passphrase):
        raise WargameError(f"{what}: wrong facilitator passphrase")


def _given(args: argparse.Namespace, what: str) -> str:
    if args.passphrase_file is not None:
        from game.file_reading import Refused, read_bounded

        try:  # a regular file only: a FIFO would wait for a writer for ever, /dev/zero never end
            text = read_bounded(Path(args.passphrase_file), MAX_FILE).decode("utf-8")
        except Refused as refused:
            raise WargameError(f"{args.passphrase_file}: cannot read the passphrase: {refused.reason}") from None
        except UnicodeDecodeError:
            raise WargameError(f"{args.passphrase_file}: cannot read the passphrase: not UTF-8 text") from None
        return text.splitlines()[0] if text else ""
    if sys.stdin.isatty():
        try:
            return getpass.getpass(f"Facilitator passphrase for {what}: ")
        except EOFError:
            pass
    raise WargameError(f"{what}: this unfinished game is locked with the facilitator's passphrase: "
                       "give --passphrase-file FILE (a finished game is open to all)")
