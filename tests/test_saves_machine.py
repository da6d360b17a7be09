"""Whole games with saving as players use it: play, autosave, continue, rewind, branch, in any order.

The model is what each autosaved file should hold (the session as it was
when saved); the invariants are that every file in the folder loads to its
model, that replaying it gives the states the live game had, and that no
file is ever listed as damaged.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from game.saves import (
    SaveConflict,
    SavedGame,
    autosave,
    branch_session,
    list_saves,
    load_save,
    restore_session,
    save_session,
)
from tests.saves_support import examples, games, human_order, scenario, scenarios


class SavingPlayers(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="horizon-saves-"))
        self.session = None
        self.models: dict[Path, tuple[SavedGame, list]] = {}
        """Each file's expected content, and the states the live game had when it was saved.

        Rules draw files by their place in this dict (saving order), never by
        sorted path: paths hold random game ids, and hypothesis needs the same
        draws to mean the same choices each time it replays a case."""

    @rule(data=st.data(), which=st.sampled_from(scenarios()))
    @precondition(lambda self: self.session is None)
    def start(self, data, which):
        self.session = data.draw(games(scenario(which), max_turns=2))

    @rule(data=st.data())
    @precondition(lambda self: self.session is not None and not self.session.over)
    def play_a_turn(self, data):
        session = self.session
        session.play_turn({seat: human_order(data.draw, session, seat) for seat in session.humans()})

    @rule()
    @precondition(lambda self: self.session is not None)
    def autosave(self):
        path = autosave(self.session, self.folder)
        self.models[path] = (SavedGame.of(self.session), list(self.session.states))

    @rule(data=st.data())
    @precondition(lambda self: self.models)
    def continue_a_saved_game(self, data):
        path = data.draw(st.sampled_from(list(self.models)))
        self.session = restore_session(load_save(path))

    @rule(data=st.data())
    @precondition(lambda self: any(model.played for model, _ in self.models.values()))
    def rewinding_over_a_save_is_refused(self, data):
        path = data.draw(st.sampled_from([p for p, (m, _) in self.models.items() if m.played]))
        saved = load_save(path)
        rewound = restore_session(saved, data.draw(st.integers(0, saved.played - 1)))
        try:
            save_session(rewound, path)
        except SaveConflict:
            return
        raise AssertionError("a rewound game replaced its own longer save")

    @rule(data=st.data())
    @precondition(lambda self: self.models)
    def branch_a_saved_game(self, data):
        saved = load_save(data.draw(st.sampled_from(list(self.models))))
        at = data.draw(st.integers(0, saved.played))
        if at == saved.played and saved.over:
            return
        self.session = branch_session(saved, at)
        assert self.session.parent.game_id == saved.game_id

    @invariant()
    def every_file_loads_to_its_model_and_replays_its_states(self):
        for path, (model, states) in self.models.items():
            loaded = load_save(path)
            assert loaded == attrs.evolve(model, updated=loaded.updated)
            assert restore_session(loaded).states == states

    @invariant()
    def nothing_is_listed_as_damaged(self):
        listing = list_saves(self.folder)
        assert len(listing) == len(self.models) and not any(s.damaged for s in listing)

    def teardown(self) -> None:
        for path in self.folder.iterdir():
            path.unlink()
        self.folder.rmdir()


SavingPlayers.TestCase.settings = settings(max_examples=examples(0.25), stateful_step_count=12, deadline=None)
TestSavingPlayers = SavingPlayers.TestCase
