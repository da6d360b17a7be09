"""Fuzz targets for the loaders: scenario text, save bytes, the host's journal (issue 12.8).

Each target starts from real inputs (the hostile cases of
tests/hostile_cases.py, the fixture scenarios, saves of games played on
them) and mutates them two ways: blindly, on bytes (flip, insert, delete,
repeat, cut), and knowing the structure (a scenario's ``key = value`` lines
get extreme values, expressions and escapes; a save's decoded msgpack gets a
leaf replaced and is re-sealed with right checksums, which is what reaches
the checks behind them: format 2's frames chained again, format 1's body
sealed again). The property is the loaders' promise:

- a scenario text loads, or is refused with ``ScenarioError`` whose every
  problem is one ``FILE:LINE:`` line; one that loads plays to its end with
  random seats, and every seat's view and the scores hold bounded numbers;
- save bytes load or are refused with ``SaveError`` (nothing else), and a save
  that loads restores or is refused with ``SaveError``; format 2's frames are
  also dropped, repeated, swapped, cut or spliced from another save and
  chained again;
- what a person sees of such a file: ``wargame saves`` lists it (exit 0),
  ``replay`` and ``report`` play it or refuse it in one line (exit 2, or 1
  for a save that does not replay), and nothing reaches the terminal raw;
- a host's SQLite journal with bytes overwritten anywhere resumes, or
  ``wargame host --journal`` refuses it in one line (exit 2);
- the open turn of a well-chained save (orders, withdrawals, messages, every
  act of the facilitator, pauses, names, answers to beliefs) with a leaf
  changed, an event drawn from anything play could be given put in, or its
  frames dropped, repeated or swapped, chained again: ``load_save`` refuses
  it only with ``SaveError``, and every command that reads it (``replay
  --verify``, ``report``, ``diff``, ``branch``, ``saves``) accepts it or
  refuses it with the same line (issue 18.7).

In the suite each target runs a few dozen examples. For a long run:

    FUZZ_EXAMPLES=20000 .venv/bin/pytest -m slow tests/test_fuzz_loaders.py
"""

from __future__ import annotations

import math
import os
import random
import re
from functools import cache
from pathlib import Path

import msgpack
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.engine.adjudication import legal_actions
from game.engine.arithmetic import LIMIT
from game.engine.views import view_for
from game.errors import ScenarioError
from game.saves import SaveError, restore_session
from game.saves.codec import decode_game
from game.saves.envelope import open_envelope
from game.saves.format2 import PREFIX
from game.scenario import parse_scenario
from game.session import Message, Order, Session
from tests.hostile_cases import BASE, LEGAL, REFUSED, hostile_text_game
from tests.paths import FIXTURES
from tests.saves_forge import chained, frames, seal_v1
from tests.saves_support import save_bytes
from tests.test_hostile_inputs import CONTROL
from tests.test_hostile_journal import host, journal, no_serving  # noqa: F401 (a fixture)
from tests.test_saves_format1 import KNOWN

BRIEF = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "5000")), deadline=None,
                suppress_health_check=list(HealthCheck))

SEED_TEXTS = [BASE, *(case.text() for case in (*REFUSED.values(), *LEGAL.values())),
              *((FIXTURES / name).read_text() for name in ("mini.toml", "trio.toml", "choices.toml"))]

INTERESTING_VALUES = [
    "0", "-1", "1000000000000", "-1000000000000", "1000000000001", "9223372036854775808", "1e308", "-1e-320",
    "nan", "inf", "true", '""', '" "', '"\\u001b[2J"', '"\\r\\n"', '"\\u202e"', "[]", "[[]]", "{}", '["a", 1]',
    "9999-12-31", "0001-01-01", "2021-06-21T10:00:00", '"a.hold"', '"b.hold"', '"turn == 99"', '"x"',
    '"x * 1000000000000 * 1000000000000"', '"x / 5e-324"', '"1 +" ', '"(" ', '"x if x else x"',
    '"' + "+".join(["x"] * 300) + '"', '"' + "-" * 80 + 'x"', '"not " ', '"x += 1"', '"x = 1e12"',
    '"""\nmulti\nline"""', "'''raw'''", '"unterminated',
    "9" * 5000, "-" + "1" * 4301, "1" + "_0" * 4400, "0x" + "f" * 5000, "1." + "0" * 5000 + "1",
]


