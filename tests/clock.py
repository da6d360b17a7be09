"""A clock the test moves by hand, for what counts time (the host's turn timer): no test sleeps to see time pass."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable


class _Alarm:
    def __init__(self, callback: Callable[[], object]) -> None:
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualClock:
    """``time()`` stands still until :meth:`advance`, which runs every call that fell due, in time order.

    It has what :class:`game.net.turn_timer.Clock` asks of an event loop: ``time`` and ``call_at``.
    """

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now
        self._due: list[tuple[float, int, _Alarm]] = []
        self._order = itertools.count()

    def time(self) -> float:
        return self.now

    def call_at(self, when: float, callback: Callable[[], object], /) -> _Alarm:
        alarm = _Alarm(callback)
        heapq.heappush(self._due, (when, next(self._order), alarm))
        return alarm

    def pending(self) -> int:
        """Calls still to come (cancelled ones left out)."""
        return sum(not alarm.cancelled for _, _, alarm in self._due)

    def advance(self, seconds: float) -> None:
        """Move time on by ``seconds``, running each call that falls due at its own time."""
        end = self.now + seconds
        while self._due and self._due[0][0] <= end:
            when, _, alarm = heapq.heappop(self._due)
            self.now = max(self.now, when)
            if not alarm.cancelled:
                alarm.callback()
        self.now = end
