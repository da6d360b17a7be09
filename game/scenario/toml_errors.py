"""``tomllib``'s errors in words an author can act on, at the line that needs fixing.

``tomllib`` reports where it gave up, in a parser's terms: a string left open
is "Illegal character '\\n' (at line 4, column 60)", or "Unterminated string"
at the end of the document, hundreds of lines after the quote that caused it.
This module finds the line where the string began (``LineMap`` notes it) and
says what is wrong and how to fix it; other common mistakes get a hint.
"""

from __future__ import annotations

import ast
import re

from game.scenario.toml_lines import LineMap

_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)")
_TWICE = re.compile(r"Cannot declare (\(.*\)) twice")
_CONTROL = re.compile(r"Illegal character '(\\x[0-9a-f]{2}|\\t|\\r)'")
_OPEN_STRING = ("Illegal character '\\n'", "Found invalid character '\\n'", "Unterminated string",
                "Expected \"'\"", "Expected \"'''\"", "Expected '\"\"\"'")
_HINTS = {
    "Invalid value": "text needs quotes, e.g. label = \"Hold\"; true/false and numbers do not",
    "Cannot overwrite a value": "this key already has a value above: each key once per table",
    "Expected newline or end of document after a statement": "one key = value per line",
    "Invalid statement": "each line is key = value, a [table] or a [[list of tables]]",
}


def plain_problem(filename: str, message: str, text: str) -> str:
    """One ``FILE:LINE: not valid TOML: ...`` line for ``tomllib``'s ``message`` about ``text``."""
    match = _POSITION.search(message)
    line = int(match.group(1)) if match and match.group(1) else text.count("\n") + 1
    column = match.group(2) if match and match.group(2) else None
    what = _POSITION.sub("", message).strip() or "not valid TOML"
    if what.startswith(_OPEN_STRING):
        opened, quote = _open_string(text, line if column else None)
        hint = "close it on the same line" if len(quote) == 1 else f"close it with {quote}"
        if len(quote) == 1:
            hint += f", or write {quote * 3}...{quote * 3} for text over several lines"
        return f"{filename}:{opened}: not valid TOML: a string opened with {quote} is never closed ({hint})"
    twice = _TWICE.match(what)
    if twice:
        table = ".".join(ast.literal_eval(twice.group(1)))
        return (f"{filename}:{line}: not valid TOML: the table [{table}] is declared twice "
                f"(a [table] appears once; [[{table}]] starts each element of a list of tables)")
    control = _CONTROL.match(what)
    if control:
        return (f"{filename}:{line}: not valid TOML: a control character ({control.group(1)}) inside a string "
                "(remove it; TOML strings cannot hold it)")
    hint = next((h for prefix, h in _HINTS.items() if what.startswith(prefix)), "")
    where = f"column {column}, " if column else ""
    return f"{filename}:{line}: not valid TOML: {what} ({where}{hint + '; ' if hint else ''}see https://toml.io)"


def _open_string(text: str, line: int | None) -> tuple[int, str]:
    """Where the string ``tomllib`` found open began: at ``line`` when it says, else the first left open."""
    unclosed = LineMap(text).unclosed_string
    if line is None:
        return unclosed or (text.count("\n") + 1, '"')
    return unclosed if unclosed and unclosed[0] == line else (line, '"')
