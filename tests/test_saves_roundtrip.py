"""Properties of saving, loading, replaying and branching random games, the white cell's acts included."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.state import state_hash
from game.saves import branch_session, load_save, restore_session, save_session
from game.saves.codec import decode_game
from tests.saves_support import examples, games, long_scenario, play, save_bytes, saved_of, scenario, scenarios

SCENARIOS = pytest.mark.parametrize("path", scenarios(), ids=lambda p: p.stem)


@SCENARIOS
@settings(max_examples=examples(0.5))
@given(data=st.data())
def test_save_then_load_gives_an_equal_run(path, data, tmp_path_factory):
    session = data.draw(games(scenario(path)))
    file = save_session(session, tmp_path_factory.mktemp("saves") / "game.wgsave")
    loaded = load_save(file)
    assert loaded.events == tuple(session.events()) and loaded.header == session.header
    assert (loaded.game_id, loaded.name, loaded.controllers) == (session.game_id, session.name, session.controllers)
    assert loaded.scenario_text == session.scenario.origin.text and loaded.format == 3


@SCENARIOS
@settings(max_examples=examples(0.5))
@given(data=st.data())
def test_encoding_is_deterministic_and_decodes_to_the_same_game(path, data):
    session = data.draw(games(scenario(path)))
    assert save_bytes(session) == save_bytes(session)
    assert saved_of(session) == decode_game(save_bytes(session), "again.wgsave")


@SCENARIOS
@settings(max_examples=examples(0.5))
@given(data=st.data())
def test_replay_reproduces_every_state_hash_and_the_open_turn(path, data):
    session = data.draw(games(scenario(path)))
    replayed = restore_session(saved_of(session))
    assert replayed.states == session.states and replayed.turns == session.turns
    assert [state_hash(s) for s in replayed.states[1:]] == [t.state_hash for t in saved_of(session).turns]
    assert (replayed.game_id, replayed.parent, replayed.created) == (session.game_id, None, session.created)
    assert replayed.state == session.state and replayed.entries() == session.entries()
    assert replayed.decided() == session.decided() and replayed.messages(None) == session.messages(None)
    assert replayed.events() == session.events()


@SCENARIOS
@settings(max_examples=examples(0.3))
@given(data=st.data())
def test_restoring_up_to_a_turn_stops_there(path, data):
    session = data.draw(games(scenario(path)))
    saved = saved_of(session)
    upto = data.draw(st.integers(0, saved.played))
    restored = restore_session(saved, upto)
    assert restored.states == session.states[: upto + 1] and not restored.decided()


@SCENARIOS
@settings(max_examples=examples(0.3))
@given(data=st.data())
def test_a_branch_shares_the_stem_and_records_its_parent(path, data):
    session = data.draw(games(scenario(path)))
    saved = saved_of(session)
    at = data.draw(st.integers(0, saved.played))
    if session.states[at].over:
        return
    branch = branch_session(saved, at)
    assert branch.states == session.states[: at + 1] and branch.turns == session.turns[:at]
    assert branch.game_id != saved.game_id and branch.lock == session.lock
    assert (branch.parent.game_id, branch.parent.turn) == (saved.game_id, at)
    assert branch.parent.state_hash == state_hash(session.states[at])
    again = saved_of(branch)
    assert again.parent == branch.parent and restore_session(again).states == branch.states


def test_a_long_game_replays_from_its_journal_alone():
    session = play(long_scenario(157), seed=11)
    saved = saved_of(session)
    assert saved.played == 157 and saved.over
    assert restore_session(saved).states == session.states


def test_a_game_over_cannot_be_branched_at_its_end():
    session = play(scenario(scenarios()[0]), seed=3)
    saved = saved_of(session)
    with pytest.raises(Exception, match="was over after turn"):
        branch_session(saved, saved.played)
    assert branch_session(saved, saved.played - 1).parent.turn == saved.played - 1


def test_turn_numbers_out_of_range_are_refused_in_one_line():
    saved = saved_of(play(scenario(scenarios()[0]), seed=3, turns=2))
    for call in (lambda: restore_session(saved, 3), lambda: branch_session(saved, -1)):
        with pytest.raises(Exception, match="has turns") as error:
            call()
        assert "\n" not in str(error.value)


def test_the_saved_game_names_the_state_hash_after_each_turn():
    session = play(scenario(scenarios()[0]), seed=5, turns=3)
    saved = saved_of(session)
    assert [saved.state_hash_after(t) for t in range(4)] == [state_hash(s) for s in session.states]
