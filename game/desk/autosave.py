"""Keeping a game saved as it goes, and the one way a failed save is handled.

A game at one screen is kept in its save from the moment it starts: the file
it was loaded from, else its own autosave in the saves folder. Every event
the session accepts is appended before the session changes (``SaveFile``);
if that fails (a full disk, a folder gone), the event is refused, so it is
given again without the save: the game goes on unsaved, and the player is
told once, in the same words in every front end, that Save as keeps it.
Each call blocks (a file is written): the TUI makes them from a thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from game.desk import storage
from game.errors import WargameError
from game.session import Session

T = TypeVar("T")


def failed(error: Exception) -> str:
    """What a player is told when the save cannot follow the game."""
    return f"Autosave failed: {error}. The game goes on unsaved: use Save as."


class Autosave:
    """The save ``session`` is kept in: ``path`` (where it was loaded from) or its autosave in ``folder``."""

    def __init__(self, session: Session, folder: Path, path: Path | None = None) -> None:
        self.session, self.folder = session, folder
        self.path = path
        """Where the game is saved (None: nowhere yet)."""
        self._kept: storage.SaveFile | None = None

    @property
    def saving(self) -> bool:
        return self._kept is not None

    def start(self) -> str:
        """Keep the game in its save from now on: "" once it is, else what to tell the player."""
        try:
            self._kept = storage.keep(self.session, self.folder, self.path)
        except WargameError as error:
            return failed(error)
        self.path = self._kept.path
        return ""

    def accept(self, change: Callable[..., T], *args: Any) -> tuple[T, str]:
        """Make a change to the session (its save appends it first); if the save refuses it, let the save go
        and make the change unsaved. The change's result, and what to tell the player ("" when all is well)."""
        try:
            return change(*args), ""
        except storage.SaveError as error:
            self.let_go()
            return change(*args), failed(error)

    def save_as(self, name: str, path: Path, *, force: bool = False) -> None:
        """Go on in ``path`` under ``name`` (see ``storage.save_as``); on failure the game is kept where it was.

        Raises ``SaveConflict`` (another game's file: ask, then again with ``force``) or ``WargameError``.
        """
        kept, self._kept = self._kept, None
        try:
            self._kept = storage.save_as(self.session, name, path, kept, force=force)
        except WargameError:
            if kept is not None:
                self.start()  # back in the file it was kept in
            raise
        self.path = path

    def let_go(self) -> None:
        """Stop keeping the save (the game ends, is left, or its save failed); ``path`` still says where it is."""
        if self._kept is not None:
            self._kept.release()
            self.path, self._kept = self._kept.path, None
