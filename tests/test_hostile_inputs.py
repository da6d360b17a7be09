"""Issue 12: hostile scenarios and saves, each written here, through the ``wargame`` commands.

Every case either is refused in ``FILE:LINE`` lines with exit status 2, or
loads and plays: ``run`` (random and lookahead players), ``simulate``,
``lint``, a save that lists, replays and verifies. Never a traceback: the
commands run in this process (an exception escaping ``main`` fails the test)
or, where a case could hang or eat memory if the fix regressed (a FIFO,
/dev/zero, a huge file), in a child process under a timeout and a memory limit.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys

import pytest

from game.cli import main
from game.engine.arithmetic import LIMIT
from tests.hostile_cases import BASE, HOSTILE_TEXT, LEGAL, REFUSED, SAVE_TEXTS, Case, hostile_text_game

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a terminal from an author's text (newlines aside)."""


def wargame(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, case: Case, name: str = "hostile.toml"):
    path = tmp_path / name
    path.write_text(case.text(), encoding="utf-8")
    return path


def line_of(text: str, marker: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if marker in line)


def test_the_base_scenario_is_legal_and_quiet(tmp_path, capsys):
    code, out, err = wargame(capsys, "validate", write(tmp_path, Case("", "")))
    assert (code, err) == (0, "") and ": ok: hostile" in out


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_each_hostile_scenario_is_refused_at_its_line(tmp_path, capsys, name):
    case = REFUSED[name]
    path = write(tmp_path, case)
    code, out, err = wargame(capsys, "validate", path)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines and all(line.startswith(f"{path}:") for line in lines), err
    expected = f"{path}:{line_of(case.text(), case.marker)}:"
    assert any(line.startswith(expected) and case.refused in line for line in lines), (expected, err)
    assert wargame(capsys, "run", path, "--seed", "1")[0] == 2


@pytest.mark.parametrize("name", sorted(LEGAL))
def test_each_legal_extreme_loads_and_plays_everywhere(tmp_path, capsys, name):
    case = LEGAL[name]
    path = write(tmp_path, case)
    code, out, err = wargame(capsys, "validate", path)
    assert code == 0, err
    if case.warning:
        assert case.warning in err and f"{path}:" in err and "warning" in out
    else:
        assert err == ""
    for seats in (["a=random", "b=random"], ["a=greedy", "b=cautious"]):
        code, out, err = wargame(capsys, "run", path, "--seed", "7", *[f"--seat={s}" for s in seats],
                                 "--save", tmp_path / f"{seats[0]}.wgsave")
        assert code == 0, err
        assert not CONTROL.search(out), out
        assert "nan" not in out.lower() and "inf" not in out.lower()
    code, out, err = wargame(capsys, "simulate", path, "--runs", "6", "--jobs", "1", "--seat", "a=greedy")
    assert code == 0, err
    assert wargame(capsys, "lint", path, "--runs", "4")[0] in (0, 1)
    code, out, err = wargame(capsys, "saves", tmp_path)
    assert code == 0 and "damaged" not in out, out
    for save in tmp_path.glob("*.wgsave"):
        code, out, err = wargame(capsys, "replay", save, "--verify")
        assert code == 0, err
        for seat in ("a", "b"):
            code, out, err = wargame(capsys, "replay", save, "--as", seat)
            assert code == 0 and not CONTROL.search(out), err
    report = tmp_path / "debrief.html"
    code, out, err = wargame(capsys, "report", save, "-o", report, "--runs", "4", "--jobs", "1")
    assert code == 0 and not CONTROL.search(report.read_text().replace("\n", "")), err


def test_a_chance_of_5_never_shows_500_percent_and_its_save_verifies(tmp_path, capsys):
    """Issue 12.8: remove the 0..1 clamp of a drawn chance and this fails."""
    for chance, shown in (("5", "100%"), ("-3", "0%")):
        path = write(tmp_path, Case('chance = "0.5"', f'chance = "{chance}"'), f"chance{chance}.toml")
        save = tmp_path / f"chance{chance}.wgsave"
        code, out, err = wargame(capsys, "run", path, "--seed", "3", "--save", save, "--formulas")
        assert code == 0, err
        percents = [int(p) for p in re.findall(r"(-?\d+)%", out)]
        assert percents and all(0 <= p <= 100 for p in percents), out
        assert shown in out
        assert wargame(capsys, "replay", save, "--verify")[0] == 0


