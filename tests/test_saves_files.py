"""Writing never loses data: atomic replacement, the overwrite guard, autosaves, listings, SIGKILL."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from game.saves import (
    SaveConflict,
    SaveError,
    atomic,
    autosave,
    autosave_path,
    branch_session,
    list_saves,
    load_save,
    restore_session,
    save_session,
)
from tests.paths import ROOT
from tests.saves_support import MINI, long_scenario, play, scenario


def hidden_files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_saving_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path):
    session = play(scenario(MINI), seed=1, turns=1)
    path = save_session(session, tmp_path / "a.wgsave")
    session.play_turn()
    save_session(session, path)
    assert load_save(path).played == 2
    assert hidden_files(tmp_path) == []


def test_another_games_save_is_never_replaced_without_force(tmp_path):
    path = save_session(play(scenario(MINI), seed=1, turns=2), tmp_path / "a.wgsave")
    before = path.read_bytes()
    other = play(scenario(MINI), seed=2, turns=1)
    with pytest.raises(SaveConflict, match="holds another game"):
        save_session(other, path)
    assert path.read_bytes() == before
    save_session(other, path, force=True)
    assert load_save(path).game_id == other.game_id


def test_a_save_is_not_replaced_by_a_shorter_or_different_history_of_its_own_game(tmp_path):
    session = play(scenario(MINI), seed=1, turns=3)
    path = save_session(session, tmp_path / "a.wgsave")
    rewound = restore_session(load_save(path), 1)
    with pytest.raises(SaveConflict, match="lacks"):
        save_session(rewound, path)
    assert load_save(path).played == 3
    branch = branch_session(load_save(path), 1)
    assert load_save(save_session(branch, tmp_path / "b.wgsave")).parent.turn == 1


def test_a_file_replaced_behind_the_writers_back_is_checked_again(tmp_path):
    mine = play(scenario(MINI), seed=1, turns=1)
    path = save_session(mine, tmp_path / "a.wgsave")
    theirs = save_session(play(scenario(MINI), seed=2, turns=1), tmp_path / "b.wgsave")
    os.replace(theirs, path)  # e.g. a colleague's save copied over it between two turns
    mine.play_turn()
    with pytest.raises(SaveConflict, match="holds another game"):
        save_session(mine, path)


def test_files_that_are_not_saves_are_not_replaced_without_force(tmp_path):
    notes = tmp_path / "notes.wgsave"
    notes.write_text("my notes")
    session = play(scenario(MINI), seed=1, turns=1)
    with pytest.raises(SaveConflict, match="not a save this Horizon can read"):
        save_session(session, notes)
    assert notes.read_text() == "my notes"
    with pytest.raises(SaveError, match="is a folder"):
        save_session(session, tmp_path)


def test_a_failed_write_keeps_the_earlier_save_and_removes_its_temporary_file(tmp_path, monkeypatch):
    session = play(scenario(MINI), seed=1, turns=1)
    path = save_session(session, tmp_path / "a.wgsave")
    before = path.read_bytes()

    def disk_full(file, data):
        file.write(data[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "_write_all", disk_full)
    session.play_turn()
    with pytest.raises(SaveError, match="cannot write: No space left on device"):
        save_session(session, path)
    assert path.read_bytes() == before and hidden_files(tmp_path) == []


def test_saving_keeps_the_files_permissions(tmp_path):
    session = play(scenario(MINI), seed=1, turns=1)
    path = save_session(session, tmp_path / "a.wgsave")
    path.chmod(0o600)
    session.play_turn()
    save_session(session, path)
    assert path.stat().st_mode & 0o777 == 0o600


def test_autosave_writes_one_file_per_game_in_a_folder_it_creates(tmp_path):
    session = play(scenario(MINI), seed=1, turns=1)
    first = autosave(session, tmp_path / "saves")
    session.play_turn()
    assert autosave(session, tmp_path / "saves") == first == autosave_path(session, tmp_path / "saves")
    assert load_save(first).played == 2
    other = autosave(play(scenario(MINI), seed=1, turns=1), tmp_path / "saves")
    assert other != first


def test_listing_flags_damaged_files_and_sorts_newest_first(tmp_path):
    old = save_session(play(scenario(MINI), seed=1, turns=2, name="old"), tmp_path / "old.wgsave")
    os.utime(old, (1, 1))
    new = save_session(play(scenario(MINI), seed=2, name="new"), tmp_path / "new.wgsave")
    (tmp_path / "cut.wgsave").write_bytes(new.read_bytes()[:500])
    (tmp_path / ".new.wgsave.1234abcd.tmp").write_bytes(b"half a save")
    (tmp_path / "readme.txt").write_text("not a save")
    listing = list_saves(tmp_path)
    assert [s.path.name for s in listing] == ["cut.wgsave", "new.wgsave", "old.wgsave"]
    damaged, newest, oldest = listing
    assert damaged.damaged.startswith("truncated") and damaged.name == "cut"
    assert (newest.name, newest.played, newest.turns, newest.over) == ("new", 5, 5, True)
    assert newest.damaged is None
    assert (oldest.title, oldest.played, oldest.over, dict(oldest.controllers)) == (
        "Mini", 2, False, {"a": "random", "b": "random"})
    assert list_saves(tmp_path / "missing") == []


WRITER = textwrap.dedent("""
    import os, sys, time
    from game.saves import atomic, load_save, restore_session, save_session

    def slow_write(file, data):
        file.write(data[: len(data) // 2])
        file.flush()
        os.fsync(file.fileno())
        print("half written", flush=True)
        time.sleep(60)
        file.write(data[len(data) // 2 :])

    atomic._write_all = slow_write
    session = restore_session(load_save(sys.argv[1]))
    while not session.over:
        session.play_turn()
    save_session(session, sys.argv[1])
""")


def test_a_writer_killed_mid_save_leaves_the_earlier_save_whole(tmp_path):
    session = play(long_scenario(1500), seed=4, turns=700)
    path = save_session(session, tmp_path / "long.wgsave")
    before = path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", WRITER, str(path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, env=env) as writer:
        try:
            assert writer.stdout.readline() == b"half written\n"
            (temporary,) = hidden_files(tmp_path)
            assert (tmp_path / temporary).stat().st_size > 0
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert load_save(path).played == 700
    assert [s.path.name for s in list_saves(tmp_path)] == ["long.wgsave"]
