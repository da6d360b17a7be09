"""The one unlock policy: when the facilitator's view of a game asks for the passphrase, and in what words.

On a shared keyboard (or a shared folder of saves) any student could open an
unfinished game in facilitator mode, or replay it as any seat, and read every
seat's secrets. So every way to the facilitator's view of a game -- the TUI's
facilitator mode and replay, ``--plain``'s play, load and replay, the
command line's ``replay``, ``report``, ``diff`` and ``run --resume``, a
what-if -- asks :func:`asks` first, and nothing else decides it: a game with
a lock asks for its passphrase until it is over (a finished game's replay and
debrief are meant for the class). A networked game's facilitator holds the
facilitator's link instead, which is its key.

A what-if keeps its original game's lock (same passphrase), said when it is
set up; one made from a game with no lock gets a new passphrase, shown once,
when people play in it (``game.desk.setup``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.lock import Lock

FACILITATOR_MODE = "This game is locked: facilitator mode shows every seat's secrets."
REPLAY = ("This game is not over: its replay, as any seat, shows what the seats keep from each other. "
          "The facilitator's passphrase opens it.")
WITHOUT = "Without the passphrase the game goes on with each seat's own screens."
"""What happens when facilitator mode is not unlocked: the game is played, each seat on its own screens."""
WRONG = "That is not this game's passphrase."


def asks(lock: Lock | None, over: bool) -> bool:
    """Whether the facilitator's view of a game asks for the passphrase now: it has a lock and is unfinished."""
    return lock is not None and not over


def passphrase_hint(game) -> str:
    """Which passphrase opens ``game`` (a session or a save's header), in a person's words."""
    parent = getattr(game, "parent", None)
    if parent is None:
        return "the passphrase set (or shown) when this game was set up"
    original = f"\u201c{parent.name}\u201d" if parent.name else "the original game"
    return (f"a what-if opens with the passphrase of {original}, the game it comes from "
            "(or the one shown when the what-if was set up, if that game had none)")


def opens(lock: Lock | None, passphrase: str) -> bool:
    """Whether ``passphrase`` opens ``lock`` (no lock: anything does)."""
    return lock is None or lock.opens_with(passphrase)
