"""A fuzzer for ``wargame play --plain``'s standard input: random and adversarial (issue 18.7).

Plain mode reads a person's answers from a pipe, which may carry anything:
bytes that are not UTF-8, NULs and escape codes, numbers of thousands of
digits, other scripts' digits, lines longer than any answer, no line break
at all, or a stream that never ends. Each example plays the fixture scenario
in-process with such input, mixed with answers that move the game on
(numbers in range, Enter), so the fuzzer reaches the game's own questions
(decisions, rationales, messages, saving) and not only the first menu. The
property: the command ends (the input runs out) with exit status 0, or 2
with one line; no traceback; nothing steering the terminal on standard
output; and the save it leaves, if any, loads.

For a long run::

    PLAIN_FUZZ_EXAMPLES=5000 .venv/bin/pytest -m slow tests/test_fuzz_plain.py
"""

from __future__ import annotations

import io
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.saves import list_saves
from tests.saves_support import MINI
from tests.test_files_shown_and_bounded import UNSAFE, Endless

BRIEF = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=int(os.environ.get("PLAIN_FUZZ_EXAMPLES", "3000")), deadline=None,
                suppress_health_check=list(HealthCheck))

MOVES = st.sampled_from([b"1", b"2", b"3", b"", b"", b"1", b"4", b"7", b"r"])
"""Answers that move a game on: the first choices, Enter for a default."""
ADVERSARIAL = st.sampled_from([
    b"9" * 5000, "\u0663".encode(), b"\x1b[2J", b"\x1b]0;owned\x07", b"\x00\x00", b"\xff\xfe\xfd", b"\xc3",
    "\u202e\u2028\u200b".encode(), b"x" * 20_000, b"-1", b"+2", b" 1 ", b"0", b"1e3", b"0x1", b"1_0",
    b"\r", b"\t1", "\ufeff1".encode(), b"why" * 2000, b"a\x1b[31mrationale",
])
LINES = st.lists(st.one_of(MOVES, MOVES, ADVERSARIAL, st.binary(max_size=40)), max_size=40)
ENDINGS = st.sampled_from([b"", b"\n", b"no line break at the end", b"\x00" * 100])


@st.composite
def inputs(draw) -> bytes:
    return b"\n".join(draw(LINES)) + draw(ENDINGS)


def check_plain(data: bytes, folder, capsys, monkeypatch, *, endless: bool = False, seats: tuple = ()) -> None:
    raw = io.BufferedReader(Endless(data or b"\0")) if endless else io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    monkeypatch.setenv("HORIZON_SAVES", str(folder))
    argv = ["play", "--plain", *(part for seat in seats for part in ("--seat", seat)), str(MINI)]
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    assert code in (0, 2), (code, err)
    assert code == 0 or err.count("\n") == 1, err
    assert "Traceback" not in err and not UNSAFE.search(out + err), (out[-2000:], err)
    for summary in list_saves(folder):
        assert summary.damaged is None, summary.damaged


SEATS = st.sampled_from([(), ("a=human", "b=human"), ("b=random",), ("a=random", "b=random")])


@BRIEF
@given(data=inputs(), seats=SEATS)
def test_fuzz_plain_mode_s_standard_input(tmp_path_factory, capsys, monkeypatch, data, seats):
    check_plain(data, tmp_path_factory.mktemp("plain"), capsys, monkeypatch, seats=seats)


@settings(BRIEF, max_examples=5)
@given(data=st.sampled_from([b"", b"1", b"\xff", b"9" * 7]))
def test_plain_mode_on_an_endless_stream_ends(tmp_path_factory, capsys, monkeypatch, data):
    check_plain(data, tmp_path_factory.mktemp("plain"), capsys, monkeypatch, endless=True)


@pytest.mark.slow
@LONG
@given(data=inputs(), seats=SEATS)
def test_fuzz_plain_mode_s_standard_input_long(tmp_path_factory, capsys, monkeypatch, data, seats):
    check_plain(data, tmp_path_factory.mktemp("plain"), capsys, monkeypatch, seats=seats)


def test_plain_mode_as_a_process_on_dev_zero_and_on_hostile_bytes(tmp_path):
    """The same through a real process's standard input (its own decoding, in the C locale too): an endless
    device, and a pipe of escapes, bytes that are not UTF-8 and a huge line."""
    import stat
    import subprocess

    from tests.paths import ROOT

    zero = tmp_path / "zero"
    if os.geteuid() == 0:
        os.mknod(zero, stat.S_IFCHR | 0o444, os.makedev(1, 5))
    else:
        zero = "/dev/zero"  # only read
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), "LANG": "C", "LC_ALL": "C",
           "HORIZON_SAVES": str(tmp_path / "saves")}
    hostile = b"\x1b[2J\n\x1b]0;owned\x07\n\xff\xfe\n" + b"9" * 5000 + b"\n" + b"x" * 50_000 + b"\n\x00\n1\n"
    argv = [sys.executable, "-m", "game", "play", "--plain", str(MINI)]
    with open(zero, "rb") as endless:
        endless_run = subprocess.run(argv, env=env, stdin=endless, capture_output=True, timeout=120)
    for result in (endless_run, subprocess.run(argv, env=env, input=hostile, capture_output=True, timeout=120)):
        out, err = result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")
        assert result.returncode == 0 and err == "", err
        assert not UNSAFE.search(out.replace("\ufffd", "")), out[-2000:]
        assert out.rstrip().endswith("The input ended."), out[-500:]
