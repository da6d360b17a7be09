"""What each order and each act of the facilitator changed: the same turn played again without it.

The engine is deterministic and its draws are a function of the seed, the
turn and the rule, so "what did this order do?" has an exact answer. For
every order of a turn that was not a hold, the turn is resolved again from
the same state, with the same draws, the same other orders and the same acts
of the facilitator, the seat holding instead (``Session.resolve_again``); the
difference in each seat's score at the end of that turn is that order's
effect, and the ending that turn brought (or did not) is set beside the one
it would have brought. An act of the facilitator gets the same treatment:
the turn is played again without it (an order it made impossible is a hold;
a computer order it replaced is the one the computer would have given).

The effects end with their turn: an order that pays off weeks later (an
investment) shows here only by what it changed that week. Orders interact,
so the effects of a turn's orders need not add up to the turn's change.
Branching the game before the turn and playing it again so gives the same
numbers: tests/test_analysis_effects.py does it, through the saves API, for
every effect the debrief states.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from attrs import frozen

from game.engine.adjudication import scores
from game.engine.interventions import Intervention, ReplaceOrder
from game.engine.model import hold_id
from game.engine.state import GameState
from game.errors import WargameError
from game.session import Order, Session

Progress = Callable[[int, int], None]
"""Called with (done, in all) as the work goes."""

TURNING_POINTS = 3
"""Turning points on the handout."""
MORE_TURNING_POINTS = 6
"""Turning points in the full record and the JSON."""


@frozen
class Effect:
    """One order (``act`` None) or one act of the facilitator, and what the turn would have been without it."""

    turn: int
    seat: str
    """The seat that gave the order; for an act, ``"facilitator"``."""
    action: str
    """The order's action id ("" for an act)."""
    act: Intervention | None
    played: Mapping[str, float]
    """Each seat's score at the end of the turn, as played."""
    without: Mapping[str, float]
    """Each seat's score at the end of the turn had the seat held (had the act not been made)."""
    outcome: str | None
    """How the game stood after the turn, as played: None if it went on, else the ending's id ("" for the
    last turn played out)."""
    outcome_without: str | None

    @property
    def delta(self) -> dict[str, float]:
        """Per seat: its score at the end of the turn minus what it would have been without this."""
        return {seat: self.played[seat] - self.without[seat] for seat in self.played}

    @property
    def swing(self) -> float:
        return sum(abs(change) for change in self.delta.values())

    @property
    def ending_changed(self) -> bool:
        return self.outcome != self.outcome_without

    @property
    def weight(self) -> tuple[bool, float]:
        """How much it mattered: a changed ending first, then the size of the score changes."""
        return self.ending_changed, self.swing


def outcome(state: GameState) -> str | None:
    """None while the game goes on, else the ending's id ("" when the last turn was played out)."""
    return (state.ending or "") if state.over else None


def order_effects(session: Session, progress: Progress | None = None) -> list[Effect]:
    """The effect of every order but holds, turn by turn in seat order (``progress``: told after each turn)."""
    found = []
    for record in session.turns:
        if progress is not None:
            progress(record.turn - 1, len(session.turns))
        played = scores(session.scenario, record.state)
        for order in record.orders:
            if order.action == hold_id(order.seat):
                continue
            held = Order(order.seat, hold_id(order.seat), by=order.by)
            try:
                other = session.resolve_again(record.turn, {order.seat: held})
            except WargameError:  # the rules of this Horizon refuse the turn again: make no claim about it
                continue
            found.append(Effect(record.turn, order.seat, order.action, None, played,
                                scores(session.scenario, other), outcome(record.state), outcome(other)))
    return found


def act_effects(session: Session) -> list[Effect | None]:
    """The effect of every act of the facilitator, in order (None where playing the turn without it
    cannot be done: the game must then make no claim about it)."""
    return [act_effect(session, record.turn, position, without_act(session, record.turn, position))
            for record in session.turns for position in range(len(record.interventions))]


@frozen
class Without:
    """How a turn is played again without one act of the facilitator: the acts and the orders given."""

    acts: tuple[Intervention, ...]
    orders: Mapping[str, Order]


def without_act(session: Session, turn: int, position: int) -> Without:
    """The turn ``turn`` without its act at ``position``: the other acts made again where they still can
    be, each recorded order given again where still possible (else the seat holds), a computer order the
    act replaced given as the computer would have."""
    record = session.turns[turn - 1]
    left_out = record.interventions[position]
    branch = session.branch(turn - 1)
    argue_again(session, branch, turn)
    kept = []
    for i, act in enumerate(record.interventions):
        if i == position:
            continue
        try:
            branch.intervene(act)
            kept.append(act)
        except WargameError:
            pass  # no longer possible without the act left out (e.g. the event fired already)
    orders: dict[str, Order] = {}
    for order in record.orders:
        if isinstance(left_out, ReplaceOrder) and left_out.seat == order.seat and not _replaced(kept, order.seat):
            order = replaced_order(branch, order)
        orders[order.seat] = still_possible(branch, order)
    return Without(tuple(kept), orders)


def argue_again(source: Session, target: Session, turn: int) -> None:
    """Argue again in ``target``'s open turn (``turn``) the moves argued in ``source``'s turn ``turn``, and their
    counter-arguments, so the white cell's rulings on them can be given again."""
    for move in source.argued_moves(turn):
        target.argue(move.argument)
    for move in source.argued_moves(turn):
        for seat, text in move.counters:
            target.counter(seat, move.id, text)


def act_effect(session: Session, turn: int, position: int, without: Without) -> Effect | None:
    """What the act at ``position`` of ``turn`` changed by the end of the turn (None if the turn cannot be
    played ``without`` it)."""
    record = session.turns[turn - 1]
    try:
        other = session.resolve_again(turn, without.orders, without.acts)
    except WargameError:
        return None
    return Effect(turn, "facilitator", "", record.interventions[position], scores(session.scenario, record.state),
                  scores(session.scenario, other), outcome(record.state), outcome(other))


def _replaced(acts: Sequence[Intervention], seat: str) -> bool:
    return any(isinstance(act, ReplaceOrder) and act.seat == seat for act in acts)


def replaced_order(branch: Session, order: Order) -> Order:
    """The order the seat's computer would have given in ``branch``'s open turn, had the facilitator not
    replaced it (a hold if this Horizon lacks its policy)."""
    try:
        return branch.computer_order(order.seat)
    except WargameError:
        return Order(order.seat, hold_id(order.seat), by=order.by)


def still_possible(session: Session, order: Order) -> Order:
    """``order`` if its seat may give it in ``session``'s open turn, else the seat's hold."""
    try:
        session.check_order(order)
    except WargameError:
        return Order(order.seat, hold_id(order.seat), by=order.by)
    return order


def turning_points(effects: Sequence[Effect], count: int = TURNING_POINTS) -> list[Effect]:
    """The ``count`` effects that mattered most (a changed ending, then the largest score changes), in
    the order they happened; an effect that changed nothing is never one."""
    mattered = [(i, e) for i, e in enumerate(effects) if e.ending_changed or e.swing > 0]
    biggest = sorted(mattered, key=lambda pair: pair[1].weight, reverse=True)[:count]
    return [e for _, e in sorted(biggest, key=lambda pair: pair[0])]
