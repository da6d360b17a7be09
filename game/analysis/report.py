"""The after-action debrief: a run of a game as a Markdown handout for the class.

``debrief_markdown`` is a pure function of a :class:`~game.session.Session`
(and, optionally, a simulate :class:`~game.analysis.summary.Summary` of the
same scenario), so the CLI, the UI's End screen and the tests all get the same
document. It shows everything, hidden moves included: a debrief comes after
the game, when the facilitator lifts the fog.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.analysis import charts
from game.analysis.discussion import discussion_questions, score_history, turning_points
from game.analysis.history import history_section
from game.analysis.markdown import escape, table
from game.analysis.rulings import rulings_section
from game.analysis.summary import Summary
from game.analysis.timeline import event_text, timeline_section, turn_title, who_played
from game.presentation.words import format_value as number
from game.session import Session

HANDOUT_QUESTIONS = 2
LONGEST_POINT = 220
"""Characters of a turning point's summary on the handout, so the handout stays one page."""


def debrief_markdown(session: Session, simulation: Summary | None = None) -> str:
    handout, record = debrief_parts(session, simulation)
    return f"{handout}\n{record}"


def debrief_parts(session: Session, simulation: Summary | None = None) -> tuple[str, str]:
    """The one-page handout (outcome, scores and secret objectives, three turning points, two
    questions), then the full record; the HTML starts the record on a page of its own."""
    points = turning_points(session)
    handout = [_heading(session), _handout(session, points, simulation)]
    sections = [
        _seats(session),
        timeline_section(session),
        _tracks(session),
        _outcome(session),
        rulings_section(session),
        _turning_points(session, points),
        history_section(session),
        _questions(session, points, simulation),
        _unusual(session, simulation) if simulation is not None else [],
    ]
    return _joined(handout), _joined(sections)


def _joined(sections: Iterable[list[str]]) -> str:
    return "\n".join(line for section in sections for line in [*section, ""]).rstrip() + "\n"


def _handout(session: Session, points, simulation: Summary | None) -> list[str]:
    scenario = session.scenario
    ending = next((e for e in reversed(session.entries()) if e.kind == "ending"), None)
    outcome = (f"After turn {ending.turn}: **{escape(ending.text)}**" if ending is not None
               else f"Stopped after turn {len(session.turns)} of {scenario.turns}; scores so far.")
    final = session.scores()
    rows = []
    for seat in scenario.seats:
        objective = scenario.objectives.get(seat)
        aim = escape(objective.text) if objective and objective.text else "not put in words" if objective \
            else "none"
        rows.append((escape(scenario.actor_name(seat)), who_played(session, seat),
                     charts.format_value(final[seat]), aim))
    lines = ["## The game at a glance", "", f"**Outcome.** {outcome}", "",
             *table(("Seat", "Played by", "Score", "Secret objective"), rows), "", "**Turning points**", ""]
    lines += [_shortened(line) for line in _point_lines(session, points)] or ["No turn changed any seat's score."]
    questions = discussion_questions(session, points, simulation)[:HANDOUT_QUESTIONS]
    if questions:
        lines += ["", "**For discussion**", "", *(f"{i}. {escape(q)}" for i, q in enumerate(questions, 1))]
    return lines


def _shortened(text: str) -> str:
    return text if len(text) <= LONGEST_POINT else text[: LONGEST_POINT - 1].rstrip() + "\u2026"


