"""What happened, as lines: each log entry's headline, outcome, changes, rationale and source.

Students read sentences ("Central Asian receptivity fell by 2, to 3."), never
an effect as written; with ``formulas`` (the facilitator's and the designer's
choice) each change also shows the effect that made it, when the view holds it
(a view holds only the formulas its viewer may know). A rule without text has
no headline of its own: the changes of a turn's silent rules are told together,
under "Also this turn", so no change stands under no heading.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from game.engine.log import ACTION, ARGUED, ENDING, EVENT, OVERTAKEN
from game.presentation.spans import BAD, END, GOOD, MUTED, NEWS, QUOTE, SEAT, STRONG, WARNING, Line, Span, line
from game.presentation.words import and_list, percent, quoted, turn_heading
from game.seat_view.model import ChangeView, EntryView, SeatView

DETAIL = 4
"""Indent of what follows a headline."""


def turn_lines(view: SeatView, turn: int, *, formulas: bool = False) -> list[Line]:
    """A turn's heading, then the lines of each of its entries in ``view``."""
    lines = [line((turn_heading(view, turn), STRONG))]
    for block in entry_blocks(view, view.entries_of(turn), formulas=formulas):
        lines += block
    return lines


ALSO = "Also this turn"
"""The heading of the changes that rules without text made."""


def entry_blocks(view: SeatView, entries: Sequence[EntryView], *, formulas: bool = False) -> list[list[Line]]:
    """The lines of each entry, one block each; the changes of the rules without text together in one block
    headed :data:`ALSO`, where the first of them came."""
    blocks: list[list[Line]] = []
    silent: list[Line] | None = None
    for entry in entries:
        lines = entry_lines(view, entry, formulas=formulas)
        if headline(view, entry, formulas=formulas) is not None:
            blocks.append(lines)
        elif lines:
            if silent is None:
                silent = [line((ALSO, STRONG))]
                blocks.append(silent)
            silent += [evolve(item, indent=max(item.indent, DETAIL)) for item in lines]
    return blocks


def entry_lines(view: SeatView, entry: EntryView, *, formulas: bool = False) -> list[Line]:
    """An entry: what happened and how it came out, the rationale, each change, the intent, the source."""
    head = headline(view, entry, formulas=formulas)
    indent = DETAIL if head is not None else 0
    lines = [head] if head is not None else []
    if entry.rationale:
        lines.append(line(("Rationale: ", MUTED), (quoted(entry.rationale), QUOTE), indent=DETAIL))
    lines += [change_line(change, view, formulas=formulas, indent=indent) for change in entry.changes]
    if entry.reason:
        lines.append(line(("Reason: ", MUTED), (entry.reason, QUOTE), indent=DETAIL))
    if entry.source and entry.kind != ENDING:
        lines.append(line(("Why: ", MUTED), (quoted(entry.source), QUOTE), indent=DETAIL))
    if entry.assumption:
        lines.append(line(("Designer's assumption: ", MUTED), (entry.assumption, MUTED), indent=DETAIL))
    return lines


def headline(view: SeatView, entry: EntryView, *, formulas: bool = False) -> Line | None:
    """Who did what and how it came out; None for a rule without text (unless formulas are shown)."""
    if entry.kind == EVENT:
        if entry.text:
            return line(("News", NEWS), " \u00b7 ", (entry.text, STRONG), *outcome(entry), *_known_to(view, entry))
        return line(("Rule", NEWS), " \u00b7 ", (entry.rule, MUTED)) if formulas else None
    if entry.kind == ENDING:
        return line(("End", END), " \u00b7 ", (entry.text, STRONG))
    who = (view.name(entry.who).short, SEAT)
    if entry.kind == OVERTAKEN:
        why = f" ({entry.unavailable})" if entry.unavailable else ""
        formula = (f"  [requires {entry.requires}]", MUTED) if formulas and entry.requires else ""
        return line(who, " \u00b7 ", (entry.text, WARNING), f": overtaken by events{why}", formula,
                    *_known_to(view, entry))
    if entry.kind == ARGUED:
        return line(who, " \u00b7 argued \u201c", (entry.text, STRONG), "\u201d", *outcome(entry),
                    *_known_to(view, entry))
    return line(who, " \u00b7 ", (entry.text, STRONG), *outcome(entry), *_marked(entry), *_known_to(view, entry))


MARKS = {"facilitator": "the facilitator's decision", "timer": "no decision in time: held",
         "argued": "argued a move instead"}
"""How the log says who is behind an order other than its seat's (``EntryView.by``), for every viewer."""


def _marked(entry: EntryView) -> list[Span]:
    mark = MARKS.get(entry.by) if entry.kind == ACTION else None
    return [(f"  ({mark})", WARNING)] if mark else []


def outcome(entry: EntryView) -> list[Span]:
    """``succeeded (chance 48%, roll 0.23)``: the odds when the viewer may know them, the draw for the
    facilitator; an event that had a chance shows only its odds (it fired, or it would not be here).
    A chance the facilitator ruled on says so to every viewer, whatever the roll."""
    details = [f"chance {percent(entry.chance)}"] if entry.chance is not None else []
    if entry.roll is not None:
        details.append(f"roll {entry.roll:.2f}")
    odds = (f" ({', '.join(details)})", MUTED) if details else ("", MUTED)
    ruled = (RULED, WARNING) if entry.ruled else ""
    if entry.kind not in (ACTION, ARGUED):
        return [ruled, odds]
    if entry.success is None:
        return []
    return ["  ", ("succeeded", GOOD) if entry.success else ("failed", BAD), ruled, odds]


RULED = ", as the facilitator ruled"
"""After an outcome the facilitator decided."""


def _known_to(view: SeatView, entry: EntryView) -> list[Span]:
    """Private entries say so; the facilitator is told who saw them."""
    if not entry.private:
        return []
    if view.seat is None:
        names = and_list(view.name(seat).in_sentence() for seat in entry.known_to) or "no seat"
        return [(f"  (known only to {names})", WARNING)]
    return [("  (private)", WARNING)]


def change_line(change: ChangeView, view: SeatView, *, formulas: bool = False, indent: int = DETAIL) -> Line:
    """``Central Asian receptivity fell by 2, to 3.``; ``Waiver issued: now yes (was no).`` (values by their
    labels: ``U.S. on a Russian base: now the 201st base in Tajikistan``)."""
    formula = (f"  [{change.formula}]", MUTED) if formulas and change.formula else ""
    label = (change.label, STRONG)
    if change.type == "int" and isinstance(change.before, int) and isinstance(change.after, int):
        moved = "rose" if change.after > change.before else "fell"
        return line(label, f" {moved} by {abs(change.after - change.before)}, to ",
                    (view.say(change.variable, change.after), STRONG), ".", formula, indent=indent)
    return line(label, ": now ", (view.say(change.variable, change.after), STRONG),
                f" (was {view.say(change.variable, change.before)}).", formula, indent=indent)
