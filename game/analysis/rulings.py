"""The facilitator's rulings in the debrief: every act with its turn and reason, and what each one changed.

"Would it have ended the same without that inject?" is the first question a
class asks of a steered game. Each act gets two answers, both by playing the
game again from the same seed without it (the other acts made again where
they still can be; every order given again as recorded where still possible,
else the seat holds; a computer order the act replaced given as the computer
would have): what it changed by the end of its own turn (``effects.py``, the
treatment every order gets), and how the game would have ended played on to
the end so. Orders are given again rather than chosen again so that the
answer is the act's alone, and so that it costs no computer player's
thinking, whatever played the seats.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from game.analysis.discussion import changes_sentence, ending_text
from game.analysis.effects import Effect, Progress, Without, act_effect, argue_again, still_possible, without_act
from game.analysis.markdown import escape, quote
from game.engine.interventions import ForceChance, Intervention, RuleArgument, describe
from game.engine.model import Scenario
from game.errors import WargameError
from game.session import Session


@frozen
class Ruling:
    turn: int
    act: Intervention
    changed: str
    """What playing without it changes in the end: "the ending", "the scores", or "" (nothing)."""
    applied: bool
    """False for a ruling on a chance that was never drawn that turn: it did not come into play."""
    ending_without: str | None
    """The ending the game would have had without the act (its text), None if it would not have ended."""
    effect: Effect | None = None
    """What it changed by the end of its turn (None where that turn cannot be played without it)."""


def rulings(session: Session, progress: Progress | None = None) -> list[Ruling]:
    """Every act of the facilitator, in order, with what leaving it out would have changed (``progress``:
    told before each act)."""
    found: list[Ruling] = []
    total = sum(len(record.interventions) for record in session.turns)
    for index, record in enumerate(session.turns):
        for position, act in enumerate(record.interventions):
            if progress is not None:
                progress(len(found), total)
            without = without_act(session, record.turn, position)
            other = replay_without(session, (index, position), without)
            applied = _applied(session.scenario, act, record.entries)
            found.append(Ruling(record.turn, act, _difference(session, other), applied, _ending_text(other),
                                act_effect(session, record.turn, position, without)))
    return found


def _applied(scenario: Scenario, act: Intervention, entries) -> bool:
    """Whether an act came into play: a ruling only if its chance was drawn (an event ruled to fail leaves
    no entry, so it counts as in play; the replay without it tells whether it mattered)."""
    if not isinstance(act, ForceChance):
        return True
    return any(e.rule == act.rule and e.ruled for e in entries) or (scenario.action(act.rule) is None
                                                                   and not act.success)


def replay_without(session: Session, skipped: tuple[int, int], without: Without | None = None) -> Session:
    """The game played again from the turn of the act at (turn index, position), without it: see the module.
    ``without`` is that turn's :func:`~game.analysis.effects.without_act`, if already made."""
    index, position = skipped
    first = without or without_act(session, index + 1, position)
    other = session.branch(index)
    for record in session.turns[index:]:
        if other.over:
            break
        argue_again(session, other, record.turn)
        acts = first.acts if record.turn == index + 1 else record.interventions
        for act in acts:
            try:
                other.intervene(act)
            except WargameError:
                pass  # no longer possible without the act left out (e.g. the event fired already)
        for order in record.orders:
            other.submit(first.orders[order.seat] if record.turn == index + 1 else still_possible(other, order))
        other.resolve()
    return other


def _difference(session: Session, other: Session) -> str:
    if (session.state.ending, session.over) != (other.state.ending, other.over):
        return "the ending"
    return "the scores" if session.scores() != other.scores() else ""


def _ending_text(session: Session) -> str | None:
    return ending_text(session.scenario, session.state.ending or "") if session.over else None


def rulings_section(session: Session, found: Sequence[Ruling] | None = None) -> list[str]:
    """The debrief's section on the white cell (``found``: its :func:`rulings`, if already computed);
    nothing when the facilitator never acted. Rulings on argued moves have a section of their own
    (``argued.py``)."""
    found = rulings(session) if found is None else found
    found = [ruling for ruling in found if not isinstance(ruling.act, RuleArgument)]
    if not found:
        return []
    lines = ["## The facilitator's rulings", "",
             "What the facilitator did beyond the rules, and what each act changed: the game played again from "
             "the same seed without it, every seat's orders given again as they were wherever still possible:",
             ""]
    for ruling in found:
        reason = f" Reason: {quote(escape(ruling.act.reason))}." if ruling.act.reason else ""
        turn = f" {escape(changes_sentence(session, ruling.effect))}" if ruling.effect is not None else ""
        if not ruling.applied:
            turn = ""
        effect = consequence(ruling, len(session.turns))
        act = escape(describe(session.scenario, ruling.act, formulas=False))
        lines.append(f"- **Turn {ruling.turn}**: the facilitator {act}.{reason}{turn} {effect}")
    changed = sum(r.changed == "the ending" for r in found)
    lines += ["", f"{changed} of the {len(found)} acts changed how the game ended."]
    return lines


def consequence(ruling: Ruling, played: int | None = None) -> str:
    """What playing the rest of the game without an act changes, as a sentence (``played``: the game's turns)."""
    if not ruling.applied:
        return "It did not come into play: no such chance was drawn that turn."
    if ruling.changed == "the ending" and ruling.ending_without is None:
        after = f" after turn {played}" if played else ""
        return (f"**Played on without it, the game would not have ended there:**{after} it would still have been "
                "going on.")
    if ruling.changed == "the ending":
        return f"**Played on without it, the game would have ended otherwise:** {escape(ruling.ending_without)}"
    if ruling.changed:
        return "Played on without it, the game would have ended the same way, with other scores."
    return "Played on without it, the game would have ended the same way."

