"""Find the line of any key in a TOML text, since ``tomllib`` reports none.

The loader reports every problem as ``FILE:LINE``. ``tomllib`` parses the
file; this module scans the same text once and records where each table
header, each key and each element of a multi-line array starts, under the
same path the loader walks: ``("actions", 2, "effects", 1)`` is the second
effect of the third ``[[actions]]`` table. Only positions are recorded; the
text is never interpreted here, so a file this scanner misreads still loads,
its messages merely point at the nearest enclosing line.

The scan also notes the first string that is never closed, so a file that
``tomllib`` refuses for it can be told where the string began.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _split_key(text: str) -> tuple[str, ...] | None:
    """Split a dotted, possibly quoted key such as ``a."b.c".d``; None if malformed."""
    parts, i, text = [], 0, text.strip()
    while i < len(text):
        if text[i] in "\"'":
            end = text.find(text[i], i + 1)
            if end < 0:
                return None
            parts.append(text[i + 1 : end])
            i = end + 1
        else:
            match = _BARE_KEY.match(text, i)
            if not match:
                return None
            parts.append(match.group())
            i = match.end()
        while i < len(text) and text[i] in " \t":
            i += 1
        if i < len(text):
            if text[i] != ".":
                return None
            i += 1
            while i < len(text) and text[i] in " \t":
                i += 1
    return tuple(parts) or None


class LineMap:
    """Lines (1-based) of the tables, keys and array elements of one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self.unclosed_string: tuple[int, str] | None = None
        """(line, delimiter) of the first string left open: a one-line string at the end of its
        line, a multi-line one at the end of the text."""
        self._scan(text.splitlines())

    def line(self, path: Sequence[str | int]) -> int:
        """The line of ``path``, or of its nearest recorded ancestor (1 if none)."""
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return 1

    def _record(self, path: Path, number: int) -> None:
        self._lines.setdefault(path, number)

    def _scan(self, lines: list[str]) -> None:
        table: Path = ()
        counts: dict[Path, int] = {}
        value = _ValueScanner(self)
        for number, line in enumerate(lines, start=1):
            if value.busy:
                value.feed(line, number)
                continue
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("[["):
                name = _split_key(stripped[2 : stripped.find("]]")]) if "]]" in stripped else None
                if name:
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    table = (*name, index)
                    self._record(table, number)
                continue
            if stripped.startswith("["):
                name = _split_key(stripped[1 : stripped.find("]")]) if "]" in stripped else None
                if name:
                    table = name
                    self._record(table, number)
                continue
            equals = _key_end(line)
            key = _split_key(line[:equals]) if equals >= 0 else None
            if key:
                self._record((*table, *key), number)
                value.start((*table, *key), line[equals + 1 :], number)
        if value.in_string:
            self._unclosed(*value.opened)

    def _unclosed(self, number: int, delimiter: str) -> None:
        if self.unclosed_string is None:
            self.unclosed_string = (number, delimiter)


def _key_end(line: str) -> int:
    """Index of the ``=`` that ends the key on ``line``, skipping quoted key parts."""
    quote = None
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "=":
            return i
    return -1


class _ValueScanner:
    """Follows a value across lines: multi-line strings, arrays and their elements."""

    def __init__(self, owner: LineMap) -> None:
        self._owner = owner
        self._path: Path = ()
        self._string: str | None = None  # the open string's delimiter
        self._depth = 0  # bracket depth of arrays and inline tables
        self._index = 0
        self._expect_element = False
        self.opened: tuple[int, str] | None = None
        """(line, delimiter) where the string now open began."""

    @property
    def busy(self) -> bool:
        return self._string is not None or self._depth > 0

    @property
    def in_string(self) -> bool:
        return self._string is not None

    def start(self, path: Path, text: str, number: int) -> None:
        self._path, self._string, self._depth, self._index = path, None, 0, 0
        self.feed(text, number)

    def feed(self, text: str, number: int) -> None:
        i = 0
        while i < len(text):
            if self._string is not None:
                i = self._in_string(text, i)
                continue
            char = text[i]
            if char == "#":
                return
            if char in " \t\r":
                i += 1
                continue
            if self._depth == 1 and self._expect_element and char not in ",]":
                self._owner._record((*self._path, self._index), number)
                self._expect_element = False
            if text.startswith(('"""', "'''"), i):
                self._string, i = text[i : i + 3], i + 3
                self.opened = (number, self._string)
            elif char in "\"'":
                self._string, i = char, i + 1
                self.opened = (number, char)
            elif char in "[{":
                self._depth += 1
                self._expect_element = self._depth == 1 and char == "["
                i += 1
            elif char in "]}":
                self._depth = max(0, self._depth - 1)
                i += 1
            elif char == "," and self._depth == 1:
                self._index += 1
                self._expect_element = True
                i += 1
            else:
                i += 1
        if self._string in ('"', "'"):
            self._owner._unclosed(number, self._string)
            self._string = None  # single-line strings cannot continue; the file is broken anyway

    def _in_string(self, text: str, i: int) -> int:
        delimiter = self._string
        assert delimiter is not None
        while i < len(text):
            if delimiter[0] == '"' and text[i] == "\\":
                i += 2
                continue
            if text.startswith(delimiter, i):
                self._string = None
                return i + len(delimiter)
            i += 1
        return i