@st.composite
def mutated_texts(draw) -> str:
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(0, 3))):  # 0: the seed as it is, which must hold too
        text = draw(st.sampled_from([_line_mutation, _byte_mutation]))(draw, text)
    return text


def _line_mutation(draw, text: str) -> str:
    """Structure-aware: change one line of the TOML (a value, a duplicate, a deletion, a swap)."""
    lines = text.split("\n")
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    kind = draw(st.sampled_from(["value", "value", "value", "duplicate", "delete", "swap", "header"]))
    if kind == "value" and "=" in line:
        key = line.split("=", 1)[0]
        lines[index] = f"{key}= {draw(st.sampled_from(INTERESTING_VALUES))}"
    elif kind == "duplicate":
        lines.insert(index, line)
    elif kind == "delete":
        del lines[index]
    elif kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], line
    elif kind == "header":
        lines.insert(index, draw(st.sampled_from(["[[actions]]", "[[events]]", "[[endings]]", "[scenario]",
                                                  "[variables.x]", "[map]", "[[map.places]]", "[objectives]"])))
    return "\n".join(lines)


def _byte_mutation(draw, text: str) -> str:
    data = bytearray(text.encode())
    return _mutate_bytes(draw, data).decode("utf-8", "replace")


def _mutate_bytes(draw, data: bytearray) -> bytearray:
    """Blind: flip, insert, delete, repeat or cut bytes."""
    if not data:
        return bytearray(draw(st.binary(max_size=8)))
    at = draw(st.integers(0, len(data) - 1))
    kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "cut"]))
    if kind == "flip":
        data[at] ^= 1 << draw(st.integers(0, 7))
    elif kind == "insert":
        data[at:at] = draw(st.binary(min_size=1, max_size=8))
    elif kind == "delete":
        del data[at:at + draw(st.integers(1, 16))]
    elif kind == "repeat":
        data[at:at] = data[at:at + draw(st.integers(1, 64))] * draw(st.integers(1, 4))
    else:
        del data[at:]
    return data


def _bounded(value) -> bool:
    return not isinstance(value, (int, float)) or isinstance(value, bool) or (
        not (isinstance(value, float) and math.isnan(value)) and -LIMIT <= value <= LIMIT)


def check_scenario_text(text: str) -> None:
    try:
        scenario = parse_scenario(text, "fuzz.toml")
    except ScenarioError as error:
        assert error.problems
        for problem in error.problems:
            assert re.match(r"fuzz\.toml:\d+: \S", problem) and "\n" not in problem, problem
        return
    session = Session(scenario, 5, dict.fromkeys(scenario.seats, "random"))
    session.play_to_end()
    for state in session.states:
        assert state.over or all(legal_actions(scenario, state, seat) for seat in scenario.seats)
    assert all(_bounded(score) for score in session.scores().values())
    for seat in (*scenario.seats, None):
        view = view_for(scenario, session.state, session.entries(), seat)
        assert all(_bounded(value) for value in view.visible_values)
        assert all(o.chance is None or 0 <= o.chance <= 1 for options in view.options.values() for o in options)


@BRIEF
@given(mutated_texts())
def test_fuzz_the_scenario_loader(text):
    check_scenario_text(text)


@pytest.mark.slow
@LONG
@given(mutated_texts())
def test_fuzz_the_scenario_loader_long(text):
    check_scenario_text(text)


# -- saves ------------------------------------------------------------------------------------------


