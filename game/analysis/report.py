"""The after-action debrief: a run of a game as a Markdown handout for the class.

``debrief_markdown`` is a pure function of a :class:`~game.session.Session`
(and, optionally, a simulate :class:`~game.analysis.summary.Summary` of the
same scenario), so the CLI, the UI's End screen and the tests all get the same
document. It shows everything, hidden moves included: a debrief comes after
the game, when the facilitator lifts the fog.

It has three parts (``debrief_parts``): the one-page handout, the full record,
and an appendix for the scenario's designer. The first two are for students
and speak in the scenario's labels and sentences only: no ids, formulas,
file names or statistics jargon (a test reads many debriefs for them); the
appendix has the ids and formulas a designer looks for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from game.analysis import charts
from game.analysis.argued import argued_section
from game.analysis.debrief import Analysis, analyse
from game.analysis.discussion import changes_sentence, ending_change, score_history
from game.analysis.effects import Effect
from game.analysis.history import history_section
from game.analysis.hotwash import BeliefRow
from game.analysis.markdown import escape, table
from game.analysis.rulings import rulings_section
from game.analysis.sources import assumptions_lines
from game.analysis.summary import Summary
from game.analysis.timeline import timeline_section, turn_title, who_played
from game.engine.log import ACTION
from game.presentation.words import format_value as number
from game.seat_view.build import seat_name
from game.session import Session

HANDOUT_QUESTIONS = 2
HANDOUT_BELIEFS = 4
LONGEST_POINT = 240
"""Characters of a turning point's line on the handout, so the handout stays one page."""
MINUS = "\u2212"


class DebriefParts(NamedTuple):
    handout: str
    """The one-page handout."""
    record: str
    """The full record, for the class too."""
    appendix: str
    """For the scenario's designer: ids, formulas, the seed."""


def debrief_markdown(session: Session, simulation: Summary | None = None) -> str:
    return "\n".join(debrief_parts(session, simulation))


def debrief_markdown_of(run: Analysis) -> str:
    """The debrief of an analysis already made (``debrief.analyse``)."""
    return "\n".join(debrief_parts(run.session, run.simulation, run))


def debrief_parts(session: Session, simulation: Summary | None = None,
                  analysis: Analysis | None = None) -> DebriefParts:
    """The handout (outcome, scores, secret objectives, three turning points, what the seats believed, two
    questions), the full record (the HTML starts it on a page of its own), and the designer's appendix."""
    run = analysis or analyse(session, simulation)
    handout = [_heading(session), _handout(run)]
    sections = [
        _seats(session),
        timeline_section(session),
        _tracks(session),
        _outcome(session),
        _turning_points(run),
        rulings_section(session, run.rulings),
        argued_section(session, run.argued),
        _beliefs(run),
        history_section(session),
        _questions(run),
        _unusual(session, simulation) if simulation is not None else [],
    ]
    return DebriefParts(_joined(handout), _joined(sections), _joined([_appendix(run)]))


def _joined(sections: Iterable[list[str]]) -> str:
    return "\n".join(line for section in sections if section for line in [*section, ""]).rstrip() + "\n"


def _handout(run: Analysis) -> list[str]:
    session = run.session
    scenario = session.scenario
    final = session.scores()
    rows = [(escape(scenario.actor_name(seat)), charts.format_value(final[seat]), who_played(session, seat))
            for seat in scenario.seats]
    lines = ["## The game at a glance", "", f"**Outcome.** {_ending_words(session)}", "",
             *table(("Seat", "Score", "Played by"), rows), "", "**Secret objectives, revealed**", ""]
    for seat in scenario.seats:
        objective = scenario.objectives.get(seat)
        aim = (escape(objective.text) if objective and objective.text else "not put in words" if objective
               else "none: its score is always 0")
        lines.append(f"- **{escape(scenario.actor_name(seat))}**: {aim}")
    lines += ["", "**Turning points**: the decisions that changed the scores most by the end of their turn, "
              "against the seat holding that turn", ""]
    lines += [_shortened(_point_line(session, point)) for point in run.handout_points] or \
        ["No decision changed any seat's score by the end of its turn."]
    answered = [row for row in run.beliefs if row.answer is not None][:HANDOUT_BELIEFS]
    if answered:
        lines += ["", "**What the seats believed, and what was true**", "",
                  *(_belief_line(session, row) for row in answered)]
    questions = run.questions[:HANDOUT_QUESTIONS]
    if questions:
        lines += ["", "**For discussion**", "", *(f"{i}. {escape(q.text)}" for i, q in enumerate(questions, 1))]
    return lines


