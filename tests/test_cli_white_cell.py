"""The white cell on the command line: every act the terminal app offers, scripted; and the facilitator's lock."""

from __future__ import annotations

import pytest

from game.cli import main
from game.lock import make_lock
from game.saves import load_save, restore_session, save_session
from game.session import HUMAN, Order, Session
from tests.paths import SHIPPED
from tests.saves_support import MINI, scenario

LOCK = make_lock("table four")


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(capsys, *argv) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2 and err.count("\n") == 1, (code, err)
    return err


@pytest.fixture
def started(tmp_path, capsys):
    path = tmp_path / "game.wgsave"
    assert run(capsys, "run", SHIPPED, "--seed", 7, "--save", path, "--turns", 2)[0] == 0
    return path


def test_every_act_is_recorded_and_the_game_replays_to_the_same_hashes(started, capsys):
    code, out, _ = run(capsys, "run", "--resume", started, "--fire", "helsinki", "--reason", "the room is ready",
                       "--inject", "A convoy is ambushed", "--effect", "threat += 2", "--tell", "us,russia",
                       "--reason", "a jolt", "--force", "us.strike=failure", "--reason", "stale intelligence",
                       "--set", "tajikistan=6", "--reason", "the summit went well",
                       "--order", "russia=hold", "--reason", "Moscow waits", "--turns", "1")
    assert code == 0
    assert "Milley and Gerasimov meet near Helsinki" in out and "A convoy is ambushed" in out
    saved = load_save(started)
    (turn,) = [t for t in saved.turns if t.turn == 3]
    assert [type(a).__name__ for a in turn.interventions] == ["FireEvent", "Inject", "ForceChance", "SetTrack",
                                                             "ReplaceOrder"]
    assert turn.interventions[1].recipients == {"us", "russia"}
    assert run(capsys, "replay", started, "--verify")[0] == 0
    assert restore_session(saved).turns[2].state_hash == turn.state_hash


@pytest.mark.parametrize("argv, message", [
    (["--fire", "helsinki"], "--fire 'helsinki': give the facilitator's reason with --reason after it"),
    (["--effect", "threat += 2"], "--effect 'threat += 2': give it after the act it belongs to"),
    (["--fire", "helsinki", "--effect", "x", "--reason", "r"], "it belongs to an --inject or --argue, not to --fire"),
    (["--fire", "helsinki", "--reason", "a", "--reason", "b"], "already has a reason"),
    (["--force", "us.strike=maybe", "--reason", "r"], "the outcome is success or failure"),
    (["--force", "us.strike", "--reason", "r"], "write RULE=success|failure"),
    (["--set", "threat=99", "--reason", "r"], "--set threat=99: 'threat' goes from"),
    (["--fire", "helsinky", "--reason", "r"], "no event 'helsinky' (did you mean 'helsinki'?)"),
    (["--inject", "Storm", "--effect", "threat +=", "--reason", "r"], "not a valid expression"),
    (["--inject", "Storm", "--effect", "threat += 1", "--tell", "mars", "--reason", "r"], "'mars' is not a seat"),
    (["--fire", "helsinki", "--reason", "r", "--fire", "helsinki", "--reason", "r"], "has already fired"),
    (["--inject-from", "kabul-strik", "--reason", "r"], "no such inject in the scenario's library (did you mean "
                                                         "'kabul-strike'?)"),
    (["--inject-from", "kabul-strike"], "--inject-from 'kabul-strike': give the facilitator's reason"),
    (["--inject-from", "kabul-strike", "--effect", "threat += 1", "--reason", "r"], "it belongs to an --inject or --argue, not"),
    (["--inject-from", "kabul-strike", "--tell", "mars", "--reason", "r"], "'mars' is not a seat"),
])
def test_a_refused_act_is_one_line_and_nothing_is_played_or_saved(started, capsys, argv, message):
    before = started.read_bytes()
    assert message in one_line_error(capsys, "run", "--resume", started, *argv)
    assert started.read_bytes() == before


def test_an_inject_from_the_library_is_journalled_as_the_white_cells_inject(started, capsys):
    code, _, _ = run(capsys, "run", "--resume", started, "--inject-from", "kabul-strike",
                       "--reason", "the room takes strikes for granted", "--inject-from", "tianjin", "--tell", "china",
                       "--reason", "Beijing's own channel", "--turns", "1")
    assert code == 0
    (turn,) = [t for t in load_save(started).turns if t.turn == 3]
    strike, tianjin = turn.interventions
    library = {i.id: i for i in load_save(started).scenario.injects}
    assert (strike.headline, strike.effects, strike.recipients) == (library["kabul-strike"].headline,
                                                                    library["kabul-strike"].effects, None)
    assert strike.reason == "the room takes strikes for granted" and tianjin.recipients == {"china"}
    assert run(capsys, "replay", started, "--verify")[0] == 0


