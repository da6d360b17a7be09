"""Turning points and discussion questions: where a run's scores moved most, and what to ask about it.

A turning point is a turn whose resolution moved the seats' scores the most
(the sum over seats of the size of each score's change), so a class can start
from the moments that mattered rather than from turn 1. The questions are
first the scenario's own (``[[questions]]``, those the run made pertinent),
then templates filled from those turns, from the history notes and, when
given, from a simulation of the same scenario.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from attrs import frozen

from game.analysis.summary import Summary
from game.engine.adjudication import environment, holds, scores
from game.engine.log import ACTION
from game.engine.model import Action, Event
from game.seat_view.build import seat_name
from game.session import HUMAN, Order, Session

TURNING_POINTS = 3
MAX_AUTHORED = 4
"""At most this many of the scenario's own questions, so the run's own moments keep a place."""
MAX_QUESTIONS = 8


@frozen
class TurningPoint:
    turn: int
    changes: Mapping[str, float]
    """Each seat's score change over the turn."""

    @property
    def swing(self) -> float:
        return sum(abs(change) for change in self.changes.values())

    def mover(self) -> str:
        """The seat whose score moved most (the first in seat order on a tie)."""
        return max(self.changes, key=lambda seat: abs(self.changes[seat]))


def score_history(session: Session) -> list[dict[str, float]]:
    """Every seat's score at the start and after each turn."""
    return [scores(session.scenario, state) for state in session.states]


def turning_points(session: Session, count: int = TURNING_POINTS) -> list[TurningPoint]:
    """The ``count`` turns with the largest score swings, in turn order (ties: the earlier turn)."""
    history = score_history(session)
    points = [TurningPoint(turn, {seat: after[seat] - before[seat] for seat in before})
              for turn, (before, after) in enumerate(zip(history, history[1:]), 1)]
    biggest = sorted((p for p in points if p.swing > 0), key=lambda p: -p.swing)[:count]
    return sorted(biggest, key=lambda p: p.turn)


def discussion_questions(session: Session, points: Sequence[TurningPoint],
                         simulation: Summary | None = None) -> list[str]:
    """The scenario's questions that the run made pertinent, then a question on the decision behind
    each turning point, on a rationale, a gamble, history."""
    movers = _movers(points)
    questions = authored_questions(session)[:MAX_AUTHORED]
    questions += [_about_decision(session, point, seat) for point, seat in zip(points, movers)]
    questions += [q for q in (_about_rationale(session, p, seat) for p, seat in zip(points, movers)) if q][:1]
    questions += [q for q in (_about_gamble(session, point) for point in points) if q][:1]
    questions += _about_history(session)
    if simulation is not None and session.over:
        questions.append(_about_ending(session, simulation))
    return questions[:MAX_QUESTIONS]


def authored_questions(session: Session) -> list[str]:
    """The scenario's ``[[questions]]`` whose ``when`` held after some turn of the run (or that have none),
    in file order."""
    played = [environment(state) for state in session.states[1:]]
    return [q.text for q in session.scenario.questions
            if q.when is None or any(holds(q.when, env) for env in played)]


def _movers(points: Sequence[TurningPoint]) -> list[str]:
    """For each turning point the seat that moved most, preferring seats not yet asked about."""
    movers: list[str] = []
    for point in points:
        moved = sorted((s for s in point.changes if point.changes[s]), key=lambda s: -abs(point.changes[s]))
        movers.append(next((s for s in moved if s not in movers), point.mover()))
    return movers


def _order(session: Session, turn: int, seat: str) -> Order:
    return next(o for o in session.turns[turn - 1].orders if o.seat == seat)


def _about_decision(session: Session, point: TurningPoint, seat: str) -> str:
    scenario = session.scenario
    name = seat_name(scenario, seat)
    change = point.changes[seat]
    direction = f"rose by {change:g}" if change > 0 else f"fell by {-change:g}" if change else "did not move"
    label = scenario.action(_order(session, point.turn, seat).action).label
    return (f"In turn {point.turn}, {name.in_sentence()} chose \u201c{label}\u201d and its score {direction}. "
            f"What did {name.in_sentence()} know at that moment, and what else could it have done?")


def _about_rationale(session: Session, point: TurningPoint, seat: str) -> str:
    order = _order(session, point.turn, seat)
    rationale = order.rationale.strip()
    if not rationale or order.by != HUMAN:  # a person's words, not a computer's in a seat a person left
        return ""
    stop = "" if rationale[-1] in ".!?" else "."
    return (f"The player of {seat_name(session.scenario, seat).in_sentence()} wrote in turn {point.turn}: "
            f"\u201c{rationale}{stop}\u201d Does that reasoning hold up in the light of what followed?")


def _about_gamble(session: Session, point: TurningPoint) -> str:
    scenario = session.scenario
    entries = session.turns[point.turn - 1].entries
    gamble = next((e for e in entries if e.kind == ACTION and e.chance is not None), None)
    if gamble is None:
        return ""
    outcome = "succeeded" if gamble.success else "failed"
    return (f"\u201c{scenario.action(gamble.rule).label}\u201d had a {gamble.chance:.0%} chance and "
            f"{outcome} in turn {point.turn}. Was it worth the risk, and how could "
            f"{seat_name(scenario, gamble.actor).in_sentence()} have prepared for the other outcome?")


def _about_history(session: Session) -> list[str]:
    """A question setting a recorded piece of history beside this run (a decision of it, if one has some)."""
    scenario = session.scenario
    rules = [*(a for a in scenario.actions if a.history), *(e for e in scenario.events if e.history)]
    first = {}
    for entry in session.entries():
        first.setdefault(entry.rule, entry)
    happened = sorted((r for r in rules if r.id in first), key=lambda r: first[r.id].turn)
    if not happened:
        return [f"\u201c{_name(rule)}\u201d never happened in this run. The record says: {rule.history} "
                "What kept this run from going that way?" for rule in rules[:1]]
    rule = next((r for r in happened if isinstance(r, Action)), happened[0])
    entry = first[rule.id]
    who = f"{seat_name(scenario, entry.actor).in_sentence()} chose" if entry.actor else "came"
    who += f" \u201c{_name(rule)}\u201d"
    return [f"In this run, {who} in turn {entry.turn}. The record says: {rule.history} "
            "How does the run compare with what really happened, and what explains the difference?"]


def _name(rule: Action | Event) -> str:
    return rule.label if isinstance(rule, Action) else rule.text or rule.id


def _about_ending(session: Session, simulation: Summary) -> str:
    ending = session.state.ending or ""
    share = simulation.ending(ending).games / simulation.runs
    if share < 0.1:
        return (f"Only {share:.0%} of {simulation.runs:,} simulated games ended this way. "
                "Which choices in this run made the unlikely happen?")
    return (f"{share:.0%} of {simulation.runs:,} simulated games ended this way too. "
            "Was this outcome decided more by the players' choices or by the situation they started in?")
