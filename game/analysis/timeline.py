"""The debrief's timeline: every turn, each seat's decision and why, the chances, the injects, the messages.

Entries are shown as the facilitator sees them: private moves and hidden
changes included, each marked with who knew of it at the time; the
facilitator's acts with their reasons; the messages seats sent each other.
"""

from __future__ import annotations

from game.analysis.baseline import policy_words
from game.analysis.markdown import escape, quote
from game.engine.log import ACTION, ARGUED, ENDING, EVENT, FACILITATOR, INTERVENTION, OVERTAKEN, Change, LogEntry
from game.engine.model import Scenario
from game.presentation.words import and_list
from game.session import ARGUED_MOVE, HUMAN, TIMED_OUT, Message, Session, TurnRecord


def turn_title(scenario: Scenario, turn: int) -> str:
    date = scenario.date_of(turn)
    return f"Turn {turn}" + (f" \u00b7 {date:%d %B %Y}".replace(" 0", " ") if date else "")


def who_played(session: Session, seat: str) -> str:
    """Who gave the seat's orders, from each order's ``by``, not the seat's controller now.

    A seat changes hands when a game is resumed with other ``--seat`` options,
    the facilitator replaces a computer's order, or a person's time runs out;
    the controller at the end would credit the whole game to whoever played last.
    """
    spans: list[tuple[str, list[int]]] = []
    for record in session.turns:
        label = played_by(session.scenario, next(o.by for o in record.orders if o.seat == seat))
        if spans and spans[-1][0] == label:
            spans[-1][1].append(record.turn)
        else:
            spans.append((label, [record.turn]))
    if not spans:
        return played_by(session.scenario, session.controllers[seat])
    if len({label for label, _ in spans}) == 1:
        return spans[0][0]
    turns: dict[str, list[int]] = {}
    for label, played in spans:
        turns.setdefault(label, []).extend(played)
    return "; ".join(f"{label} ({_turn_ranges(played)})" for label, played in turns.items())


def played_by(scenario: Scenario, by: str) -> str:
    """An order's ``by`` (or a controller) in words."""
    if by == HUMAN:
        return "a person"
    if by == FACILITATOR:
        return "the facilitator"
    if by == TIMED_OUT:
        return "nobody: held when time ran out"
    if by == ARGUED_MOVE:
        return "a person, who argued a move instead"
    return f"the computer, {policy_words(scenario, by)}"


def _turn_ranges(turns: list[int]) -> str:
    """``[1, 2, 3, 5]`` as "turns 1–3 and 5"."""
    ranges: list[list[int]] = []
    for turn in turns:
        if ranges and turn == ranges[-1][1] + 1:
            ranges[-1][1] = turn
        else:
            ranges.append([turn, turn])
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in ranges]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return ("turn " if len(turns) == 1 else "turns ") + text


def timeline_section(session: Session) -> list[str]:
    lines = ["## Turn by turn", "",
             "Everything that happened, secret moves included; \u201cWhy\u201d quotes the source of a rule "
             "the first time it applies.", ""]
    quoted: set[str] = set()
    for record in session.turns:
        lines += [f"### {turn_title(session.scenario, record.turn)}", ""]
        lines += [_message(session.scenario, message) for message in record.messages]  # sent before it resolved
        for entry in record.entries:
            lines += _entry(session, record, entry, quoted)
        lines.append("")
    if not session.turns:
        lines.append("No turn was played.")
    return lines


