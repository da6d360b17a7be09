"""Reading is hostile-input safe: every bad file gives one SaveError line, the file untouched.

Covers the issue's list: empty, garbage, truncated, bit-flipped,
future-version and hostile (huge declared lengths, deep nesting) files, plus
forged files whose checksums are right but whose content is not. A format-2
file cut anywhere reads as the valid prefix it was, or is refused in one line.
"""

from __future__ import annotations

import hashlib
import os

import msgpack
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.saves import SaveDiverged, SaveError, load_save, restore_session, save_session
from game.saves.codec import decode_game
from game.saves.envelope import MARKER
from game.saves.format2 import PREFIX
from tests.saves_forge import chained, frames, seal_v1, turn_frames
from tests.saves_support import MINI, examples, games, play, save_bytes, scenario, scenarios

SCENARIOS = pytest.mark.parametrize("path", scenarios(), ids=lambda p: p.stem)


def small_save() -> bytes:
    return save_bytes(play(scenario(MINI), seed=1, turns=2, name="small"))


def refusal(data: bytes) -> str:
    """The one-line reason ``data`` is refused (the test fails if it loads)."""
    with pytest.raises(SaveError) as error:
        decode_game(data, "x.wgsave")
    message = str(error.value)
    assert message.startswith("x.wgsave: ") and "\n" not in message
    return error.value.reason


def loads_as_a_prefix_or_is_refused(data: bytes, cut: int, whole) -> str:
    """Read ``data[:cut]``: it must be a prefix of the whole journal, or one line saying why not."""
    try:
        saved = decode_game(data[:cut], "x.wgsave")
    except SaveError as error:
        assert "\n" not in str(error)
        return error.reason.split(":")[0]
    assert saved.header == whole.header and saved.events == whole.events[: len(saved.events)]
    restore_session(saved)
    return "prefix"


def test_every_truncation_of_a_format2_save_loads_as_a_prefix_or_is_refused_in_one_line():
    data = small_save()
    whole = decode_game(data, "x.wgsave")
    outcomes = [loads_as_a_prefix_or_is_refused(data, cut, whole) for cut in range(len(data) + 1)]
    assert set(outcomes) == {"empty file (0 bytes)", "truncated", "prefix"}
    assert outcomes[-1] == "prefix" and outcomes.index("prefix") > len(PREFIX) + 100  # the header frame first


