"""A seat's briefing in sections: the TUI styles them (its texts as data, never markup), plain mode says them."""

from __future__ import annotations

from game.seat_view.model import SeatView


def briefing_sections(view: SeatView) -> list[tuple[str, str]]:
    """(heading, text) in reading order: the scenario's summary, the seat's briefing, its objective, the length."""
    seat = view.seat
    sections = [("", view.summary),
                ("Your briefing", view.briefings.get(seat) or "The scenario gives this seat no briefing.")]
    objective = view.objectives.get(seat)
    if objective is not None:
        sections.append(("Your objective (secret)", objective.text or "The scenario does not put your objective "
                                                                      "in words; your score is revealed at the end."))
    sections.append(("", f"{view.turns} turns of {view.turn_days} days."))
    return [(heading, text) for heading, text in sections if text]


def briefing_lines(view: SeatView) -> list[str]:
    """The briefing as plain lines (plain mode): each heading said once, as a line of its own, no marks."""
    lines = []
    for heading, text in briefing_sections(view):
        lines += [f"{heading}:", text] if heading else [text]
    return lines
