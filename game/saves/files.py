"""Save files on disk: bounded reads, one-off writes, autosaves and listings.

Writing never loses data: it is atomic (``game.atomic``), it never replaces
another game's save, or turns of this game that the session lacks, unless
forced, and it holds the save's lock while it writes (``ownership``). A game
being played keeps its save with a :class:`~game.saves.journal_file.SaveFile`,
which appends each event instead of rewriting the file.

Reading never changes the file and never trusts its size: anything that is
not a regular file, or is larger than ``MAX_SAVE_BYTES``, is refused before
a byte of it is read.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from game.decoding import EARLIEST, LATEST
from game.file_reading import Refused, read_bounded
from game.players.registry import controller_label
from game.private_files import private_folder
from game.safe_text import printable
from game.saves.codec import decode_game
from game.saves.journal_file import MAX_SAVE_BYTES, SaveFile, write_session
from game.saves.ownership import SaveLock
from game.saves.records import SavedGame, SaveError, SaveSummary
from game.saves.replay import verify
from game.session import Session

SUFFIX = ".wgsave"
DEFAULT_FOLDER = "saves"


def load_save(path: str | os.PathLike[str]) -> SavedGame:
    """Read and check a save file, replaying it; raises :class:`SaveError` (one line naming the file) and nothing else.

    Checks the frames, the checksums, the format version, the structure of
    every field and the embedded scenario (through the normal loader), then
    replays every event through play's own checks, the open turn's included
    (``replay.verify``; :class:`SaveDiverged` names the first turn that
    differs). Every command reads saves here, so a save one refuses, all
    refuse, with the same line. A torn last frame (a write a crash cut off) is
    left out (``SavedGame.dropped``).
    """
    return verify(read_save(path))


def read_save(path: str | os.PathLike[str]) -> SavedGame:
    """A save file read and its structure checked, *not* replayed: for showing a diverging save up to
    the turn that diverges. Everything else reads with :func:`load_save`."""
    path = Path(path)
    return decode_game(_read_bounded(path), os.fsdecode(path), path)


def _read_bounded(path: Path) -> bytes:
    try:
        return read_bounded(path, MAX_SAVE_BYTES)
    except Refused as refused:
        raise SaveError(os.fsdecode(path), refused.reason) from None


def save_session(session: Session, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write ``session`` to ``path`` once, atomically, and return the path (a copy, a branch, save-as).

    Without ``force`` it refuses (:class:`SaveConflict`) to replace a file
    that is not a save of this same game, or one whose turns this session
    does not all contain (that would lose turns: branch instead). Raises
    :class:`SaveError` if another process owns the file; either way the file
    at ``path`` is unchanged.
    """
    path = Path(path)
    lock = SaveLock.acquire(path)
    try:
        write_session(session, path, force=force)
    finally:
        lock.release()
    return path


def autosave_path(session: Session, folder: str | os.PathLike[str] = DEFAULT_FOLDER) -> Path:
    """The session's own autosave file: the same path for every turn of one game."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", session.scenario.id)[:60].strip(".-") or "game"
    return Path(folder) / f"{stem}-{session.created:%Y%m%d-%H%M%S}-{session.game_id[:6]}{SUFFIX}"


def autosave(session: Session, folder: str | os.PathLike[str] = DEFAULT_FOLDER) -> SaveFile:
    """Keep ``session`` in its own autosave file in ``folder`` (created if missing) from now on."""
    path = autosave_path(session, folder)
    try:
        private_folder(path.parent)
    except OSError as error:
        raise SaveError(str(path.parent), f"cannot create the folder: {error.strerror}") from None
    return SaveFile.own(session, path)


def list_saves(folder: str | os.PathLike[str] = DEFAULT_FOLDER) -> list[SaveSummary]:
    """Every ``*.wgsave`` in ``folder``, newest first; a file that cannot load is listed as damaged.

    Never raises for a bad file, and returns ``[]`` for a missing folder. It
    checks what :func:`load_save` checks, and changes nothing in the folder.
    """
    try:
        paths = sorted(p for p in Path(folder).iterdir() if p.suffix == SUFFIX and not p.name.startswith("."))
    except OSError:
        return []
    summaries = [_summary(path) for path in paths]
    return sorted(summaries, key=lambda s: s.updated, reverse=True)


def _summary(path: Path) -> SaveSummary:
    try:
        game = load_save(path)
    except SaveError as error:
        return SaveSummary(path, printable(path.stem), _modified(path), damaged=error.reason)
    return SaveSummary(path, game.name or printable(path.stem), game.updated, game_id=game.game_id,
                       scenario_id=game.scenario_id, title=game.title, played=game.played,
                       turns=game.scenario.turns, over=game.over, controllers=game.controllers,
                       created=game.created, parent=game.parent, locked=game.lock is not None,
                       played_by=tuple((game.scenario.actor_name(seat), controller_label(controller, game.scenario))
                                       for seat, controller in game.controllers.items()),
                       dropped=game.dropped)


def _modified(path: Path) -> datetime.datetime:
    """When the file was last changed, as far as can be shown (a file's time may be anything at all)."""
    try:
        return min(max(datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.UTC), EARLIEST), LATEST)
    except (OSError, OverflowError, ValueError):
        return EARLIEST
