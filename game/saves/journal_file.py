"""A save this process owns: locked, written whole once, then appended to event by event.

:meth:`SaveFile.own` takes the save's lock, checks it may replace what is
there (only a save of the same game, whose turns the session all holds),
writes the session's compacted journal atomically, and attaches itself to
the session as a sink. From then on every event the session accepts is
appended as one frame and ``fdatasync``ed before the session changes, so the
cost of saving a turn is that turn's bytes, however long the game, and an
acknowledged event is on disk. A write that fails (a full disk) takes its
partial frame back off the file, refuses the event, and says which turn was
the last saved.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.atomic import target, write_atomically
from game.errors import FileError
from game.journal import Event, TurnResolved
from game.saves import format2
from game.saves.ownership import SaveLock
from game.saves.records import SaveConflict, SaveError
from game.session import Session, utc_now

MAX_SAVE_BYTES = 16 * 1024 * 1024
"""Largest save read or written. A 10,000-turn game (the loader's most) of three seats takes
about 2 MB beside its scenario text; the limit also bounds the memory a hostile file can make
the decoder spend (about 170 MB for 16 MiB of the smallest msgpack objects)."""


class SaveFile:
    """The sink that keeps one session's save file: see the module's docstring."""

    def __init__(self, session: Session, path: Path, lock: SaveLock, data: bytes) -> None:
        self.session = session
        self.path = path
        """The save as it was named (a link stays a link; the lock and the bytes go to its target)."""
        self._lock = lock
        self._chain = format2.Chain(data)
        self._size = len(data)
        self._saved = len(session.turns)
        self._broken = False
        try:
            self._descriptor = os.open(lock.save, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        except OSError as error:
            lock.release()
            raise SaveError(str(path), f"cannot write: {error.strerror}") from None

    @classmethod
    def own(cls, session: Session, path: str | os.PathLike[str], *, force: bool = False) -> SaveFile:
        """Take the save at ``path`` for ``session`` and keep it until :meth:`release`.

        Without ``force`` it refuses (:class:`SaveConflict`) to replace a file
        that is not a save of this game, or one holding turns the session
        lacks (branch instead). Raises :class:`SaveError` if another process
        owns the save or it cannot be written; the file is then unchanged.
        """
        path = Path(path)
        lock = SaveLock.acquire(path)
        try:
            data = write_session(session, path, force=force)
        except BaseException:
            lock.release()
            raise
        sink = cls(session, path, lock, data)
        session.attach(sink)
        return sink

    def accept(self, event: Event) -> None:
        """Append ``event`` and make it durable, or raise :class:`SaveError` (the file then as it was)."""
        if self._broken:
            raise self._failure("an earlier write could not be taken back")
        frame, chain = self._chain.frame(format2.event_payload(event, utc_now()))
        if self._size + len(frame) > MAX_SAVE_BYTES:
            raise self._failure(f"the save would grow past {MAX_SAVE_BYTES // 2**20} MiB (save it under "
                                "another name to compact it)")
        try:
            _append(self._descriptor, frame)
            os.fdatasync(self._descriptor)
        except OSError as error:
            self._take_back()
            raise self._failure(error.strerror or str(error)) from None
        self._chain, self._size = chain, self._size + len(frame)
        if isinstance(event, TurnResolved):
            self._saved = event.turn

    def release(self) -> None:
        """Stop saving the session here and let the file go (its content stays as it is)."""
        self.session.detach(self)
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None
        self._lock.release()

    def _take_back(self) -> None:
        try:
            os.ftruncate(self._descriptor, self._size)
        except OSError:
            self._broken = True

    def _failure(self, why: str) -> SaveError:
        saved = f"turns 1 to {self._saved} are saved" if self._saved else "no turn is saved in it yet"
        return SaveError(str(self.path), f"cannot write: {why} ({saved}; what came after was not accepted)")


def write_session(session: Session, path: Path, *, force: bool = False) -> bytes:
    """Write ``session``'s compacted journal over ``path`` atomically (the caller holds its lock); the bytes."""
    if not session.scenario.origin.text:
        raise SaveError(str(path), "cannot save a game whose scenario was not read from a file or text")
    data = format2.encode_file(session.scenario, session.header, session.events(), utc_now())
    if len(data) > MAX_SAVE_BYTES:
        raise SaveError(str(path), f"this game would take {len(data):,} bytes, more than a save may hold")
    if not force:
        _guard_overwrite(path, session)
    try:
        write_atomically(path, data)
    except FileError as error:
        raise SaveError(error.file, error.reason) from None
    return data


def _guard_overwrite(path: Path, session: Session) -> None:
    from game.saves.files import load_save

    if not os.path.lexists(target(path)):  # nothing there yet (a link may point to a file still to come)
        return
    if path.is_dir():
        raise SaveError(str(path), "is a folder: give a file name")
    try:
        existing = load_save(path)
    except SaveError as error:
        raise SaveConflict(str(path), f"exists and is not a save this Horizon can read ({error.reason}): "
                                      "refusing to replace it") from None
    if existing.game_id != session.game_id:
        what = f"{existing.name or existing.title!r}, {existing.played} turns"
        raise SaveConflict(str(path), f"holds another game ({what}): refusing to replace it")
    mine = tuple(record.event() for record in session.turns[: existing.played])
    if mine != existing.turns:
        raise SaveConflict(str(path), "holds turns of this game that this session lacks: refusing to drop "
                                      "them (branch the game instead)")


def _append(descriptor: int, frame: bytes) -> None:
    """The one place frames reach the disk (tests make it fail, or kill a writer inside it)."""
    view = memoryview(frame)
    while view:
        view = view[os.write(descriptor, view):]
