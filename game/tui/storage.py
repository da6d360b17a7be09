"""The app's one door to save files: every call blocks, so screens make them from thread workers.

Screens deal in sessions and paths; this module is where they meet
:mod:`game.saves`. It is imported lazily so the first frame never waits for it.
"""

from __future__ import annotations

from pathlib import Path

from game.saves import (
    SaveConflict,
    SaveError,
    SaveFile,
    SaveSummary,
    autosave,
    list_saves,
    load_save,
    restore_session,
    save_session,
)
from game.session import Session

__all__ = ["SaveConflict", "SaveFile", "SaveSummary", "branch", "keep", "latest", "list_saves", "restore",
           "save_as"]


def keep(session: Session, folder: Path, path: Path | None) -> SaveFile:
    """Keep ``session`` saved from now on: in ``path`` (the file it was loaded from), else its autosave."""
    return autosave(session, folder) if path is None else SaveFile.own(session, path)


def save_as(session: Session, path: Path, *, force: bool = False) -> None:
    """Save ``session`` at ``path``, making its folder if missing; refuses to replace another game
    (:class:`SaveConflict`) unless ``force``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SaveError(str(path.parent), f"cannot create the folder: {error.strerror}") from None
    save_session(session, path, force=force)


def latest(folder: Path) -> SaveSummary | None:
    """The most recently written save in ``folder`` that can be opened, or None."""
    return next((summary for summary in list_saves(folder) if not summary.damaged), None)


def restore(path: Path) -> Session:
    """Load and replay a save: the game as it stood after its last saved turn."""
    return restore_session(load_save(path))


def branch(session: Session, at: int, path: Path | None) -> Session:
    """A new game holding the first ``at`` turns of ``session`` (saved at ``path``, if it was)."""
    return session.branch(at, file=path.name if path else "")
