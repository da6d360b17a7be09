"""The save commands as a user meets them: run --save/--resume, replay, branch, diff, saves.

Every user mistake ends in one line on stderr and exit status 2; a replay
that diverges exits 1; ``diff`` exits 1 when the runs differ.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import msgpack
import pytest

from game.cli import main
from game.engine.state import state_hash
from game.saves import load_save, restore_session
from game.saves.envelope import MARKER
from game.session import Session
from tests.paths import SHIPPED
from tests.saves_forge import chained, frames, seal_v1, turn_frames
from tests.saves_support import MINI


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(capsys, *argv, status: int = 2) -> str:
    code, out, err = run(capsys, *argv)
    assert code == status and err.count("\n") == 1, (code, err)
    return err


@pytest.fixture
def saved(tmp_path, capsys):
    path = tmp_path / "run.wgsave"
    assert run(capsys, "run", MINI, "--seed", 3, "--save", path, "--name", "first run")[0] == 0
    return path


def test_run_saves_and_replay_verifies_on_another_machine(saved, tmp_path):
    elsewhere = tmp_path / "colleague"
    elsewhere.mkdir()
    shutil.copy(saved, elsewhere / "mailed.wgsave")
    result = subprocess.run([sys.executable, "-m", "game", "replay", "mailed.wgsave", "--verify"],
                            cwd=elsewhere, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert last == f"state-hash {state_hash(restore_session(load_save(saved)).state)}"


def test_run_save_names_the_game_and_prints_where_it_went(saved, capsys, tmp_path, monkeypatch):
    game = load_save(saved)
    assert (game.name, game.played, game.over, game.seed) == ("first run", 5, True, 3)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "run", MINI, "--seed", 3, "--save")
    assert code == 0 and out.splitlines()[-1].startswith("Saved to saves/mini-")
    assert load_save(next((tmp_path / "saves").iterdir())).played == 5


def test_an_interrupted_run_keeps_every_turn_it_finished(tmp_path, capsys, monkeypatch):
    real = Session.resolve

    def interrupted_in_turn_3(session, **options):
        if len(session.turns) == 2:
            raise KeyboardInterrupt
        return real(session, **options)

    monkeypatch.setattr(Session, "resolve", interrupted_in_turn_3)
    code, _, err = run(capsys, "run", MINI, "--save", tmp_path / "cut.wgsave")
    assert code == 130 and "turns 1 to 2 are saved in" in err and "run --resume" in err
    assert load_save(tmp_path / "cut.wgsave").played == 2


def test_replay_as_a_seat_shows_only_what_that_seat_saw(saved, capsys):
    _, everything, _ = run(capsys, "replay", saved)
    _, alpha, _ = run(capsys, "replay", saved, "--as", "a")
    _, beta, _ = run(capsys, "replay", saved, "--as", "b")
    assert "Beta \u00b7 Hide" in everything and "(known only to Beta)" in everything
    assert "Beta's secret" in everything and "roll" in everything
    assert "Hide" not in alpha and "Beta's secret" not in alpha and "whisper" not in alpha
    assert "roll" not in alpha and "Briefing: You are Alpha" in alpha
    assert "Beta \u00b7 Hide" in beta and "(private)" in beta and "Only Beta hears the whisper" in beta


def test_replay_to_a_turn_stops_after_it(saved, capsys):
    code, out, _ = run(capsys, "replay", saved, "--to", 2)
    assert code == 0 and "Turn 2/5" in out and "Turn 3/5" not in out
    assert "Stopped after turn 2 of the 5 saved." in out
    code, out, _ = run(capsys, "replay", saved, "--to", 2, "--verify")
    assert out.splitlines()[-1] == f"state-hash {load_save(saved).turns[1].state_hash}"


def test_branch_resume_and_diff_name_the_branch_turn(saved, tmp_path, capsys):
    what_if = tmp_path / "what-if.wgsave"
    code, out, _ = run(capsys, "branch", saved, "--at", 2, "-o", what_if)
    assert code == 0 and f"run --resume {what_if}" in out
    assert run(capsys, "run", "--resume", what_if, "--order", "b=hide")[0] == 0
    branch = load_save(what_if)
    assert branch.played == 5 and branch.parent.turn == 2 and branch.turns[2].orders[1].action == "b.hide"
    code, out, _ = run(capsys, "diff", saved, what_if)
    assert code == 1
    assert "B is a branch of A after turn 2." in out and "First difference: turn 3." in out
    assert "Beta did: Shove (b.shove) | Hide (b.hide)" in out
    assert run(capsys, "diff", saved, saved)[0] == 0


def test_saves_lists_runs_and_flags_damaged_ones(saved, tmp_path, capsys):
    data = saved.read_bytes()
    (tmp_path / "torn.wgsave").write_bytes(data[:-10])
    (tmp_path / "flipped.wgsave").write_bytes(data[:-60] + bytes([data[-60] ^ 1]) + data[-59:])
    code, out, _ = run(capsys, "saves", tmp_path)
    assert code == 0 and "3 saves, 1 damaged" in out
    assert "flipped.wgsave  [DAMAGED]\n      damaged: frame 6 " in out
    assert "first run · Mini · turn 5/5 (over) · a=random, b=random" in out
    assert "first run · Mini · turn 4/5 (in progress) · a=random" in out  # the torn last turn is dropped


def test_every_bad_save_is_one_line_and_status_2(saved, tmp_path, capsys):
    data = saved.read_bytes()
    cases = {"empty": b"", "garbage": b"\x00garbage", "cut in its header": data[:100],
             "flipped": data[:200] + bytes([data[200] ^ 4]) + data[201:],
             "future": seal_v1(9, msgpack.packb({})), "deep": seal_v1(1, b"\x91" * 100_000),
             "huge": MARKER + b"\x01\xc6\xff\xff\xff\xf0", "format 1 cut": seal_v1(1, b"\x80")[:-3]}
    for name, content in cases.items():
        path = tmp_path / f"{name}.wgsave"
        path.write_bytes(content)
        for command in (["replay", path], ["replay", path, "--verify"], ["branch", path, "--at", 1],
                        ["diff", saved, path], ["run", "--resume", path]):
            assert str(path) in one_line_error(capsys, *command)
        assert path.read_bytes() == content


def test_a_diverging_save_exits_1_naming_the_turn(saved, tmp_path, capsys):
    values = frames(saved.read_bytes())
    values[turn_frames(values)[2]][2][6] = bytes(32)
    forged = tmp_path / "forged.wgsave"
    forged.write_bytes(chained(values))
    assert "turn 3 diverges" in one_line_error(capsys, "replay", forged, "--verify", status=1)
    code, out, err = run(capsys, "replay", forged)
    assert code == 1 and "turn 3 diverges" in err
    assert "Turn 2/5" in out and "Turn 3/5" not in out and "Stopped after turn 2 of the 5 saved." in out


def test_a_seat_played_by_a_policy_this_horizon_lacks_replays_but_cannot_play_on(saved, tmp_path, capsys):
    values = frames(saved.read_bytes())
    values[0][2]["game"]["seats"][1][1] = "clairvoyant"
    values = values[: turn_frames(values)[1] + 1]
    future = tmp_path / "future.wgsave"
    future.write_bytes(chained(values))
    assert run(capsys, "replay", future, "--verify")[0] == 0
    assert "unknown policy 'clairvoyant'" in one_line_error(capsys, "run", "--resume", future)
    assert run(capsys, "run", "--resume", future, "--seat", "b=random")[0] == 0


def test_the_save_commands_load_no_textual():
    code = ("import sys, game.cli.replay, game.cli.branch, game.cli.diff, game.cli.saves, game.saves, "
            "game.saves.compare; print([m for m in sys.modules if m.startswith('textual')])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_runs_of_different_scenarios_do_not_compare(saved, tmp_path, capsys):
    other = tmp_path / "other.wgsave"
    run(capsys, "run", SHIPPED, "--seed", 1, "--save", other)
    assert "only runs of one scenario compare" in one_line_error(capsys, "diff", saved, other)


def test_wrong_flags_are_one_line_and_status_2(saved, tmp_path, capsys):
    assert "not a seat of mini" in one_line_error(capsys, "replay", saved, "--as", "c")
    assert "the save has 5 turns" in one_line_error(capsys, "replay", saved, "--to", 6)
    assert "has turns 0 to 5" in one_line_error(capsys, "branch", saved, "--at", 9)
    assert "the game is over" in one_line_error(capsys, "run", "--resume", saved)
    assert "give no SCENARIO" in one_line_error(capsys, "run", MINI, "--resume", saved)
    assert "give a SCENARIO" in one_line_error(capsys, "run")
    assert "holds another game" in one_line_error(capsys, "run", MINI, "--save", saved)
    assert "no such folder" in one_line_error(capsys, "saves", tmp_path / "nowhere")
    branch = tmp_path / "b.wgsave"
    run(capsys, "branch", saved, "--at", 1, "-o", branch)
    assert "cannot choose 'a.calm' now" in one_line_error(capsys, "run", "--resume", branch, "--order", "a=calm")
    assert "has no action" in one_line_error(capsys, "run", "--resume", branch, "--order", "a=fly")
    assert load_save(branch).played == 1
