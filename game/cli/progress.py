"""A progress bar on stderr for long commands, drawn only when stderr is a terminal.

Piped or redirected output (a log, CI) stays clean: the bar then draws nothing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30


class ProgressBar:
    def __init__(self, label: str, stream: TextIO | None = None, unit: str = "games") -> None:
        self.label = label
        self.unit = unit
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        """Redraw the bar at ``done`` of ``total``."""
        if not self.enabled:
            return
        filled = WIDTH * done // max(total, 1)
        bar = "\u2588" * filled + "\u2591" * (WIDTH - filled)
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r{self.label} {bar} {done:,}/{total:,} {self.unit}  {elapsed:.1f} s")
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar, so the result starts on a clean line."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