def _heading(session: Session) -> list[str]:
    scenario = session.scenario
    lines = [f"# Debrief: {escape(scenario.title)}", ""]
    if scenario.summary:
        lines += [f"*{escape(scenario.summary)}*", ""]
    run = f"Run \u201c{escape(session.name)}\u201d" if session.name else "This run"
    played = len(session.turns)
    status = "finished" if session.over else f"stopped after turn {played} of {scenario.turns}"
    lines.append(f"{run} was played on {session.created:%d %B %Y} with seed {session.seed} "
                 f"and {status}: {played} turn{'s' if played != 1 else ''}.")
    if scenario.source:
        lines += ["", f"The rules draw on: {escape(scenario.source)}."]
    return lines


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
    ending = next((e for e in reversed(session.entries()) if e.kind == "ending"), None)
    lines = ["## How it ended", ""]
    if ending is not None:
        lines += [f"After turn {ending.turn}: **{escape(ending.text)}**", ""]
    else:
        lines += [f"The game was stopped after turn {len(session.turns)}; these are the scores so far.", ""]
    final = session.scores()
    rows = []
    for seat in scenario.seats:
        objective = scenario.objectives.get(seat)
        aim = (f"{escape(objective.text)} `{objective.score.text}`" if objective and objective.text
               else f"`{objective.score.text}`" if objective else "no objective (always 0)")
        rows.append((escape(scenario.actor_name(seat)), charts.format_value(final[seat]), aim))
    return lines + table(("Seat", "Score", "Secret objective, revealed"), rows) + [
        "", "Scores are comparable within a seat, not across seats: each seat has its own objective."]


def _turning_points(session: Session, points: Iterable) -> list[str]:
    lines = _point_lines(session, points)
    if not lines:
        return ["## Turning points", "", "No turn changed any seat's score."]
    return ["## Turning points", "", "The turns in which the scores moved most:", "", *lines]


def _point_lines(session: Session, points: Iterable) -> list[str]:
    scenario = session.scenario
    lines = []
    for point in points:
        moves = ", ".join(f"{escape(scenario.actor_name(seat))} {change:+g}"
                          for seat, change in point.changes.items() if change)
        title = turn_title(scenario, point.turn)
        lines.append(f"- **{title}** ({moves}): {_what_happened(session, point.turn)}")
    return lines


def _what_happened(session: Session, turn: int) -> str:
    scenario = session.scenario
    parts = []
    for entry in session.turns[turn - 1].entries:
        if entry.changes and entry.actor:
            parts.append(f"{escape(scenario.actor_name(entry.actor))}: {escape(entry.text)}")
        elif entry.changes:
            parts.append(escape(event_text(entry)))
    return "; ".join(part.rstrip(".") for part in parts) + "." if parts else "nothing changed."


def _questions(session: Session, points, simulation: Summary | None) -> list[str]:
    questions = discussion_questions(session, points, simulation)
    if not questions:
        return []
    return ["## Questions for discussion", "", *(f"{i}. {escape(q)}" for i, q in enumerate(questions, 1))]


def _unusual(session: Session, simulation: Summary) -> list[str]:
    seats = ", ".join(f"{escape(s.name)} {s.policy}" for s in simulation.seats)
    mine = (session.state.ending or "") if session.over else None
    lines = ["## How unusual was this run?", "", *_verdict(simulation, mine),
             f"{simulation.runs:,} simulated games of the same scenario "
             f"(seats: {seats}; seed {simulation.seed}) ended like this:", ""]
    rows = [(("**\u2192 " + escape(e.text) + "**") if e.id == mine else escape(e.text),
             f"{100 * e.games / simulation.runs:.1f}%") for e in simulation.endings]
    lines += table(("Ending", "Share of simulated games"), rows)
    rows = []
    final = session.scores()
    for seat in simulation.seats:
        s = seat.stats
        rows.append((escape(seat.name), charts.format_value(final[seat.seat]),
                     f"{number(s.median)} ({number(s.q1)}\u2013{number(s.q3)})",
                     f"{seat.share_below(final[seat.seat]):.0%}"))
    headers = ("Seat", "This run", "Simulated median (middle half)", "Simulated games scoring lower")
    lines += ["", *table(headers, rows)]
    return lines + ["", "The arrow marks this run's ending. In the simulation each seat is played as listed "
                    "above: people's seats by the scenario's sensible lines (its strategies, in turn) unless "
                    "another baseline was asked for, computer seats by their own policies."]


def _verdict(simulation: Summary, ending: str | None) -> list[str]:
    if ending is None:
        return []
    share = simulation.ending(ending).games / simulation.runs
    word = ("a rare" if share < 0.02 else "an unusual" if share < 0.1 else "a common" if share >= 0.3
            else "a fairly common")
    return [f"This run's ending came about in {share:.0%} of simulated games: {word} outcome.", ""]
