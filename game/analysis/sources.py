"""Where the rules of a run come from: for the designer's appendix of the debrief.

A rule cites a ``source`` (a quote of the scenario's source) only when the
quote supports it; otherwise its ``assumption`` says what the designer
reasoned. The appendix lists, for the rules that came up in this run, those
resting on an assumption, so whoever reads the debrief can tell the article's
facts from the designer's numbers.
"""

from __future__ import annotations

from game.analysis.markdown import escape, table
from game.engine.log import ACTION, ENDING, EVENT
from game.session import Session


def assumptions_lines(session: Session) -> list[str]:
    """The rules this run used that rest on the designer's assumptions, in the order they first came up."""
    scenario = session.scenario
    rules = {**{a.id: a for a in scenario.actions}, **{e.id: e for e in scenario.events},
             **{e.id: e for e in scenario.endings}}
    seen: dict[str, int] = {}
    for record in session.turns:
        for entry in record.entries:
            if entry.kind in (ACTION, EVENT, ENDING) and entry.rule in rules:
                seen.setdefault(entry.rule, entry.turn)
    rows = [(f"`{rule_id}`", str(turn), escape(rules[rule_id].assumption),
             f"\u201c{escape(rules[rule_id].source)}\u201d" if rules[rule_id].source else "none")
            for rule_id, turn in seen.items() if rules[rule_id].assumption]
    if not rows:
        return []
    return ["", "Rules of this run that rest on the designer's assumptions (first turn they came up; the "
            "quote, if any, supports the rest of the rule):", "",
            *table(("Rule", "Turn", "Assumption", "Source"), rows)]
