"""Argued moves as lines: who argued what, the result wanted, why, the counter-arguments, whether ruled.

One rendering for every screen that shows the open turn's argued moves (a
seat's screens to counter or argue, its waiting screen, the consoles, plain
mode). What a viewer is given of them is the ``SeatView``'s: its own and every
public move (all of them for the facilitator); the outcome, once ruled, is in
the log for the seats the white cell told.
"""

from __future__ import annotations

from game.presentation.spans import MUTED, QUOTE, SEAT, STRONG, WARNING, Line, line
from game.seat_view.model import ArguedView, SeatView

DETAIL = 4


def argued_lines(view: SeatView, move: ArguedView) -> list[Line]:
    """One move: ``U.S. argues: “…”`` then what it wants, its reasons, the counter-arguments, its ruling."""
    secret = ("  (secret: only the white cell sees it)", WARNING) if move.secret else ""
    lines = [line((view.name(move.seat).short, SEAT), " argues: ", (f"\u201c{move.statement}\u201d", STRONG), secret)]
    if move.wants:
        lines.append(line(("Wants: ", MUTED), (move.wants, QUOTE), indent=DETAIL))
    lines += [line((f"Reason {number}: ", MUTED), (reason, QUOTE), indent=DETAIL)
              for number, reason in enumerate(move.reasons, 1)]
    lines += [line((f"{view.name(counter.seat).short} counters: ", MUTED), (counter.text, QUOTE), indent=DETAIL)
              for counter in move.counters]
    if move.ruled:
        lines.append(line(("The white cell has ruled" + (f": {move.ruling}" if move.ruling else ""), MUTED),
                          indent=DETAIL))
    return lines


def all_argued_lines(view: SeatView) -> list[Line]:
    """Every argued move of the open turn the viewer may see, one after another."""
    return [item for move in view.argued for item in argued_lines(view, move)]


def arguing_words(view: SeatView) -> str:
    """What arguing a move means in this game, for the seat about to: instead of its action or beside it."""
    arguing = view.arguing
    if arguing is None:
        return ""
    instead = ("It takes the place of your listed action: you hold this turn." if arguing.instead
               else "It comes beside your listed action, which you still choose.")
    more = f" You may argue {arguing.left} more this turn." if arguing.left > 1 else ""
    return ("Argue a move the listed actions do not offer: what you do, the result you want, and up to three "
            f"reasons. The white cell weighs it (and the other seats' counter-arguments), sets the odds and "
            f"rolls. {instead}{more}")
