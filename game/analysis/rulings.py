"""The facilitator's rulings in the debrief: every act with its turn and reason, and which ones changed the outcome.

"Would it have ended the same without that inject?" is the first question a
class asks of a steered game. Each act is answered by playing the game again
from the same seed without it: the people's recorded orders are given again
(a seat whose order is no longer possible holds), the computer seats choose
again as their policies would, and the facilitator's other acts are made
again where they still can be. The ending and the scores are compared with
this run's.
"""

from __future__ import annotations

from attrs import frozen

from game.analysis.markdown import escape, quote
from game.engine.interventions import ForceChance, Intervention, describe
from game.engine.model import Scenario, hold_id
from game.errors import WargameError
from game.players import policy_names
from game.session import HUMAN, Order, Session


@frozen
class Ruling:
    turn: int
    act: Intervention
    changed: str
    """What playing without it changes: "the ending", "the scores", or "" (nothing in the end)."""
    applied: bool
    """False for a ruling on a chance that was never drawn that turn: it did not come into play."""
    ending_without: str | None
    """The ending the game would have had without the act (its text), None if it would not have ended."""


def rulings(session: Session) -> list[Ruling]:
    """Every act of the facilitator, in order, with what leaving it out would have changed."""
    found = []
    for index, record in enumerate(session.turns):
        for position, act in enumerate(record.interventions):
            other = replay_without(session, (index, position))
            applied = _applied(session.scenario, act, record.entries)
            found.append(Ruling(record.turn, act, _difference(session, other), applied, _ending_text(other)))
    return found


def _applied(scenario: Scenario, act: Intervention, entries) -> bool:
    """Whether an act came into play: a ruling only if its chance was drawn (an event ruled to fail leaves
    no entry, so it counts as in play; the replay without it tells whether it mattered)."""
    if not isinstance(act, ForceChance):
        return True
    return any(e.rule == act.rule and e.ruled for e in entries) or (scenario.action(act.rule) is None
                                                                   and not act.success)


def replay_without(session: Session, skipped: tuple[int, int]) -> Session:
    """The game played again from its seed, without the act at (turn index, position): see the module."""
    known = {seat: c if c in (HUMAN, *policy_names()) else HUMAN for seat, c in session.controllers.items()}
    other = Session(session.scenario, session.seed, known)
    for index, record in enumerate(session.turns):
        if other.over:
            break
        for position, act in enumerate(record.interventions):
            if (index, position) != skipped:
                try:
                    other.intervene(act)
                except WargameError:
                    pass  # no longer possible without the act left out (e.g. the event fired already)
        for order in record.orders:
            if known[order.seat] == HUMAN and other.pending(order.seat) is None:
                other.submit(_still_possible(other, order))
        other.resolve()
    return other


def _still_possible(session: Session, order: Order) -> Order:
    try:
        session.check_order(order)
    except WargameError:
        return Order(order.seat, hold_id(order.seat), by=order.by)
    return order


def _difference(session: Session, other: Session) -> str:
    if (session.state.ending, session.over) != (other.state.ending, other.over):
        return "the ending"
    return "the scores" if session.scores() != other.scores() else ""


def _ending_text(session: Session) -> str | None:
    if not session.over:
        return None
    ending = next((e for e in session.scenario.endings if e.id == session.state.ending), None)
    return ending.text if ending is not None else session.scenario.end_text


def rulings_section(session: Session) -> list[str]:
    """The debrief's section on the white cell; nothing when the facilitator never acted."""
    found = rulings(session)
    if not found:
        return []
    lines = ["## The facilitator's rulings", "",
             "What the facilitator did beyond the rules, and what the game would have come to without each act "
             "(played again from the same seed, the people's orders as given, the computer seats choosing "
             "again):", ""]
    for ruling in found:
        reason = f" Reason: {quote(escape(ruling.act.reason))}." if ruling.act.reason else ""
        if not ruling.applied:
            effect = "It did not come into play: no such chance was drawn that turn."
        elif ruling.changed == "the ending" and ruling.ending_without is None:
            effect = (f"**Without it the game would not have ended there:** after turn {len(session.turns)} it "
                      "would still have been going on.")
        elif ruling.changed == "the ending":
            effect = f"**Without it the game would have ended otherwise:** {escape(ruling.ending_without)}"
        elif ruling.changed:
            effect = "Without it the ending would have been the same, with other scores."
        else:
            effect = "Without it the game would have ended the same way."
        lines.append(f"- **Turn {ruling.turn}**: the facilitator {escape(describe(session.scenario, ruling.act))}."
                     f"{reason} {effect}")
    changed = sum(r.changed == "the ending" for r in found)
    lines += ["", f"{changed} of the {len(found)} acts changed how the game ended."]
    return lines
