"""What really happened: the scenario's ``history`` notes set beside this run.

Every action and event that records history is listed, those that happened in
this run first (in the order they happened), so a class sees at a glance
where its game followed the real crisis and where it left it.
"""

from __future__ import annotations

from game.analysis.markdown import escape, table
from game.engine.log import ACTION, EVENT
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
    rows = [(escape(getattr(rule, "label", "") or rule.text or rule.id), _in_run(session, first.get(rule.id)),
             escape(rule.history)) for rule in rules]
    return ["## What really happened", "",
            "Where the scenario records what happened in the real crisis, beside what happened in this run:",
            "",
            *table(("In the game", "In this run", "In reality"), rows)]


def _in_run(session: Session, entry) -> str:
    if entry is None:
        return "did not happen"
    if entry.kind == EVENT:
        return f"happened in turn {entry.turn}"
    who = escape(session.scenario.actor_name(entry.actor))
    outcome = "" if entry.success is None else (", and succeeded" if entry.success else ", but failed")
    return f"{who} did it in turn {entry.turn}{outcome}"
