"""The debrief as data (``wargame report SAVE -o FILE.json``), for researchers and classes that compare runs.

Exactly these fields (docs/analysis.md says what each means):

- ``seats``: ``{id, name, hold}`` per seat, ``hold`` its hold action's id;
- ``turns``: ``{turn, orders: {seat: action id}, scores: {seat: number}}``, each seat's score at the end
  of that turn;
- ``turning_points``: ``{turn, seat, action, affected, delta}``, one row per seat for each turning point of
  the record: ``delta`` is ``affected``'s score at the end of ``turn`` minus what it would have been had
  ``seat`` played its hold that turn (``effects.py``);
- ``questions``: ``{text, when}``, ``when`` the scenario's condition that made the question pertinent
  (null for one without a condition, or one made from the run);
- ``beliefs``: ``{seat, prompt, answer, truth}``, answer and truth the texts of the choices (null: no
  answer; a truth not known because the game did not end);
- ``ending``: ``{id, text, turn}`` (``id`` null when the last turn was played out), null while the game
  goes on.
"""

from __future__ import annotations

from typing import Any

from game.analysis.debrief import Analysis
from game.analysis.discussion import ending_text
from game.engine.adjudication import scores


def debrief_data(run: Analysis) -> dict[str, Any]:
    session = run.session
    scenario = session.scenario
    seats = scenario.seats
    points = [{"turn": point.turn, "seat": point.seat, "action": point.action, "affected": seat,
               "delta": _number(point.delta[seat])} for point in run.points for seat in seats]
    beliefs = [{"seat": row.seat, "prompt": row.belief.prompt,
                "answer": None if row.answer is None else row.belief.choices[row.answer].text,
                "truth": None if row.truth is None else row.belief.choices[row.truth].text} for row in run.beliefs]
    state = session.state
    ending = {"id": state.ending, "text": ending_text(scenario, state.ending or ""),
              "turn": len(session.turns)} if state.over else None
    return {
        "seats": [{"id": seat, "name": scenario.actor_name(seat), "hold": scenario.hold(seat).id} for seat in seats],
        "turns": [{"turn": record.turn, "orders": {order.seat: order.action for order in record.orders},
                   "scores": {seat: _number(score) for seat, score in scores(scenario, record.state).items()}}
                  for record in session.turns],
        "turning_points": points,
        "questions": [{"text": question.text, "when": question.when} for question in run.questions],
        "beliefs": beliefs,
        "ending": ending,
    }


def _number(value: float) -> int | float:
    """Whole numbers as integers, so the JSON reads as the scores do."""
    return int(value) if float(value).is_integer() else value
