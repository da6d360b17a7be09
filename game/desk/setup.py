"""Setting up a new game or a what-if: the choices made, their checks, and the lock on a game with people in it.

Every front end offers the same choices (who plays each seat, the seed, the
name, facilitator mode, the facilitator's passphrase) and hands them here as a
:class:`GameSetup`. A game with a person in any seat is locked (the one rule,
for the TUI and ``--plain`` alike): with the passphrase typed at setup, or one
Horizon makes and the front end shows once. A what-if keeps its original
game's lock, and says so at setup; if that game had none and people play in
the what-if, it gets a new passphrase, shown once.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

from attrs import frozen

from game.errors import WargameError
from game.whole_numbers import NotAWholeNumber, parse_whole, quoted

if TYPE_CHECKING:
    from game.engine.model import Scenario
    from game.session import Session

WHAT_IF_KEEPS_THE_LOCK = ("This what-if opens with the original game's facilitator passphrase: no new one is "
                          "made for it.")
WHAT_IF_GETS_A_LOCK = ("The original game has no facilitator passphrase: with people in the seats this what-if "
                       "gets one, shown once when it starts.")


@frozen
class GameSetup:
    """What a setup screen hands back to start a game."""

    controllers: Mapping[str, str]
    seed: int
    name: str
    facilitator: bool = False
    passphrase: str = ""
    """The facilitator's passphrase as typed ("": Horizon makes one, for a game with people in it)."""


@frozen
class Started:
    """A game set up: the session, and the passphrase to show once ("" when there is none to show)."""

    session: Session
    shown_passphrase: str = ""


def parse_seed(text: str) -> int:
    """A game's seed typed by a person, in the engine's range; one line (``WargameError``) if not."""
    from game.engine.adjudication import MAX_SEED

    try:
        return parse_whole(text, 0, MAX_SEED)
    except NotAWholeNumber as error:
        raise WargameError(f"invalid seed {quoted(text)}: {error}") from None


def seed_problem(text: str) -> str:
    """Why ``text`` is not a usable seed, as a setup screen says it, or "" when it is."""
    from game.engine.adjudication import MAX_SEED

    if not text.strip().isascii() or not text.strip().isdigit():  # "٣" is a digit to str.isdigit
        return "The seed must be a whole number."
    try:
        parse_whole(text, 0, MAX_SEED)  # 5,000 digits: out of range, not int()'s digit-limit error
    except NotAWholeNumber:
        return f"The seed must be at most {MAX_SEED}."
    return ""


def passphrase_problem(text: str) -> str:
    """Why ``text`` cannot be the facilitator's passphrase, or "" when it can (empty: one is made)."""
    from game.lock import check_passphrase

    if not text:
        return ""
    try:
        check_passphrase(text)
    except WargameError as error:
        return f"{str(error)[0].upper()}{str(error)[1:]}."
    return ""


def default_name(title: str, now: datetime.datetime) -> str:
    """A new game's name until someone gives one: the scenario's title and when it was set up."""
    return f"{title} {now:%Y-%m-%d %H%M}"


def people_in(controllers: Mapping[str, str]) -> bool:
    """Whether a person plays any seat: then the facilitator's view of the game is locked."""
    from game.journal import HUMAN  # here: the lobby imports this module before the first frame, without the engine

    return HUMAN in controllers.values()


def start(scenario: Scenario, setup: GameSetup) -> Started:
    """The new game ``setup`` describes, locked if people play in it (slow: scrypt; call it off a UI's loop)."""
    from game.session import Session

    lock, shown = _lock(setup)
    return Started(Session(scenario, setup.seed, setup.controllers, name=setup.name, lock=lock), shown)


def start_what_if(branched: Session, setup: GameSetup) -> Started:
    """A what-if (``branched``, from ``Session.branch``) with the seats and name chosen at its setup.

    It keeps its original game's lock; one made from a game with no lock is locked now if people play in it.
    """
    branched.change_seats(setup.controllers)
    if setup.name != branched.name:
        branched.rename(setup.name)
    if branched.lock is not None:
        return Started(branched)
    lock, shown = _lock(setup)
    if lock is not None:
        branched.set_lock(lock)
    return Started(branched, shown)


def what_if_lock_note(original_locked: bool) -> str:
    """What a what-if's setup says of its lock."""
    return WHAT_IF_KEEPS_THE_LOCK if original_locked else WHAT_IF_GETS_A_LOCK


def _lock(setup: GameSetup):
    if not people_in(setup.controllers):
        return None, ""
    from game.lock import generate_passphrase, make_lock

    passphrase = setup.passphrase or generate_passphrase()
    return make_lock(passphrase), "" if setup.passphrase else passphrase
