"""One check for every event, wherever it is read (issue 18.3).

A save or a host's journal is read by many commands: ``replay --verify``,
``replay``, ``saves``, ``run --resume``, ``report``, ``diff``, ``branch``,
the terminal app and the host. Every one of them puts every event, the open
turn's included, through the session's one door (``Session._take``): the
checks of play, with its limits. So a forged event is refused by all of them,
with the same line, and what play accepts every reader accepts.
"""

from __future__ import annotations

import typing
from pathlib import Path

import msgpack
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.desk import storage
from game.errors import WargameError
from game.journal import Event, Invalid, decode_event
from game.saves import SaveDiverged, SaveError, load_save, restore_session, save_session
from game.session import _DOORS, Order
from tests.saves_forge import chained, frames
from tests.saves_support import MINI, examples, play, scenario
from tests.test_hostile_journal import host, journal, no_serving  # noqa: F401 (a fixture)


def test_every_kind_of_event_has_a_door():
    assert set(typing.get_args(Event)) == set(_DOORS)


def forged_events(other_action: str, turn: int) -> dict[str, tuple[list, str]]:
    """Events of the open turn play would refuse, encoded, each with words of the refusal."""
    return {
        "an order for another seat's action": (["order", turn, ["a", other_action, "", "human"]], "has no action"),
        "a message to a non-seat": (["message", [turn, "a", ["zz"], "hello"]], "'zz' is not a seat"),
        "a set of a bool on an int": (["intervene", turn, ["set", "x", True, "why"]], "holds whole numbers"),
        "an inject with 150,000 effects": (["intervene", turn, ["inject", "News", None, ["x += 1"] * 150_000, ""]],
                                           "at most 20 effects"),
        "a 1.9 MB rationale": (["order", turn, ["a", "a.push", "r" * 1_900_000, "human"]], "longer than 4000"),
        "an event of another turn": (["order", turn + 3, ["a", "a.push", "", "human"]], "of turn"),
        "a second pause": (["pause", turn], None),
        "an escape code in a rationale": (["order", turn, ["a", "a.push", "\x1b[2J", "human"]], "control character"),
        "a withdrawal of no order": (["withdraw", turn, "b"], "no order to withdraw"),
        "an answer to no belief": (["belief", turn, "a", "nope", 0], "is not a belief"),
    }


FORGED = forged_events("b.hide", 2)


def open_turn_save(folder: Path, forged: list | None = None, *, name: str = "game.wgsave") -> Path:
    """A mini game after one turn with an order given in the open turn; ``forged`` replaces that order's frame."""
    session = play(scenario(MINI), seed=1, turns=1)
    session.submit(Order("a", "a.push", "on with it"))
    path = save_session(session, folder / name)
    if forged is not None:
        values = frames(path.read_bytes())
        if forged[0] == "pause":  # a pause after a pause: the second is what play refuses
            values[-1:] = [[*values[-1][:2], ["pause", 2]], [*values[-1][:2], forged]]
        else:
            values[-1][2] = forged
        path.write_bytes(chained(values))
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(part) for part in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", FORGED)
def test_a_forged_open_turn_is_refused_by_every_reader_with_the_same_line(tmp_path, capsys, case):
    event, words = FORGED[case]
    path = open_turn_save(tmp_path, event)
    good = open_turn_save(tmp_path, name="good.wgsave")
    with pytest.raises(SaveError) as refused:
        load_save(path)
    reason = refused.value.reason
    assert words is None or words in reason, reason
    commands = [("replay", path, "--verify"), ("replay", path), ("run", "--resume", path), ("report", path),
                ("diff", path, good), ("diff", good, path), ("branch", path, "--at", "1", "-o", tmp_path / "b.wgsave")]
    for command in commands:
        code, out, err = run(capsys, *command)
        assert code in (1, 2) and err == f"wargame {command[0]}: {path}: {reason}\n", (command, err)
        assert "every state hash" not in out
    code, out, err = run(capsys, "saves", tmp_path)
    assert code == 0 and f"{path.name}  [DAMAGED]\n      {reason}\n" in out, out
    with pytest.raises(SaveError) as in_the_app:
        storage.restore(path)
    assert in_the_app.value.reason == reason
    assert not (tmp_path / "b.wgsave").exists()


def test_the_unforged_save_is_read_by_every_reader(tmp_path, capsys):
    path = open_turn_save(tmp_path)
    code, out, _ = run(capsys, "replay", path, "--verify")
    assert code == 0 and "the open turn's 1 event passes the checks of play" in out
    assert run(capsys, "run", "--resume", path)[0] == 0
    assert restore_session(load_save(path)).over


