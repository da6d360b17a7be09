"""Argued moves in the debrief: what each seat argued, what the others said against it, how the white cell
ruled, what the dice said, and what the move changed.

A matrix game's debrief asks of each argued move whether the argument was
good and whether the ruling was fair. The record gives both sides: the move
as argued (what it does, the result it wants, its reasons) with the
counter-arguments, and the ruling (the chance on the plain scale, the
facilitator's reason, the roll, the outcome and its changes). What the move
changed is the answer the debrief gives every act of the white cell
(``rulings.py``): the game played again from the same seed without the
ruling, the move argued but never ruled (so it changes nothing, and a seat
that argued instead of acting still holds).
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from game.analysis.discussion import changes_sentence
from game.analysis.markdown import escape, quote
from game.analysis.rulings import Ruling, consequence
from game.engine.interventions import RuleArgument, argued_rule, chance_words
from game.engine.log import Change, LogEntry
from game.presentation.words import format_value
from game.seat_view.build import seat_name
from game.session import ArguedMove, Session


@frozen
class ArguedRow:
    """One argued move of a resolved turn, with its ruling, its outcome and what it changed."""

    move: ArguedMove
    ruling: RuleArgument | None
    """None: the turn resolved before the white cell ruled, and the move lapsed."""
    entry: LogEntry | None = None
    """The outcome's log entry: the chance, the roll, success, the changes (None when not ruled)."""
    weighed: Ruling | None = None
    """What leaving the ruling out changes (``rulings.py``)."""

    @property
    def success(self) -> bool | None:
        return None if self.entry is None else self.entry.success

    @property
    def changes(self) -> tuple[Change, ...]:
        return () if self.entry is None else self.entry.changes


def argued_rows(session: Session, weighed: Sequence[Ruling] = ()) -> list[ArguedRow]:
    """Every move argued in the resolved turns, in order (``weighed``: the debrief's rulings, whose
    counterfactuals the rows take)."""
    rows = []
    for record in session.turns:
        moves = session.argued_moves(record.turn)
        if not moves:
            continue
        entries = {entry.rule: entry for entry in record.entries}
        for move in moves:
            ruling = session.ruling(move)
            found = next((w for w in weighed if w.turn == record.turn and w.act == ruling), None) if ruling else None
            rows.append(ArguedRow(move, ruling, entries.get(argued_rule(move.id)), found))
    return rows


def argued_section(session: Session, rows: Sequence[ArguedRow]) -> list[str]:
    """The debrief's section on argued moves (nothing when no seat argued one)."""
    if not rows:
        return []
    lines = ["## Argued moves", "",
             "Moves the seats argued beyond the listed actions, as argued, the counter-arguments, the white cell's "
             "ruling and what the dice said; and what each changed: the game played again from the same seed "
             "with the move argued but never ruled on.", ""]
    for row in rows:
        lines += argued_lines(session, row)
    ruled = [row for row in rows if row.ruling is not None]
    won = sum(bool(row.success) for row in ruled)
    lines += ["", f"{len(rows)} argued move{'s' if len(rows) != 1 else ''}, {len(ruled)} ruled on, "
                  f"{won} succeeded."]
    return lines


def argued_lines(session: Session, row: ArguedRow) -> list[str]:
    """One argued move as a list item with its details."""
    scenario = session.scenario
    move, argument = row.move, row.move.argument
    who = escape(seat_name(scenario, argument.seat).in_sentence())
    secret = " *(secret: only the facilitator knew of it)*" if argument.secret else ""
    lines = [f"- **Turn {move.turn}, {who} argued:** {quote(escape(argument.statement))}{secret}"]
    if argument.wants:
        lines.append(f"  - The result it wanted: {quote(escape(argument.wants))}")
    for number, reason in enumerate(argument.reasons, 1):
        lines.append(f"  - Reason {number}: {quote(escape(reason))}")
    for seat, text in move.counters:
        lines.append(f"  - {escape(seat_name(scenario, seat).in_sentence(first=True))} countered: "
                     f"{quote(escape(text))}")
    if row.ruling is None or row.entry is None:
        lines.append("  - The white cell did not rule on it before the turn resolved: it lapsed.")
        return lines
    ruling, entry = row.ruling, row.entry
    why = f" Reason: {quote(escape(ruling.reason))}." if ruling.reason else ""
    lines.append(f"  - The white cell ruled it {chance_words(ruling.chance)}.{why}")
    outcome = "it succeeded" if entry.success else "it failed"
    told = _told(session, entry)
    lines.append(f"  - The roll was {entry.roll:.2f} against {ruling.chance / 100:.2f}: {outcome}{told}.")
    for change in entry.changes:
        variable = scenario.variable(change.variable)
        lines.append(f"    - {escape(variable.label)}: {escape(_value(change.before))} \u2192 "
                     f"{escape(_value(change.after))}")
    if row.weighed is not None:
        turn = f" {escape(changes_sentence(session, row.weighed.effect))}" if row.weighed.effect is not None else ""
        lines.append(f"  - What it changed:{turn} {consequence(row.weighed)}")
    return lines


def _told(session: Session, entry: LogEntry) -> str:
    if entry.visible_to is None:
        return ", and every seat was told"
    names = [session.scenario.actor_name(seat) for seat in session.scenario.seats if seat in entry.visible_to]
    return f", told only to {escape(' and '.join(names))}" if names else ", told to no seat"


def _value(value: object) -> str:
    return format_value(value)
