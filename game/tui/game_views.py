"""The views screens need from a session: now, a turn ago, or at any point of its history.

Everything here is a projection through :func:`game.engine.views.view_for`,
so a screen handed one of these can only show what its seat may see.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.log import LogEntry
from game.engine.views import View, view_for
from game.session import Session


def view_at(session: Session, played: int, seat: str | None) -> View:
    """The view of ``seat`` after the first ``played`` turns (0: the start)."""
    return view_for(session.scenario, session.states[played], session.entries(played), seat)


def previous_values(session: Session, played: int, seat: str | None) -> dict[str, object]:
    """What ``seat`` saw one turn before ``played``: the baseline for "last turn's change"."""
    if played == 0:
        return {}
    return dict(view_at(session, played - 1, seat).variables)


def entries_of_turn(view: View, turn: int) -> Sequence[LogEntry]:
    """The entries of one turn that this view holds."""
    return [entry for entry in view.entries if entry.turn == turn]


def rationales(session: Session, played: int, seat: str | None) -> dict[int, dict[str, str]]:
    """Turn -> action -> the player's rationale, for ``seat``'s own orders (all, for the facilitator)."""
    return {
        record.turn: {o.action: o.rationale for o in record.orders if o.rationale and seat in (None, o.seat)}
        for record in session.turns[:played]
    }
