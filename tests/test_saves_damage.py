"""Reading is hostile-input safe: every bad file gives one SaveError line, the file untouched.

Covers the issue's list: empty, garbage, truncated, bit-flipped,
future-version and hostile (huge declared lengths, deep nesting) files, plus
forged files whose checksum is right but whose content is not.
"""

from __future__ import annotations

import hashlib
import os
from types import SimpleNamespace

import msgpack
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.saves import (
    SavedGame,
    SaveDiverged,
    SaveError,
    codec,
    format1,
    load_save,
    restore_session,
    save_session,
)
from game.saves.codec import decode_game, encode_game
from game.saves.envelope import MARKER, TRAILER_SIZE, seal
from tests.saves_support import MINI, examples, games, play, scenario, scenarios

SCENARIOS = pytest.mark.parametrize("path", scenarios(), ids=lambda p: p.stem)


def small_save() -> bytes:
    return encode_game(SavedGame.of(play(scenario(MINI), seed=1, turns=2, name="small")))


def refusal(data: bytes) -> str:
    """The one-line reason ``data`` is refused (the test fails if it loads)."""
    with pytest.raises(SaveError) as error:
        decode_game(data, "x.wgsave")
    message = str(error.value)
    assert message.startswith("x.wgsave: ") and "\n" not in message
    return error.value.reason


def body_of(data: bytes) -> dict:
    return msgpack.unpackb(data[len(MARKER) + 1 + 5 : -TRAILER_SIZE])


def forged(body: dict, version: int = 1) -> bytes:
    """A file with a right checksum around ``body``: what a careless or hostile writer makes."""
    return seal(version, msgpack.packb(body, use_bin_type=True))


def test_every_truncation_of_a_valid_save_is_refused():
    data = small_save()
    reasons = {refusal(data[:cut]).split(":")[0] for cut in range(len(data))}
    assert reasons == {"empty file (0 bytes)", "truncated"}


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
    saved = encode_game(SavedGame.of(data.draw(games(scenario(path)))))
    bit = data.draw(st.integers(0, len(saved) * 8 - 1))
    flipped = bytearray(saved)
    flipped[bit // 8] ^= 1 << bit % 8
    refusal(bytes(flipped))
    refusal(saved[: data.draw(st.integers(0, len(saved) - 1))])


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
    refusal(seal(1, msgpack.packb(body, use_bin_type=True)))


@settings(max_examples=examples(1))
@given(data=st.data())
def test_a_forged_change_to_any_one_field_loads_or_is_refused_and_never_crashes(data):
    session = data.draw(games(scenario(MINI), max_turns=3))
    body = body_of(encode_game(SavedGame.of(session)))
    target, key = _random_slot(data, body)
    target[key] = data.draw(_MSGPACK_VALUES | _similar(target[key]))
    try:
        saved = decode_game(forged(body), "x.wgsave")
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
                             "whisper", "maxed", "calm", "tense", "human", "random", "x"])
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
    body = msgpack.packb(body_of(data))
    assert refusal(b"") == "empty file (0 bytes): not a Horizon save"
    assert refusal(b"PK\x03\x04 a zip file").startswith("not a Horizon save")
    assert refusal(data[:-1]).startswith("truncated: ")
    assert refusal(data[:-1] + bytes([data[-1] ^ 1])).startswith("damaged: checksum mismatch")
    assert refusal(seal(2, body)).startswith("written by a newer format (save format 2;")
    assert refusal(seal(0, body)).startswith("damaged: unknown save format 0")
    huge = MARKER + b"\x01\xc6\xff\xff\xff\xff" + b"\x00" * 100
    assert refusal(huge).startswith("truncated: ")
    assert refusal(seal(1, b"\xdd\xff\xff\xff\xff")).startswith("damaged: invalid content (body: not valid")
    assert refusal(seal(1, b"\x91" * 100_000)).startswith("damaged: invalid content (body: not valid")
    assert refusal(seal(1, b"\x81\xa1k" + b"\x91" * 100_000 + b"\xc0")).startswith("damaged: invalid")


def test_a_forged_body_that_does_not_fit_its_scenario_is_refused():
    body = body_of(small_save())
    body["turns"][0][1][0][1] = "a.fly"
    assert refusal(forged(body)) == ("damaged: does not fit its scenario (turns[0].orders: 'a' has no action "
                                     "'a.fly')")
    body = body_of(small_save())
    body["snapshots"][-1][1][0] = 99
    assert "does not fit variable 'x'" in refusal(forged(body))


def test_an_invalid_embedded_scenario_is_named_with_its_file_and_line():
    body = body_of(small_save())
    text = body["scenario"]["text"].replace('type = "int"', 'type = "integer"', 1)
    body["scenario"].update(text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    reason = refusal(forged(body))
    assert reason.startswith("scenario text invalid: mini.toml:")


def test_a_wrong_state_hash_is_reported_as_the_first_diverging_turn():
    session = play(scenario(MINI), seed=1, turns=4)
    body = body_of(encode_game(SavedGame.of(session)))
    body["turns"][1][3] = bytes(32)
    saved = decode_game(forged(body), "x.wgsave")
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
    assert "larger than 16 MiB" in str(pytest.raises(SaveError, load_save, big).value)


def test_a_file_written_and_read_back_loads(tmp_path):
    session = play(scenario(MINI), seed=2)
    assert load_save(save_session(session, tmp_path / "a.wgsave")).played == len(session.turns)


def test_a_newer_horizon_reads_an_older_file_and_upgrades_it_only_by_saving(tmp_path, monkeypatch):
    """The version policy (docs/save-format.md, "Versions"), with a made-up format 2 beside format 1."""
    old = save_session(play(scenario(MINI), seed=1, turns=2), tmp_path / "old.wgsave")
    before = old.read_bytes()
    format2 = SimpleNamespace(encode=format1.encode, unpack=format1.unpack,
                              read_fields=lambda document: {**format1.read_fields(document), "format": 2})
    monkeypatch.setattr(codec, "FORMAT", 2)
    monkeypatch.setattr(codec, "_FORMATS", {1: format1, 2: format2})
    saved = load_save(old)
    assert saved.format == 1 and old.read_bytes() == before
    session = restore_session(saved)
    session.play_turn()
    save_session(session, old)
    assert load_save(old).format == 2
    monkeypatch.undo()
    assert refusal(old.read_bytes()).startswith("written by a newer format (save format 2;")


def with_scenario_text(text: str) -> bytes:
    body = body_of(small_save())
    body["scenario"].update(text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    return forged(body)


def test_a_scenario_text_nested_too_deeply_is_one_line():
    reason = refusal(with_scenario_text("a = " + "[" * 5000 + "]" * 5000))
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
