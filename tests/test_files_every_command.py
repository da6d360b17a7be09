"""Every command against every kind of path and flag: a result or one line, never a traceback (issue 18.6).

Hypothesis drives each ``wargame`` command in-process with paths drawn from
a folder of the awkward things a user's disk holds (missing files, folders,
FIFOs, sockets, device nodes like /dev/null, links to each, dangling links,
names that are not UTF-8, hold escape codes or are too long, read-only
folders, a damaged and a forged save, a scenario that does not load) and
flags given garbage, huge, negative or other-script numbers. The property:
exit status 0, 1 or 2; on 2, standard error is one line (or ``FILE:LINE``
lines for a scenario's problems); never a traceback; nothing printed steers a
terminal; and nothing outside the test's folder is touched: every special
file is what it was, and the folder's parent holds what it held.

The suite runs a few dozen examples; for a long search::

    EVERY_COMMAND_EXAMPLES=3000 .venv/bin/pytest -m slow tests/test_files_every_command.py
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual_serve.server import Server

from game.cli import main
from game.net.host import Host
from game.saves import save_session
from game.session import Order
from tests.hostile_cases import BASE
from tests.saves_forge import chained, frames
from tests.saves_support import MINI, play, scenario
from tests.test_files_shown_and_bounded import UNSAFE

BRIEF = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=int(os.environ.get("EVERY_COMMAND_EXAMPLES", "3000")), deadline=None,
                suppress_health_check=list(HealthCheck))


def make_folder(folder: Path) -> dict[str, Path]:
    """The awkward things, by name; paths are relative to ``folder`` (the working folder of each run)."""
    shutil.copy(MINI, folder / "mini.toml")
    (folder / "base.toml").write_text(BASE)
    (folder / "broken.toml").write_text(BASE.replace('id = "a.push"', 'id = ""'))
    session = play(scenario(MINI), seed=1, turns=2)
    session.submit(Order("a", "a.push", "why"))
    save_session(session, folder / "game.wgsave")
    values = frames((folder / "game.wgsave").read_bytes())
    values[-1][2] = ["order", 3, ["a", "b.hide", "", "human"]]
    (folder / "forged.wgsave").write_bytes(chained(values))
    (folder / "damaged.wgsave").write_bytes((folder / "game.wgsave").read_bytes()[:200] + b"\0" * 50)
    (folder / "notes.txt").write_text("my own notes\n")
    (folder / ".notes.wgsave.1234abcd.tmp").write_text("someone else's\n")
    (folder / "dir").mkdir()
    (folder / "readonly").mkdir(mode=0o500)
    os.mkfifo(folder / "fifo")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "sock"))
    listener.close()
    if os.geteuid() == 0:
        os.mknod(folder / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        os.mknod(folder / "zero.toml", stat.S_IFCHR | 0o666, os.makedev(1, 5))
    for name in ("fifo", "sock", "null", "dir"):
        if (folder / name).exists() or (folder / name).is_socket():
            (folder / f"link-{name}").symlink_to(folder / name)
    (folder / "dangling").symlink_to(folder / "nowhere" / "x")
    weird = os.fsdecode(b"caf\xe9\x1b[2J\xe2\x80\xa8.wgsave")  # not UTF-8, an escape, a line separator
    shutil.copy(folder / "game.wgsave", folder / weird)
    return {path.name: path for path in folder.iterdir()}


SPECIAL = ("fifo", "sock", "null", "zero.toml", "dir", "readonly", "link-fifo", "link-sock", "link-null",
           "link-dir", "dangling", "notes.txt", ".notes.wgsave.1234abcd.tmp")


def fingerprints(folder: Path) -> dict[str, tuple]:
    """What each special thing is (kind, inode, device number, content of the bystanders' files)."""
    prints = {}
    for name in SPECIAL:
        path = folder / name
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        content = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
        prints[name] = (stat.S_IFMT(info.st_mode), info.st_ino, info.st_rdev, content)
    return prints


NAMES = st.sampled_from([
    "mini.toml", "base.toml", "broken.toml", "game.wgsave", "forged.wgsave", "damaged.wgsave", "notes.txt",
    "dir", "dir/", "readonly", "readonly/new.wgsave", "fifo", "sock", "null", "zero.toml", "link-fifo",
    "link-sock", "link-null", "link-dir", "dangling", "missing.toml", "nowhere/x.wgsave", "", ".",
    "x" * 300, "a\x1b[2Jb.wgsave", "line\u2028break.toml", os.fsdecode(b"bad\xff.wgsave"), "new.wgsave",
    "new.md", "new.html", "new.json", "new.toml", "/dev/null", "/dev/zero",
])
"""Paths a person might give, inside the test's folder (a save into ``..`` would rightly go outside it).
/dev/null and /dev/zero are read, never written: every command that writes refuses a device before
touching it, which this test checks on its own copies."""
NUMBERS = st.sampled_from(["0", "1", "2", "3", "-1", "x", "", "9" * 30, "9" * 5000, "1e3", "\u0663", " 2 ",
                           "+1", "0x10", "1_000"])
TEXTS = st.sampled_from(["", "a", "a=human", "a=random", "b=greedy", "zz=human", "a=nope", "=", "\x1b[2J",
                         "us", "facilitator", "dark", "a.push", "x += 1", "x"])

FLAGS = {
    "new": {"--force": None},
    "validate": {"--strict": None},
    "run": {"--seed": NUMBERS, "--seat": TEXTS, "--resume": NAMES, "--save": NAMES, "--turns": NUMBERS,
            "--name": TEXTS, "--force-save": None, "--formulas": None, "--passphrase-file": NAMES},
    "replay": {"--verify": None, "--to": NUMBERS, "--as": TEXTS, "--passphrase-file": NAMES, "--formulas": None},
    "branch": {"--at": NUMBERS, "-o": NAMES, "--name": TEXTS, "--force": None},
    "diff": {"--passphrase-file": NAMES},
    "saves": {},
    "simulate": {"--runs": NUMBERS, "--jobs": st.sampled_from(["1", "0", "300", "x"]), "--seat": TEXTS,
                 "--seed": NUMBERS, "--json": NAMES},
    "lint": {"--runs": NUMBERS, "--seed": NUMBERS},
    "balance": {"--runs": NUMBERS, "--policy-runs": NUMBERS, "--seed": NUMBERS, "--json": NAMES},
    "report": {"-o": NAMES, "--runs": NUMBERS, "--baseline": TEXTS, "--passphrase-file": NAMES},
    "play": {"--plain": None, "--seat": TEXTS, "--seed": NUMBERS, "--load": NAMES, "--saves": NAMES,
             "--theme": TEXTS, "--facilitator": None},
    "host": {"--games": NUMBERS, "--port": st.just("0"), "--journal": NAMES, "--saves": NAMES, "--seed": NUMBERS,
             "--timer": TEXTS, "--seat": TEXTS, "--bind": st.sampled_from(["127.0.0.1", "x", "\x1b[2J"]),
             "--public-url": st.sampled_from(["https://h.example/g", "\x1b[2J", "ftp://x", "https://x/\u202e"]),
             "--web": st.just("0")},
    "join": {"--link-file": st.one_of(NAMES, st.just("-")), "--policy": TEXTS},
    "serve": {"--saves": NAMES, "--port": NUMBERS, "--host": st.sampled_from(["127.0.0.1", "x", "\x1b[2J"])},
}
LINKS = st.one_of(st.sampled_from(["x", "http://127.0.0.1:1/1/us/short", "ws://", "\x1b[2J"]), NAMES)
"""Links that are not links (a well-formed one would be joined, and retried, for ever)."""
SCENARIOS = st.one_of(st.sampled_from(["mini.toml", "base.toml"]), NAMES)
SAVES = st.one_of(st.sampled_from(["game.wgsave", "forged.wgsave"]), NAMES)
FOLDERS = st.one_of(st.sampled_from([".", "dir"]), NAMES)
POSITIONAL = {"new": [NAMES], "validate": [SCENARIOS], "run": [SCENARIOS], "replay": [SAVES], "branch": [SAVES],
              "diff": [SAVES, SAVES], "saves": [FOLDERS], "simulate": [SCENARIOS], "lint": [SCENARIOS],
              "balance": [SCENARIOS], "report": [SAVES], "play": [SCENARIOS], "host": [SCENARIOS],
              "join": [LINKS], "serve": []}
"""Each command's positional arguments: half the time what it expects, else any path at all."""
RUNS = {"simulate", "lint", "balance", "report"}
"""Commands whose games are kept few: a run of a thousand games proves nothing more here."""


@st.composite
def command_lines(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(FLAGS)))
    argv = [command]
    for kind in POSITIONAL[command][: draw(st.integers(0, len(POSITIONAL[command])) | st.just(9))]:
        argv.append(draw(kind))
    flags = FLAGS[command]
    for flag in draw(st.lists(st.sampled_from(sorted(flags)), max_size=2, unique=True)) if flags else []:
        argv.append(flag)
        if flags[flag] is not None:
            argv.append(draw(flags[flag]))
    if command in RUNS and "--runs" not in argv:
        argv += ["--runs", "2"]
    if command == "balance" and "--policy-runs" not in argv:
        argv += ["--policy-runs", "0"]
    return argv


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("every-command")
    inside = root / "work"
    inside.mkdir()
    make_folder(inside)
    return inside