def test_every_single_flipped_bit_is_detected():
    data = bytearray(small_save())
    for bit in range(len(data) * 8):
        data[bit // 8] ^= 1 << bit % 8
        refusal(bytes(data))
        data[bit // 8] ^= 1 << bit % 8


@SCENARIOS
@settings(max_examples=examples(0.3))
@given(data=st.data())
def test_a_flipped_bit_or_a_cut_anywhere_in_a_random_game_is_detected(path, data):
    saved = save_bytes(data.draw(games(scenario(path))))
    bit = data.draw(st.integers(0, len(saved) * 8 - 1))
    flipped = bytearray(saved)
    flipped[bit // 8] ^= 1 << bit % 8
    refusal(bytes(flipped))
    loads_as_a_prefix_or_is_refused(saved, data.draw(st.integers(0, len(saved))), decode_game(saved, "x"))


def test_a_torn_last_frame_is_dropped_and_said_so():
    data = small_save()
    whole = decode_game(data, "x.wgsave")
    torn = decode_game(data[:-5], "x.wgsave")
    assert torn.events == whole.events[:-1] and torn.dropped > 0 and whole.dropped == 0
    zeros = decode_game(data[:-34] + bytes(34), "x.wgsave")  # the sum never reached the disk
    assert zeros.events == whole.events[:-1]
    assert decode_game(data + bytes(500), "x.wgsave").events == whole.events  # a tail of zeros


@given(st.binary(max_size=600))
def test_arbitrary_bytes_raise_only_save_error(data):
    refusal(data)


@given(st.binary(max_size=600))
def test_arbitrary_bytes_after_the_marker_raise_only_save_error(data):
    refusal(MARKER + data)


_MSGPACK_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats() | st.text(max_size=20)
    | st.binary(max_size=40),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30)


@given(_MSGPACK_VALUES)
def test_any_msgpack_body_with_a_right_checksum_raises_only_save_error(body):
    refusal(seal_v1(1, msgpack.packb(body, use_bin_type=True)))


@given(st.lists(_MSGPACK_VALUES, max_size=4))
def test_any_msgpack_frames_with_right_sums_raise_only_save_error(values):
    refusal(chained(values))


@settings(max_examples=examples(1))
@given(data=st.data())
def test_a_forged_change_to_any_one_field_loads_or_is_refused_and_never_crashes(data):
    session = data.draw(games(scenario(MINI), max_turns=3))
    values = frames(save_bytes(session))
    target, key = _random_slot(data, values)
    target[key] = data.draw(_MSGPACK_VALUES | _similar(target[key]))
    try:
        saved = decode_game(chained(values), "x.wgsave")
    except SaveError as error:
        assert "\n" not in str(error)
        return
    try:
        restore_session(saved)
    except SaveError as error:
        assert "\n" not in str(error)


def _similar(value) -> st.SearchStrategy:
    """Values of the same kind as ``value``, which get past the structure checks to the deeper ones."""
    names = st.sampled_from(["a", "b", "crowd", "a.push", "a.calm", "b.hide", "b.shove", "a.hold", "drift",
                             "whisper", "maxed", "calm", "tense", "human", "random", "x", "facilitator",
                             "order", "withdraw", "message", "intervene", "turn", "rename", "seats", "lock",
                             "pause", "resume", "fire", "inject", "set", "force", "replace", "x += 1"])
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-3, 12) | st.integers(0, 2**63 + 5)
    if isinstance(value, float):
        return st.floats(-0.5, 1.5)
    if isinstance(value, bytes):
        return st.binary(min_size=32, max_size=32)
    if isinstance(value, str):
        return names | st.text(max_size=5)
    return st.nothing()


def _random_slot(data, value):
    """A random (container, key) inside a decoded body, at any depth."""
    container, key = None, None
    while isinstance(value, dict | list) and value and (container is None or data.draw(st.booleans())):
        keys = list(value) if isinstance(value, dict) else range(len(value))
        container, key = value, data.draw(st.sampled_from(list(keys)))
        value = container[key]
    return container, key


def test_empty_garbage_future_and_hostile_files_each_get_their_own_reason():
    data = small_save()
    assert refusal(b"") == "empty file (0 bytes): not a Horizon save"
    assert refusal(b"PK\x03\x04 a zip file").startswith("not a Horizon save")
    assert refusal(PREFIX + b"\xc4").startswith("truncated: the file ends inside its header frame")
    assert refusal(data[:-1] + bytes([data[-1] ^ 1])).startswith("damaged: frame 3 (bytes ")
    assert "does not chain to the ones before it" in refusal(data[:-1] + bytes([data[-1] ^ 1]))
    assert refusal(data[:20] + bytes([data[20] ^ 1]) + data[21:]) == "damaged: frame 1 at byte 16 has a damaged head"
    assert refusal(data[:40] + bytes([data[40] ^ 1]) + data[41:]).startswith("damaged: frame 1 (bytes 16 to ")
    assert refusal(data[:16] + b"\x00\x08" + data[18:]) == "damaged: frame 1 at byte 16 does not begin like a frame"
    assert refusal(seal_v1(4, b"\x80")).startswith("written by a newer format (save format 4;")
    assert refusal(seal_v1(0, b"\x80")).startswith("damaged: unknown save format 0")
    huge = MARKER + b"\x01\xc6\xff\xff\xff\xff" + b"\x00" * 100
    assert refusal(huge).startswith("truncated: ")
    assert refusal(seal_v1(1, b"\xdd\xff\xff\xff\xff")).startswith("damaged: invalid content (body: not valid")
    assert refusal(seal_v1(1, b"\x91" * 100_000)).startswith("damaged: invalid content (body: not valid")
    assert refusal(seal_v1(1, b"\x81\xa1k" + b"\x91" * 100_000 + b"\xc0")).startswith("damaged: invalid")
    deep = chained([["event", "2026-01-05T09:00:00+00:00", []]])
    assert refusal(deep) == "damaged: invalid content (frame 1: expected the header)"


def test_a_forged_journal_that_does_not_fit_its_scenario_is_refused():
    values = frames(small_save())
    values[turn_frames(values)[0]][2][2][0][1] = "a.fly"
    assert refusal(chained(values)) == ("damaged: does not fit its scenario (turns[0].orders: 'a' has no action "
                                        "'a.fly')")
    values = frames(small_save())
    values[0][2]["game"]["seats"] = values[0][2]["game"]["seats"][::-1]
    assert "seats: expected a, b" in refusal(chained(values))


def test_an_invalid_embedded_scenario_is_named_with_its_file_and_line():
    assert with_scenario_text(MINI.read_text().replace('type = "int"', 'type = "integer"', 1), check=False) \
        .startswith("scenario text invalid: mini.toml:")


def test_a_wrong_state_hash_is_reported_as_the_first_diverging_turn():
    values = frames(save_bytes(play(scenario(MINI), seed=1, turns=4)))
    values[turn_frames(values)[1]][2][6] = bytes(32)
    saved = decode_game(chained(values), "x.wgsave")
    with pytest.raises(SaveDiverged) as error:
        restore_session(saved)
    assert error.value.turn == 2 and "turn 2 diverges" in str(error.value)


@pytest.mark.parametrize("content", [b"", b"garbage", b"\x91" * 100_000])
def test_loading_leaves_the_file_untouched(tmp_path, content):
    path = tmp_path / "bad.wgsave"
    path.write_bytes(content)
    os.utime(path, (1_000_000, 1_000_000))
    with pytest.raises(SaveError):
        load_save(path)
    assert path.read_bytes() == content and path.stat().st_mtime == 1_000_000


def test_files_that_are_not_regular_files_are_refused_without_reading(tmp_path):
    os.mkfifo(tmp_path / "pipe.wgsave")  # opening it blocking would hang forever
    assert "not a regular file" in str(pytest.raises(SaveError, load_save, tmp_path / "pipe.wgsave").value)
    assert "is a folder" in str(pytest.raises(SaveError, load_save, tmp_path).value)
    assert "no such file" in str(pytest.raises(SaveError, load_save, tmp_path / "none.wgsave").value)
    big = tmp_path / "big.wgsave"
    with open(big, "wb") as file:
        file.truncate(17 * 2**20)  # sparse: costs no disk
    assert "larger than 16,777,216 bytes" in str(pytest.raises(SaveError, load_save, big).value)


def test_a_file_written_and_read_back_loads(tmp_path):
    session = play(scenario(MINI), seed=2)
    assert load_save(save_session(session, tmp_path / "a.wgsave")).played == len(session.turns)


def with_scenario_text(text: str, *, check: bool = True):
    """A save embedding ``text`` as its scenario: the bytes, or (``check=False``) why it is refused."""
    values = frames(small_save())
    block = values[0][2]["scenario"]
    block.update(text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    return chained(values) if check else refusal(chained(values))


def test_a_scenario_text_nested_too_deeply_is_one_line():
    reason = with_scenario_text("a = " + "[" * 5000 + "]" * 5000, check=False)
    assert reason == "scenario text invalid: mini.toml:1: not valid TOML: arrays or tables nested too deeply"


_TOML_ISH = st.text(st.sampled_from(list("[]{}=\"'.,\n #abcx1-_")), max_size=200)


@settings(max_examples=examples(1))
@given(st.text(max_size=200) | _TOML_ISH)
def test_any_embedded_scenario_text_raises_only_save_error(text):
    refusal(with_scenario_text(text))


@settings(max_examples=examples(1))
@given(data=st.data())
def test_an_edited_embedded_scenario_loads_or_raises_only_save_error(data):
    text = MINI.read_text()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    edited = text[:start] + data.draw(_TOML_ISH | st.text(max_size=8)) + text[end:]
    try:
        decode_game(with_scenario_text(edited), "x.wgsave")
    except SaveError as error:
        assert "\n" not in str(error)
