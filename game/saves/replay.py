"""Bringing a saved game back to life: replay with every event checked, and branches.

Replay feeds the journal back through a session from the seed
(:meth:`~game.session.Session.restore`): every event, the open turn's
included, goes through the session's one door, the same checks as play with
the same limits; the draws are a pure function of the seed, turn and rule,
so the same orders and acts give the same game, and each turn's state hash
and chance draws are compared with the recorded ones as it goes. The first
turn that differs is reported and nothing after it is trusted.

:func:`verify` is the one check every reader of a save goes through
(``load_save`` calls it): a save one command refuses, every command refuses,
with the same line. Its session is kept, so what is restored afterwards is a
copy, not a second replay.
"""

from __future__ import annotations

from attrs import evolve

from game import __version__
from game.errors import Diverged, WargameError
from game.saves.codec import gc_paused
from game.saves.records import SavedGame, SaveDiverged, SaveError
from game.session import Session


def label(saved: SavedGame) -> str:
    """How messages name a saved game: its file if it came from one, else its name."""
    return str(saved.path) if saved.path else repr(saved.name or f"game {saved.game_id[:8]}")


def verify(saved: SavedGame) -> SavedGame:
    """``saved`` with every event replayed through play's checks (``verified`` set); raises
    :class:`SaveDiverged` naming the first turn that differs or holds what play refuses."""
    if saved.verified is not None:
        return saved
    return evolve(saved, verified=_replayed(saved, None))


def restore_session(saved: SavedGame, upto: int | None = None) -> Session:
    """The game as a live :class:`Session` after turn ``upto`` (default: everything saved, the open turn too).

    Same game id, name, parent, seats and lock as the save. Raises
    :class:`SaveDiverged` naming the first turn whose replay differs from the
    record, or :class:`SaveError` if ``upto`` is out of range. A seat's
    policy need not be known to this Horizon until the game is played on.
    A session restored short of the end cannot be saved over the full save
    (that would drop turns): branch instead. A verified save gives a copy of
    its replayed game; one only read replays as far as ``upto`` (which is how
    a diverging save is shown up to the turn that diverges).
    """
    if upto is not None and not 0 <= upto <= saved.played:
        raise SaveError(label(saved), f"has turns 0 to {saved.played}, not turn {upto}")
    if saved.verified is not None:
        return saved.verified.copy(upto)
    return _replayed(saved, upto)


def _replayed(saved: SavedGame, upto: int | None) -> Session:
    try:
        with gc_paused():
            return Session.restore(saved.scenario, saved.header, saved.events, upto=upto)
    except Diverged as error:
        versions = "" if saved.app_version == __version__ else \
            f" (written by Horizon {saved.app_version}; this is {__version__})"
        raise SaveDiverged(label(saved), f"{error}{versions}", error.turn) from None


def branch_session(saved: SavedGame, at: int) -> Session:
    """A new game (new id, parent set) holding the first ``at`` turns of ``saved``, ready to go on.

    Same seed, seats and lock, so the shared turns replay identically; raises
    :class:`SaveError` if ``at`` is out of range or the game was already over
    after turn ``at``, and :class:`SaveDiverged` as :func:`restore_session`.
    """
    session = restore_session(saved, at)
    try:
        return session.branch(at, file=saved.path.name if saved.path else "")
    except WargameError as error:
        raise SaveError(label(saved), str(error)) from None
