"""The seat-safe view of a game: what one seat (or the facilitator) may know, as plain values.

Every screen renders from a :class:`SeatView`, and a networked host sends one
as it is (``to_wire``/``from_wire``): it holds nothing its seat may not see.
``game.seat_view.build.seat_view`` makes one from a session; this package's
top level imports no session or engine rules, so a seat's client can decode
views without them.
"""

from game.seat_view.model import SeatView
from game.seat_view.wire import WireError, from_wire, to_wire

__all__ = ["SeatView", "WireError", "from_wire", "to_wire"]
