"""The project's user-error types.

Every mistake a user can make (a broken scenario, a corrupt save, an illegal
order, a wrong flag) raises a subclass of :class:`WargameError`. The shells
catch that one type at their edge and show its text as one line; anything
else is a bug and stays a traceback. They subclass ``ValueError`` because
each one means "this input is not acceptable", as python-chess does.
"""

from __future__ import annotations

from collections.abc import Sequence


class WargameError(ValueError):
    """A user error: its ``str`` is a complete, one-line explanation."""


class ExpressionError(WargameError):
    """An expression or effect in a scenario is not acceptable.

    ``hint`` is kept apart so the scenario loader can place it after the
    file and line it adds.
    """

    def __init__(self, message: str, hint: str = "", *, name: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.name = name
        """The unknown name this error is about, if it is about one."""

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ScenarioError(WargameError):
    """A scenario file failed to load; ``problems`` holds every line found.

    Each problem is already formatted as ``FILE:LINE: what is wrong (hint)``.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


class IllegalOrder(WargameError):
    """An order that the rules refuse; the state it was given to is unchanged."""
