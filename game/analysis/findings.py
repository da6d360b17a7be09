"""A lint finding: where in the scenario file, which check, and what it found."""

from __future__ import annotations

from attrs import frozen


@frozen
class Finding:
    line: int
    check: str
    """A short name for the check, e.g. ``never-legal``."""
    subject: str
    """What it is about: an action, event or ending id, a variable's name, or a seat."""
    message: str

    def format(self, path: str) -> str:
        return f"{path}:{self.line}: {self.message} [{self.check}]"
