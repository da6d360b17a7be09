"""Bringing a saved game back to life: replay with every state hash checked, branches, single turns.

Replay feeds the recorded orders back through the engine from the seed; the
draws are a pure function of the seed, turn and rule, so the same orders give
the same game, and each turn's state hash and chance draws are compared with
the recorded ones as it goes. The first turn that differs is reported and
nothing after it is trusted.
"""

from __future__ import annotations

from attrs import frozen

from game import __version__
from game.engine.adjudication import new_game, resolve_turn
from game.engine.state import GameState
from game.errors import IllegalOrder
from game.saves.codec import gc_paused
from game.saves.records import SavedGame, SaveDiverged, SavedTurn, SaveError, draws_of
from game.session import HUMAN, Parent, Session, TurnRecord, new_game_id, utc_now

MAX_NAME = 200


def label(saved: SavedGame) -> str:
    """How messages name a saved game: its file if it came from one, else its name."""
    return str(saved.path) if saved.path else repr(saved.name or f"game {saved.game_id[:8]}")


def restore_session(saved: SavedGame, upto: int | None = None) -> Session:
    """The game as a live :class:`Session` after turn ``upto`` (default: every saved turn).

    Same game id, name, parent and seats as the save. Raises
    :class:`SaveDiverged` naming the first turn whose replay differs from the
    record, or :class:`SaveError` if ``upto`` is out of range. A seat's
    policy need not be known to this Horizon until the game is played on.
    A session restored short of the end
    cannot be saved over the full save (that would drop turns): branch instead.
    """
    upto = _turn_in_range(saved, saved.played if upto is None else upto)
    everyone = dict.fromkeys(saved.scenario.seats, HUMAN)
    session = Session(saved.scenario, saved.seed, everyone, game_id=saved.game_id, name=saved.name,
                      parent=saved.parent, created=saved.created)
    # Replay gives every seat its recorded order, so a policy this Horizon lacks
    # matters only to whoever plays on (and fails there, in one line).
    session.controllers = dict(saved.controllers)
    with gc_paused():
        for turn in saved.turns[:upto]:
            _replay(saved, session, turn)
    return session


def _turn_in_range(saved: SavedGame, turn: int) -> int:
    if not 0 <= turn <= saved.played:
        raise SaveError(label(saved), f"has turns 0 to {saved.played}, not turn {turn}")
    return turn


def _replay(saved: SavedGame, session: Session, turn: SavedTurn) -> None:
    try:
        record = session.play_turn({order.seat: order for order in turn.orders})
    except IllegalOrder as error:
        raise _diverged(saved, turn.turn, f"its orders are refused ({error})") from None
    _compare(saved, turn, record)


def _compare(saved: SavedGame, turn: SavedTurn, record: TurnRecord) -> None:
    if draws_of(record.entries) != turn.draws:
        raise _diverged(saved, turn.turn, "the replayed chance draws differ from the recorded ones")
    if record.state_hash != turn.state_hash:
        raise _diverged(saved, turn.turn, f"the replayed state hash {record.state_hash[:16]}\u2026 differs "
                                          f"from the recorded {turn.state_hash[:16]}\u2026")


def _diverged(saved: SavedGame, turn: int, what: str) -> SaveDiverged:
    versions = "" if saved.app_version == __version__ else \
        f" (written by Horizon {saved.app_version}; this is {__version__})"
    return SaveDiverged(label(saved), f"turn {turn} diverges: {what}{versions}", turn)


def branch_session(saved: SavedGame, at: int) -> Session:
    """A new game (new id, parent set) holding the first ``at`` turns of ``saved``, ready to go on.

    Same seed and seats, so the shared turns replay identically; raises
    :class:`SaveError` if ``at`` is out of range or the game was already over
    after turn ``at``, and :class:`SaveDiverged` as :func:`restore_session`.
    """
    session = restore_session(saved, at)
    if session.over:
        raise SaveError(label(saved), f"the game was over after turn {at}: branch at an earlier turn")
    session.parent = Parent(saved.game_id, saved.name, saved.path.name if saved.path else "", at,
                            saved.state_hash_after(at))
    session.game_id = new_game_id()
    session.created = utc_now()
    session.name = _branch_name(saved, at)
    return session


def _branch_name(saved: SavedGame, at: int) -> str:
    suffix = f" \u00b7 what-if from turn {at}"
    return (saved.name or saved.title)[: MAX_NAME - len(suffix)] + suffix


@frozen
class ReplayedTurn:
    """One turn replayed on its own: the state before it, what happened, and the state after."""

    before: GameState
    record: TurnRecord
    after: GameState


def replay_turn(saved: SavedGame, turn: int) -> ReplayedTurn:
    """Turn ``turn`` (from 1), replayed from the nearest snapshot: fast for any turn of a long game.

    The turns it replays are checked against their recorded hashes, as
    :func:`restore_session` checks them, and raise :class:`SaveDiverged` likewise.
    """
    if not 1 <= turn <= saved.played:
        raise SaveError(label(saved), f"has turns 1 to {saved.played}, not turn {turn}")
    state = _nearest_state(saved, turn)
    while True:
        recorded = saved.turns[state.turn - 1]
        orders = {order.seat: order.action for order in recorded.orders}
        try:
            resolution = resolve_turn(saved.scenario, state, orders)
        except IllegalOrder as error:
            raise _diverged(saved, state.turn, f"its orders are refused ({error})") from None
        record = TurnRecord(state.turn, recorded.orders, resolution.entries, resolution.state)
        _compare(saved, recorded, record)
        if state.turn == turn:
            return ReplayedTurn(state, record, resolution.state)
        state = resolution.state


def _nearest_state(saved: SavedGame, turn: int) -> GameState:
    """The latest snapshot taken before ``turn`` is played (the initial state if none)."""
    before = [s for s in saved.snapshots if s.turn <= turn]
    return before[-1] if before else new_game(saved.scenario, saved.seed)
