"""``wargame`` and ``wargame play``: mistakes end in one line and status 2, before any screen opens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.tui.app import HorizonApp

MINI = Path(__file__).resolve().parent / "scenarios" / "mini.toml"


def status_of(argv: list[str]) -> int:
    """The exit status of ``wargame ARGV`` (argparse's own mistakes exit from inside)."""
    try:
        return main(argv)
    except SystemExit as stop:
        return stop.code


@pytest.fixture
def launched(monkeypatch):
    """Options the app would have been started with (the app itself does not run)."""
    seen = []
    monkeypatch.setattr(HorizonApp, "run", lambda self: seen.append(self.options))
    monkeypatch.setattr("game.desk.terminal.require_terminal", lambda command: None)
    return seen


def test_bare_wargame_opens_the_title_screen(launched):
    assert main([]) == 0
    assert launched[0].scenario is None and launched[0].session is None


def test_play_with_a_scenario_prefills_the_setup(launched):
    assert main(["play", str(MINI), "--seat", "a=random", "--seed", "12", "--facilitator"]) == 0
    options = launched[0]
    assert options.scenario.id == "mini" and options.seed == 12 and options.facilitator
    assert options.controllers == {"a": "random", "b": "human"}


@pytest.mark.parametrize("argv, says", [
    (["play", "nowhere.toml"], "nowhere.toml: no such file"),
    (["play", str(MINI), "--seat", "a=robot"], "unknown policy 'robot'"),
    (["play", str(MINI), "--seat", "zed=human"], "'zed' is not a seat"),
    (["play", "--seed", "3"], "--seat and --seed need a SCENARIO"),
    (["play", str(MINI), "--load", "x.wgsave"], "--load resumes a saved game"),
    (["play", "--seed", "-1", str(MINI)], "invalid seed"),
])
def test_mistakes_end_in_one_line(argv, says, capsys, launched):
    assert status_of(argv) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and not launched


def test_a_damaged_save_is_refused_in_one_line_from_a_clean_shell(tmp_path: Path):
    save = tmp_path / "damaged.wgsave"
    save.write_bytes(b"HORIZON?garbage")
    done = subprocess.run([sys.executable, "-m", "game", "play", "--load", str(save)], capture_output=True,
                          text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("wargame play: ") and str(save) in done.stderr
    assert done.stderr.count("\n") == 1


def test_bare_wargame_loads_no_engine_before_the_first_frame():
    """The title screen comes first; its list is read from the files' headers, which need no engine,
    loader or save code; scenarios load in full after the first frame, in a worker."""
    loaded = ("sorted(m for m in sys.modules if m.split('.')[:2] in "
              "(['game', 'engine'], ['game', 'scenario'], ['game', 'saves']))")  # not game.saves_folder
    code = ("import sys, game.tui.app, game.cli; "
            "import game.desk.terminal; game.desk.terminal.require_terminal = lambda command: None; "
            f"game.tui.app.HorizonApp.run = lambda self: print({loaded}); game.cli.main([])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    code = f"import sys, game.desk.catalog as c; c.list_scenarios(c.default_dirs()); print({loaded})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    header_only = ["game.scenario", "game.scenario.header", "game.scenario.source_file"]
    assert out.strip() == str(header_only)


@pytest.mark.parametrize("argv", [["play", str(MINI)], ["join", "http://127.0.0.1:9/1/a/" + "t" * 32]])
def test_the_app_refuses_to_start_without_a_terminal(argv, tmp_path: Path):
    """Textual spins on a closed standard input (Textual PR #6690): no terminal, no app, one line."""
    done = subprocess.run([sys.executable, "-m", "game", *argv], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"wargame {argv[0]}: needs a terminal") and done.stderr.count("\n") == 1