def _ending_words(session: Session) -> str:
    scenario = session.scenario
    ending = next((e for e in reversed(session.entries()) if e.kind == "ending"), None)
    if ending is not None:
        return f"After turn {ending.turn}: **{escape(ending.text)}**"
    return f"Stopped after turn {len(session.turns)} of {scenario.turns}; scores so far."


def _shortened(text: str) -> str:
    return text if len(text) <= LONGEST_POINT else text[: LONGEST_POINT - 1].rstrip() + "\u2026"


def _point_line(session: Session, point: Effect) -> str:
    """``- **Turn 2** · the United States chose “…” (it succeeded): China −6, Russia −4, U.S. +2.``"""
    scenario = session.scenario
    who = seat_name(scenario, point.seat).in_sentence(first=True)
    label = escape(scenario.action(point.action).label)
    line = f"- **Turn {point.turn}** \u00b7 {escape(who)} chose \u201c{label}\u201d"
    line += _outcome_words(session, point) + ": " + _deltas(session, point)
    if point.ending_changed:
        line += f"; {escape(ending_change(scenario, point))}"
    return line + "."


def _outcome_words(session: Session, point: Effect) -> str:
    entry = next((e for e in session.turns[point.turn - 1].entries
                  if e.kind == ACTION and e.rule == point.action), None)
    if entry is None:
        return " (overtaken by events)"
    return "" if entry.success is None else " (it succeeded)" if entry.success else " (it failed)"


def _deltas(session: Session, effect: Effect) -> str:
    """``China −6, Russia −4, U.S. +2``: the seats whose score it moved, largest first."""
    scenario = session.scenario
    moved = sorted((s for s, change in effect.delta.items() if change), key=lambda s: -abs(effect.delta[s]))
    if not moved:
        return "no score moved"
    return ", ".join(f"{escape(scenario.actors[seat].short_name or scenario.actor_name(seat))} "
                     f"{_signed(effect.delta[seat])}" for seat in moved)


def _signed(change: float) -> str:
    text = charts.format_value(abs(change))
    return f"+{text}" if change > 0 else f"{MINUS}{text}"


def _belief_line(session: Session, row: BeliefRow) -> str:
    scenario = session.scenario
    belief = row.belief
    said = escape(belief.choices[row.answer].text) if row.answer is not None else "no answer"
    truth = escape(belief.choices[row.truth].text) if row.truth is not None else "not known: the game did not end"
    verdict = "" if row.right is None else " (right)" if row.right else " (wrong)"
    return (f"- **{escape(scenario.actor_name(belief.seat))}**, asked \u201c{escape(belief.prompt)}\u201d, "
            f"answered \u201c{said}\u201d{verdict}. In truth: \u201c{truth}\u201d.")


def _heading(session: Session) -> list[str]:
    scenario = session.scenario
    lines = [f"# Debrief: {escape(scenario.title)}", ""]
    if scenario.summary:
        lines += [f"*{escape(scenario.summary)}*", ""]
    run = f"Run \u201c{escape(session.name)}\u201d" if session.name else "This run"
    played = len(session.turns)
    status = "finished" if session.over else f"stopped after turn {played} of {scenario.turns}"
    line = (f"{run} was played on {session.created.day} {session.created:%B %Y} and {status}: "
            f"{played} turn{'s' if played != 1 else ''}.")
    if scenario.source:
        line += f" The rules draw on: {escape(scenario.source)}."
    return [*lines, line]


