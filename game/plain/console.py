"""Lines out, numbered choices in: the whole interface of ``wargame play --plain``.

Made for screen readers and pipes: every line is a sentence or a list item,
never wrapped by hand (a reader speaks a hard-wrapped sentence as two), never
styled, and nothing is redrawn. A question lists its choices as ``1. ...``
lines, then asks for a number; Enter alone takes the default when there is one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from game.presentation.spans import Line

CLEAR = "\x1b[H\x1b[2J\x1b[3J"
"""Clears the screen and its scrollback: written at a hand-off when the output is a terminal, so the
next seat cannot scroll back to the last one's secrets."""


class EndOfInput(Exception):
    """Standard input ended: the game stops where it is (it is saved as it goes)."""


class Console:
    """Reads from ``stdin`` and writes to ``stdout``; ``terminal`` says whether clearing means anything."""

    def __init__(self, stdin: TextIO, stdout: TextIO, *, terminal: bool = False) -> None:
        self.stdin, self.stdout, self.terminal = stdin, stdout, terminal

    def say(self, *texts: str) -> None:
        for text in texts:
            print(text, file=self.stdout)
        self.stdout.flush()

    def lines(self, lines: Iterable[Line], indent: int = 0) -> None:
        """The presentation's lines, each at its indent."""
        self.say(*(" " * (indent + item.indent) + item.text for item in lines))

    def heading(self, text: str) -> None:
        """A screen's title, after a blank line: where a reader starts listening."""
        self.say("", f"== {text} ==")

    def read(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        answer = self.stdin.readline()
        if not answer:
            self.say("")
            raise EndOfInput
        return answer.strip()

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
            if answer.isdigit() and 1 <= int(answer) <= len(choices):
                return int(answer) - 1
            self.say(f"\u201c{answer}\u201d is not one of the choices: type a number from 1 to {len(choices)}.")

    def confirm(self, question: str, yes: str, no: str) -> bool:
        """Two choices, ``no`` first and the default: only a deliberate 2 says yes."""
        return self.choose(question, [no, yes], default=0) == 1

    def wait(self, what: str = "continue") -> None:
        self.read(f"Press Enter to {what}. ")

    def clear(self) -> None:
        if self.terminal:
            self.stdout.write(CLEAR)
            self.stdout.flush()
