"""How a game ended and how each seat scored, with the objective it was scored by."""

from __future__ import annotations

from attrs import frozen

from game.presentation.spans import MUTED, STRONG, Line, line
from game.presentation.words import format_score
from game.seat_view.model import SeatName, SeatView

NO_OBJECTIVE = "(no objective: it scores 0)"
UNWORDED = "(an objective not put in words)"


@frozen
class ScoreRow:
    seat: SeatName
    score: str
    objective: str
    """The objective in words; with formulas, the score as written too (when the view may know it)."""


def score_rows(view: SeatView, *, formulas: bool = False) -> list[ScoreRow]:
    """A row per seat whose score the view knows (every seat once the game is over)."""
    rows = []
    for seat, score in (view.scores or {}).items():
        objective = view.objectives.get(seat)
        words = NO_OBJECTIVE if objective is None else objective.text or UNWORDED
        if formulas and objective is not None and objective.formula:
            words = f"{words} [score = {objective.formula}]"
        rows.append(ScoreRow(view.name(seat), format_score(score), words))
    return rows


def ending_lines(view: SeatView, *, formulas: bool = False) -> list[Line]:
    """``Game over after turn 16.`` and, when known, each seat's score and objective (the ending itself
    is the last turn's last entry)."""
    if not view.over:
        return []
    lines = [line((f"Game over after turn {view.turn - 1}.", STRONG))]
    rows = score_rows(view, formulas=formulas)
    if rows:
        lines.append(line(("Scores (higher is better):", STRONG)))
        width = max(len(row.seat.name) for row in rows)
        for row in rows:
            lines.append(line(f"{row.seat.name:<{width}}  ", (f"{row.score:>6}", STRONG), indent=2))
            lines.append(line(("objective: ", MUTED), row.objective, indent=4))
    return lines