def _seats(session: Session) -> list[str]:
    scenario = session.scenario
    rows = [(escape(scenario.actor_name(seat)), who_played(session, seat)) for seat in scenario.seats]
    lines = ["## The seats", "", *table(("Seat", "Played by"), rows)]
    for seat in scenario.seats:
        briefing = scenario.actors[seat].briefing
        if briefing:
            lines += ["", f"**Briefing: {escape(scenario.actor_name(seat))}**", "",
                      *(f"> {escape(paragraph)}" if paragraph.strip() else ">"
                        for paragraph in briefing.strip().splitlines())]
    return lines


def _tracks(session: Session) -> list[str]:
    history = [state.values for state in session.states]
    lines = ["## The tracks over the game", "",
             f"Each block is one moment, from the start to the end of turn {len(session.turns)}; "
             "tracks are drawn against their full range.", ""]
    rows = charts.track_rows(session.scenario, history)
    if rows:
        lines += ["```text", *charts.chart(rows), "```", ""]
    lines += ["Scores (the same scale for every seat):", "", "```text",
              *charts.chart(charts.score_rows(session.scenario, score_history(session))), "```"]
    return lines + _switches(session, history)


def _switches(session: Session, history: list) -> list[str]:
    """The yes/no and named tracks, as the list of their changes."""
    lines = []
    for index, variable in enumerate(session.scenario.variables):
        steps = charts.changes(variable, index, history)
        if variable.type != "int" and len(steps) > 1:
            path = " \u2192 ".join(f"{variable.say(value)}" + (f" (turn {turn})" if turn else "")
                                   for turn, value in steps)
            lines.append(f"- **{escape(variable.label)}**: {escape(path)}")
    return ["", *lines] if lines else []


def _outcome(session: Session) -> list[str]:
    scenario = session.scenario
    lines = ["## How it ended", "", _ending_words(session), ""]
    final = session.scores()
    rows = []
    for seat in scenario.seats:
        objective = scenario.objectives.get(seat)
        aim = (escape(objective.text) if objective and objective.text
               else "not put in words (the designer's appendix has its formula)" if objective
               else "no objective (always 0)")
        rows.append((escape(scenario.actor_name(seat)), charts.format_value(final[seat]), aim))
    return lines + table(("Seat", "Score", "Secret objective, revealed"), rows) + [
        "", "Scores are comparable within a seat, not across seats: each seat has its own objective."]


def _turning_points(run: Analysis) -> list[str]:
    session = run.session
    lines = ["## What the decisions changed", "",
             "Each decision was weighed by playing its turn again, with the same dice, the same other orders and "
             "the same acts of the facilitator, the seat holding instead; the difference in the scores at the end "
             "of that turn is what the decision changed. These changed the most:", ""]
    if not run.points:
        return [*lines[:2], "No decision changed any seat's score by the end of its turn."]
    for point in run.points:
        title = turn_title(session.scenario, point.turn)
        label = escape(session.scenario.action(point.action).label)
        who = seat_name(session.scenario, point.seat).in_sentence(first=True)
        lines.append(f"- **{title}**: {escape(who)} chose \u201c{label}\u201d"
                     f"{_outcome_words(session, point)}. {escape(changes_sentence(session, point))}")
    return lines + ["", "A decision can pay off later than its own turn; these numbers stop at its end."]


def _beliefs(run: Analysis) -> list[str]:
    if not run.beliefs:
        return []
    session = run.session
    lines = ["## What the seats believed", "",
             "Before the reveal, each seat was asked what it believed; here is each answer beside the truth "
             "(as it stood at the end of the game).", ""]
    for row in run.beliefs:
        lines.append(_belief_line(session, row))
    right = sum(bool(row.right) for row in run.beliefs)
    judged = sum(row.right is not None for row in run.beliefs)
    if judged:
        lines += ["", f"{right} of {judged} answers were right."]
    return lines


