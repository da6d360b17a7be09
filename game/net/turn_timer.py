"""A turn's countdown (``wargame host --timer``): it runs while the turn is open and the game not paused.

Pausing keeps the time left; resuming goes on from it; a new turn starts
the full time again. When it runs out, the host resolves the turn and every
seat that has not decided holds (the log says so). The clock is the event
loop's monotonic one, so a change of the wall clock moves no deadline; a
test hands in a :class:`Clock` of its own and moves time itself, so no test
waits for a countdown or depends on how fast the machine is.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Protocol

from game.whole_numbers import quoted

_DURATION = re.compile(r"(?:([0-9]{1,9})h)?(?:([0-9]{1,9})m)?(?:([0-9]{1,9})s?)?\Z")
LONGEST = 7 * 24 * 3600


def parse_duration(text: str) -> float:
    """``90``, ``90s``, ``5m``, ``1m30s``, ``1h``: seconds, from one to a week; :class:`ValueError` (saying what
    to write) for anything else. The host's ``--timer`` and the consoles' timer read it."""
    match = _DURATION.match(text.strip())
    if not text.strip() or match is None:
        raise ValueError(f"invalid duration {quoted(text)}: write e.g. 90s, 5m or 1m30s")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if not 1 <= total <= LONGEST:
        raise ValueError(f"invalid duration {quoted(text)}: give from 1 second to 7 days")
    return float(total)


def duration_words(seconds: float) -> str:
    """``90.0`` as ``1m30s``: how a time per turn is said back."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return "".join(f"{value}{unit}" for value, unit in ((hours, "h"), (minutes, "m"), (secs, "s")) if value) or "0s"


class Alarm(Protocol):
    def cancel(self) -> None: ...


class Clock(Protocol):
    """What the timer needs of a clock: the time now, and a call at a later time (an event loop is one)."""

    def time(self) -> float: ...

    def call_at(self, when: float, callback: Callable[[], object], /) -> Alarm: ...


class TurnTimer:
    """Calls ``expired()`` when ``seconds`` of unpaused time have passed since :meth:`start`.

    ``clock`` defaults to the running event loop (asked at each use, so a timer
    can be made before the loop runs).
    """

    def __init__(self, seconds: float, expired: Callable[[], None], clock: Clock | None = None) -> None:
        self.seconds = seconds
        self._expired = expired
        self._clock = clock
        self._alarm: Alarm | None = None
        self._deadline: float | None = None
        self._left: float | None = None
        """Time left while paused."""

    def start(self) -> None:
        """A new turn: the full time, running (unless :meth:`pause` follows)."""
        self.stop()
        self._run(self.seconds)

    def pause(self) -> None:
        if self._alarm is not None:
            self._left = self.left()
            self._cancel()

    def resume(self) -> None:
        if self._left is not None:
            left, self._left = self._left, None
            self._run(left)

    def stop(self) -> None:
        """No countdown (the game is over)."""
        self._cancel()
        self._left = None

    def left(self) -> float | None:
        """Seconds left (None when stopped)."""
        if self._left is not None:
            return self._left
        if self._deadline is None:
            return None
        return max(0.0, self._deadline - self._now().time())

    @property
    def deadline(self) -> tuple[float | None, float | None]:
        """What changes when the countdown is moved (not as time passes): (deadline, time left if paused)."""
        return self._deadline, self._left

    def _now(self) -> Clock:
        return self._clock if self._clock is not None else asyncio.get_running_loop()

    def _run(self, seconds: float) -> None:
        clock = self._now()
        self._deadline = clock.time() + seconds
        self._alarm = clock.call_at(self._deadline, self._fire)

    def _fire(self) -> None:
        self._alarm, self._deadline = None, None
        self._expired()

    def _cancel(self) -> None:
        if self._alarm is not None:
            self._alarm.cancel()
        self._alarm, self._deadline = None, None
