"""Whole games with saving as players use it: play, keep, let go, continue, rewind, branch, in any order.

The model is what each file should hold: the live session's journal while
the file is kept, its journal when it was let go otherwise (compacted: a
kept file also holds the open-turn events its turns superseded). The invariants
are that every file in the folder loads to its model, that replaying it
gives the states the live game had, that no file is ever listed as damaged,
and that a kept file has one owner.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from game.saves import (
    SaveConflict,
    SaveError,
    SaveFile,
    autosave,
    branch_session,
    list_saves,
    load_save,
    restore_session,
    save_session,
)
from game.session import Session
from tests.saves_support import acts, examples, games, human_order, messages, scenario, scenarios


class SavingPlayers(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="horizon-saves-"))
        self.session: Session | None = None
        self.keeper: SaveFile | None = None
        self.models: dict[Path, tuple[list, list]] = {}
        """Each let-go file's expected journal, and the states the live game had then.

        Rules draw files by their place in this dict (saving order), never by
        sorted path: paths hold random game ids, and hypothesis needs the same
        draws to mean the same choices each time it replays a case."""

    def let_go(self) -> None:
        if self.keeper is not None:
            self.models[self.keeper.path] = (self.session.events(), self.session.states)
            self.keeper.release()
            self.keeper = None

    @rule(data=st.data(), which=st.sampled_from(scenarios()))
    @precondition(lambda self: self.session is None)
    def start(self, data, which):
        self.session = data.draw(games(scenario(which), max_turns=2))

    @rule(data=st.data())
    @precondition(lambda self: self.session is not None and not self.session.over)
    def play_a_turn(self, data):
        session = self.session
        session.play_turn({seat: human_order(data.draw, session, seat) for seat in session.humans()
                           if session.pending(seat) is None})

    @rule(data=st.data())
    @precondition(lambda self: self.session is not None and not self.session.over)
    def act_in_the_open_turn(self, data):
        session = self.session
        what = data.draw(st.sampled_from(["order", "withdraw", "message", "act"]))
        if what == "order" and session.humans():
            session.submit(human_order(data.draw, session, data.draw(st.sampled_from(session.humans()))))
        elif what == "withdraw" and session.decided():
            session.withdraw(data.draw(st.sampled_from(sorted(session.decided()))))
        elif what == "message":
            session.send(data.draw(messages(session)))
        elif what == "act":
            try:
                session.intervene(data.draw(acts(session)))
            except SaveError:
                raise
            except Exception:  # noqa: BLE001 - an act this state refuses leaves the session unchanged
                pass

    @rule()
    @precondition(lambda self: self.session is not None and self.keeper is None)
    def keep(self):
        self.keeper = autosave(self.session, self.folder)
        self.models.pop(self.keeper.path, None)

    @rule()
    @precondition(lambda self: self.keeper is not None)
    def a_second_owner_is_refused(self):
        twin = restore_session(load_save(self.keeper.path))
        try:
            SaveFile.own(twin, self.keeper.path)
        except SaveError as error:
            assert "in use" in str(error)
            return
        raise AssertionError("a kept save was taken by a second owner")

    @rule()
    @precondition(lambda self: self.keeper is not None)
    def let_it_go(self):
        self.let_go()

    @rule(data=st.data())
    @precondition(lambda self: self.models)
    def continue_a_saved_game(self, data):
        self.let_go()
        path = data.draw(st.sampled_from(list(self.models)))
        self.session = restore_session(load_save(path))
        self.keeper = SaveFile.own(self.session, path)
        del self.models[path]

    @rule(data=st.data())
    @precondition(lambda self: any(len(states) > 1 for _, states in self.models.values()))
    def rewinding_over_a_save_is_refused(self, data):
        path = data.draw(st.sampled_from([p for p, (_, states) in self.models.items() if len(states) > 1]))
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
        self.let_go()
        saved = load_save(data.draw(st.sampled_from(list(self.models))))
        at = data.draw(st.integers(0, saved.played))
        if at == saved.played and saved.over:
            return
        self.session = branch_session(saved, at)
        assert self.session.parent.game_id == saved.game_id

    @invariant()
    def every_file_loads_to_its_model_and_replays_its_states(self):
        models = dict(self.models)
        if self.keeper is not None:
            models[self.keeper.path] = (self.session.events(), self.session.states)
        for path, (events, states) in models.items():
            restored = restore_session(load_save(path))  # a kept file also holds superseded events
            assert restored.events() == events and restored.states == states

    @invariant()
    def nothing_is_listed_as_damaged(self):
        listing = list_saves(self.folder)
        kept = 1 if self.keeper is not None else 0
        assert len(listing) == len(self.models) + kept and not any(s.damaged for s in listing)

    def teardown(self) -> None:
        if self.keeper is not None:
            self.keeper.release()
        for path in self.folder.iterdir():
            path.unlink()
        self.folder.rmdir()


SavingPlayers.TestCase.settings = settings(max_examples=examples(0.25), stateful_step_count=12, deadline=None)
TestSavingPlayers = SavingPlayers.TestCase
