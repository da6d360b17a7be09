"""Writing never loses data: appends, atomic rewrites, the overwrite guard, locks, links, stale files, SIGKILL."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from game import atomic
from game.saves import (
    SaveConflict,
    SaveError,
    SaveFile,
    autosave,
    autosave_path,
    branch_session,
    journal_file,
    list_saves,
    load_save,
    restore_session,
    save_session,
)
from game.session import Order
from tests.paths import ROOT
from tests.saves_support import MINI, long_scenario, play, scenario


def hidden_files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_kept_save_grows_by_appending_and_leaves_no_temporary_file(tmp_path):
    session = play(scenario(MINI), seed=1, turns=1)
    keeper = SaveFile.own(session, tmp_path / "a.wgsave")
    path = tmp_path / "a.wgsave"
    inode, size = path.stat().st_ino, path.stat().st_size
    assert hidden_files(tmp_path) == [".a.wgsave.lock"]
    session.play_turn()
    assert (path.stat().st_ino, load_save(path).played) == (inode, 2) and path.stat().st_size > size
    keeper.release()
    assert hidden_files(tmp_path) == []
    session.play_turn()  # no longer kept: the file stays as it was
    assert load_save(path).played == 2


def test_another_games_save_is_never_replaced_without_force(tmp_path):
    path = save_session(play(scenario(MINI), seed=1, turns=2), tmp_path / "a.wgsave")
    before = path.read_bytes()
    other = play(scenario(MINI), seed=2, turns=1)
    with pytest.raises(SaveConflict, match="holds another game"):
        save_session(other, path)
    with pytest.raises(SaveConflict, match="holds another game"):
        SaveFile.own(other, path)
    assert path.read_bytes() == before and hidden_files(tmp_path) == []
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


def test_files_that_are_not_saves_are_not_replaced_without_force(tmp_path):
    notes = tmp_path / "notes.wgsave"
    notes.write_text("my notes")
    session = play(scenario(MINI), seed=1, turns=1)
    with pytest.raises(SaveConflict, match="not a save this Horizon can read"):
        save_session(session, notes)
    assert notes.read_text() == "my notes"
    with pytest.raises(SaveError, match="is a folder"):
        save_session(session, tmp_path)


def test_a_second_owner_is_refused_at_once_and_the_first_keeps_its_save(tmp_path):
    session = play(scenario(MINI), seed=1, turns=1)
    keeper = SaveFile.own(session, tmp_path / "a.wgsave")
    twin = restore_session(load_save(tmp_path / "a.wgsave"))
    for attempt in (lambda: SaveFile.own(twin, tmp_path / "a.wgsave"),
                    lambda: save_session(twin, tmp_path / "a.wgsave")):
        with pytest.raises(SaveError, match=r"is in use by another Horizon \(process \d+ since"):
            attempt()
    session.play_turn()
    keeper.release()
    assert load_save(tmp_path / "a.wgsave").played == 2
    SaveFile.own(restore_session(load_save(tmp_path / "a.wgsave")), tmp_path / "a.wgsave").release()


def test_two_runs_saving_one_file_at_once_the_second_is_refused_before_its_first_turn(tmp_path):
    save = tmp_path / "f.wgsave"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    go = tmp_path / "go"
    slow = textwrap.dedent(f"""
        import os, sys, time
        from game.session import Session
        real = Session.resolve
        def slow(self, **options):
            while self.turns and not os.path.exists({str(go)!r}):  # holds the save until the others tried
                time.sleep(0.02)
            return real(self, **options)
        Session.resolve = slow
        from game.cli import main
        sys.exit(main(sys.argv[1:]))
    """)
    command = [sys.executable, "-c", slow, "run", str(long_scenario_file(tmp_path)), "--seed", "5", "--save", str(save)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env) as first:
        while not (save.exists() and load_save(save).played):
            time.sleep(0.02)
        second = subprocess.run([sys.executable, "-m", "game", "run", "--resume", str(save)], env=env,
                                capture_output=True, text=True)
        third = subprocess.run([sys.executable, "-m", "game", "run", str(MINI), "--save", str(save), "--force-save"],
                               env=env, capture_output=True, text=True)
        go.touch()
        assert first.wait() == 0
    for refused in (second, third):
        assert refused.returncode == 2 and refused.stdout == ""
        assert refused.stderr.count("\n") == 1 and "is in use by another Horizon" in refused.stderr
    verify = subprocess.run([sys.executable, "-m", "game", "replay", str(save), "--verify"], env=env,
                            capture_output=True, text=True)
    assert verify.returncode == 0 and load_save(save).played == 60 and load_save(save).over


def long_scenario_file(folder):
    path = folder / "long.toml"
    path.write_text(long_scenario(60).origin.text)
    return path


def test_saving_through_a_link_updates_its_target_and_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "game.wgsave"
    link = tmp_path / "game.wgsave"
    link.symlink_to(target)
    session = play(scenario(MINI), seed=1, turns=1)
    save_session(session, link)
    assert link.is_symlink() and load_save(target).played == 1
    keeper = SaveFile.own(session, link)
    session.play_turn()
    assert link.is_symlink() and load_save(target).played == 2
    with pytest.raises(SaveError, match="in use"):  # one lock for the file, whichever name reaches it
        SaveFile.own(restore_session(load_save(target)), target)
    keeper.release()
    assert hidden_files(tmp_path / "real") == [] and hidden_files(tmp_path) == []


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def test_only_a_dead_horizon_writers_temporary_files_are_removed_and_only_by_a_writer(tmp_path):
    dead, alive = dead_pid(), os.getppid()
    stale = tmp_path / f".a.wgsave.horizon-{dead}-1234abcd.tmp"
    living = tmp_path / f".b.wgsave.horizon-{alive}-5678abcd.tmp"
    held = tmp_path / f".c.wgsave.horizon-{dead}-9abc0123.tmp"
    others = [tmp_path / name for name in (".d.wgsave.1234abcd.tmp", ".notes.tmp", f".e.horizon-{dead}-00.tmp")]
    for path in (stale, living, held, *others):
        path.write_bytes(b"half a save")
    linked = tmp_path / f".f.wgsave.horizon-{dead}-0000abcd.tmp"
    linked.symlink_to(others[1])
    everything = hidden_files(tmp_path)
    import fcntl

    with open(held, "rb") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)  # a writer in another process namespace, still writing
        list_saves(tmp_path)
        assert hidden_files(tmp_path) == everything  # a listing removes nothing
        save_session(play(scenario(MINI), seed=1, turns=1), tmp_path / "x.wgsave")
        assert stale.name not in hidden_files(tmp_path)
        assert hidden_files(tmp_path) == [name for name in everything if name != stale.name]
    assert [p.read_bytes() for p in others] == [b"half a save"] * 3


def test_a_failed_append_refuses_the_event_and_says_which_turn_was_last_saved(tmp_path, monkeypatch):
    session = play(scenario(MINI), seed=1, turns=2)
    keeper = SaveFile.own(session, tmp_path / "a.wgsave")
    before = (tmp_path / "a.wgsave").read_bytes()
    real = journal_file._append

    def disk_full(descriptor, frame):
        os.write(descriptor, frame[:7])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(journal_file, "_append", disk_full)
    with pytest.raises(SaveError, match=r"No space left on device \(turns 1 to 2 are saved; what came after"):
        session.play_turn()
    with pytest.raises(SaveError, match="turns 1 to 2 are saved"):
        session.submit(Order("a", "a.push"))
    assert len(session.turns) == 2 and not session.decided()  # refused: the session is unchanged
    assert (tmp_path / "a.wgsave").read_bytes() == before  # the partial frame was taken back
    monkeypatch.setattr(journal_file, "_append", real)
    session.play_turn()
    keeper.release()
    assert load_save(tmp_path / "a.wgsave").played == 3


def test_a_failed_rewrite_keeps_the_earlier_save_and_removes_its_temporary_file(tmp_path, monkeypatch):
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


def test_autosave_keeps_one_file_per_game_in_a_folder_it_creates(tmp_path):
    session = play(scenario(MINI), seed=1, turns=1)
    keeper = autosave(session, tmp_path / "saves")
    assert keeper.path == autosave_path(session, tmp_path / "saves")
    session.play_turn()
    assert load_save(keeper.path).played == 2
    keeper.release()
    other = autosave(play(scenario(MINI), seed=1, turns=1), tmp_path / "saves")
    assert other.path != keeper.path
    other.release()


def test_listing_flags_damaged_files_and_sorts_newest_first(tmp_path):
    old = save_session(play(scenario(MINI), seed=1, turns=2, name="old"), tmp_path / "old.wgsave")
    os.utime(old, (1, 1))
    new = save_session(play(scenario(MINI), seed=2, name="new"), tmp_path / "new.wgsave")
    (tmp_path / "cut.wgsave").write_bytes(new.read_bytes()[:500])
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


REWRITER = textwrap.dedent("""
    import os, sys, time
    from game import atomic
    from game.saves import load_save, restore_session, save_session

    def slow_write(file, data):
        file.write(data[: len(data) // 2])
        file.flush()
        os.fsync(file.fileno())
        print("half written", flush=True)
        time.sleep(60)
        file.write(data[len(data) // 2 :])

    atomic._write_all = slow_write
    session = restore_session(load_save(sys.argv[1]))
    session.play_turn()
    save_session(session, sys.argv[1])
""")


def test_a_writer_killed_mid_rewrite_leaves_the_earlier_save_whole(tmp_path):
    session = play(long_scenario(1500), seed=4, turns=700)
    path = save_session(session, tmp_path / "long.wgsave")
    before = path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen([sys.executable, "-c", REWRITER, str(path)], stdout=subprocess.PIPE, env=env) as writer:
        try:
            assert writer.stdout.readline() == b"half written\n"
            assert [name for name in hidden_files(tmp_path) if name.endswith(".tmp")]
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert path.read_bytes() == before and load_save(path).played == 700
    assert [s.path.name for s in list_saves(tmp_path)] == ["long.wgsave"]
    listing = subprocess.run([sys.executable, "-m", "game", "saves", str(tmp_path)], env=env, capture_output=True)
    assert listing.returncode == 0
    assert [name for name in hidden_files(tmp_path) if name.endswith(".tmp")]  # a listing removes nothing
    save_session(restore_session(load_save(path)), path)  # a writer proves the owner dead and cleans
    assert not [name for name in hidden_files(tmp_path) if name.endswith(".tmp")]


APPENDER = textwrap.dedent("""
    import os, sys, time
    from game.saves import SaveFile, journal_file, load_save, restore_session

    def slow_append(descriptor, frame):
        os.write(descriptor, frame[: len(frame) // 2])
        os.fsync(descriptor)
        print("half appended", flush=True)
        time.sleep(60)

    session = restore_session(load_save(sys.argv[1]))
    SaveFile.own(session, sys.argv[1])
    for _ in range(int(sys.argv[2])):
        session.play_turn()
    journal_file._append = slow_append
    session.play_turn()
""")


def test_a_sigkill_during_an_append_never_loses_an_earlier_turn(tmp_path):
    path = save_session(play(long_scenario(40), seed=4, turns=3), tmp_path / "game.wgsave")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen([sys.executable, "-c", APPENDER, str(path), "5"], stdout=subprocess.PIPE,
                          env=env) as writer:
        try:
            assert writer.stdout.readline() == b"half appended\n"
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
    saved = load_save(path)
    assert saved.played == 8 and saved.dropped > 0  # the torn ninth turn is dropped, nothing before it
    session = restore_session(saved)
    keeper = SaveFile.own(session, path)  # the next owner writes the file again without the torn frame
    session.play_turn()
    keeper.release()
    assert load_save(path).played == 9 and load_save(path).dropped == 0
