"""A seat's briefing as Markdown: the TUI renders it, plain mode prints it as it is (Markdown reads as text)."""

from __future__ import annotations

from game.seat_view.model import SeatView


def briefing_markdown(view: SeatView) -> str:
    """The briefing as Markdown: the scenario's summary, the seat's briefing and its objective."""
    seat = view.seat
    parts = [f"# {view.name(seat).name}", view.summary, "## Your briefing",
             view.briefings.get(seat) or "_The scenario gives this seat no briefing._"]
    objective = view.objectives.get(seat)
    if objective is not None:
        parts += ["## Your objective (secret)",
                  objective.text or "_The scenario does not put your objective in words; your score is "
                                    "revealed at the end._"]
    parts += [f"_{view.turns} turns of {view.turn_days} days. Press Enter to begin._"]
    return "\n\n".join(part for part in parts if part)
