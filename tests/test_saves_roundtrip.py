"""Properties of saving, loading, replaying and branching random games."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.state import state_hash
from game.saves import (
    SNAPSHOT_EVERY,
    SavedGame,
    branch_session,
    load_save,
    replay_turn,
    restore_session,
    save_session,
)
from game.saves.codec import decode_game, encode_game
from tests.saves_support import examples, games, long_scenario, play, scenario, scenarios

SCENARIOS = pytest.mark.parametrize("path", scenarios(), ids=lambda p: p.stem)


@SCENARIOS
@settings(max_examples=examples(0.5))
@given(data=st.data())
def test_save_then_load_gives_an_equal_run(path, data, tmp_path_factory):
    session = data.draw(games(scenario(path)))
    file = save_session(session, tmp_path_factory.mktemp("saves") / "game.wgsave")
    loaded = load_save(file)
    assert loaded == SavedGame.of(session, updated=loaded.updated)
    assert (loaded.game_id, loaded.name) == (session.game_id, session.name)
    assert loaded.controllers == session.controllers
    assert loaded.scenario_text == session.scenario.origin.text


@SCENARIOS
@settings(max_examples=examples(0.5))
@given(data=st.data())
def test_encoding_is_deterministic_and_decodes_to_the_same_game(path, data):
    game = SavedGame.of(data.draw(games(scenario(path))))
    assert encode_game(game) == encode_game(game)
    assert decode_game(encode_game(game), "game.wgsave") == game


@SCENARIOS
@settings(max_examples=examples(0.5))
@given(data=st.data())
def test_replay_reproduces_every_state_and_hash(path, data):
    session = data.draw(games(scenario(path)))
    saved = decode_game(encode_game(SavedGame.of(session)), "game.wgsave")
    replayed = restore_session(saved)
    assert replayed.states == session.states
    assert replayed.turns == session.turns
    assert [state_hash(s) for s in replayed.states[1:]] == [t.state_hash for t in saved.turns]
    assert (replayed.game_id, replayed.parent, replayed.created) == (session.game_id, None, session.created)


@SCENARIOS
@settings(max_examples=examples(0.3))
@given(data=st.data())
def test_restoring_up_to_a_turn_stops_there(path, data):
    session = data.draw(games(scenario(path)))
    saved = SavedGame.of(session)
    upto = data.draw(st.integers(0, saved.played))
    assert restore_session(saved, upto).states == session.states[: upto + 1]


@SCENARIOS
@settings(max_examples=examples(0.3))
@given(data=st.data())
def test_a_branch_shares_the_stem_and_records_its_parent(path, data):
    session = data.draw(games(scenario(path)))
    saved = SavedGame.of(session)
    at = data.draw(st.integers(0, saved.played))
    if session.states[at].over:
        return
    branch = branch_session(saved, at)
    assert branch.states == session.states[: at + 1]
    assert branch.game_id != saved.game_id
    assert (branch.parent.game_id, branch.parent.turn) == (saved.game_id, at)
    assert branch.parent.state_hash == state_hash(session.states[at])
    again = decode_game(encode_game(SavedGame.of(branch)), "branch.wgsave")
    assert again.parent == branch.parent and restore_session(again).states == branch.states


def test_a_long_game_keeps_periodic_snapshots_and_shows_any_turn_alone():
    session = play(long_scenario(3 * SNAPSHOT_EVERY + 7), seed=11)
    saved = decode_game(encode_game(SavedGame.of(session)), "long.wgsave")
    assert [s.turn - 1 for s in saved.snapshots] == [SNAPSHOT_EVERY, 2 * SNAPSHOT_EVERY, 3 * SNAPSHOT_EVERY,
                                                     saved.played]
    assert saved.snapshots == tuple(session.states[s.turn - 1] for s in saved.snapshots)
    for turn in (1, SNAPSHOT_EVERY, SNAPSHOT_EVERY + 1, 2 * SNAPSHOT_EVERY + 5, saved.played):
        shown = replay_turn(saved, turn)
        assert (shown.before, shown.after) == (session.states[turn - 1], session.states[turn])
        assert shown.record == session.turns[turn - 1]


def test_a_game_over_cannot_be_branched_at_its_end():
    session = play(scenario(scenarios()[0]), seed=3)
    saved = SavedGame.of(session)
    with pytest.raises(Exception, match="was over after turn"):
        branch_session(saved, saved.played)
    assert branch_session(saved, saved.played - 1).parent.turn == saved.played - 1


def test_turn_numbers_out_of_range_are_refused_in_one_line():
    saved = SavedGame.of(play(scenario(scenarios()[0]), seed=3, turns=2))
    for call in (lambda: restore_session(saved, 3), lambda: branch_session(saved, -1),
                 lambda: replay_turn(saved, 0), lambda: replay_turn(saved, 3)):
        with pytest.raises(Exception, match="has turns") as error:
            call()
        assert "\n" not in str(error.value)


def test_the_saved_game_names_the_state_hash_after_each_turn():
    session = play(scenario(scenarios()[0]), seed=5, turns=3)
    saved = SavedGame.of(session)
    assert [saved.state_hash_after(t) for t in range(4)] == [state_hash(s) for s in session.states]
    assert attrs.evolve(saved, name="other") != saved
