"""A lint finding: where in the scenario file, which check, and what it found."""

from __future__ import annotations

from attrs import frozen


@frozen
class Finding:
    line: int
    check: str
    """A short name for the check, e.g. ``never-legal``."""
    message: str
    seat: str | None = None
    """The seat it is about, when it is about one seat's objective."""

    def format(self, path: str) -> str:
        return f"{path}:{self.line}: {self.message} [{self.check}]"