def _entry(session: Session, record: TurnRecord, entry: LogEntry, quoted: set[str]) -> list[str]:
    """An entry's lines; ``quoted`` holds the rules whose source was already quoted (updated)."""
    scenario = session.scenario
    if entry.kind == ENDING:
        return ["", f"**The game ends:** {escape(entry.text)}"]  # a paragraph of its own, after the list
    if entry.kind in (ACTION, OVERTAKEN):
        lines = [f"- **{escape(scenario.actor_name(entry.actor))}** {_decision(scenario, entry)}",
                 *_rationale(session, record, entry.actor)]
    elif entry.kind == EVENT and entry.text:
        lines = [f"- **News:** {escape(entry.text)}{_ruled(entry)}{_known_to(scenario, entry)}"]
    elif entry.kind == EVENT and entry.changes:  # a rule without text: its changes speak for it
        ruled = " (as the facilitator ruled, whatever the roll)" if entry.ruled else ""
        lines = [f"- **Meanwhile{ruled}:**{_known_to(scenario, entry)}"]
    elif entry.kind == ARGUED:
        outcome = "it succeeded" if entry.success else "it failed"
        lines = [f"- **{escape(scenario.actor_name(entry.actor))} argued:** {quote(escape(entry.text))}; the white "
                 f"cell gave it {entry.chance:.0%} and {outcome} (roll {entry.roll:.2f}){_known_to(scenario, entry)}"]
    elif entry.kind == INTERVENTION:
        lines = [f"- **The facilitator:** {escape(entry.text or '(a change to the tracks)')}"
                 f"{_known_to(scenario, entry)}"]
    else:
        return []
    if entry.reason:
        lines.append(f"  - The facilitator's reason: {quote(escape(entry.reason))}")
    lines += [f"  - {_change(scenario, change)}" for change in entry.changes]
    if entry.source and entry.rule not in quoted:
        quoted.add(entry.rule)
        lines.append(f"  - Why: {quote(escape(entry.source))}")
    return lines


def _decision(scenario: Scenario, entry: LogEntry) -> str:
    label = escape(scenario.action(entry.rule).label)
    if entry.kind == OVERTAKEN:
        return f"chose *{label}*, but it was overtaken by events."
    outcome = ""
    if entry.success is not None and entry.chance is not None:
        word = "succeeded" if entry.success else "failed"
        outcome = f" It {word} (chance {entry.chance:.0%}, roll {entry.roll:.2f}){_ruled(entry)}."
    by = {FACILITATOR: " (the facilitator gave this order)", TIMED_OUT: " (no decision in time: it held)",
          ARGUED_MOVE: " (it argued a move instead)"}
    return f"chose *{label}*{by.get(entry.by, '')}.{outcome}{_known_to(scenario, entry)}"


def _ruled(entry: LogEntry) -> str:
    return ", as the facilitator ruled, whatever the roll" if entry.ruled else ""


def _message(scenario: Scenario, message: Message) -> str:
    sender = "the facilitator" if message.sender == FACILITATOR else escape(scenario.actor_name(message.sender))
    to = and_list(escape(scenario.actor_name(seat)) for seat in message.recipients)
    return f"- **Message** from {sender} to {to}: {quote(escape(message.text))}"


def _known_to(scenario: Scenario, entry: LogEntry) -> str:
    if entry.visible_to is None:
        return ""
    names = " and ".join(escape(scenario.actor_name(seat)) for seat in sorted(entry.visible_to)) or "no seat"
    return f" *(known only to {names})*"


def _rationale(session: Session, record: TurnRecord, seat: str) -> list[str]:
    """The player's rationale; nothing for a computer seat, which gives none."""
    order = next(o for o in record.orders if o.seat == seat)
    if order.rationale:
        return [f"  - Rationale: {quote(escape(order.rationale))}"]
    return ["  - Rationale: none given."] if session.controllers[seat] == HUMAN else []


def _change(scenario: Scenario, change: Change) -> str:
    variable = scenario.variable(change.variable)
    hidden = ""
    if variable.visible_to is not None:
        names = " and ".join(escape(scenario.actor_name(s)) for s in sorted(variable.visible_to))
        hidden = f" *(seen only by {names})*"
    return (f"{escape(variable.label)}: {escape(variable.say(change.before))} \u2192 "
            f"{escape(variable.say(change.after))}{hidden}")