def test_a_forged_rationale_in_a_resolved_turn_is_refused_too(tmp_path):
    path = open_turn_save(tmp_path)
    values = frames(path.read_bytes())
    turn = next(value for value in values if value[0] == "event" and value[2][0] == "turn")
    turn[2][2][0][2] = "r" * 1_900_000
    path.write_bytes(chained(values))
    with pytest.raises(SaveDiverged, match="turn 1 diverges: .*longer than 4000"):
        load_save(path)


@pytest.mark.parametrize("case", FORGED)
def test_the_host_refuses_a_forged_journal_with_the_same_reason(tmp_path, capsys, case):
    event, words = forged_events("b.calm", 2)[case]

    def forge(header, events):
        events.append(["pause", 2]) if event[0] == "pause" else None
        events.append(event)
    code, _, err = host(capsys, tmp_path, journal(tmp_path, change=forge))
    assert code == 2 and len(err.splitlines()) == 1 and ("diverges" in err or "damaged" in err), err
    assert words is None or words in err, err


def test_verify_names_a_torn_tail(tmp_path, capsys):
    path = open_turn_save(tmp_path)
    path.write_bytes(path.read_bytes()[:-5])
    code, out, _ = run(capsys, "replay", path, "--verify")
    assert code == 0
    assert ("the last frame was cut short (a write interrupted by a crash) and was dropped; it was never "
            "acknowledged") in out
    assert "the open turn" not in out  # the torn frame was the open turn's order
    assert "cut short" in run(capsys, "saves", tmp_path)[1]


# -- the property: play and every reader give the same verdict on any event -----------------------

TEXTS = st.one_of(st.sampled_from(["", "why", "\x1b[2J", "\u202e", "r" * 4001, "a\nb"]), st.text(max_size=8))
SEATS = st.sampled_from(["a", "b", "zz", "", "facilitator"])
ACTIONS = st.sampled_from(["a.push", "a.calm", "b.hide", "b.shove", "a.hold", "b.hold", "nope"])
VALUES = st.one_of(st.booleans(), st.integers(-3, 14), st.sampled_from(["calm", "tense", "x"]))
ACTS = st.one_of(
    st.tuples(st.just("fire"), st.sampled_from(["drift", "nope"]), TEXTS),
    st.tuples(st.just("inject"), TEXTS, st.one_of(st.none(), st.lists(SEATS, max_size=3)),
              st.lists(st.sampled_from(["x += 1", "x = 99", "mood = 'tense'", "secret = 3", "nope += 1", "x +"]),
                       max_size=22), TEXTS),
    st.tuples(st.just("set"), st.sampled_from(["x", "secret", "mood", "nope"]), VALUES, TEXTS),
    st.tuples(st.just("force"), st.sampled_from(["a.push", "b.shove", "b.hide", "drift", "nope"]), st.booleans(),
              TEXTS),
    st.tuples(st.just("replace"), SEATS, ACTIONS, TEXTS),
).map(list)
TURNS = st.sampled_from([2, 2, 2, 1, 3])
EVENTS = st.one_of(
    st.tuples(st.just("order"), TURNS, st.tuples(SEATS, ACTIONS, TEXTS, st.sampled_from(["human", "random", ""]))
              .map(list)),
    st.tuples(st.just("withdraw"), TURNS, SEATS),
    st.tuples(st.just("message"), st.tuples(TURNS, SEATS, st.lists(SEATS, max_size=3), TEXTS).map(list)),
    st.tuples(st.just("intervene"), TURNS, ACTS),
    st.tuples(st.just("pause"), TURNS),
    st.tuples(st.just("resume"), TURNS),
    st.tuples(st.just("rename"), TEXTS),
    st.tuples(st.just("belief"), TURNS, SEATS, st.sampled_from(["nope", ""]), st.integers(0, 3)),
).map(list)


@settings(max_examples=examples(1.5), deadline=None)
@given(st.lists(EVENTS, min_size=1, max_size=3))
def test_play_and_every_reader_give_the_same_verdict_on_any_events(tmp_path_factory, encoded):
    folder = tmp_path_factory.mktemp("verdict")
    base = open_turn_save(folder)
    live = restore_session(load_save(base))
    verdict = None
    try:  # a reader decodes every frame before it replays any
        events = [decode_event(msgpack.unpackb(msgpack.packb(value))) for value in encoded]
    except Invalid:
        events, verdict = [], "damaged: invalid content"
    for event in events:
        try:
            live._take(event)
        except WargameError as error:
            verdict = str(error)
            break
    values = frames(base.read_bytes())
    values += [[*values[-1][:2], value] for value in encoded]
    path = folder / "forged.wgsave"
    path.write_bytes(chained(values))
    try:
        saved = load_save(path)
    except SaveError as error:
        assert verdict is not None and verdict in error.reason, (verdict, error.reason)
    else:
        assert verdict is None, verdict
        assert restore_session(saved).events() == live.events()
