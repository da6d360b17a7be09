"""Discussion questions: the scenario's own that fit the run, then questions on its turning points.

The scenario's ``[[questions]]`` come first: a question's ``when`` is judged
on the state at the end of the run (with ``during``, after any turn of it), so
a question never presumes what the end contradicts, and of two questions
declared to presume opposite things (``excludes``) only the first is asked.
Then templates filled from the run: the decision behind each turning point
(``effects.py``: what it changed against holding), a rationale, a gamble,
the record and, when given, a simulation of the same scenario.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import frozen

from game.analysis.effects import Effect
from game.analysis.summary import Summary
from game.engine.adjudication import environment, holds, scores
from game.engine.log import ACTION
from game.engine.model import Action, Event, Question, Scenario
from game.seat_view.build import seat_name
from game.session import HUMAN, Order, Session

MAX_AUTHORED = 4
"""At most this many of the scenario's own questions, so the run's own moments keep a place."""
MAX_QUESTIONS = 8


@frozen
class Asked:
    """A question the debrief asks; ``when`` is the scenario's condition that made it pertinent (its text,
    None for a question of the scenario without one, or one made from the run)."""

    text: str
    when: str | None = None


def score_history(session: Session) -> list[dict[str, float]]:
    """Every seat's score at the start and after each turn."""
    return [scores(session.scenario, state) for state in session.states]


def pertinent_questions(scenario: Scenario, after: Sequence[Sequence[Any]]) -> list[Question]:
    """The scenario's questions a run makes pertinent, in file order: ``after`` holds the environment
    (``adjudication.environment``) after each turn played. A question's ``when`` is judged on the last of
    them (``during``: on any); one that presumes the opposite of a question already chosen is left out."""
    chosen: list[Question] = []
    for question in scenario.questions:
        if fits(question, after) and not any(excludes(question, other) for other in chosen):
            chosen.append(question)
    return chosen


def fits(question: Question, after: Sequence[Sequence[Any]]) -> bool:
    """Whether a run (the environment after each of its turns) meets the question's ``when``."""
    if question.when is None:
        return True
    judged = after if question.during else after[-1:]
    return any(holds(question.when, env) for env in judged)


def excludes(one: Question, other: Question) -> bool:
    """Whether the two questions are declared to presume opposite things (either may say so)."""
    return bool(one.id and other.id) and (one.id in other.excludes or other.id in one.excludes)


def authored_questions(session: Session) -> list[Question]:
    """The scenario's questions this run makes pertinent (see :func:`pertinent_questions`)."""
    return pertinent_questions(session.scenario, [environment(state) for state in session.states[1:]])


def discussion_questions(session: Session, points: Sequence[Effect],
                         simulation: Summary | None = None) -> list[Asked]:
    """The scenario's questions the run made pertinent, then one on the decision behind each turning point,
    on a rationale, a gamble, history and, with a simulation, the ending."""
    questions = [Asked(q.text, q.when.text if q.when is not None else None)
                 for q in authored_questions(session)[:MAX_AUTHORED]]
    points = _one_per_seat(points)
    made = [_about_decision(session, point) for point in points]
    made += [q for q in (_about_rationale(session, point) for point in points) if q][:1]
    made += [q for q in (_about_gamble(session, point) for point in points) if q][:1]
    made += _about_history(session)
    if simulation is not None and session.over:
        made.append(_about_ending(session, simulation))
    return (questions + [Asked(text) for text in made])[:MAX_QUESTIONS]


def _one_per_seat(points: Sequence[Effect]) -> list[Effect]:
    """The turning points to ask about: the largest first, a seat asked about once while others are left."""
    ranked = sorted(points, key=lambda e: e.weight, reverse=True)
    first = [e for i, e in enumerate(ranked) if e.seat not in {p.seat for p in ranked[:i]}]
    return sorted(first, key=lambda e: e.turn)


def _order(session: Session, turn: int, seat: str) -> Order:
    return next(o for o in session.turns[turn - 1].orders if o.seat == seat)


