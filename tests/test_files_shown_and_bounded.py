"""Data reaches a terminal harmlessly, every count and line is bounded, every mistake is one line (issue 18.4-18.6).

Names in listings, typed input echoed back, scenario texts written with
escapes: nothing that steers a terminal is printed raw (``safe_text.printable``
at the point of showing). Counts a user passes have upper bounds; typed
numbers of any length are refused in the same words as one out of range;
standard input is read a bounded line at a time; special files are refused
wherever a file is read; and the mistakes the issue lists (non-UTF-8 names,
forged dates in any time zone, HORIZON_SAVES naming a file) end in one line.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys

import pytest

from game.cli import main
from game.saves import load_save, save_session
from game.session import Session
from tests.hostile_cases import BASE
from tests.paths import ROOT
from tests.saves_forge import chained, frames
from tests.saves_support import MINI, play, scenario

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
"""What must never reach a terminal from data (line breaks and tabs aside)."""


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(part) for part in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(capsys, *argv, words: str = "") -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err, (code, out, err)
    assert words in err, err
    assert not UNSAFE.search(err), err
    return err


# -- shown harmlessly -----------------------------------------------------------------------------

HOSTILE_NAMES = ["a\x1b[2Jb", "line\u2028break", "zero\u200bwidth", "right\u202eleft", "bom\ufeff"]


def test_a_listing_shows_hostile_file_and_game_names_visibly(tmp_path, capsys):
    session = play(scenario(MINI), seed=1, turns=1, name="class\u200b 1\u2028x")
    for name in HOSTILE_NAMES:
        save_session(session, tmp_path / f"{name}.wgsave", force=True)
    (tmp_path / "dam\x1b]0;owned\x07aged.wgsave").write_bytes(b"nope")
    code, out, err = run(capsys, "saves", tmp_path)
    assert code == 0 and not UNSAFE.search(out), out
    assert "\u27e8U+2028\u27e9" in out and "\u27e8U+200B\u27e9" in out and "\u241b[2J" in out


def test_every_command_s_standard_output_is_printable(tmp_path, capsys):
    """A save named with escape codes, quoted by replay, branch and run: nothing raw on standard output."""
    path = tmp_path / "x\x1b[31m\u202e.wgsave"
    assert run(capsys, "run", MINI, "--seed", 1, "--turns", 2, "--save", path)[0] == 0
    for command in (("replay", path, "--verify"), ("replay", path), ("run", "--resume", path),
                    ("branch", path, "--at", 1, "-o", tmp_path / "b\x1b[2J.wgsave"), ("saves", tmp_path)):
        code, out, err = run(capsys, *command)
        assert code == 0 and not UNSAFE.search(out + err), (command, out, err)


def test_a_text_literal_written_with_escapes_is_refused_at_load(tmp_path, capsys):
    for escape in ("\\\\u001b[2J", "\\\\x9b", "\\\\u202e", "\\\\u200b", "\\\\n"):
        path = tmp_path / "escape.toml"
        path.write_text(BASE.replace('when = "x < 10"', f"when = \"x < 10 and 'a' != '{escape}'\""))
        err = one_line(capsys, "validate", path, words="holds the control character")
        assert re.match(rf"{re.escape(str(path))}:\d+: ", err), err


# -- bounded ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, words", [
    (("simulate", MINI, "--runs", "1" + "0" * 5000), "give a number from 1 to 1000000"),
    (("simulate", MINI, "--runs", "1000001"), "give a number from 1 to 1000000"),
    (("simulate", MINI, "--runs", "\u0663"), "give a whole number"),
    (("simulate", MINI, "--jobs", "100000"), "give a number from 1 to 256"),
    (("lint", MINI, "--runs", "9" * 30), "give a number from 1 to 1000000"),
    (("balance", MINI, "--runs", "10000000"), "give a number from 1 to 1000000"),
    (("balance", MINI, "--policy-runs", "-1"), "give a number from 0 to 1000000"),
    (("report", MINI, "--runs", "10000000"), "give a number from 0 to 1000000"),
    (("report", MINI, "--runs", "-5"), "give a number from 0 to 1000000"),
    (("run", MINI, "--turns", "10001"), "give a number from 1 to 10000"),
    (("run", MINI, "--seed", "9" * 5000), "give a number from 0 to"),
    (("replay", MINI, "--to", "1" * 5000), "give a number from 0 to 10000"),
    (("host", MINI, "--games", "100000"), "give a number from 1 to 500"),
    (("host", MINI, "--timer", "9" * 5000 + "h"), "invalid duration"),
    (("serve", "--port", "9" * 5000), "give a number from 1 to 65535"),
])
def test_every_count_has_an_upper_bound_refused_in_one_line(capsys, argv, words):
    with pytest.raises(SystemExit) as exit_:
        main([str(part) for part in argv])
    out, err = capsys.readouterr()
    assert exit_.value.code == 2 and out == "" and err.count("\n") == 1 and words in err, err
    assert len(err) < 400, err  # a 5,000-digit number is not quoted back whole


@pytest.mark.parametrize("argv", [("run", MINI, "--turns", "1", "--fire", "e" * 100_000, "--reason", "why"),
                                  ("e" * 100_000,), ("replay", "s" * 100_000 + ".wgsave")])
def test_a_one_line_error_quoting_huge_input_stays_a_readable_line(capsys, argv):
    try:
        code = main([str(part) for part in argv])
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1, err[:300]
    assert len(err) < 2_200 and "characters left out" in err, len(err)


@pytest.mark.parametrize("number", ["9" * 5000, "-" + "1" * 4301, "1" + "_0" * 4400])
def test_a_toml_number_of_thousands_of_digits_is_one_problem_at_its_line(tmp_path, capsys, number):
    text = MINI.read_text()
    (tmp_path / "big.toml").write_text(text.replace("\nturns = ", f"\nturns = {number}\n#", 1))
    line = text[:text.index("\nturns = ")].count("\n") + 2
    for argv in (("validate", tmp_path / "big.toml"), ("run", tmp_path / "big.toml")):
        code, out, err = run(capsys, *argv)  # Python's int() refuses over 4,300 digits: tomllib let it through
        assert code == 2 and err == (f"{tmp_path / 'big.toml'}:{line}: a number thousands of digits long: no "
                                     "value of a scenario is that large\n"), err
    values = frames(save_session(play(scenario(MINI), seed=1, turns=1), tmp_path / "g.wgsave").read_bytes())
    kept = values[0][2]["scenario"]  # a save's copy of its scenario, forged with its checksum right
    kept["text"] = kept["text"].replace("\nturns = ", f"\nturns = {number}\n#", 1)
    kept["sha256"] = hashlib.sha256(kept["text"].encode()).hexdigest()
    (tmp_path / "g.wgsave").write_bytes(chained(values))
    code, out, err = run(capsys, "replay", "--verify", tmp_path / "g.wgsave")
    assert code == 2 and err.count("\n") == 1 and "a number thousands of digits long" in err, err


def test_numbers_typed_in_the_app_are_checked_without_int_s_digit_limit():
    from game.desk.setup import seed_problem
    from game.tui.playthrough import _count_problem

    assert seed_problem("9" * 5000) == seed_problem("1" + "0" * 30) != ""
    assert seed_problem("\u0663") == "The seed must be a whole number."
    assert seed_problem(" 12 ") == ""
    assert _count_problem("9" * 5000, 3) == _count_problem("\u0663", 3) == "Give a number from 1 to 3."
    assert _count_problem("2", 3) == ""
    from game.tui.screens.replay import turn_problem
    assert turn_problem("9" * 5000, 4) == turn_problem("5", 4) == "Give a turn from 0 (the start) to 4."
    assert turn_problem("0", 4) == ""


def _locked_unfinished_save(tmp_path):
    from game.lock import make_lock

    session = Session(scenario(MINI), 1, {"a": "random", "b": "random"}, lock=make_lock("secret words"))
    session.play_turn()
    return save_session(session, tmp_path / "locked.wgsave")


def test_a_passphrase_file_that_is_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    save = _locked_unfinished_save(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for given in (fifo, "/dev/zero", tmp_path):
        result = subprocess.run([sys.executable, "-m", "game", "replay", str(save), "--passphrase-file", str(given)],
                                capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
        assert result.returncode == 2 and result.stdout == "", result
        assert result.stderr.count("\n") == 1 and "cannot read the passphrase" in result.stderr, result.stderr
    (tmp_path / "words").write_text("secret words\nsecond line\n")
    assert subprocess.run([sys.executable, "-m", "game", "replay", str(save), "--verify", "--passphrase-file",
                           str(tmp_path / "words")], capture_output=True, env=env, timeout=60).returncode == 0


# -- plain mode's standard input --------------------------------------------------------------------

class Endless(io.RawIOBase):
    """/dev/zero as a stream: ``pattern`` repeated for ever (never a line break, unless it holds one)."""

    def __init__(self, pattern: bytes = b"\0") -> None:
        self.pattern = pattern

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = len(buffer)
        buffer[:size] = (self.pattern * (size // len(self.pattern) + 1))[:size]
        return size


def plain(capsys, monkeypatch, tmp_path, stdin, *argv) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setenv("HORIZON_SAVES", str(tmp_path / "saves"))
    return run(capsys, "play", "--plain", *argv)


def typed(text: str | bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(text if isinstance(text, bytes) else text.encode()), encoding="utf-8")


def test_plain_mode_refuses_a_5000_digit_answer_and_quotes_typed_escapes_visibly(capsys, monkeypatch, tmp_path):
    code, out, err = plain(capsys, monkeypatch, tmp_path, typed("9" * 5000 + "\n\x1b[A\n\u0663\n"), MINI)
    assert code == 0 and "Traceback" not in err, err
    assert out.count("is not one of the choices") == 3 and not UNSAFE.search(out), out
    assert "\u201c\u241b[A\u201d is not one of the choices" in out
    assert "9" * 100 not in out  # quoted back cut short


def test_plain_mode_on_an_endless_line_stops_in_one_sentence(capsys, monkeypatch, tmp_path):
    stdin = io.TextIOWrapper(io.BufferedReader(Endless()), encoding="utf-8")
    code, out, err = plain(capsys, monkeypatch, tmp_path, stdin, MINI)
    assert code == 0 and err == "", err
    assert "reading stops here" in out and not UNSAFE.search(out)


def test_plain_mode_skips_one_over_long_line_and_reads_on(capsys, monkeypatch, tmp_path):
    code, out, err = plain(capsys, monkeypatch, tmp_path, typed("x" * 50_000 + "\n" + "5\n"), MINI)
    assert code == 0 and "it was ignored" in out and out.count("is not one of the choices") <= 1, out


def test_plain_mode_reads_bytes_that_are_not_utf8(capsys, monkeypatch, tmp_path):
    code, out, err = plain(capsys, monkeypatch, tmp_path, typed(b"\xff\xfe\n\xc3\n"), MINI)
    assert code == 0 and "\ufffd" in out and "Traceback" not in err, err


def test_a_name_typed_in_plain_setup_with_an_escape_is_asked_again(capsys, monkeypatch, tmp_path):
    # the setup menu: 4 names the game; the name with an escape is refused, the plain one kept, then Play
    answers = "4\nclass\x1b[2J 1\nclass 1\n1\n"
    code, out, err = plain(capsys, monkeypatch, tmp_path, typed(answers), "--seat", "a=human", MINI)
    assert code == 0 and "holds a control character (\u241b)" in out and not UNSAFE.search(out), out


# -- one line for every mistake ---------------------------------------------------------------------

def test_non_utf8_file_names_are_saved_branched_and_listed(tmp_path, capsys):
    name = os.fsdecode(b"caf\xe9")
    path = tmp_path / f"{name}.wgsave"
    assert run(capsys, "run", MINI, "--seed", 2, "--save", path)[0] == 0
    code, out, err = run(capsys, "branch", path, "--at", 1, "-o", tmp_path / f"{name}-b.wgsave")
    assert code == 0 and not UNSAFE.search(out + err), err
    assert load_save(tmp_path / f"{name}-b.wgsave").parent.file == "caf\ufffd.wgsave"
    code, out, _ = run(capsys, "saves", tmp_path)
    assert code == 0 and "caf\u27e8U+DCE9\u27e9.wgsave" in out


@pytest.mark.parametrize("moment", ["9999-12-31T23:00:00.000000+00:00", "0001-01-01T00:30:00.000000+00:00"])
def test_a_forged_save_s_dates_are_damage_in_every_time_zone(tmp_path, moment):
    path = save_session(play(scenario(MINI), seed=1, turns=1), tmp_path / "g.wgsave")
    values = frames(path.read_bytes())
    for value in values:
        value[1] = moment
    path.write_bytes(chained(values))
    os.utime(path, (2**40, 2**40))  # a file's own time far in the future too
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12", "UTC"):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TZ": zone}
        result = subprocess.run([sys.executable, "-m", "game", "saves", str(tmp_path)], capture_output=True,
                                text=True, env=env, timeout=60)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        assert "[DAMAGED]" in result.stdout and "from 1970 to 9998" in result.stdout


def test_horizon_saves_naming_a_file_is_one_line(tmp_path, capsys, monkeypatch):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("HORIZON_SAVES", str(tmp_path / "file"))
    one_line(capsys, "saves", words="HORIZON_SAVES=")
    one_line(capsys, "run", MINI, "--save", words="is not a folder")
    one_line(capsys, "saves", tmp_path / "file", words="is not a folder")
    from textual_serve.server import Server
    monkeypatch.setattr(Server, "serve", lambda self, *args, **kwargs: None)  # a regression fails, not hangs
    one_line(capsys, "serve", "--port", "48999", words="HORIZON_SAVES=")  # refused before anything is served
    monkeypatch.delenv("HORIZON_SAVES")
    one_line(capsys, "play", "--plain", "--saves", tmp_path / "file", MINI, words="--saves ")
    one_line(capsys, "serve", "--port", "48999", "--saves", tmp_path / "file", words="is not a folder")
