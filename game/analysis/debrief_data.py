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
- ``argued``: ``{turn, id, seat, statement, wants, reasons, secret, counters: [{seat, text}], ruling}``, each
  argued move; ``ruling`` null when it lapsed, else ``{chance, reason, effects, fail_effects, told, roll,
  success, changes: [{variable, before, after}], changed}``: the chance in percent, who was told the outcome
  (null: every seat), and ``changed`` what playing on without the ruling changes ("the ending", "the scores"
  or "");
- ``ending``: ``{id, text, turn}`` (``id`` null when the last turn was played out), null while the game
  goes on.
"""

from __future__ import annotations

from typing import Any

from game.analysis.argued import ArguedRow
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
        "argued": [_argued(row) for row in run.argued],
        "ending": ending,
    }


def _argued(row: ArguedRow) -> dict[str, Any]:
    move, argument, ruling, entry = row.move, row.move.argument, row.ruling, row.entry
    ruled = None
    if ruling is not None and entry is not None:
        ruled = {"chance": ruling.chance, "reason": ruling.reason, "effects": list(ruling.effects),
                 "fail_effects": list(ruling.fail_effects),
                 "told": None if ruling.recipients is None else sorted(ruling.recipients),
                 "roll": entry.roll, "success": entry.success,
                 "changes": [{"variable": c.variable, "before": c.before, "after": c.after} for c in entry.changes],
                 "changed": row.weighed.changed if row.weighed is not None else None}
    return {"turn": move.turn, "id": move.id, "seat": argument.seat, "statement": argument.statement,
            "wants": argument.wants, "reasons": list(argument.reasons), "secret": argument.secret,
            "counters": [{"seat": seat, "text": text} for seat, text in move.counters], "ruling": ruled}


def _number(value: float) -> int | float:
    """Whole numbers as integers, so the JSON reads as the scores do."""
    return int(value) if float(value).is_integer() else value