def test_scores_stay_within_the_bound(tmp_path, capsys):
    path = write(tmp_path, LEGAL["a product past the bound in an objective"])
    code, out, err = wargame(capsys, "run", path, "--seed", "1")
    assert code == 0
    assert f"{LIMIT:,}" in out or str(LIMIT) in out


def test_author_texts_lose_their_control_characters_in_run_and_replay(tmp_path, capsys):
    """Issue 12.4: escape codes in a label, an event text and a briefing never reach the terminal."""
    text = (BASE.replace('label = "Push"', 'label = "Push\\u001b[2J\\u001b]0;owned\\u0007"')
            .replace('text = "Pressure drifts up."', 'text = "Pressure\\r\\u009b31m drifts up."')
            .replace('briefing = "Keep it down."', 'briefing = """Keep\\u001b[1A it\ndown."""'))
    path = tmp_path / "escapes.toml"
    path.write_text(text)
    save = tmp_path / "escapes.wgsave"
    code, out, err = wargame(capsys, "run", path, "--seed", "2", "--save", save)
    assert code == 0 and "Push[2J]0;owned" in out and "Pressure31m drifts up." in out
    assert not CONTROL.search(out)
    for seat in ("a", "b"):
        code, out, err = wargame(capsys, "replay", save, "--as", seat)
        assert code == 0 and not CONTROL.search(out)


# -- hostile saves: a valid checksum around a scenario that is not -----------------------------


def _forged_save(tmp_path, text: str, name: str, *, file: str = "hostile.toml", change=None):
    """A save whose embedded scenario is ``text`` (under the name ``file``), changed by ``change`` (one of
    SAVE_TEXTS), with every checksum right."""
    import hashlib

    from game.scenario import parse_scenario
    from tests.saves_forge import chained, frames
    from tests.saves_support import save_bytes

    values = frames(save_bytes(hostile_text_game(parse_scenario(BASE, "hostile.toml"))))
    values[0][2]["scenario"].update(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), file=file)
    if change is not None:
        change(values[0][2]["game"], [content for kind, _, content in values[1:] if kind == "event"])
    path = tmp_path / name
    path.write_bytes(chained(values))
    return path


@pytest.mark.parametrize("name", ["an action with another seat's hold id", "a days overflow of the calendar",
                                  "a fullwidth name in an effect", "an unterminated string"])
def test_a_save_embedding_a_refused_scenario_is_listed_as_damaged_and_refused(tmp_path, capsys, name):
    path = _forged_save(tmp_path, REFUSED[name].text(), "forged.wgsave")
    _forged_save(tmp_path, BASE, "good.wgsave")
    code, out, err = wargame(capsys, "saves", tmp_path)
    assert code == 0 and err == ""
    assert "damaged" in out and not CONTROL.search(out)
    for command in (["replay", path], ["replay", path, "--verify"], ["report", path, "-o", tmp_path / "r.md"]):
        code, out, err = wargame(capsys, *command)
        assert code == 2 and len(err.splitlines()) == 1 and not CONTROL.search(err), err


@pytest.mark.parametrize("change", ["a scenario's file name", *SAVE_TEXTS])
def test_a_save_whose_own_texts_hold_escape_codes_is_damaged_and_says_so_cleanly(tmp_path, capsys, change):
    """Issue 12.4 for saves: Horizon never writes a control character into a save, so one is forged."""
    forged = {"file": HOSTILE_TEXT + ".toml"} if change == "a scenario's file name" else {"change": SAVE_TEXTS[change]}
    path = _forged_save(tmp_path, BASE, "forged.wgsave", **forged)
    _forged_save(tmp_path, BASE, "good.wgsave")
    code, out, err = wargame(capsys, "saves", tmp_path)
    assert code == 0 and "2 saves, 1 damaged" in out and "control character" in out and not CONTROL.search(out)
    for command in (["replay"], ["replay", "--verify"], ["report", "--runs", "0"]):
        code, out, err = wargame(capsys, *command, path)
        assert code == 2 and len(err.splitlines()) == 1 and "control character" in err, (command, err)
        assert not CONTROL.search(out + err), (command, err)
    assert wargame(capsys, "replay", tmp_path / "good.wgsave", "--verify")[0] == 0


