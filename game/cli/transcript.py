"""Plain-text rendering of turns, for ``run`` and ``replay`` and for piping to files.

It renders what a view holds and nothing more: given a seat's entries it
prints what that seat knew, given the facilitator's it prints everything,
chance rolls included.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence

from game.engine.log import ACTION, ENDING, EVENT, FACILITATOR, INTERVENTION, OVERTAKEN, Change, LogEntry
from game.engine.model import Scenario
from game.session import Order

INDENT = "      "
WIDTH = 100


def format_value(value: int | bool | str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def format_change(scenario: Scenario, change: Change) -> str:
    label = scenario.variable(change.variable).label
    return f"{label}: {format_value(change.before)} \u2192 {format_value(change.after)}   [{change.effect}]"


def format_score(score: float) -> str:
    """A score as people read it: whole numbers plain, fractions to two places."""
    if isinstance(score, int) or float(score).is_integer():
        return str(int(score))
    return f"{score:.2f}"


def format_seats(scenario: Scenario, controllers: Mapping[str, str]) -> str:
    """Who plays each seat: ``Seats: United States: human · Russia: random``."""
    return "Seats: " + " \u00b7 ".join(f"{scenario.actor_name(s)}: {c}" for s, c in controllers.items())


def turn_heading(scenario: Scenario, turn: int) -> str:
    date = scenario.date_of(turn)
    when = f" \u00b7 {date:%d %b %Y}" if date else ""
    return f"Turn {turn}/{scenario.turns}{when}"


BY = {FACILITATOR: "the facilitator's", "timer": "no decision in time: a held"}
"""How an entry's ``by`` mark reads (see ``LogEntry.by``)."""


def _outcome(entry: LogEntry) -> str:
    if entry.success is None:
        return ""
    word = "succeeded" if entry.success else "failed"
    if entry.ruled:
        word += ", as the facilitator ruled"
    details = []
    if entry.chance is not None:
        details.append(f"chance {entry.chance:.0%}")
    if entry.roll is not None:
        details.append(f"roll {entry.roll:.2f}")
    return f"{word} ({', '.join(details)})" if details else word


def format_entry(scenario: Scenario, entry: LogEntry, rationale: str = "") -> list[str]:
    """The lines of one log entry: who, what, the outcome, each change and the rule's quote."""
    if entry.kind in (ACTION, OVERTAKEN):
        who = scenario.actor_name(entry.actor)
        private = "(private) " if entry.visible_to is not None else ""
        by = f"({BY.get(entry.by, entry.by)} order) " if entry.by else ""
        lines = [f"  {who} \u00b7 {private}{by}{entry.text}"]
    elif entry.kind == INTERVENTION:
        lines = [f"  Facilitator \u00b7 {entry.text}"]
    elif entry.kind == EVENT:
        lines = [f"  News \u00b7 {entry.text}" if entry.text else f"  Rule \u00b7 {entry.rule}"]
    else:
        lines = []
    outcome = _outcome(entry)
    if entry.kind == EVENT and entry.chance is not None:
        outcome = ""
    if outcome:
        lines.append(INDENT + outcome)
    if rationale:
        lines += _wrapped(f"rationale: {rationale}")
    if entry.reason:
        lines += _wrapped(f"the facilitator's reason: {entry.reason}")
    lines += [INDENT + format_change(scenario, change) for change in entry.changes]
    if entry.source and entry.kind != ENDING:
        lines += _wrapped(f"why: \u201c{entry.source}\u201d")
    return lines


def _wrapped(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT + "  ")


def format_turn(scenario: Scenario, turn: int, entries: Sequence[LogEntry],
                orders: Iterable[Order] = ()) -> list[str]:
    """A turn as the given (already filtered) entries show it; rationales from ``orders``."""
    rationales = {order.action: order.rationale for order in orders if order.rationale}
    lines = [turn_heading(scenario, turn)]
    for entry in entries:
        lines += format_entry(scenario, entry, rationales.get(entry.rule, ""))
    return lines


def format_ending(scenario: Scenario, entries: Sequence[LogEntry], scores: Mapping[str, float] | None) -> list[str]:
    """The game's ending and, when known, each seat's score and objective."""
    ending = next((e for e in reversed(entries) if e.kind == ENDING), None)
    lines = []
    if ending is not None:
        lines.append(f"Game over after turn {ending.turn}: {ending.text}")
    if scores:
        lines.append("Scores (higher is better):")
        width = max(len(scenario.actor_name(seat)) for seat in scores)
        for seat, score in scores.items():
            objective = scenario.objectives.get(seat)
            shown = format_score(score)
            lines.append(f"  {scenario.actor_name(seat):<{width}}  {shown:>6}")
            if objective:
                lines += _wrapped(f"objective: {objective.text or objective.score.text}")
    return lines