@cache
def seed_saves() -> tuple[bytes, ...]:
    """Saves of games on the base scenario and on the legal extremes, finished and not; and two in format 1."""
    import tarfile

    saves = []
    for number, text in enumerate([BASE, *(case.text() for case in LEGAL.values())]):
        scenario = parse_scenario(text, f"seed{number}.toml")
        session = Session(scenario, number, dict.fromkeys(scenario.seats, "random"))
        for _ in range(number % 4 + 1):
            if not session.over:
                session.play_turn()
        saves.append(save_bytes(session))
    session = hostile_text_game(parse_scenario(BASE, "texts.toml"))  # an order, an inject, a message
    session.submit(Order("a", "a.push", "open"))  # and frames of the open turn
    session.send(Message(2, "a", ("b",), "again"))
    saves.append(save_bytes(session))
    with tarfile.open(KNOWN / "format1-saves.tar.xz") as archive:
        saves += [archive.extractfile(name).read() for name in ("known-01.wgsave", "mini-humans.wgsave")]
    return tuple(saves)


LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**64 - 1), st.floats(),
                   st.text(max_size=12), st.binary(max_size=12), st.sampled_from([[], {}, [[]], {"": 0}]))


def _mutate_structure(draw, value, depth=0):
    """Replace one leaf (or a whole subtree) of decoded msgpack by something else."""
    if isinstance(value, dict) and value and depth < 8:
        key = draw(st.sampled_from(sorted(value, key=repr)))
        if draw(st.integers(0, 9)) == 0:
            return {k: v for k, v in value.items() if k != key}
        return {**value, key: _mutate_structure(draw, value[key], depth + 1)}
    if isinstance(value, list) and value and depth < 8:
        index = draw(st.integers(0, len(value) - 1))
        if draw(st.integers(0, 9)) == 0:
            return value[:index] + value[index + 1:]
        return [*value[:index], _mutate_structure(draw, value[index], depth + 1), *value[index + 1:]]
    if isinstance(value, str) and draw(st.booleans()):
        return draw(st.sampled_from(SEED_TEXTS)) if len(value) > 200 else value + draw(st.text(max_size=4))
    return draw(LEAVES)


def _mutate_frames(draw, values: list) -> list:
    """Whole frames of format 2 moved: dropped, repeated, swapped, cut short, or taken from another save."""
    values = list(values)
    at = draw(st.integers(0, len(values) - 1))
    kind = draw(st.sampled_from(["drop", "repeat", "swap", "cut", "splice"]))
    if kind == "drop":
        del values[at]
    elif kind == "repeat":
        values.insert(at, values[at])
    elif kind == "swap":
        other = draw(st.integers(0, len(values) - 1))
        values[at], values[other] = values[other], values[at]
    elif kind == "cut":
        del values[at:]
    else:
        donor = frames(draw(st.sampled_from([s for s in seed_saves() if s.startswith(PREFIX)])))
        values[at:at + 1] = [donor[draw(st.integers(0, len(donor) - 1))]]
    return values


@st.composite
def mutated_saves(draw) -> bytes:
    data = draw(st.sampled_from(seed_saves()))
    if draw(st.booleans()):
        if data.startswith(PREFIX):
            values = frames(data)
            mutate = draw(st.sampled_from([_mutate_structure, _mutate_frames]))
            return chained(mutate(draw, values))
        version, body = open_envelope(data, "seed", 99)
        fields = msgpack.unpackb(bytes(body), strict_map_key=False)
        return seal_v1(version, msgpack.packb(_mutate_structure(draw, fields), use_bin_type=True))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        buffer = _mutate_bytes(draw, buffer)
    return bytes(buffer)


def check_save_bytes(data: bytes) -> None:
    try:
        saved = decode_game(data, "fuzz.wgsave")
    except SaveError:
        return
    try:
        restore_session(saved)
    except SaveError:
        pass


def check_save_commands(data: bytes, folder: Path, capsys) -> None:
    """What a person sees: ``saves`` lists the file, ``replay`` and ``report`` play it or refuse it in one
    line (exit 2; ``replay`` exits 1 for a save that does not replay, as documented), nothing raw."""
    path = folder / "fuzz.wgsave"
    path.write_bytes(data)
    for command in (["saves", folder], ["replay", path, "--verify"], ["replay", path],
                    ["report", path, "--runs", "0", "-o", folder / "debrief.md"]):
        code = main([str(part) for part in command])
        out, err = capsys.readouterr()
        assert code in ((0,) if command[0] == "saves" else (0, 1, 2)), (command, code, err)
        assert code == 0 or len(err.splitlines()) == 1, (command, err)
        assert not CONTROL.search(out + err), (command, err)


