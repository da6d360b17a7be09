"""How much the host lets any connection take: the bounds that keep one hostile screen from slowing the room.

Each bound is a number here, with the reason for it:

- a connection must send its request within ``HELLO_DEADLINE`` seconds, and an
  idle keep-alive connection is closed after as long (aiohttp's keep-alive
  timeout, which runs from a connection's first byte): raw sockets that never
  speak, or speak a byte at a time, are closed;
- a request's line and each header are at most ``MAX_HEADER`` bytes, a
  websocket message at most ``protocol.MAX_REQUEST``;
- at most ``sockets_for(links)`` websockets are open at once (every link a few
  times over); beyond it a new one is refused with 503 before it opens;
- a link may be opened ``OPENINGS`` times at once, then once every
  ``OPENING_EVERY`` seconds (429 beyond: each opening takes the seat over and
  sends a whole view, so a loop of openings would cost every seat of its game);
- a link may make ``REQUESTS`` requests at once, then ``REQUESTS_PER_SECOND``
  a second, however often it is opened again; beyond it a request is refused
  ("too many requests"), and a connection that keeps sending ``CLOSE_AFTER``
  refused requests in a row is closed;
- a link may send ``MESSAGES`` messages at once, then one every ``MESSAGE_EVERY``
  seconds: each message is a notification on every recipient's screen, and a
  stream of them would bury the game under toasts (and fill the journal).

- a refusal (404, 429, 503) is answered ``REFUSAL_DELAY`` seconds late (``SLOWED`` at most at once): a
  client knocking in a loop waits between knocks, rather than the host spending its time on handshakes.

Seats' own clients never come near them: they open their link once (again
after a drop, with a growing wait), and send a request per decision.
"""

from __future__ import annotations

import time

HELLO_DEADLINE = 10.0
MAX_HEADER = 8190
OPENINGS = 6
OPENING_EVERY = 5.0
REQUESTS = 60
REQUESTS_PER_SECOND = 10.0
CLOSE_AFTER = 50
MESSAGES = 20
MESSAGE_EVERY = 2.0
REFUSAL_DELAY = 1.0
SLOWED = 256


def sockets_for(links: int) -> int:
    """Websockets open at once, all links together: each link four times over, and room for a few more."""
    return 4 * links + 32


def clock() -> float:
    """The buckets' clock, in seconds (a test replaces it to stop time)."""
    return time.monotonic()


class Bucket:
    """A token bucket: ``capacity`` at once, refilled at ``rate`` a second."""

    def __init__(self, capacity: float, rate: float) -> None:
        self.capacity, self.rate = capacity, rate
        self._tokens = capacity
        self._at = clock()

    def take(self) -> bool:
        """Spend one token if there is one."""
        now = clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._at) * self.rate)
        self._at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True
