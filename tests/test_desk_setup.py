"""Setting up games and what-ifs (``game.desk.setup``), the one unlock policy (``game.desk.unlock``), and the
game at one screen (``game.desk.local_game``) on a real session: pure of any front end."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from game.desk import setup, unlock
from game.desk.local_game import LocalGame
from game.desk.steps import Briefing, Console, Decide, End, HandOff, Resolve, Results, Unlock, viewer_of
from game.errors import WargameError
from game.lock import make_lock
from game.saves import journal_file
from game.scenario import load_scenario
from game.session import HUMAN, Order, Session
from tests.paths import FIXTURES

MINI, TRIO = load_scenario(FIXTURES / "mini.toml"), load_scenario(FIXTURES / "trio.toml")
LOCK = make_lock("table four")


def test_a_game_with_people_is_locked_with_the_passphrase_typed_or_one_made_and_shown_once():
    typed = setup.start(MINI, setup.GameSetup({"a": HUMAN, "b": "random"}, 3, "typed", passphrase="table nine"))
    assert typed.shown_passphrase == "" and typed.session.lock.opens_with("table nine")
    made = setup.start(MINI, setup.GameSetup({"a": HUMAN, "b": "random"}, 3, "made"))
    assert made.shown_passphrase and made.session.lock.opens_with(made.shown_passphrase)
    computers = setup.start(MINI, setup.GameSetup({"a": "random", "b": "random"}, 3, "computers"))
    assert computers.session.lock is None and computers.shown_passphrase == ""


def test_a_what_if_keeps_its_games_lock_or_gets_one_when_people_play_in_it():
    original = Session(MINI, 3, {"a": HUMAN, "b": "random"}, name="original", lock=LOCK)
    original.play_turn({"a": Order("a", "a.push", "")})
    kept = setup.start_what_if(original.branch(1), setup.GameSetup({"a": HUMAN, "b": HUMAN}, 3, "what if"))
    assert kept.shown_passphrase == "" and kept.session.lock == LOCK and kept.session.name == "what if"
    assert kept.session.controllers == {"a": HUMAN, "b": HUMAN}
    assert setup.what_if_lock_note(True) == setup.WHAT_IF_KEEPS_THE_LOCK
    assert "\u201coriginal\u201d, the game it comes from" in unlock.passphrase_hint(kept.session)

    open_game = Session(MINI, 3, {"a": "random", "b": "random"}, name="open")
    open_game.play_turn({})
    locked_now = setup.start_what_if(open_game.branch(1), setup.GameSetup({"a": HUMAN, "b": "random"}, 3, "x"))
    assert locked_now.shown_passphrase and locked_now.session.lock.opens_with(locked_now.shown_passphrase)
    assert setup.what_if_lock_note(False) == setup.WHAT_IF_GETS_A_LOCK
    still_open = setup.start_what_if(open_game.branch(1), setup.GameSetup({"a": "random", "b": "random"}, 3, "y"))
    assert still_open.session.lock is None and still_open.shown_passphrase == ""


def test_the_one_unlock_policy():
    assert unlock.asks(LOCK, over=False) and not unlock.asks(LOCK, over=True) and not unlock.asks(None, over=False)
    assert unlock.opens(LOCK, "table four") and not unlock.opens(LOCK, "table five") and unlock.opens(None, "")


@pytest.mark.parametrize("text, problem", [("12", ""), ("x", "whole number"), ("-1", "whole number"),
                                           (str(2**80), "at most")])
def test_seeds_as_people_type_them(text, problem):
    assert (problem in setup.seed_problem(text)) if problem else setup.seed_problem(text) == ""
    if problem:
        with pytest.raises(WargameError):
            setup.parse_seed(text)
    else:
        assert setup.parse_seed(text) == 12


def test_a_hot_seat_game_at_one_screen_shows_each_seat_only_its_own_view(tmp_path: Path):
    """The whole game through ``LocalGame``: every view drawn is the step's seat's, after its hand-off."""
    game = LocalGame(Session(TRIO, 11, dict.fromkeys(TRIO.seats, HUMAN)), facilitator=False, saves_dir=tmp_path)
    assert game.start() == ""
    holder, order = None, []
    while not isinstance(step := game.next_step(), End):
        order.append(type(step).__name__)
        viewer = viewer_of(step)
        if viewer is not False:
            assert viewer == holder and game.view_for(step).seat == holder
        if isinstance(step, HandOff):
            holder = step.seat
            game.saw(step)
        elif isinstance(step, Briefing | Results):
            game.saw(step)
        elif isinstance(step, Decide):
            view = game.view_for(step)
            option = next(o for o in view.options[step.seat] if o.available)
            assert game.give(Order(step.seat, option.id, "why")) == ""
        elif isinstance(step, Resolve):
            assert game.resolve() == ""
            holder = None
    game.let_go()
    assert order.count("Resolve") == 3 and order.count("HandOff") == 9 and order.count("Briefing") == 3
    assert game.saved_to is not None and game.saved_to.exists()


def test_facilitator_mode_of_a_locked_game_asks_once_and_without_it_plays_the_seats(tmp_path: Path):
    session = Session(MINI, 3, {"a": HUMAN, "b": HUMAN}, lock=LOCK)
    game = LocalGame(session, facilitator=True, saves_dir=tmp_path)
    assert game.next_step() == Unlock(unlock.FACILITATOR_MODE) and not game.opens("nope")
    assert game.unlocked(False) == unlock.WITHOUT
    assert game.next_step() == HandOff("a", 1) and not game.mode.facilitator
    opened = LocalGame(session, facilitator=True, saves_dir=tmp_path)
    assert opened.opens("table four") and opened.unlocked(True) == ""
    assert opened.next_step() == Console(1) and opened.mode.facilitator
    just_set_up = LocalGame(session, facilitator=True, saves_dir=tmp_path, unlocked=True)
    assert just_set_up.next_step() == Console(1)


def test_a_save_that_fails_is_said_once_in_the_same_words_and_the_game_goes_on(tmp_path: Path, monkeypatch):
    game = LocalGame(Session(MINI, 3, {"a": HUMAN, "b": "random"}), facilitator=False, saves_dir=tmp_path)
    assert game.start() == ""

    def disk_full(descriptor, frame):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(journal_file, "_append", disk_full)
    notice = game.give(Order("a", "a.push", ""))
    assert notice.startswith("Autosave failed:") and notice.endswith("The game goes on unsaved: use Save as.")
    assert game.session.pending("a") is not None and not game.autosave.saving
    assert game.resolve() == "" and len(game.session.turns) == 1  # said once: the game goes on unsaved
    assert setup.parse_seed("0") == 0