@pytest.fixture
def locked(tmp_path):
    session = Session(scenario(MINI), 3, {"a": HUMAN, "b": "random"}, lock=LOCK)
    session.play_turn({"a": Order("a", "a.push", "my secret plan")})
    return save_session(session, tmp_path / "locked.wgsave")


def test_an_unfinished_locked_game_shows_the_facilitators_view_only_with_the_passphrase(locked, tmp_path, capsys):
    right, wrong = tmp_path / "right.txt", tmp_path / "wrong.txt"
    right.write_text("table four\n")
    wrong.write_text("table five\n")
    other = save_session(Session(scenario(MINI), 3, {"a": "random", "b": "random"}), tmp_path / "other.wgsave")
    for command in (["replay", locked], ["replay", locked, "--as", "a"], ["replay", locked, "--verify"],
                    ["report", locked, "--runs", 0], ["diff", other, locked],
                    ["run", "--resume", locked, "--seat", "a=random"]):
        assert "locked with the facilitator's passphrase" in one_line_error(capsys, *command)
        assert "wrong facilitator passphrase" in one_line_error(capsys, *command, "--passphrase-file", wrong)
        assert "my secret plan" not in capsys.readouterr().out
    code, out, _ = run(capsys, "replay", locked, "--passphrase-file", right)
    assert code == 0 and "my secret plan" in out
    assert "turn 1/5 (in progress, locked)" in run(capsys, "saves", tmp_path)[1]
    assert "cannot read the passphrase" in one_line_error(capsys, "replay", locked, "--passphrase-file",
                                                         tmp_path / "none.txt")
    assert run(capsys, "run", "--resume", locked, "--seat", "a=random", "--passphrase-file", right)[0] == 0
    assert load_save(locked).over
    code, out, _ = run(capsys, "replay", locked)  # a finished game is open to all: the debrief is for the class
    assert code == 0 and "my secret plan" in out


def test_a_game_without_a_lock_needs_no_passphrase(tmp_path, capsys):
    session = Session(scenario(MINI), 3, {"a": "random", "b": "random"})
    session.play_turn()
    path = save_session(session, tmp_path / "open.wgsave")
    assert run(capsys, "replay", path)[0] == 0


def test_an_argued_move_and_its_ruling_on_the_command_line(started, capsys):
    """The scripted path: --argue, its parts and the ruling, journalled, replayed, in the debrief and the diff."""
    branch = started.parent / "branch.wgsave"
    assert run(capsys, "branch", started, "--at", 2, "-o", branch)[0] == 0
    statement = "Offer Tashkent security aid for a temporary drone lease at Termez"
    code, out, _ = run(capsys, "run", "--resume", started, "--argue", f"us={statement}",
                       "--wants", "a temporary lease at Termez", "--because", "Tashkent wants security aid",
                       "--because", "Moscow is busy in Ukraine", "--counter", "russia=Tashkent will not cross Moscow",
                       "--chance", "unlikely", "--effect", "access = 'termez'", "--effect", "uzbekistan += 1",
                       "--fail-effect", "uzbekistan -= 1", "--reason", "Tashkent is wary of Moscow", "--turns", 1)
    assert code == 0 and f"argued \u201c{statement}\u201d" in out and "(chance 30%" in out
    saved = load_save(started)
    (move,) = saved.verified.argued_moves(3)
    assert move.argument.reasons == ("Tashkent wants security aid", "Moscow is busy in Ukraine")
    assert move.counters == (("russia", "Tashkent will not cross Moscow"),)
    (act,) = [t for t in saved.turns if t.turn == 3][0].interventions
    assert (act.chance, act.effects, act.fail_effects, act.reason) == (
        30, ("access = 'termez'", "uzbekistan += 1"), ("uzbekistan -= 1",), "Tashkent is wary of Moscow")
    assert run(capsys, "replay", started, "--verify")[0] == 0
    code, report, _ = run(capsys, "report", started)
    assert code == 0 and "## Argued moves" in report and "Tashkent will not cross Moscow" in report
    assert "ruled it unlikely (30%)" in report and "What it changed:" in report
    assert run(capsys, "run", "--resume", branch, "--turns", 1)[0] == 0
    code, diff, _ = run(capsys, "diff", started, branch)
    said = " ".join(diff.split())  # the diff wraps its lines
    assert code == 1 and f"United States argued: \u201c{statement}\u201d, ruled unlikely (30%)" in said
