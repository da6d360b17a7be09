"""Reading the parts of a scenario file: typed values, ids, texts, expressions, each checked.

``loader.py`` walks the sections of a scenario file; this module is what it
reads them with. Every accessor checks what it reads and records a problem
(``FILE:LINE: what (hint)``) or a warning instead of raising, so one load
reports every mistake in the file, and returns a safe default so the walk can
go on. The checks that need more than one value are here too: ids unique
across actions, events and endings; a seat's ``when`` reading only what it
sees; a condition that can never hold or a chance above 1 (warnings).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Collection
from typing import Any

from attrs import evolve

from game.engine.expressions import (
    BOOL,
    Effect,
    Expression,
    Symbol,
    compile_effect,
    compile_expression,
)
from game.engine.model import Variable
from game.engine.names import closest
from game.errors import ExpressionError, ScenarioError
from game.safe_text import clean
from game.scenario.toml_lines import LineMap

MAX_TURNS = 10_000
ID = re.compile(r"[A-Za-z0-9_.-]+\Z")
ID_RULE = "only ASCII letters, digits, _, . and -"
MISSING = object()
"""The default of a required key."""

_TYPE_NAMES = {bool: "true/false", int: "a whole number", float: "a number", str: "text", list: "a list",
               dict: "a table", datetime.date: "a date", datetime.datetime: "a date and time",
               datetime.time: "a time"}


def _kind(value: Any) -> str:
    """How a TOML value's type is named in messages."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class Reader:
    """One load's state and the reading of its parts, collecting problems and warnings as it goes."""

    def __init__(self, document: dict[str, Any], text: str, filename: str) -> None:
        self.document = document
        self.text = text
        self.filename = filename
        self.lines = LineMap(text)
        self.problems: list[tuple[int, str]] = []
        self.symbols: dict[str, Symbol] = {}
        self.broken: set[str] = set()
        """Variables already reported as invalid: expressions naming them say nothing more."""
        self.seen_ids: dict[str, str] = {}
        """Ids of actions, events and endings so far (they share one name space), to what holds each."""
        self.warnings: list[tuple[int, str]] = []
        self.variables: dict[str, Variable] = {}
        self.turns = MAX_TURNS
        """The scenario's turns once read (the most allowed until then, or if they are wrong)."""

    # -- reporting -----------------------------------------------------------------

    def problem(self, path: tuple, message: str, hint: str = "") -> None:
        line = self.lines.line(path)
        self.problems.append((line, f"{self.filename}:{line}: {message}" + (f" ({hint})" if hint else "")))

    def warning(self, path: tuple, message: str, hint: str = "") -> None:
        """Something that loads but is probably not what the author meant (``validate`` shows it)."""
        line = self.lines.line(path)
        self.warnings.append((line, f"{self.filename}:{line}: warning: {message}" + (f" ({hint})" if hint else "")))

    def _raise_if_problems(self) -> None:
        if self.problems:
            ordered = sorted(self.problems, key=lambda item: item[0])
            raise ScenarioError([message for _, message in ordered])

    # -- typed access ----------------------------------------------------------------

    def table(self, path: tuple, value: Any, allowed: set[str], what: str) -> dict[str, Any]:
        """Check ``value`` is a table with only ``allowed`` keys; {} otherwise."""
        if not isinstance(value, dict):
            self.problem(path, f"{what} must be a table, not {_kind(value)}")
            return {}
        for key in value:
            if key not in allowed:
                hint = close(key, allowed) or f"allowed: {', '.join(sorted(allowed))}"
                self.problem((*path, key), f"unknown key {key!r} in {what}", hint)
        return value

    def get(self, table: dict, path: tuple, key: str, kind: type | tuple, what: str,
            default: Any = MISSING) -> Any:
        """``table[key]`` if of ``kind``; reports and returns ``default``/None otherwise."""
        if key not in table:
            if default is MISSING:
                self.problem(path, f"{what} is missing the required key {key!r}")
                return None
            return default
        value = table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            wanted = " or ".join(_TYPE_NAMES[k] for k in kinds)
            self.problem((*path, key), f"{key} in {what} must be {wanted}, not {_kind(value)}")
            return None if default is MISSING else default
        return value

    def strings(self, table: dict, path: tuple, key: str, what: str) -> list[str]:
        value = self.get(table, path, key, list, what, [])
        if value is None:
            return []
        good = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                good.append(item)
            else:
                self.problem((*path, key, i), f"{key} in {what} must hold only text, not {_kind(item)}")
        return good

    def author_text(self, table: dict, path: tuple, key: str, what: str, default: Any = MISSING, *,
                    lines: bool = False) -> str | None:
        """An author text, without the control characters that must never reach a terminal
        (``game.safe_text.clean``); ``lines`` for texts that may span lines."""
        value = self.get(table, path, key, str, what, default)
        if not isinstance(value, str):
            return value
        cleaned = clean(value, multiline=lines)
        if cleaned != value:
            self.warning((*path, key), f"{key} of {what} holds control characters; they were removed")
        return cleaned

    def ident(self, table: dict, path: tuple, key: str, what: str, default: Any = MISSING) -> str | None:
        """An id: non-empty and ASCII, so two ids that look alike are alike; None if not one."""
        value = self.get(table, path, key, str, what, default)
        if value is None:
            return None
        if not ID.match(value):
            problem = "must not be empty" if not value else f"{value!r} must hold {ID_RULE}"
            self.problem((*path, key), f"{key} of {what} {problem}")
            return None
        return value

    def expression(self, text: Any, path: tuple, what: str, expect: str, *,
                   after_play: bool = False) -> Expression | None:
        """Compile ``text``; ``after_play`` for expressions also read once the game is over
        (scores, the map), where ``turn`` is one past the last turn."""
        if text is None:
            return None
        try:
            return compile_expression(text, self.after_play if after_play else self.symbols, expect=expect)
        except ExpressionError as error:
            self.expression_problem(path, what, error)
            return None

    def condition(self, table: dict, path: tuple, what: str, *, after_play: bool = False) -> Expression | None:
        """A rule's ``when``, with a warning if it can never hold (a dead rule is an author's slip)."""
        when = self.expression(table.get("when"), (*path, "when"), f"{what} when", BOOL, after_play=after_play)
        if when is not None and when.domain == {False}:
            last = self.turns + 1 if after_play else self.turns
            ranges = [f"{name} is {self.variables[name].low}..{self.variables[name].high}"
                      for name in sorted(when.reads) if self.variables[name].type == "int"]
            if when.reads_turn:
                ranges.insert(0, f"turn is 1..{last} in this scenario")
            self.warning((*path, "when"), f"{what} when {when.text!r} can never hold", "; ".join(ranges))
        return when

    def chance(self, table: dict, path: tuple, what: str) -> Expression | None:
        """A rule's ``chance``, with a warning if it can leave 0..1 upwards or never rise above 0."""
        chance = self.expression(table.get("chance"), (*path, "chance"), f"{what} chance", "number")
        if chance is not None:
            low, high = chance.bounds
            if high > 1:
                self.warning((*path, "chance"), f"{what} chance {chance.text!r} can reach {high:g}, but a chance "
                             "is a probability from 0 to 1 and counts as 1 above it",
                             "scale it, e.g. receptivity / 10, or write min(1, ...) if that is meant")
            elif high <= 0:
                self.warning((*path, "chance"), f"{what} chance {chance.text!r} is never above 0: it always fails")
        return chance

    def check_knowable(self, when: Expression, seat: str, path: tuple, what: str) -> None:
        """A seat must be able to tell from its own view whether its action may be chosen."""
        hidden = sorted(name for name in when.reads if not self.variables[name].visible(seat))
        if hidden:
            self.problem(path, f"{what} when reads {', '.join(map(repr, hidden))}, which {seat!r} cannot see",
                         f"a seat must know when its own action is possible: make it visible to {seat!r}, "
                         "or test it in the chance or the effects instead")

    def expression_problem(self, path: tuple, what: str, error: ExpressionError) -> None:
        if error.name not in self.broken:
            self.problem(path, f"{what}: {error.message}", error.hint)

    def effects(self, table: dict, path: tuple, key: str, what: str) -> tuple[Effect, ...]:
        compiled = []
        for i, text in enumerate(self.get(table, path, key, list, what, []) or []):
            try:
                effect = compile_effect(text, self.symbols)
                compiled.append(evolve(effect, line=self.lines.line((*path, key, i))))
            except ExpressionError as error:
                self.expression_problem((*path, key, i), f"{what} {key}", error)
        return tuple(compiled)

    def visible_to(self, table: dict, path: tuple, what: str) -> frozenset[str] | None:
        value = table.get("visible_to", "all")
        if value == "all":
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem((*path, "visible_to"), f"visible_to in {what} must be \"all\" or a list of actor ids")
            return None
        for actor in value:
            if actor not in self.actor_ids:
                self.problem((*path, "visible_to"), f"visible_to in {what} names unknown actor {actor!r}",
                             close(actor, self.actor_ids))
        return frozenset(value)

    def reveals(self, table: dict, path: tuple, what: str) -> frozenset[str]:
        """The hidden variables the author declares this rule may give away (see ``game.analysis.inference``)."""
        names = self.strings(table, path, "reveals", what)
        for i, name in enumerate(names):
            if name not in self.symbols and name not in self.broken:
                self.problem((*path, "reveals", i), f"reveals of {what} names unknown variable {name!r}",
                             close(name, self.symbols))
        return frozenset(names)

    def unique(self, what: str, value: str | None, path: tuple) -> None:
        """Report ``value`` if an action, event or ending already has it as id.

        They share one name space: a rule's id names its stream of chance
        draws and the log entries it writes, so two rules with one id would
        share draws and be confused in every view.
        """
        if value is None:
            return
        if value in self.holds and what != "action":
            self.problem((*path, "id"), f"{what} id {value!r} is the id of the hold of {self.holds[value]!r}",
                         "choose another id")
            return
        holder = self.seen_ids.get(value)
        if holder is not None:
            self.problem((*path, "id"), f"{what} id {value!r} is already the id of {holder}",
                         "ids must be unique across actions, events and endings")
        else:
            self.seen_ids[value] = f"{'an' if what[0] in 'ae' else 'a'} {what}"

    def sequence(self, key: str, what: str, read: Callable[[tuple, dict], Any]) -> list[Any]:
        """Read an array of tables such as ``[[actions]]`` with ``read(path, table)``."""
        value = self.document.get(key, [])
        if not isinstance(value, list):
            self.problem((key,), f"{key} must be an array of tables, written [[{key}]]")
            return []
        items = [read((key, i), item) for i, item in enumerate(value)]
        return [item for item in items if item is not None]


def close(name: str, candidates: Collection[str]) -> str:
    found = closest(name, candidates)
    return f"did you mean {found!r}?" if found else ""
