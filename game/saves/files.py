"""Save files on disk: bounded reads, the overwrite guard, autosaves and listings.

Writing never loses data: it is atomic (``atomic.py``), and it never replaces
another game's save, or turns of this game that the session lacks, unless
forced.

Reading never changes the file and never trusts its size: anything that is
not a regular file, or is larger than ``MAX_SAVE_BYTES``, is refused before
a byte of it is read.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from pathlib import Path

from attrs import frozen

from game.saves.atomic import write_atomically
from game.saves.codec import decode_game, encode_game
from game.saves.records import SaveConflict, SavedGame, SaveError, SaveSummary
from game.session import Session

MAX_SAVE_BYTES = 16 * 1024 * 1024
"""Largest save read or written. A 10,000-turn game (the loader's most) of three seats takes
about 2 MB beside its scenario text; the limit also bounds the memory a hostile file can make
the decoder spend (about 170 MB for 16 MiB of the smallest msgpack objects)."""
SUFFIX = ".wgsave"
DEFAULT_FOLDER = "saves"


def load_save(path: str | os.PathLike[str]) -> SavedGame:
    """Read and check a save file; raises :class:`SaveError` (one line naming the file) and nothing else.

    Checks the frame, the checksum, the format version, the structure of
    every field and the embedded scenario (through the normal loader). It
    does not replay the game: :func:`restore_session` does, checking every
    state hash.
    """
    path = Path(path)
    return decode_game(_read_bounded(path), str(path), path)


def _read_bounded(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)  # non-blocking: opening a FIFO must not hang
    except FileNotFoundError:
        raise SaveError(str(path), "no such file") from None
    except OSError as error:
        raise SaveError(str(path), f"cannot read: {error.strerror}") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise SaveError(str(path), "is a folder, not a save file")
        if not stat.S_ISREG(info.st_mode):
            raise SaveError(str(path), "is not a regular file: not a Horizon save")
        if info.st_size > MAX_SAVE_BYTES:
            raise SaveError(str(path), f"larger than {MAX_SAVE_BYTES // 2**20} MiB: not a Horizon save")
        with os.fdopen(os.dup(descriptor), "rb") as file:
            data = file.read(MAX_SAVE_BYTES + 1)  # the size may have grown since fstat
    except OSError as error:
        raise SaveError(str(path), f"cannot read: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if len(data) > MAX_SAVE_BYTES:
        raise SaveError(str(path), f"larger than {MAX_SAVE_BYTES // 2**20} MiB: not a Horizon save")
    return data


def save_session(session: Session, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write ``session`` to ``path`` atomically and return the path.

    Without ``force`` it refuses (:class:`SaveConflict`) to replace a file
    that is not a save of this same game, or one whose turns this session
    does not all contain (that would lose turns: branch instead). Any other
    failure is a :class:`SaveError`; either way the file at ``path`` is
    unchanged.
    """
    path = Path(path)
    if not session.scenario.origin.text:
        raise SaveError(str(path), "cannot save a game whose scenario was not read from a file or text")
    game = SavedGame.of(session)
    data = encode_game(game)
    if len(data) > MAX_SAVE_BYTES:
        raise SaveError(str(path), f"this game would take {len(data):,} bytes, more than a save may hold")
    if not force and not _still_ours(path, game):
        _guard_overwrite(path, game)
    write_atomically(path, data)
    _remember(path, game)
    return path


@frozen
class _Written:
    """What this process last wrote to a path, and how the file looked right after."""

    game_id: str
    turns: tuple
    identity: tuple[int, int, int]


_written: dict[Path, _Written] = {}
"""Saves written by this process, so autosaving turn after turn need not re-read its own file
(re-reading made a 1,200-turn headless run with --save take 70 times as long)."""


def _file_identity(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def _remember(path: Path, game: SavedGame) -> None:
    _written[path.resolve()] = _Written(game.game_id, game.turns, _file_identity(path))


def _still_ours(path: Path, game: SavedGame) -> bool:
    """Whether ``path`` is unchanged since this process saved ``game``'s game there, a prefix of ``game``."""
    written = _written.get(path.resolve())
    return (written is not None and written.game_id == game.game_id
            and written.identity == _file_identity(path)
            and game.turns[: len(written.turns)] == written.turns)


def _guard_overwrite(path: Path, game: SavedGame) -> None:
    if not os.path.lexists(path):
        return
    if path.is_dir():
        raise SaveError(str(path), "is a folder: give a file name")
    try:
        existing = load_save(path)
    except SaveError as error:
        raise SaveConflict(str(path), f"exists and is not a save this Horizon can read ({error.reason}): "
                                      "refusing to replace it") from None
    if existing.game_id != game.game_id:
        what = f"{existing.name or existing.title!r}, {existing.played} turns"
        raise SaveConflict(str(path), f"holds another game ({what}): refusing to replace it")
    if game.turns[: existing.played] != existing.turns:
        raise SaveConflict(str(path), "holds turns of this game that this session lacks: refusing to drop "
                                      "them (branch the game instead)")


def autosave_path(session: Session, folder: str | os.PathLike[str] = DEFAULT_FOLDER) -> Path:
    """The session's own autosave file: the same path for every turn of one game."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", session.scenario.id)[:60].strip(".-") or "game"
    return Path(folder) / f"{stem}-{session.created:%Y%m%d-%H%M%S}-{session.game_id[:6]}{SUFFIX}"


def autosave(session: Session, folder: str | os.PathLike[str] = DEFAULT_FOLDER) -> Path:
    """Save ``session`` to its own autosave file in ``folder`` (created if missing), atomically."""
    path = autosave_path(session, folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SaveError(str(path.parent), f"cannot create the folder: {error.strerror}") from None
    return save_session(session, path)


def list_saves(folder: str | os.PathLike[str] = DEFAULT_FOLDER) -> list[SaveSummary]:
    """Every ``*.wgsave`` in ``folder``, newest first; a file that cannot load is listed as damaged.

    Never raises for a bad file, and returns ``[]`` for a missing folder. It
    checks what :func:`load_save` checks, not whether the game replays.
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
        return SaveSummary(path, path.stem, _modified(path), damaged=error.reason)
    return SaveSummary(path, game.name or path.stem, game.updated, game_id=game.game_id,
                       scenario_id=game.scenario_id, title=game.title, played=game.played,
                       turns=game.scenario.turns, over=game.over, controllers=dict(game.controllers),
                       created=game.created, parent=game.parent)


def _modified(path: Path) -> datetime.datetime:
    try:
        seconds = path.stat().st_mtime
    except OSError:
        seconds = 0
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC)