@BRIEF
@given(mutated_saves())
def test_fuzz_the_save_loader(data):
    check_save_bytes(data)


@pytest.mark.slow
@LONG
@given(mutated_saves())
def test_fuzz_the_save_loader_long(data):
    check_save_bytes(data)


@settings(BRIEF, max_examples=15)
@given(mutated_saves())
def test_fuzz_the_save_commands(tmp_path, capsys, data):
    check_save_commands(data, tmp_path, capsys)


@pytest.mark.slow
@LONG
@given(mutated_saves())
def test_fuzz_the_save_commands_long(tmp_path, capsys, data):
    check_save_commands(data, tmp_path, capsys)


# -- the host's journal -------------------------------------------------------------------------


def check_damaged_journal(folder: Path, capsys, damage: list[tuple[int, int]]) -> None:
    """Bytes of a journal overwritten (a bad disk): the host resumes it, or refuses it in one line."""
    path = journal(folder)
    data = bytearray(path.read_bytes())
    for at, size in damage:
        at %= len(data)
        data[at:at + size] = random.Random(at).randbytes(size)
    path.write_bytes(bytes(data))
    code, out, err = host(capsys, folder, path)
    assert code == 0 or (code == 2 and len(err.splitlines()) == 1 and err.startswith("wargame host: ")), err
    assert not CONTROL.search(out + err), err


DAMAGE = st.lists(st.tuples(st.integers(0, 2**20), st.sampled_from([1, 4, 64, 512])), min_size=1, max_size=3)


@pytest.mark.usefixtures("no_serving")
@settings(BRIEF, max_examples=15)
@given(DAMAGE)
def test_fuzz_the_host_journal(tmp_path_factory, capsys, damage):
    check_damaged_journal(tmp_path_factory.mktemp("journal"), capsys, damage)


@pytest.mark.slow
@pytest.mark.usefixtures("no_serving")
@LONG
@given(DAMAGE)
def test_fuzz_the_host_journal_long(tmp_path_factory, capsys, damage):
    check_damaged_journal(tmp_path_factory.mktemp("journal"), capsys, damage)


# -- the open turn of a well-chained save ---------------------------------------------------------


@cache
def open_turn_saves() -> tuple[bytes, ...]:
    """Saves whose open turn holds one of each kind of event play accepts: orders, a withdrawal, messages,
    the facilitator's acts of every kind, a pause and a resume, a new name; and, on the shipped scenario,
    answers to its beliefs."""
    from game.engine.interventions import FireEvent, ForceChance, Inject, ReplaceOrder, SetTrack
    from game.scenario import load_scenario
    from tests.paths import SHIPPED

    session = hostile_text_game(parse_scenario(BASE, "open.toml"))
    session.submit(Order("a", "a.push", "first thoughts"))
    session.withdraw("a")
    session.submit(Order("a", "a.push", "second thoughts"))
    session.send(Message(2, "b", ("a",), "careful"))
    session.intervene(SetTrack("x", 4, "a nudge"))
    session.intervene(Inject("News", frozenset({"b"}), ("x += 1",), "a jolt"))
    session.intervene(FireEvent("drift", "on cue"))
    session.intervene(ForceChance("b.calm", True, "ruled"))
    session.intervene(ReplaceOrder("b", "b.calm", "calm it"))
    session.pause()
    session.resume()
    session.rename("class 2")
    saves = [save_bytes(session)]
    shipped = load_scenario(SHIPPED)
    believer = Session(shipped, 3, dict.fromkeys(shipped.seats, "random"))
    while len(believer.turns) < 8:  # a belief is asked in turn 9, the rest once the game is over
        believer.play_turn()
    for done in (False, True):
        for seat in shipped.seats:
            for belief in believer.beliefs_due(seat):
                believer.believe(seat, belief.id, len(belief.choices) - 1)
        if not done:
            believer.submit(believer.computer_order("us"))
            saves.append(save_bytes(believer))
            believer.play_to_end()
    saves.append(save_bytes(believer))
    assert all(_open_turn_frames(frames(save)) for save in saves)
    return tuple(saves)