@pytest.fixture(autouse=True)
def no_serving(monkeypatch):
    async def serve(self, ready=None):
        self.journal.close()
    monkeypatch.setattr(Host, "serve", serve)
    monkeypatch.setattr(Server, "serve", lambda self, *args, **kwargs: None)  # wargame serve: checked, not served


OUTPUTS = {"--json", "-o", "--save"}
"""Flags naming a file a command writes."""


def _outputs(argv: list[str]) -> set[str]:
    """The names ``argv`` asks to be written (``new``'s file too)."""
    named = {value for flag, value in zip(argv, argv[1:]) if flag in OUTPUTS}
    return named | ({argv[1]} if argv[0] == "new" and len(argv) > 1 else set())


def check_one(folder: Path, argv: list[str], capsys, monkeypatch, saves: str | None = None) -> None:
    before, around = fingerprints(folder), sorted(os.listdir(folder.parent))
    monkeypatch.chdir(folder)
    if saves is None:
        monkeypatch.delenv("HORIZON_SAVES", raising=False)
    else:  # the saves folder named by the environment is a path a user gives too
        monkeypatch.setenv("HORIZON_SAVES", saves)
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n\x1b[A\n" + "9" * 5000 + "\n"))
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's refusal of a flag
        code = exit_.code
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and not UNSAFE.search(out + err), (argv, err)
    if code == 2 and not err.startswith(("wargame: ", f"wargame {argv[0]}: ")):  # a scenario's problems
        assert all(": " in line for line in err.splitlines()), (argv, err)
    elif code == 2:
        assert err.count("\n") == 1, (argv, err)
    named = _outputs(argv)  # a regular file named as the output may be replaced (a new inode): that was asked
    after = {name: (print_[0],) if name in named and stat.S_ISREG(print_[0]) else print_
             for name, print_ in fingerprints(folder).items()}
    assert after == {name: (print_[0],) if name in named and stat.S_ISREG(print_[0]) else print_
                     for name, print_ in before.items()}, argv
    assert sorted(os.listdir(folder.parent)) == around, argv
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


SAVES_FOLDERS = st.one_of(st.none(), st.none(), st.sampled_from(["dir", "."]), NAMES)
"""``HORIZON_SAVES``: unset, a folder, or any path at all (a file, a device, a FIFO, nothing)."""


@BRIEF
@given(argv=command_lines(), saves=SAVES_FOLDERS)
@example(argv=["simulate", "mini.toml", "--json", "notes.txt", "--runs", "2"], saves=None)  # asked: replaced
@example(argv=["report", "game.wgsave", "-o", "link-null", "--runs", "0"], saves="null")
def test_every_command_gives_a_result_or_one_line(folder, capsys, monkeypatch, argv, saves):
    check_one(folder, argv, capsys, monkeypatch, saves)


@pytest.mark.slow
@LONG
@given(argv=command_lines(), saves=SAVES_FOLDERS)
def test_every_command_gives_a_result_or_one_line_long(folder, capsys, monkeypatch, argv, saves):
    check_one(folder, argv, capsys, monkeypatch, saves)