def _about_decision(session: Session, point: Effect) -> str:
    scenario = session.scenario
    name = seat_name(scenario, point.seat)
    label = scenario.action(point.action).label
    return (f"In turn {point.turn}, {name.in_sentence()} chose \u201c{label}\u201d. {changes_sentence(session, point)} "
            f"What did {name.in_sentence()} know at that moment, and what else could it have done?")


def changes_sentence(session: Session, effect: Effect) -> str:
    """What an order or act changed by the end of its turn, against the same turn without it, in words."""
    scenario = session.scenario
    moved = sorted((seat for seat, change in effect.delta.items() if change), key=lambda s: -abs(effect.delta[s]))
    parts = [f"{seat_name(scenario, seat).in_sentence()} {_signed_words(effect.delta[seat])}" for seat in moved]
    instead = "without it" if effect.act is not None else "if it had held"
    sentence = (f"By the end of that turn it had left {_and(parts)} than {instead}"
                if parts else f"By the end of that turn every score was as {instead}")
    if effect.ending_changed:
        sentence += ", and " + ending_change(scenario, effect)
    return sentence + "."


def ending_change(scenario: Scenario, effect: Effect) -> str:
    """How the ending that turn brought differs without it, as the end of a sentence."""
    if effect.outcome_without is None:
        return "without it the game would not have ended that turn"
    text = ending_text(scenario, effect.outcome_without)
    return f"without it the game would have ended that turn: \u201c{text}\u201d"


def ending_text(scenario: Scenario, outcome: str) -> str:
    """The words of an ending (``""``: the last turn played out)."""
    ending = next((e for e in scenario.endings if e.id == outcome), None)
    return ending.text if ending is not None else scenario.end_text


def _signed_words(change: float) -> str:
    amount = f"{abs(change):g}"
    return f"{amount} point{'s' if abs(change) != 1 else ''} {'better' if change > 0 else 'worse'} off"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _about_rationale(session: Session, point: Effect) -> str:
    order = _order(session, point.turn, point.seat)
    rationale = order.rationale.strip()
    if not rationale or order.by != HUMAN:  # a person's words, not a computer's in a seat a person left
        return ""
    stop = "" if rationale[-1] in ".!?" else "."
    return (f"The player of {seat_name(session.scenario, point.seat).in_sentence()} wrote in turn {point.turn}: "
            f"\u201c{rationale}{stop}\u201d Does that reasoning hold up in the light of what followed?")


def _about_gamble(session: Session, point: Effect) -> str:
    scenario = session.scenario
    entries = session.turns[point.turn - 1].entries
    gamble = next((e for e in entries if e.kind == ACTION and e.rule == point.action and e.chance is not None), None)
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
                "What kept this run from going that way?" for rule in rules[:1] if _name(rule)]
    rule = next((r for r in happened if isinstance(r, Action)), happened[0])
    entry = first[rule.id]
    if not _name(rule):
        return []
    who = f"{seat_name(scenario, entry.actor).in_sentence()} chose" if entry.actor else "came"
    who += f" \u201c{_name(rule)}\u201d"
    return [f"In this run, {who} in turn {entry.turn}. The record says: {rule.history} "
            "How does the run compare with what really happened, and what explains the difference?"]


def _name(rule: Action | Event) -> str:
    """How a rule is named to students: an action's label, an event's text (a silent event has none)."""
    return rule.label if isinstance(rule, Action) else rule.text


def _about_ending(session: Session, simulation: Summary) -> str:
    ending = session.state.ending or ""
    share = simulation.ending(ending).games / simulation.runs
    if share < 0.1:
        return (f"Only {share:.0%} of {simulation.runs:,} simulated games ended this way. "
                "Which choices in this run made the unlikely happen?")
    return (f"{share:.0%} of {simulation.runs:,} simulated games ended this way too. "
            "Was this outcome decided more by the players' choices or by the situation they started in?")