def _open_turn_frames(values: list) -> list[int]:
    """The indexes of the frames after the last resolved turn (the open turn's events)."""
    turns = [i for i, (kind, _, content) in enumerate(values)  # a mutated event's content may be anything
             if kind == "event" and isinstance(content, list) and content[:1] == ["turn"]]
    return [i for i in range(turns[-1] + 1 if turns else 1, len(values)) if values[i][0] == "event"]


@st.composite
def mutated_open_turns(draw) -> bytes:
    """A save whose open turn is changed (a leaf, a whole event drawn from anything play could be given, or
    its frames dropped, repeated or swapped), then chained again with every head and sum right."""
    from tests.test_files_one_check import EVENTS

    values = frames(draw(st.sampled_from(open_turn_saves())))
    opened = _open_turn_frames(values)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.sampled_from(opened))
        kind = draw(st.sampled_from(["leaf", "leaf", "event", "insert", "drop", "repeat", "swap"]))
        if kind == "leaf":
            values[at] = [*values[at][:2], _mutate_structure(draw, values[at][2])]
        elif kind == "event":
            values[at] = [*values[at][:2], draw(EVENTS)]
        elif kind == "insert":
            values.insert(at, [*values[at][:2], draw(EVENTS)])
        elif kind == "drop" and len(opened) > 1:
            del values[at]
        elif kind == "repeat":
            values.insert(at, values[at])
        elif kind == "swap":
            other = draw(st.sampled_from(opened))
            values[at], values[other] = values[other], values[at]
        opened = _open_turn_frames(values) or opened
    return chained(values)


def check_open_turn(data: bytes, folder: Path, capsys, commands: bool) -> None:
    """One verdict for every reader: ``load_save`` refuses only with ``SaveError``, and what it accepts
    restores to the events it holds; with ``commands``, every command that reads it gives the same line."""
    from game.saves import load_save

    path = folder / "open.wgsave"
    path.write_bytes(data)
    try:
        saved = load_save(path)
    except SaveError as error:
        reason = error.reason
    else:
        reason = None
        assert len(restore_session(saved).turns) == saved.played
    if not commands:
        return
    for command in (["replay", path, "--verify"], ["report", path, "--runs", "0"], ["diff", path, path],
                    ["branch", path, "--at", "0", "-o", folder / "branch.wgsave", "--force"]):
        code = main([str(part) for part in command])
        out, err = capsys.readouterr()
        if reason is None:
            assert code == 0, (command, err)
        else:
            assert code in (1, 2) and err == f"wargame {command[0]}: {path}: {reason}\n", (command, err)
        assert not CONTROL.search(out + err), (command, err)
    code = main(["saves", str(folder)])
    out = capsys.readouterr().out
    assert code == 0 and (reason is None) == ("[DAMAGED]" not in out), out


@BRIEF
@given(mutated_open_turns())
def test_fuzz_the_open_turn_of_a_save(tmp_path_factory, capsys, data):
    check_open_turn(data, tmp_path_factory.mktemp("open"), capsys, commands=False)


@settings(BRIEF, max_examples=10)
@given(mutated_open_turns())
def test_fuzz_the_open_turn_through_every_reader(tmp_path_factory, capsys, data):
    check_open_turn(data, tmp_path_factory.mktemp("open"), capsys, commands=True)


@pytest.mark.slow
@LONG
@given(mutated_open_turns())
def test_fuzz_the_open_turn_through_every_reader_long(tmp_path_factory, capsys, data):
    check_open_turn(data, tmp_path_factory.mktemp("open"), capsys, commands=True)
