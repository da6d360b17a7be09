"""The host's SQLite journal as a hostile input: ``wargame host --journal`` on a damaged one.

A journal is a file like a save: it can be damaged by a disk, by a hand with
the ``sqlite3`` shell, or forged. SQLite keeps whatever type a row is given,
so a column meant for msgpack can hold text and one meant for text a blob.
Each case here writes a real journal (one game of the hostile scenario, a
resolved turn with an order, an inject and a message, then an open order),
damages one thing, and runs the command: exit status 2 and one line naming
the file, never a traceback, and no control character on the terminal. The
host never opens a port here: ``serve`` is replaced by one that closes the
journal and returns, so a case the host wrongly accepts fails with exit 0
instead of hanging the suite. The fuzz target for damaged pages is in
tests/test_fuzz_loaders.py.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import msgpack
import pytest

from game.cli import main
from game.engine.adjudication import legal_actions
from game.journal import encode_event, encode_header
from game.net.host import Host
from game.net.journal_db import Journal, StoredGame
from game.net.links import FACILITATOR, new_token
from game.scenario import parse_scenario
from game.session import Order
from tests.hostile_cases import BASE, SAVE_TEXTS, hostile_text_game
from tests.test_hostile_inputs import CONTROL


@pytest.fixture(autouse=True)
def no_serving(monkeypatch):
    async def serve(self, ready=None):
        self.journal.close()
    monkeypatch.setattr(Host, "serve", serve)


def scenario_file(folder: Path) -> Path:
    path = folder / "hostile.toml"
    path.write_text(BASE)
    return path


def journal(folder: Path, *, change=None) -> Path:
    """A journal of one game on BASE: a resolved turn, then an open order; ``change`` (one of SAVE_TEXTS)
    applied to its header and events as they are stored."""
    scenario = parse_scenario(BASE, str(scenario_file(folder)))
    session = hostile_text_game(scenario)
    session.submit(Order("a", legal_actions(scenario, session.state, "a")[0].id, "open"))
    header, events = encode_header(session.header), [encode_event(e) for e in session.events()]
    path = folder / "host.sqlite"
    opened = Journal.open(path)
    opened.add_game(StoredGame(1, session.header, "hostile.toml", BASE, str(folder / "saves" / "game.wgsave"),
                               {role: new_token() for role in ("a", FACILITATOR)}, ()))
    opened.close()
    if change is not None:
        change(header, events)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE games SET header = ?", (msgpack.packb(header),))
        connection.executemany("INSERT INTO events VALUES (1, ?, ?)",
                               [(seq, msgpack.packb(event)) for seq, event in enumerate(events, 1)])
    connection.close()
    return path


def host(capsys, folder: Path, path: Path) -> tuple[int, str, str]:
    code = main(["host", str(folder / "hostile.toml"), "--journal", str(path), "--port", "0",
                 "--saves", str(folder / "saves")])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, folder: Path, path: Path, *reason: str) -> str:
    code, out, err = host(capsys, folder, path)
    assert code == 2 and len(err.splitlines()) == 1 and err.startswith(f"wargame host: {path}"), err
    assert not CONTROL.search(out + err), err
    assert all(part in err for part in reason), err
    return err


def sql(path: Path, statement: str, *values) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(statement, values)
    connection.close()


def test_the_undamaged_journal_resumes(tmp_path, capsys):
    """The baseline every case below damages: it is accepted, so the refusals are the damage's."""
    assert host(capsys, tmp_path, journal(tmp_path))[0] == 0


@pytest.mark.parametrize("case", SAVE_TEXTS)
def test_escape_codes_in_a_journal_s_own_texts_are_damage(tmp_path, capsys, case):
    refused(capsys, tmp_path, journal(tmp_path, change=SAVE_TEXTS[case]), "game 1: damaged", "control character")


