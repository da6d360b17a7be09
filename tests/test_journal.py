"""The journal's wire encoding: every event survives msgpack unchanged; anything else is refused as Invalid."""

from __future__ import annotations

import msgpack
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.decoding import Invalid
from game.desk.unlock import asks
from game.journal import (
    Locked,
    Paused,
    Renamed,
    Resumed,
    SeatsChanged,
    decode_event,
    decode_header,
    encode_event,
    encode_header,
)
from game.lock import Lock, generate_passphrase, make_lock
from tests.saves_support import examples, games, scenario, scenarios
from tests.test_saves_damage import _MSGPACK_VALUES

LOCK = Lock(bytes(range(16)), bytes(range(32)))


def over_the_wire(value):
    return msgpack.unpackb(msgpack.packb(value, use_bin_type=True), raw=False)


@pytest.mark.parametrize("path", scenarios(), ids=lambda p: p.stem)
@settings(max_examples=examples(0.3))
@given(data=st.data())
def test_every_event_of_a_game_comes_back_from_the_wire_unchanged(path, data):
    session = data.draw(games(scenario(path)))
    extra = [Renamed("new name"), SeatsChanged((("a", "human"),)), Locked(LOCK), Paused(3), Resumed(3)]
    for event in [*session.events(), *extra]:
        assert decode_event(over_the_wire(encode_event(event))) == event
    assert decode_header(over_the_wire(encode_header(session.header))) == session.header


@given(_MSGPACK_VALUES)
def test_any_value_is_an_event_or_refused_as_invalid(value):
    for read in (decode_event, decode_header):
        try:
            read(value)
        except Invalid as problem:
            assert "\n" not in str(problem)


def test_a_lock_opens_only_with_its_passphrase_and_guards_only_unfinished_games():
    lock = make_lock(" table four ")
    assert lock.opens_with("table four") and not lock.opens_with("table five")
    assert make_lock("table four").salt != lock.salt  # salted: one passphrase, two hashes
    assert asks(lock, over=False) and not asks(lock, over=True) and not asks(None, over=False)
    phrase = generate_passphrase()
    assert len(phrase) == 20 and phrase.count("-") == 2
    with pytest.raises(ValueError, match="at least 4 characters"):
        make_lock("abc")


def test_a_lock_with_hostile_scrypt_parameters_is_refused():
    encoded = encode_event(Locked(Lock(bytes(16), bytes(32), cost=2**30)))
    with pytest.raises(Invalid, match="scrypt parameters out of range"):
        decode_event(encoded)