def test_files_named_with_escape_codes_still_give_saves_that_read(tmp_path, capsys):
    """A file's name is whatever the file system allows; the save holds it cleaned, so it stays readable."""
    path = tmp_path / "hostile\x1b[2J.toml"
    path.write_text(BASE)
    save = tmp_path / "game\x1b]0;x\x07.wgsave"
    assert wargame(capsys, "run", path, "--seed", "1", "--save", save)[0] == 0
    code, out, err = wargame(capsys, "replay", save, "--verify")
    assert code == 0 and not CONTROL.search(out + err), err
    what_if = tmp_path / "what-if.wgsave"
    assert wargame(capsys, "branch", save, "--at", "1", "-o", what_if)[0] == 0
    code, out, err = wargame(capsys, "saves", tmp_path)
    assert code == 0 and "damaged" not in out and not CONTROL.search(out), out


def test_a_session_refuses_escape_codes_in_its_name_and_rationales(tmp_path, capsys):
    from game.errors import IllegalOrder, WargameError
    from game.scenario import parse_scenario
    from game.session import HUMAN, Order, Session

    scenario = parse_scenario(BASE, "hostile.toml")
    with pytest.raises(WargameError, match="control character"):
        Session(scenario, 1, dict.fromkeys(scenario.seats, "random"), name="evil\x1b[2J")
    session = Session(scenario, 1, {"a": HUMAN, "b": "random"})
    with pytest.raises(IllegalOrder, match="control character"):
        session.submit(Order("a", "a.push", "why\x1b]0;owned\x07"))
    session.submit(Order("a", "a.push", "why,\n\tbecause"))  # line breaks and tabs are plain text
    path = write(tmp_path, Case("", ""))
    code, out, err = wargame(capsys, "run", path, "--seed", "1", "--name", "a\x1b[2Jb")
    assert code == 2 and "control character" in err and len(err.splitlines()) == 1


def test_the_title_screen_catalogue_of_saves_survives_a_hostile_one(tmp_path):
    from game.saves import list_saves

    _forged_save(tmp_path, REFUSED["a days overflow of the calendar"].text(), "forged.wgsave")
    listed = list_saves(tmp_path)
    assert len(listed) == 1 and listed[0].damaged


# -- files that are not scenario files: bounded in time and memory -------------------------------


def _child(*args: str, timeout: float = 20) -> subprocess.CompletedProcess:
    """``wargame ARGS`` in a child with 1 GiB of address space at most, killed after ``timeout``."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit)


def _refused_in_one_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2 and result.stdout == "", result
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr, result.stderr
    assert all(word in result.stderr for word in words), result.stderr


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    _refused_in_one_line(_child("validate", str(fifo), timeout=10), "not a regular file")


def test_a_device_is_refused_without_reading_it():
    _refused_in_one_line(_child("validate", "/dev/zero"), "/dev/zero", "not a regular file")


def test_a_folder_and_a_huge_file_are_refused(tmp_path):
    _refused_in_one_line(_child("validate", str(tmp_path)), "is a folder")
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as file:
        file.truncate(3 * 2**30)  # sparse: 3 GiB claimed, nothing read
    _refused_in_one_line(_child("validate", str(huge)), "larger than 2,000,000 bytes")


def test_a_file_that_is_not_utf8_is_refused_at_its_line(tmp_path, capsys):
    path = tmp_path / "latin1.toml"
    path.write_bytes(BASE.replace('name = "Beta"', 'name = "B\xe9ta"').encode("latin-1"))
    code, out, err = wargame(capsys, "validate", path)
    line = line_of(BASE, 'name = "Beta"')
    assert code == 2 and err == f"{path}:{line}: not UTF-8 text (save the file as UTF-8)\n"
