"""The event log: what happened in a turn, and which rule made it happen.

Every entry names its rule (action, event or ending id) and carries that
rule's source quote, so any screen can answer "why did this change?". Entries
also say who may see them; ``views.py`` uses that to cut the log per seat.
"""

from __future__ import annotations

from attrs import frozen

ACTION = "action"
"""A seat's chosen action resolved (``success`` is None when it had no chance)."""
OVERTAKEN = "overtaken"
"""A seat's action no longer applied when its turn to resolve came."""
EVENT = "event"
"""A scenario event fired."""
ENDING = "ending"
"""The game ended, by an ending rule or because the last turn was played."""
INTERVENTION = "intervention"
"""The facilitator acted on the game (an event fired, an inject, a track set): see ``interventions.py``."""

ARGUED = "argued"
"""A move a seat argued, as the white cell ruled it: its chance, the roll, the outcome (``actor``: the seat)."""

FACILITATOR = "facilitator"
"""``LogEntry.by`` of what the facilitator did or decided rather than the rules or a seat."""


@frozen
class Change:
    """One variable changed by one effect."""

    variable: str
    before: int | bool | str
    after: int | bool | str
    effect: str
    """The effect's text, e.g. ``threat += 2``."""


@frozen
class LogEntry:
    turn: int
    kind: str
    rule: str
    """Id of the action, event or ending behind this entry ("" for the time limit)."""
    text: str
    actor: str | None = None
    source: str = ""
    visible_to: frozenset[str] | None = None
    """Seats that may see this entry; None means every seat."""
    changes: tuple[Change, ...] = ()
    chance: float | None = None
    roll: float | None = None
    success: bool | None = None
    by: str | None = None
    """Whose hand is behind the entry beyond its rule: ``FACILITATOR`` for an intervention or an
    order the facilitator gave for a computer seat; or another mark an order carries (e.g. a seat
    that held when its time ran out). None for ordinary play."""
    ruled: bool = False
    """The facilitator decided this chance's outcome, whatever the roll (kept in ``roll``) said."""
    reason: str = ""
    """The facilitator's reason, for the facilitator and the debrief only: never in a seat's view."""
    unavailable: str = ""
    """For an overtaken action: the author's words for the part of its condition that no longer held."""

    def visible(self, seat: str | None) -> bool:
        return seat is None or self.visible_to is None or seat in self.visible_to
