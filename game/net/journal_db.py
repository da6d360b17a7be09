"""The host's journal: one SQLite file holding every game it runs, one row per accepted event.

The MILA diplomacy server keeps its games in memory and backs them up every
ten minutes, so a crash loses play. Here an event is a row committed (WAL,
``synchronous=FULL``: on disk, not just in the OS's cache) *before* the
session accepts it and before the seat hears "accepted", so a host killed at
any instant restarts with everything it ever acknowledged. A restarted host
rebuilds each game with ``Session.restore`` from its header and these rows:
turn results are recomputed from the seed and the orders, and every state
hash is checked; nothing computed is trusted from disk.

All writes go through one thread that owns the one writing connection. It
commits whatever callers queued meanwhile in one transaction (a group
commit), so twenty games' worth of orders arriving together cost one
``fsync``, not twenty; each caller waits only for the commit holding its
own row. A lock beside the file keeps a second host off the same journal.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import closing
from pathlib import Path
from typing import Any

import msgpack
from attrs import field, frozen

from game import decoding as d
from game.errors import WargameError
from game.journal import Event, GameHeader, decode_event, decode_header, encode_event, encode_header
from game.net.class_view import MAX_NAME
from game.net.links import ROLE, TOKEN
from game.private_files import create_private, private_folder
from game.saves.ownership import SaveLock
from game.saves.records import SaveError

APPLICATION_ID = 0x48525A4A
"""``PRAGMA application_id`` of a Horizon host journal ("HRZJ")."""
SCHEMA = 1
"""``PRAGMA user_version``: the layout below."""
_TABLES = """
CREATE TABLE games (
    number INTEGER PRIMARY KEY,      -- the game's number in its links
    header BLOB NOT NULL,            -- game.journal.encode_header, msgpack
    scenario_file TEXT NOT NULL,     -- the scenario's file name when the game began
    scenario_text TEXT NOT NULL,     -- its whole text: the rules travel with the game
    save TEXT NOT NULL               -- where the game's .wgsave is kept
);
CREATE TABLE links (
    game INTEGER NOT NULL REFERENCES games,
    role TEXT NOT NULL,              -- a seat's id, or 'facilitator'
    token TEXT NOT NULL,
    PRIMARY KEY (game, role)
);
CREATE TABLE events (
    game INTEGER NOT NULL REFERENCES games,
    seq INTEGER NOT NULL,            -- 1, 2, ... in the order the session accepted them
    event BLOB NOT NULL,             -- game.journal.encode_event, msgpack
    PRIMARY KEY (game, seq)
);
"""
_CLASS_TABLES = """
CREATE TABLE IF NOT EXISTS classes (
    first INTEGER PRIMARY KEY REFERENCES games,  -- the class's first game: its games are those from it on
    token TEXT NOT NULL                          -- the class link's token
);
CREATE TABLE IF NOT EXISTS roster (
    game INTEGER NOT NULL REFERENCES games,
    seat TEXT NOT NULL,              -- a person's seat of the game
    name TEXT NOT NULL,              -- the student the roster put there
    PRIMARY KEY (game, seat)
);
"""
"""Added to layout 1 by this Horizon (made in a journal that lacks them): a Horizon that does not know them
reads the journal as before."""


_UNREADABLE = (sqlite3.Error, UnicodeDecodeError)
"""What SQLite raises reading a damaged file (a damaged page can give text that is not UTF-8, even to a PRAGMA)."""


class JournalError(WargameError):
    """The journal cannot be opened, read or written; one line naming the file."""


@frozen
class StoredGame:
    """One game as the journal holds it: enough to rebuild it exactly."""

    number: int
    header: GameHeader
    scenario_file: str
    scenario_text: str
    save: str
    tokens: dict[str, str]
    """role -> token."""
    events: tuple[Event, ...]
    names: dict[str, str] = field(factory=dict)
    """seat -> the student the roster put there (``wargame host --roster``)."""


class Journal:
    """An open host journal: read it once with :meth:`games`, then append from any thread."""

    def __init__(self, path: Path, lock: SaveLock) -> None:
        self.path = path
        self._lock = lock
        self._writer = _Writer(path)

    @classmethod
    def open(cls, path: str | Path) -> Journal:
        """Own the journal at ``path`` (created 0600, its folder 0700, if missing), or raise :class:`JournalError`.

        A file that is not a Horizon journal is refused from its header alone,
        before SQLite opens it: opening it to write would change it for good
        (``journal_mode = WAL`` rewrites its header and leaves files beside it).
        """
        path = Path(path)
        _check_header(path)
        try:
            private_folder(path.parent)
            lock = SaveLock.acquire(path)
        except (OSError, SaveError) as error:
            raise JournalError(f"{path}: {getattr(error, 'reason', None) or error}") from None
        try:
            _check_header(path)  # again, now that no other Horizon can be making it
            create_private(path)
            with closing(_connect(path)) as connection:
                _prepare(connection, path)
        except OSError as error:
            lock.release()
            raise JournalError(f"{path}: cannot create it: {error.strerror}") from None
        except BaseException:
            lock.release()
            raise
        journal = cls(path, lock)
        journal._writer.start()
        return journal

    def games(self) -> list[StoredGame]:
        """Every game in the journal with its events, in game order; :class:`JournalError` if any is damaged.

        Nothing read is trusted: SQLite keeps whatever type a row was given, so
        each value is checked as a save's would be (a text holds no control
        character, a token is a token) before anything uses it.
        """
        try:
            with closing(_connect(self.path)) as connection:
                rows = connection.execute("SELECT number, header, scenario_file, scenario_text, save FROM games "
                                          "ORDER BY number").fetchall()
                games = [self._game(connection, *row) for row in rows]
                classes = self._classes(connection)
        except _UNREADABLE as error:
            raise JournalError(f"{self.path}: damaged ({error})") from None
        holders: dict[str, str] = {}
        pairs = [(f"game {game.number} {role}", token) for game in games for role, token in sorted(game.tokens.items())]
        pairs += [(f"the class from game {first}", token) for first, token in sorted(classes.items())]
        for holder, token in pairs:
            if token in holders:  # one link would open the other's screen too
                raise JournalError(f"{self.path}: damaged (the links of {holders[token]} and {holder} share "
                                   "one token)")
            holders[token] = holder
        return games

    def class_token(self) -> tuple[int, str] | None:
        """The latest class (its first game, its link's token), if the journal has one."""
        try:
            with closing(_connect(self.path)) as connection:
                classes = self._classes(connection)
        except _UNREADABLE as error:
            raise JournalError(f"{self.path}: damaged ({error})") from None
        return max(classes.items()) if classes else None

    def _classes(self, connection: sqlite3.Connection) -> dict[int, str]:
        try:
            rows = connection.execute("SELECT first, token FROM classes").fetchall()
            return {d.whole(first, "class", 10**9): d.pattern(token, "the class link", TOKEN, "a link's token")
                    for first, token in rows}
        except d.Invalid as error:
            raise JournalError(f"{self.path}: damaged ({error})") from None

    def add_class(self, first: int, token: str) -> None:
        """Record the class link of the games from ``first`` on (blocks until durable)."""
        self._writer.run_write(lambda connection: connection.execute("INSERT INTO classes VALUES (?, ?)",
                                                                     (first, token)))

    def _game(self, connection: sqlite3.Connection, number: int, header: bytes, scenario_file: str,
              scenario_text: str, save: str) -> StoredGame:
        where = f"{self.path}: game {number}"
        links = connection.execute("SELECT role, token FROM links WHERE game = ?", (number,)).fetchall()
        names = connection.execute("SELECT seat, name FROM roster WHERE game = ?", (number,)).fetchall()
        rows = connection.execute("SELECT seq, event FROM events WHERE game = ? ORDER BY seq", (number,))
        try:
            tokens = {d.pattern(role, "link", ROLE, "a seat's id"): d.pattern(token, f"{role}'s link", TOKEN,
                                                                               "a link's token")
                      for role, token in links}
            events = tuple(decode_event(d.unpack(_blob(blob, f"event {seq}"), f"event {seq}"), f"event {seq}")
                           for seq, blob in rows)
            decoded = decode_header(d.unpack(_blob(header, "header"), "header"))
            roster = {d.pattern(seat, "roster", ROLE, "a seat's id"): d.text(name, ("roster", seat), MAX_NAME)
                      for seat, name in names}
            stored = StoredGame(number, decoded, d.text(scenario_file, "scenario_file", d.MAX_SHORT),
                                d.text(scenario_text, "scenario_text", raw=True), d.text(save, "save"), tokens,
                                events, roster)
        except d.Invalid as error:
            raise JournalError(f"{where}: damaged ({error})") from None
        return stored

    def add_game(self, game: StoredGame) -> None:
        """Record a new game, its links and its events so far, in one transaction (blocks until durable)."""
        def write(connection: sqlite3.Connection) -> None:
            connection.execute("INSERT INTO games VALUES (?, ?, ?, ?, ?)",
                               (game.number, _pack(encode_header(game.header)), game.scenario_file,
                                game.scenario_text, game.save))
            connection.executemany("INSERT INTO links VALUES (?, ?, ?)",
                                   [(game.number, role, token) for role, token in game.tokens.items()])
            connection.executemany("INSERT INTO roster VALUES (?, ?, ?)",
                                   [(game.number, seat, name) for seat, name in game.names.items()])
            for event in game.events:
                _insert(connection, game.number, event)
        self._writer.run_write(write)

    def append(self, number: int, event: Event) -> None:
        """Add one event to game ``number``; returns once it is on disk, raises :class:`JournalError` if not."""
        self._writer.run_write(lambda connection: _insert(connection, number, event))

    def close(self) -> None:
        """Finish the writes queued so far, then let the file go."""
        self._writer.stop()
        self._lock.release()


def _blob(value: Any, what: str) -> bytes:
    if not isinstance(value, bytes):
        raise d.Invalid(f"{what}: expected msgpack bytes, found {type(value).__name__}")
    return value


def _pack(value: Any) -> bytes:
    return msgpack.packb(value)


def _insert(connection: sqlite3.Connection, number: int, event: Event) -> None:
    connection.execute("INSERT INTO events VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events "
                       "WHERE game = ?), ?)", (number, number, _pack(encode_event(event))))


_SQLITE = b"SQLite format 3\x00"
_HEADER = 100
"""An SQLite file's header: the magic string; ``user_version`` at 60 and ``application_id`` at 68 (big-endian)."""


def _check_header(path: Path) -> None:
    """Refuse, reading only, a file that is not a Horizon journal of this layout; nothing there or empty: a new one."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not hang
    except FileNotFoundError:
        return
    except OSError as error:
        raise JournalError(f"{path}: cannot read: {error.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise JournalError(f"{path}: not a regular file: not a Horizon host journal")
        header = os.pread(descriptor, _HEADER, 0)
    except OSError as error:
        raise JournalError(f"{path}: cannot read: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if not header:
        return
    if len(header) < _HEADER or not header.startswith(_SQLITE):
        raise JournalError(f"{path}: not a Horizon host journal (not an SQLite database): give another --journal")
    application, version = int.from_bytes(header[68:72], "big"), int.from_bytes(header[60:64], "big")
    if application == 0 and version == 0 and _empty(path):
        return  # a new journal whose tables a crash kept from being made, or an empty database
    if application != APPLICATION_ID:
        raise JournalError(f"{path}: not a Horizon host journal (another program's database): "
                           "give another --journal")
    if version != SCHEMA:
        raise JournalError(f"{path}: a host journal of layout {version}; this Horizon reads layout {SCHEMA}")


def _empty(path: Path) -> bool:
    """Whether the SQLite database at ``path`` has no tables, read without writing anything."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    except _UNREADABLE:
        return False


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        return connection
    except _UNREADABLE as error:
        raise JournalError(f"{path}: not a Horizon host journal ({error})") from None


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    """Create the tables in a new file; check an existing one is a journal of this layout."""
    try:
        application, version = (connection.execute(f"PRAGMA {name}").fetchone()[0]
                                for name in ("application_id", "user_version"))
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application == 0 and version == 0 and tables == 0:
            connection.executescript(f"BEGIN IMMEDIATE;{_TABLES}{_CLASS_TABLES}PRAGMA application_id = "
                                     f"{APPLICATION_ID};PRAGMA user_version = {SCHEMA};COMMIT;")
            return
    except _UNREADABLE as error:
        raise JournalError(f"{path}: not a Horizon host journal ({error})") from None
    if application != APPLICATION_ID:
        raise JournalError(f"{path}: not a Horizon host journal (another program's database)")
    if version != SCHEMA:
        raise JournalError(f"{path}: a host journal of layout {version}; this Horizon reads layout {SCHEMA}")
    try:
        connection.executescript(f"BEGIN IMMEDIATE;{_CLASS_TABLES}COMMIT;")
    except _UNREADABLE as error:
        raise JournalError(f"{path}: damaged ({error})") from None


class _Writer(threading.Thread):
    """The one thread that writes: group commits of whatever was queued, each caller told its own fate."""

    def __init__(self, path: Path) -> None:
        super().__init__(name="journal-writer", daemon=True)
        self.path = path
        self._queue: queue.Queue[tuple[Callable[[sqlite3.Connection], None], Future] | None] = queue.Queue()

    def run_write(self, write: Callable[[sqlite3.Connection], None]) -> None:
        """Have ``write`` run in a committed transaction; blocks until it is durable."""
        done: Future = Future()
        self._queue.put((write, done))
        done.result()

    def stop(self) -> None:
        self._queue.put(None)
        self.join()

    def run(self) -> None:
        with closing(_connect(self.path)) as connection:
            for batch in self._batches():
                self._commit(connection, batch)

    def _batches(self) -> Iterator[list[tuple[Callable[[sqlite3.Connection], None], Future]]]:
        while (item := self._queue.get()) is not None:
            batch = [item]
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    yield batch
                    return
                batch.append(item)
            yield batch

    def _commit(self, connection: sqlite3.Connection, batch: list) -> None:
        """Each write in its own savepoint (one failing spoils no other), all in one commit."""
        failures: dict[int, JournalError] = {}
        try:
            connection.execute("BEGIN IMMEDIATE")
            for index, (write, _) in enumerate(batch):
                connection.execute("SAVEPOINT one")
                try:
                    write(connection)
                    connection.execute("RELEASE one")
                except Exception as error:  # a bug surfaces in its caller, as a traceback
                    connection.execute("ROLLBACK TO one")
                    connection.execute("RELEASE one")
                    failures[index] = _refusal(self.path, error)
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            try:
                connection.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # nothing was open, or the connection is gone: either way nothing was committed
            failures = dict.fromkeys(range(len(batch)), _refusal(self.path, error))
        for index, (_, done) in enumerate(batch):
            if index in failures:
                done.set_exception(failures[index])
            else:
                done.set_result(None)


def _refusal(path: Path, error: Exception) -> Exception:
    if isinstance(error, sqlite3.Error):
        return JournalError(f"{path}: cannot record it ({error})")
    return error
