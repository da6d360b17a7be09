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


class FileError(WargameError):
    """A file cannot be read or written; ``str`` is one line naming it.

    ``file`` is how the file was named (its path, as given) and ``reason``
    the rest of the line, for screens that show the file name elsewhere.
    """

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

    def __reduce__(self):  # so the error survives pickling, e.g. out of a worker process
        return type(self), (self.file, self.reason)


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


class RefusedIntervention(WargameError):
    """A facilitator's act the game cannot take now (an unknown event, a value out of bounds, ...)."""


class Diverged(WargameError):
    """Recomputing a game from its journal did not give what the journal recorded.

    The journal is intact as bytes: the rules recomputing it differ from the
    ones that wrote it, or it was forged. ``turn`` is the first turn that differs.
    """

    def __init__(self, turn: int, what: str) -> None:
        super().__init__(f"turn {turn} diverges: {what}")
        self.turn = turn
        self.what = what

    def __reduce__(self):
        return type(self), (self.turn, self.what)
