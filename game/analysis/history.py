"""What really happened: the scenario's ``history`` notes set beside this run.

Every action and event that records history is listed, those that happened in
this run first (in the order they happened), so a class sees at a glance
where its game followed the real crisis and where it left it. A list, not a
table: three columns of sentences print as narrow, broken columns.
"""

from __future__ import annotations

from game.analysis.markdown import escape
from game.engine.log import ACTION, EVENT
from game.seat_view.build import seat_name
from game.session import Session


def history_section(session: Session) -> list[str]:
    scenario = session.scenario
    rules = [*(a for a in scenario.actions if a.history), *(e for e in scenario.events if e.history)]
    if not rules:
        return []
    first = {}
    for record in session.turns:
        for entry in record.entries:
            if entry.kind in (ACTION, EVENT) and entry.rule not in first:
                first[entry.rule] = entry
    rules.sort(key=lambda rule: first[rule.id].turn if rule.id in first else len(session.turns) + 1)
    items = [f"- **{escape(_sentence(getattr(rule, 'label', '') or rule.text or 'A change the rules make'))}** "
             f"{_in_run(session, first.get(rule.id))}. In reality: {escape(rule.history)}" for rule in rules]
    return ["## What really happened", "",
            "Where the scenario records what happened in the real crisis, beside what happened in this run:",
            "", *items]


def _sentence(text: str) -> str:
    """A label or a headline as a sentence of its own: with its stop."""
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


def _in_run(session: Session, entry) -> str:
    if entry is None:
        return "Not in this run"
    if entry.kind == EVENT:
        return f"In this run it happened in turn {entry.turn}"
    who = escape(seat_name(session.scenario, entry.actor).in_sentence())
    outcome = "" if entry.success is None else (", and it succeeded" if entry.success else ", but it failed")
    return f"In this run {who} chose it in turn {entry.turn}{outcome}"