ROW_DAMAGE = {
    "an event that is not msgpack": ("UPDATE events SET event = x'c1c1' WHERE seq = 1", "not valid msgpack"),
    "an event stored as text": ("UPDATE events SET event = 'hello' WHERE seq = 1", "expected msgpack bytes"),
    "an event stored as a number": ("UPDATE events SET event = 5 WHERE seq = 2", "expected msgpack bytes"),
    "an empty event": ("UPDATE events SET event = x'' WHERE seq = 2", "not valid msgpack"),
    "a header stored as a number": ("UPDATE games SET header = 7", "expected msgpack bytes"),
    "a scenario stored as bytes": ("UPDATE games SET scenario_text = x'00ff'", "scenario_text: expected text"),
    "a scenario that does not load": ("UPDATE games SET scenario_text = 'format = 1'", "cannot be rebuilt"),
    "a scenario file name with an escape": (
        "UPDATE games SET scenario_file = char(27) || '[2Jx.toml'", "scenario_file: holds the control character"),
    "a save path stored as bytes": ("UPDATE games SET save = x'2f'", "save: expected text"),
    "a save path with an escape": ("UPDATE games SET save = 'g' || char(27) || '[2J'", "control character"),
    "a token that is not one": ("UPDATE links SET token = 'x' WHERE role = 'a'", "expected a link's token"),
    "a token too short": ("UPDATE links SET token = substr(token, 1, 16) WHERE role = 'a'", "a link's token"),
    "two links sharing a token": (
        "UPDATE links SET token = (SELECT token FROM links WHERE role = 'facilitator') WHERE role = 'a'",
        "game 1 a and game 1 facilitator share one token"),
    "a token stored as bytes": ("UPDATE links SET token = randomblob(32) WHERE role = 'a'", "a link's token"),
    "a link for no seat": ("UPDATE links SET role = 'b' WHERE role = 'a'", "links for b, facilitator"),
    "no links": ("DELETE FROM links", "links for nobody"),
    "a missing turn": ("DELETE FROM events WHERE seq = 1", "diverges"),
    "the events table gone": ("DROP TABLE events", "damaged (no such table: events)"),
}


@pytest.mark.parametrize("case", ROW_DAMAGE)
def test_a_damaged_row_is_refused_in_one_line(tmp_path, capsys, case):
    statement, reason = ROW_DAMAGE[case]
    path = journal(tmp_path)
    sql(path, statement)
    refused(capsys, tmp_path, path, reason)


def test_a_turn_that_does_not_replay_is_refused_in_one_line(tmp_path, capsys):
    """A forged turn: another order under the draws and state hash of the one played."""
    def forge(header, events):
        events[0][2][0][1] = "a.hold"
    refused(capsys, tmp_path, journal(tmp_path, change=forge), "game 1", "diverges")


def another_programs_database(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA application_id = 1234")
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute("INSERT INTO notes VALUES ('mine')")
    connection.close()


def an_old_layout(path: Path) -> None:
    another_programs_database(path)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA application_id = 1213356618")  # Horizon's, of a layout still to come
        connection.execute("PRAGMA user_version = 99")
    connection.close()


NOT_JOURNALS = {
    "another program's database": (another_programs_database, "another program's database"),
    "a journal of a later layout": (an_old_layout, "layout 99"),
    "a text file": (lambda path: path.write_text("dear diary\n" * 20), "not an SQLite database"),
    "a short file": (lambda path: path.write_bytes(b"SQLite format 3\x00"), "not an SQLite database"),
}


@pytest.mark.parametrize("case", NOT_JOURNALS)
def test_a_file_that_is_not_a_journal_is_refused_untouched(tmp_path, capsys, case):
    """Read from its header, refused in one line: not a byte written to it, nothing made beside it."""
    make, reason = NOT_JOURNALS[case]
    scenario_file(tmp_path)
    path = tmp_path / "other.sqlite"
    make(path)
    before, listing = path.read_bytes(), sorted(p.name for p in tmp_path.iterdir())
    os.utime(path, (1_000_000_000, 1_000_000_000))
    refused(capsys, tmp_path, path, reason)
    assert path.read_bytes() == before and path.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_a_fifo_as_the_journal_is_refused_without_hanging(tmp_path, capsys):
    scenario_file(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    refused(capsys, tmp_path, tmp_path / "pipe", "not a regular file")
