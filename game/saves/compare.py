"""Where two runs of one scenario part ways, and how far apart they end up.

Both runs are replayed (so both are verified), then walked turn by turn: the
leading turns with the same orders and the same state hash are the common
stem; from the first turn that differs on, every turn's differing orders,
variables and scores are listed. Variables are matched by name, so two runs
of slightly different texts of one scenario still compare.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from game.engine.adjudication import scores
from game.engine.interventions import argued_rule, chance_words
from game.engine.state import GameState
from game.saves.records import SavedGame, SaveError
from game.saves.replay import label, restore_session
from game.session import Session


@frozen
class OrderDifference:
    seat: str
    a: str | None
    """The action id A's seat chose, or None if A had no such turn."""
    b: str | None


@frozen
class ArguedDifference:
    """The moves one seat argued in a turn of each run, each said with its ruling and outcome."""

    seat: str
    a: tuple[str, ...]
    b: tuple[str, ...]


@frozen
class TurnDifference:
    """How the runs differ in one turn; a run with no such turn (it had ended) shows None."""

    turn: int
    orders: tuple[OrderDifference, ...]
    values: tuple[tuple[str, Any, Any], ...]
    """(variable, value in A, value in B) for each variable that differs after the turn."""
    scores: tuple[tuple[str, float | None, float | None], ...]
    """(seat, score in A, score in B) for each seat whose score differs after the turn."""
    argued: tuple[ArguedDifference, ...] = ()
    """Each seat whose argued moves (or their rulings) differ."""


@frozen
class Comparison:
    common: int
    """How many leading turns the runs share (same orders, same state after)."""
    first: int | None
    """The first turn that differs, or None when the runs are the same game."""
    turns: tuple[TurnDifference, ...]
    """Every turn from ``first`` to the longer run's last, where something differs."""
    same_text: bool
    same_seed: bool
    relation: str
    """How the two saves are related ("B is a branch of A after turn 5"), or ""."""
    final_a: GameState
    """The state at the end of A (as replayed, so verified), and of B."""
    final_b: GameState


def compare(a: SavedGame, b: SavedGame) -> Comparison:
    """Compare two saves of one scenario; :class:`SaveError` if they are of different scenarios."""
    if a.scenario_id != b.scenario_id:
        raise SaveError(label(b), f"is a run of {b.scenario_id!r}, {label(a)} of {a.scenario_id!r}: "
                                  "only runs of one scenario compare")
    run_a, run_b = restore_session(a), restore_session(b)
    common = _common_turns(run_a, run_b)
    first = None if common == a.played == b.played else common + 1
    turns = () if first is None else tuple(
        diff for turn in range(first, max(a.played, b.played) + 1)
        if (diff := _turn_difference(run_a, run_b, turn)) is not None)
    return Comparison(common, first, turns, a.sha256 == b.sha256, a.seed == b.seed, _relation(a, b),
                      run_a.state_after(a.played), run_b.state_after(b.played))


def _common_turns(run_a: Session, run_b: Session) -> int:
    count = 0
    for turn_a, turn_b in zip(run_a.turns, run_b.turns, strict=False):  # the shorter run ends the stem
        if _actions(turn_a.orders) != _actions(turn_b.orders) or turn_a.state_hash != turn_b.state_hash \
                or argued_in(run_a, turn_a.turn) != argued_in(run_b, turn_b.turn):
            break
        count += 1
    return count


def argued_in(run: Session, turn: int) -> dict[str, tuple[str, ...]]:
    """Per seat, the moves it argued in resolved turn ``turn``: each as ``“what it does” (secret), ruled
    unlikely (30%): succeeded`` (``not ruled`` when the turn resolved without a ruling)."""
    if turn > len(run.turns):
        return {}
    draws = {draw.rule: draw for draw in run.turns[turn - 1].draws}
    found: dict[str, tuple[str, ...]] = {}
    for move in run.argued_moves(turn):
        ruling = run.ruling(move)
        said = f"\u201c{move.argument.statement}\u201d" + (" (secret)" if move.argument.secret else "")
        if ruling is None:
            said += ", not ruled"
        else:
            draw = draws.get(argued_rule(move.id))
            outcome = "" if draw is None else ": succeeded" if draw.success else ": failed"
            effects = ", ".join(ruling.effects if draw is None or draw.success else ruling.fail_effects)
            said += f", ruled {chance_words(ruling.chance)}{outcome}" + (f" ({effects})" if effects else "")
        found[move.argument.seat] = (*found.get(move.argument.seat, ()), said)
    return found


def _actions(orders) -> dict[str, str]:
    return {order.seat: order.action for order in orders}


def _turn_difference(run_a: Session, run_b: Session, turn: int) -> TurnDifference | None:
    orders_a, orders_b = _orders_in(run_a, turn), _orders_in(run_b, turn)
    seats = run_a.scenario.seats
    orders = tuple(OrderDifference(s, orders_a.get(s), orders_b.get(s)) for s in seats
                   if orders_a.get(s) != orders_b.get(s))
    state_a, state_b = _state_after(run_a, turn), _state_after(run_b, turn)
    values = tuple((name, va, vb) for name, va, vb in _values(run_a, state_a, run_b, state_b) if va != vb)
    scores_a, scores_b = _scores(run_a, state_a), _scores(run_b, state_b)
    differing = tuple((s, scores_a.get(s), scores_b.get(s)) for s in seats
                      if scores_a.get(s) != scores_b.get(s))
    argued_a, argued_b = argued_in(run_a, turn), argued_in(run_b, turn)
    argued = tuple(ArguedDifference(s, argued_a.get(s, ()), argued_b.get(s, ())) for s in seats
                   if argued_a.get(s, ()) != argued_b.get(s, ()))
    if not (orders or values or differing or argued):
        return None
    return TurnDifference(turn, orders, values, differing, argued)


def _orders_in(run: Session, turn: int) -> dict[str, str]:
    return _actions(run.turns[turn - 1].orders) if turn <= len(run.turns) else {}


def _state_after(run: Session, turn: int) -> GameState | None:
    return run.state_after(turn) if turn <= len(run.turns) else None


def _values(run_a: Session, state_a, run_b: Session, state_b):
    names_b = {v.name: i for i, v in enumerate(run_b.scenario.variables)}
    for i, variable in enumerate(run_a.scenario.variables):
        if variable.name in names_b:
            yield (variable.name, None if state_a is None else state_a.values[i],
                   None if state_b is None else state_b.values[names_b[variable.name]])


def _scores(run: Session, state: GameState | None) -> dict[str, float]:
    return {} if state is None else scores(run.scenario, state)


def _relation(a: SavedGame, b: SavedGame) -> str:
    if a.game_id == b.game_id:
        return "A and B are saves of the same game"
    if b.parent and b.parent.game_id == a.game_id:
        return f"B is a branch of A after turn {b.parent.turn}"
    if a.parent and a.parent.game_id == b.game_id:
        return f"A is a branch of B after turn {a.parent.turn}"
    if a.parent and b.parent and a.parent.game_id == b.parent.game_id:
        return (f"A and B are branches of one game, after turns {a.parent.turn} and {b.parent.turn}")
    return ""
