"""The app's one door to save files: every call blocks, so screens make them from thread workers.

Screens deal in sessions and paths; this module is where they meet
:mod:`game.saves`. It is imported lazily so the first frame never waits for it.
"""

from __future__ import annotations

from pathlib import Path

from game.errors import WargameError
from game.private_files import private_folder
from game.saves import (
    SaveConflict,
    SaveError,
    SaveFile,
    SaveSummary,
    autosave,
    list_saves,
    load_save,
    restore_session,
)
from game.saves.files import SUFFIX
from game.saves_folder import slug
from game.session import Session

__all__ = ["SaveConflict", "SaveFile", "SaveSummary", "branch", "keep", "latest", "list_saves", "restore",
           "save_as", "save_path"]


def keep(session: Session, folder: Path, path: Path | None) -> SaveFile:
    """Keep ``session`` saved from now on: in ``path`` (the file it was loaded from), else its autosave."""
    return autosave(session, folder) if path is None else SaveFile.own(session, path)


def save_path(folder: Path, name: str) -> Path:
    """Where "Save as" puts a game named ``name``: a file named after it."""
    return folder / f"{slug(name)}{SUFFIX}"


def save_as(session: Session, name: str, path: Path, kept: SaveFile | None, *, force: bool = False) -> SaveFile:
    """Go on keeping ``session`` in ``path`` under ``name``, as a document editor's Save as does.

    The file kept so far (``kept``) is let go as it was, old name included; the new one is written
    whole and then appended to. Replacing another game's save is refused (:class:`SaveConflict`)
    unless ``force``; on any failure the session keeps its old name, and the caller keeps it again
    in ``kept.path``.
    """
    old_name = session.name
    if kept is not None:
        kept.release()
    try:
        private_folder(path.parent)
        session.rename(name)  # no file attached now: only the new one holds the new name
        return SaveFile.own(session, path, force=force)
    except OSError as error:
        failure: Exception = SaveError(str(path.parent), f"cannot create the folder: {error.strerror}")
    except WargameError as error:
        failure = error
    session.rename(old_name)
    raise failure


def latest(folder: Path) -> SaveSummary | None:
    """The most recently written save in ``folder`` that can be opened, or None."""
    return next((summary for summary in list_saves(folder) if not summary.damaged), None)


def restore(path: Path) -> Session:
    """Load and replay a save: the game as it stood after its last saved turn."""
    return restore_session(load_save(path))


def branch(session: Session, at: int, path: Path | None) -> Session:
    """A new game holding the first ``at`` turns of ``session`` (saved at ``path``, if it was)."""
    return session.branch(at, file=path.name if path else "")
