"""Start-up and key-press latency of the game in a real pseudo-terminal.

    python benchmarks/startup.py [--runs N] [--presses N]

1. Launch to first frame: ``wargame`` (the title screen) against a minimal
   Textual app started the same way, and their ratio; and launch until the
   scenario list shows the shipped scenario ("3 seats · 16 turns"), against
   the same minimal first frame (aim for both: at most 1.3x).
2. Key press to updated frame on the turn screen of the shipped scenario
   (aim: under 50 ms): the time from writing an arrow key to the terminal
   until the last byte of the new frame (the app then stays silent).

Each program runs in its own pty at 120x40 with a fresh working folder, so it
finds no saves, and with bytecode caches allowed, as a user's install has
them; one unmeasured launch of each warms the caches. The figures are
medians. Nothing here asserts: it prints.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "scenarios" / "over-the-horizon-2021.toml"
WARGAME = [sys.executable, "-m", "game"]
QUIET = 0.03
"""Silence after which a frame counts as written (the time taken is that of its last byte)."""
MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("MINIMAL READY")
        yield Footer()

Minimal().run()
"""
LISTED = "3 seats \u00b7 16 turns".encode()
"""What the title screen's list shows for the shipped scenario."""
KEYS = {"down": b"\x1b[B", "up": b"\x1b[A", "enter": b"\r", "f5": b"\x1b[15~"}


class Terminal:
    """A program running in a pseudo-terminal of a fixed size, read as bytes."""

    def __init__(self, argv: list[str], cwd: str, size=(120, 40)) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.environ.update(TERM="xterm-256color", COLORTERM="truecolor", PYTHONPATH=str(ROOT))
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # users run from bytecode caches
            os.execvp(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.seen = b""

    def read_until(self, marker: bytes, timeout: float = 30.0) -> float:
        """Seconds until ``marker`` has been written since the last call."""
        start_of_search = len(self.seen)
        deadline = time.perf_counter() + timeout
        while marker not in self.seen[max(0, start_of_search - len(marker)):]:
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or not select.select([self.fd], [], [], remaining)[0]:
                raise TimeoutError(f"{marker!r} not seen within {timeout}s")
            self.seen += os.read(self.fd, 1 << 16)
        return time.perf_counter()

    def drain(self, quiet: float = 0.3, longest: float = 5.0) -> None:
        """Read until the program has been silent for ``quiet`` seconds (or ``longest`` has passed)."""
        deadline = time.perf_counter() + longest
        while select.select([self.fd], [], [], quiet)[0] and time.perf_counter() < deadline:
            self.seen += os.read(self.fd, 1 << 16)

    def press(self, key: str) -> float:
        """Seconds from writing ``key`` to the last byte of the frame it causes."""
        start = time.perf_counter()
        os.write(self.fd, KEYS[key])
        if not select.select([self.fd], [], [], 5.0)[0]:
            raise TimeoutError(f"no frame after {key}")
        last = start
        while select.select([self.fd], [], [], QUIET)[0]:
            self.seen += os.read(self.fd, 1 << 16)
            last = time.perf_counter()
        return last - start

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def first_frame(argv: list[str], *markers: bytes) -> tuple[float, ...]:
    """Seconds from launch until each of ``markers`` has been written, in turn."""
    with tempfile.TemporaryDirectory() as folder:
        terminal = Terminal(argv, folder)
        try:
            return tuple(terminal.read_until(marker) - terminal.started for marker in markers)
        finally:
            terminal.close()


def key_latencies(presses: int) -> list[float]:
    """Open the shipped scenario's turn screen (one human, computers elsewhere), then press arrows."""
    with tempfile.TemporaryDirectory() as folder:
        import tomllib

        seats = tomllib.loads(SHIPPED.read_text())["scenario"]["seats"]
        others = [arg for seat in seats[1:] for arg in ("--seat", f"{seat}=random")]
        terminal = Terminal([*WARGAME, "play", str(SHIPPED), "--seed", "1", *others], folder)
        try:
            terminal.read_until(b"Start game")
            terminal.drain()
            for key in ("f5", "enter"):  # setup, then the briefing
                os.write(terminal.fd, KEYS[key])
                terminal.drain(0.8)
            if b"your decision" not in terminal.seen:
                raise RuntimeError("the turn screen did not open")
            return [terminal.press("down" if i % 2 == 0 else "up") for i in range(presses)]
        finally:
            terminal.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="launches of each program (default 5)")
    parser.add_argument("--presses", type=int, default=40, help="key presses measured (default 40)")
    args = parser.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(MINIMAL_APP)
    try:
        launches = range(args.runs + 1)  # the first of each warms the caches and is not counted
        minimal, ours = [], []
        for _ in launches:  # interleaved, so a change in the machine's load hits both alike
            minimal += first_frame([sys.executable, script.name], b"MINIMAL READY")
            ours.append(first_frame(WARGAME, b"H O R I Z O N", LISTED))
    finally:
        os.unlink(script.name)
    m = statistics.median(minimal[1:])
    title, listed = (statistics.median(times[i] for times in ours[1:]) for i in (0, 1))
    print(f"launch to first frame, median of {args.runs}:")
    print(f"  minimal Textual app      {m * 1000:7.0f} ms")
    print(f"  wargame (title)          {title * 1000:7.0f} ms = {title / m:5.2f}x")
    print(f"  wargame (scenario list)  {listed * 1000:7.0f} ms = {listed / m:5.2f}x   (aim: at most 1.30x)")
    times = key_latencies(args.presses)
    print(f"key press to updated frame on the turn screen, {len(times)} presses:")
    ninetieth = statistics.quantiles(times, n=10)[-1]
    print(f"  median {statistics.median(times) * 1000:.1f} ms, 90th percentile {ninetieth * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms   (aim: under 50 ms)")


if __name__ == "__main__":
    main()
