"""Lines out, numbered choices in: the whole interface of ``wargame play --plain``.

Made for screen readers and pipes: every line is a sentence or a list item,
never wrapped by hand (a reader speaks a hard-wrapped sentence as two), never
styled, and nothing is redrawn. A question lists its choices as ``1. ...``
lines, then asks for a number; Enter alone takes the default when there is one.

Standard input is hostile like any file: a line is read with a size limit
(an endless line from /dev/zero ends the input in one sentence, a long one is
ignored), bytes that are not UTF-8 are read as U+FFFD, a number is ASCII
digits in range (``whole_numbers``), a text with a control character is
asked again, and whatever is quoted back is made printable first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from game.presentation.spans import Line
from game.safe_text import control_character, printable
from game.whole_numbers import NotAWholeNumber, parse_whole, quoted

CLEAR = "\x1b[H\x1b[2J\x1b[3J"
"""Clears the screen and its scrollback: written at a hand-off when the output is a terminal, so the
next seat cannot scroll back to the last one's secrets."""


MAX_LINE = 10_000
"""Longest line read as one answer, in characters (a rationale has at most 4,000)."""
MAX_SKIPPED = 1 << 20
"""Characters of an over-long line skipped in search of its end before the input is given up."""


class EndOfInput(Exception):
    """Standard input ended: the game stops where it is (it is saved as it goes)."""


class Console:
    """Reads from ``stdin`` and writes to ``stdout``; ``terminal`` says whether clearing means anything."""

    def __init__(self, stdin: TextIO, stdout: TextIO, *, terminal: bool = False) -> None:
        self.stdin, self.stdout, self.terminal = stdin, stdout, terminal
        reconfigure = getattr(stdin, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")  # bytes that are not UTF-8 arrive as U+FFFD, visibly

    def say(self, *texts: str) -> None:
        """Lines out, each made printable (``safe_text``): names, paths and typed text included."""
        for text in texts:
            print(printable(text, multiline=True), file=self.stdout)
        self.stdout.flush()

    def lines(self, lines: Iterable[Line], indent: int = 0) -> None:
        """The presentation's lines, each at its indent."""
        self.say(*(" " * (indent + item.indent) + item.text for item in lines))

    def heading(self, text: str) -> None:
        """A screen's title, after a blank line: where a reader starts listening."""
        self.say("", f"== {text} ==")

    def read(self, prompt: str) -> str:
        """One line typed after ``prompt``, stripped; raises :class:`EndOfInput` when the input ends."""
        while True:
            self.stdout.write(printable(prompt))
            self.stdout.flush()
            answer = self._line()
            if answer is not None:
                return answer.strip()

    def read_text(self, prompt: str, limit: int) -> str:
        """A text typed after ``prompt``: at most ``limit`` characters and no control character, else asked again."""
        while True:
            text = self.read(prompt)
            if len(text) > limit:
                self.say(f"That is {len(text)} characters: keep it under {limit}.")
            elif control_character(text) is not None:
                self.say(f"That holds a control character ({printable(control_character(text))}): "
                         "write plain text.")
            else:
                return text

    def _line(self) -> str | None:
        """The next line, at most ``MAX_LINE`` characters; None for a longer one, which is skipped."""
        line = self.stdin.readline(MAX_LINE + 1)
        if not line:
            self.say("")
            raise EndOfInput
        if len(line) <= MAX_LINE or line.endswith("\n"):
            return line
        skipped = 0
        while skipped < MAX_SKIPPED:
            rest = self.stdin.readline(MAX_LINE)
            if not rest:
                break
            skipped += len(rest)
            if rest.endswith("\n"):
                self.say("", f"That line is longer than {MAX_LINE:,} characters: it was ignored.")
                return None
        self.say("", f"The input holds a line longer than {MAX_LINE + MAX_SKIPPED:,} characters: "
                     "reading stops here.")
        raise EndOfInput

    def secret(self, prompt: str) -> str:
        """A passphrase: not echoed at a terminal; read as a line from a pipe."""
        if not self.terminal:
            return self.read(prompt)
        import getpass

        try:
            return getpass.getpass(prompt, stream=self.stdout).strip()
        except EOFError:
            self.say("")
            raise EndOfInput from None

    def choose(self, question: str, choices: Sequence[str], default: int | None = None) -> int:
        """The index of the choice whose number is typed (Enter alone: ``default``)."""
        self.say(question, *(f"  {number}. {choice}" for number, choice in enumerate(choices, 1)))
        hint = f" (Enter: {default + 1})" if default is not None else ""
        while True:
            answer = self.read(f"Type a number from 1 to {len(choices)}{hint}: ")
            if not answer and default is not None:
                return default
            try:
                return parse_whole(answer, 1, len(choices)) - 1
            except NotAWholeNumber:
                self.say(f"{quoted(answer)} is not one of the choices: type a number from 1 to {len(choices)}.")

    def confirm(self, question: str, yes: str, no: str) -> bool:
        """Two choices, ``no`` first and the default: only a deliberate 2 says yes."""
        return self.choose(question, [no, yes], default=0) == 1

    def wait(self, what: str = "continue") -> None:
        self.read(f"Press Enter to {what}. ")

    def clear(self) -> None:
        if self.terminal:
            self.stdout.write(CLEAR)
            self.stdout.flush()
