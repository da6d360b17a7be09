"""A seat's briefing: the scenario's summary, the seat's own briefing and its objective.

As lines of roles (the TUI shows them as Content: an author's ``*`` or
``[link](…)`` is shown as written, never read as markup) and, for plain mode,
as Markdown (which reads as text).
"""

from __future__ import annotations

from game.presentation.spans import MUTED, SEAT, STRONG, Line, line
from game.seat_view.model import SeatView


def briefing_lines(view: SeatView) -> list[Line]:
    """The briefing, a paragraph a line (a line may hold the author's own line breaks), blank lines between."""
    seat = view.seat
    parts = [line((view.name(seat).name, SEAT)), line(view.summary), line(("Your briefing", STRONG)),
             line(view.briefings.get(seat) or ("The scenario gives this seat no briefing.", MUTED))]
    objective = view.objectives.get(seat)
    if objective is not None:
        parts += [line(("Your objective (secret)", STRONG)),
                  line(objective.text or ("The scenario does not put your objective in words; your score is "
                                          "revealed at the end.", MUTED))]
    parts.append(line((f"{view.turns} turns of {view.turn_days} days. Press Enter to begin.", MUTED)))
    out: list[Line] = []
    for part in parts:
        if part.spans:
            out += [line(), part] if out else [part]
    return out


def briefing_markdown(view: SeatView) -> str:
    """The briefing as Markdown, for plain mode: a title, headings, muted words in italics."""
    marks = {SEAT: "# {}", STRONG: "## {}", MUTED: "_{}_"}
    return "\n\n".join(marks.get(item.spans[0][1], "{}").format(item.text) for item in briefing_lines(view)
                       if item.spans)
