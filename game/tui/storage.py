"""The app's one door to save files: every call blocks, so screens make them from thread workers.

It wraps :mod:`game.saves` so that screens deal in sessions and paths only,
and so that a build without saves degrades to a clear message instead of a
crash at import time.
"""

from __future__ import annotations

from pathlib import Path

from game.errors import WargameError
from game.session import Session


def _saves():
    try:
        import game.saves as saves
    except ImportError:
        raise WargameError("saving is not available in this build (game.saves is missing)") from None
    return saves


def autosave(session: Session, folder: Path) -> Path:
    return Path(_saves().autosave(session, folder))


def save_as(session: Session, path: Path, *, force: bool = False) -> Path:
    _saves().save_session(session, path, force=force)
    return path


def list_saves(folder: Path) -> list:
    """Every save in ``folder``, damaged ones included (they carry their reason)."""
    return list(_saves().list_saves(folder)) if folder.is_dir() else []


def latest(folder: Path):
    """The newest undamaged save in ``folder``, or None."""
    good = [summary for summary in list_saves(folder) if not summary.damaged]
    return max(good, key=lambda summary: summary.date, default=None)


def restore(path: Path) -> tuple[object, Session]:
    """Load and replay a save: the saved game, and a session at its last turn."""
    saves = _saves()
    saved = saves.load_save(path)
    return saved, saves.restore_session(saved)


def branch(saved: object, at: int) -> Session:
    """A new game that starts from ``saved`` after ``at`` turns."""
    return _saves().branch_session(saved, at)
