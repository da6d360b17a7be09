"""Writers write only regular files, clean only what Horizon made, and standard output fails in one line.

Device nodes are made in the test's own folder (``mknod``, as root): a test
must never point a writer at the real ``/dev/null``, which renaming over
would destroy for the whole machine.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys

import pytest

from game import atomic
from game.cli import main
from game.errors import FileError
from game.saves import SaveError, SaveFile, save_session
from game.saves.ownership import SaveLock, lock_path
from tests.paths import ROOT
from tests.saves_support import MINI, play, scenario

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")


def special_files(tmp_path) -> dict[str, os.PathLike]:
    """A FIFO, a socket, a folder and (as root) a character device like /dev/null, all in ``tmp_path``."""
    made = {"fifo": tmp_path / "pipe", "folder": tmp_path / "folder", "socket": tmp_path / "sock"}
    os.mkfifo(made["fifo"])
    made["folder"].mkdir()
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(made["socket"]))
    listener.close()
    if os.geteuid() == 0:
        made["device"] = tmp_path / "null"
        os.mknod(made["device"], stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return made


def fingerprint(path) -> tuple:
    info = os.lstat(path)
    return info.st_ino, info.st_mode, info.st_rdev


@pytest.mark.parametrize("kind, words", [("fifo", "FIFO"), ("folder", "folder"), ("socket", "socket"),
                                         ("device", "character device")])
def test_the_one_writer_refuses_anything_but_a_regular_file(tmp_path, kind, words):
    made = special_files(tmp_path)
    if kind not in made:
        pytest.skip("making a device node needs root")
    path = made[kind]
    link = tmp_path / "link"
    link.symlink_to(path)
    before = fingerprint(path)
    for name in (path, link):
        with pytest.raises(FileError, match=words) as refused:
            atomic.write_atomically(name, b"data")
        assert str(name) in str(refused.value) and "\n" not in str(refused.value)
    assert fingerprint(path) == before and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["link", *(p.name for p in made.values())])


def test_a_regular_file_and_a_link_to_one_or_to_nothing_yet_are_written(tmp_path):
    (tmp_path / "a").write_bytes(b"old")
    (tmp_path / "to-a").symlink_to(tmp_path / "a")
    (tmp_path / "to-b").symlink_to(tmp_path / "b")
    atomic.write_atomically(tmp_path / "to-a", b"new")
    atomic.write_atomically(tmp_path / "to-b", b"fresh")
    assert (tmp_path / "a").read_bytes() == b"new" and (tmp_path / "b").read_bytes() == b"fresh"
    assert (tmp_path / "to-a").is_symlink() and (tmp_path / "to-b").is_symlink()


@pytest.mark.parametrize("kind", ["fifo", "folder", "socket", "device"])
def test_a_save_to_a_special_file_is_refused_before_any_lock_is_made_beside_it(tmp_path, kind):
    made = special_files(tmp_path)
    if kind not in made:
        pytest.skip("making a device node needs root")
    before = sorted(p.name for p in tmp_path.iterdir())
    session = play(scenario(MINI), seed=1, turns=1)
    for write in (lambda: save_session(session, made[kind]), lambda: SaveFile.own(session, made[kind])):
        with pytest.raises(SaveError, match="regular file|folder"):
            write()
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("command", [
    ["simulate", MINI, "--runs", "2", "--json"],
    ["balance", MINI, "--runs", "2", "--json"],
    ["run", MINI, "--save"],
    ["new"],
])
def test_the_commands_refuse_a_special_target_in_one_line(tmp_path, capsys, command):
    made = special_files(tmp_path)
    for kind, path in made.items():
        if kind == "folder" and command[0] in ("run",):
            continue  # `run --save FOLDER` saves into the folder, under the game's own name
        before = fingerprint(path)
        status = main([str(part) for part in command] + [str(path)])
        out, err = capsys.readouterr()
        assert status == 2 and err.count("\n") == 1 and str(path) in err, (kind, err)
        assert fingerprint(path) == before


@ROOT_ONLY
def test_a_save_into_a_folder_that_is_not_there_says_so_in_one_line(tmp_path, capsys):
    session = play(scenario(MINI), seed=1, turns=1)
    with pytest.raises(SaveError) as refused:
        save_session(session, tmp_path / "nowhere" / "g.wgsave")
    assert refused.value.reason == f"no such folder {str(tmp_path / 'nowhere')!r}"  # not "cannot lock: ENOENT"
    save = save_session(session, tmp_path / "g.wgsave")
    assert main(["branch", str(save), "--at", "1", "-o", str(tmp_path / "nowhere" / "b.wgsave")]) == 2
    assert capsys.readouterr().err.endswith(f"no such folder {str(tmp_path / 'nowhere')!r}\n")
    assert main(["run", str(MINI), "--turns", "1", "--save", str(tmp_path / "nowhere" / "r.wgsave")]) == 2
    assert capsys.readouterr().err.endswith(f"no such folder {str(tmp_path / 'nowhere')!r}\n")
    assert not (tmp_path / "nowhere").exists()


def test_report_to_a_device_is_refused_and_the_device_stays(tmp_path, capsys):
    save = tmp_path / "g.wgsave"
    assert main(["run", str(MINI), "--save", str(save)]) == 0
    device = tmp_path / "debrief.md"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    capsys.readouterr()
    assert main(["report", str(save), "-o", str(device)]) == 2
    assert "character device" in capsys.readouterr().err
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_lock_file_name_holding_something_else_is_neither_truncated_nor_removed(tmp_path):
    save = tmp_path / "g.wgsave"
    mine = lock_path(save)
    mine.write_text("my own notes\n")
    with pytest.raises(SaveError, match="not a Horizon lock file"):
        SaveLock.acquire(save)
    assert mine.read_text() == "my own notes\n" and not save.exists()
    mine.unlink()
    os.mkfifo(mine)
    with pytest.raises(SaveError, match="not a Horizon lock file"):
        SaveLock.acquire(save)
    assert stat.S_ISFIFO(os.lstat(mine).st_mode)


def test_a_dead_writers_lock_file_is_taken_again(tmp_path):
    save = tmp_path / "g.wgsave"
    lock_path(save).write_text("123 2026-01-05 10:02\n")
    SaveLock.acquire(save).release()
    assert not lock_path(save).exists()


def _child(*args: str, stdout) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "game", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, env=env, timeout=120)


def full_disk(tmp_path) -> str:
    """A device whose every write fails with "no space left": one made in ``tmp_path`` as root, else /dev/full
    (only opened for writing by the child's redirection, never written over)."""
    if os.geteuid() == 0:
        os.mknod(tmp_path / "full", stat.S_IFCHR | 0o666, os.makedev(1, 7))
        return str(tmp_path / "full")
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    return "/dev/full"


@pytest.mark.parametrize("argv", [["validate", str(MINI)], ["--help"], ["--version"], ["run", "--help"]])
def test_standard_output_on_a_full_disk_ends_in_one_line(tmp_path, argv):
    with open(full_disk(tmp_path), "w") as full:
        result = _child(*argv, stdout=full)
    assert result.returncode == 2, result.stderr  # --help and --version too: argparse alone says nothing, exit 0
    prog = "wargame validate" if argv[0] == "validate" else "wargame"
    assert result.stderr == f"{prog}: cannot write to standard output: No space left on device\n"


def test_standard_output_closed_early_ends_in_one_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reader, writer = os.pipe()
    os.close(reader)  # nobody will ever read: the first write fails with EPIPE
    with open(writer, "w") as closed:
        result = subprocess.run([sys.executable, "-m", "game", "validate", str(MINI)], stdout=closed,
                                stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert result.stderr == "wargame validate: standard output was closed before everything was written\n"