def _questions(run: Analysis) -> list[str]:
    if not run.questions:
        return []
    return ["## Questions for discussion", "",
            *(f"{i}. {escape(q.text)}" for i, q in enumerate(run.questions, 1))]


def _unusual(session: Session, simulation: Summary) -> list[str]:
    mine = (session.state.ending or "") if session.over else None
    lines = ["## How unusual was this run?", "", *_verdict(simulation, mine),
             f"{simulation.runs:,} games of the same scenario were played by the computer to compare. "
             "They ended like this:", ""]
    rows = [(("**\u2192 " + escape(e.text) + "**") if e.id == mine else escape(e.text),
             f"{100 * e.games / simulation.runs:.1f}%") for e in simulation.endings]
    lines += table(("Ending", "Share of the simulated games"), rows)
    rows = []
    final = session.scores()
    for seat in simulation.seats:
        s = seat.stats
        rows.append((escape(seat.name), charts.format_value(final[seat.seat]), f"{number(s.q1)} to {number(s.q3)}",
                     f"{seat.share_below(final[seat.seat]):.0%}"))
    headers = ("Seat", "This run", "Half of the simulated games scored from", "Simulated games scoring lower")
    lines += ["", *table(headers, rows), "", "The arrow marks this run's ending. In the simulated games:", ""]
    return lines + [f"- {escape(seat.name)} was played by {escape(seat.policy)}." for seat in simulation.seats]


def _verdict(simulation: Summary, ending: str | None) -> list[str]:
    if ending is None:
        return []
    share = simulation.ending(ending).games / simulation.runs
    word = ("a rare" if share < 0.02 else "an unusual" if share < 0.1 else "a common" if share >= 0.3
            else "a fairly common")
    return [f"This run's ending came about in {share:.0%} of simulated games: {word} outcome.", ""]


def _appendix(run: Analysis) -> list[str]:
    """For the designer: the ids and formulas the rest leaves out."""
    session = run.session
    scenario = session.scenario
    lines = ["## For the scenario's designer", "",
             f"Scenario `{scenario.id}` (SHA-256 {scenario.origin.sha256[:16]}\u2026), seed {session.seed}, "
             f"game {session.game_id}.", "", "Objectives:", ""]
    for seat in scenario.seats:
        objective = scenario.objectives.get(seat)
        lines.append(f"- `{seat}`: " + (f"`{objective.score.text}`" if objective else "none"))
    if run.points:
        lines += ["", "Turning points (effects against the seat's hold, at the end of the turn):", "",
                  *table(("Turn", "Seat", "Action", "Effect"),
                         [(str(p.turn), f"`{p.seat}`", f"`{p.action}`", _code_deltas(p)) for p in run.points])]
    if run.questions:
        lines += ["", "Questions asked, with the condition that made each pertinent:", "",
                  *(f"{i}. " + (f"`{q.when}`" if q.when else "(no condition)")
                    for i, q in enumerate(run.questions, 1))]
    if run.beliefs:
        lines += ["", "Beliefs:", "", *(f"- `{row.belief.id}` of `{row.seat}` about `{row.belief.about}`"
                                         + (f" (turn {row.belief.turn})" if row.belief.turn else "")
                                         + f": answer {row.answer}, truth {row.truth}" for row in run.beliefs)]
    lines += assumptions_lines(session)
    if run.simulation is not None:
        lines += ["", f"The comparison's games: {run.simulation.runs:,}, base seed {run.simulation.seed}."]
    return lines


def _code_deltas(effect: Effect) -> str:
    text = ", ".join(f"`{seat}` {effect.delta[seat]:+g}" for seat in effect.delta if effect.delta[seat])
    if effect.ending_changed:
        without = "none" if effect.outcome_without is None else repr(effect.outcome_without)
        text += f"; ending {effect.outcome!r} (without: {without})"
    return text or "0"
