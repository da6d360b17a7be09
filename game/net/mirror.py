"""A seat's copy of its view, kept from the host's whole views and deltas.

The host sends a whole view on joining (and when asked), then deltas, each
naming the version it applies to. A delta that does not apply to the view
held (a version missed, or changes that do not fit: ``delta.patched`` checks
them) makes the copy stale: nothing more is applied until a whole view comes,
and the seat asks for one (``protocol.Resync``) once.
"""

from __future__ import annotations

from game.net import protocol as p
from game.seat_view.delta import patched
from game.seat_view.model import SeatView
from game.seat_view.wire import WireError


class Mirror:
    def __init__(self) -> None:
        self.view: SeatView | None = None
        self.status = p.Status()
        self.version: int | None = None
        self.stale = False
        """A delta did not apply: waiting for a whole view (asked for once)."""

    def take(self, update: p.Whole | p.Delta) -> bool:
        """Apply ``update``; True if the view changed and is current, False if it did not apply (or the copy
        is stale). Read :attr:`stale` to know whether to ask for the whole view."""
        if isinstance(update, p.Whole):
            self.view, self.version, self.status, self.stale = update.view, update.version, update.status, False
            return True
        if self.stale:
            return False
        if self.view is None or update.base != self.version:
            self.stale = True
            return False
        try:
            view = patched(self.view, update.changes)
        except WireError:
            self.stale = True
            return False
        self.view, self.version, self.status = view, update.version, update.status
        return True

    def restart(self) -> None:
        """A new connection: its first update is a whole view, and nothing is stale until then."""
        self.version, self.stale = None, False
