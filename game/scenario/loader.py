"""Load a scenario file (format 1) into a checked :class:`Scenario`.

Parse, then validate everything, then compile: every problem found is
collected and reported together as ``FILE:LINE: what is wrong (hint)``, so an
author fixes a file in one pass. A file that loads has no unknown names,
wrong types, bad enum values, unknown actors or seats, duplicate ids or
non-numeric chances left to fail at play time. The contract is
docs/scenario-format.md.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import keyword
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from game.engine.expressions import (
    BOOL,
    INT,
    MAX_INT,
    RESERVED,
    TEXT,
    Effect,
    Expression,
    Symbol,
    compile_effect,
    compile_expression,
)
from game.engine.model import (
    DEFAULT_END_TEXT,
    PRIVATE,
    PUBLIC,
    Action,
    Actor,
    Ending,
    Event,
    MapSpec,
    Objective,
    Origin,
    Place,
    Route,
    Scenario,
    Variable,
)
from game.errors import ExpressionError, ScenarioError
from game.scenario.strategies import read_balance, read_strategies
from game.scenario.toml_lines import LineMap

FORMAT = 1
MAX_BYTES = 2_000_000
MAX_TURNS = 10_000
_ACTOR_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")

_ROOT_KEYS = {"format", "scenario", "actors", "variables", "actions", "events", "objectives", "endings", "map",
              "strategies", "balance"}
_SCENARIO_KEYS = {"id", "title", "summary", "source", "start_date", "turn_days", "turns", "seats", "end_text"}
_ACTOR_KEYS = {"name", "briefing"}
_VARIABLE_KEYS = {"label", "type", "min", "max", "initial", "values", "visible_to", "source", "description", "group"}
_ACTION_KEYS = {"id", "actor", "label", "when", "chance", "effects", "fail_effects", "visibility",
                "unavailable", "description", "tags", "source", "history"}
_EVENT_KEYS = {"id", "when", "once", "chance", "effects", "text", "visible_to", "source", "history"}
_ENDING_KEYS = {"id", "when", "text", "source"}
_OBJECTIVE_KEYS = {"score", "text"}
_MAP_KEYS = {"width", "height", "art", "places", "routes"}
_PLACE_KEYS = {"id", "name", "x", "y", "kind", "status"}
_ROUTE_KEYS = {"from", "to", "label", "when"}
HOLD_LABEL = "Hold: take no action this turn"

_MISSING = object()


def load_scenario(path: str | Path) -> Scenario:
    """Read and load a scenario file; raises :class:`ScenarioError` on any problem."""
    path = Path(path)
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except FileNotFoundError:
        raise ScenarioError([f"{path}: no such file"]) from None
    except IsADirectoryError:
        raise ScenarioError([f"{path}: is a folder, not a scenario file"]) from None
    except OSError as error:
        raise ScenarioError([f"{path}: cannot read: {error.strerror}"]) from None
    if data is None:
        raise ScenarioError([f"{path}:1: larger than {MAX_BYTES:,} bytes (is this a scenario file?)"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ScenarioError([f"{path}:{line}: not UTF-8 text (save the file as UTF-8)"]) from None
    return parse_scenario(text, str(path))


def parse_scenario(text: str, filename: str = "<scenario>") -> Scenario:
    """Load a scenario from its text; ``filename`` is used in messages and kept in the origin."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError([_toml_problem(filename, str(error))]) from None
    except RecursionError:  # tomllib recurses once per level: a few hundred nested [ or { exhaust it
        raise ScenarioError([f"{filename}:1: not valid TOML: arrays or tables nested too deeply"]) from None
    return _Loader(document, text, filename).load()


def _toml_problem(filename: str, message: str) -> str:
    match = _TOML_LINE.search(message)
    line = match.group(1) if match else "1"
    what = _TOML_LINE.sub("", message).strip() or "not valid TOML"
    column = f"column {match.group(2)}, " if match else ""
    return f"{filename}:{line}: not valid TOML: {what} ({column}see https://toml.io)"


_TYPE_NAMES = {bool: "true/false", int: "a whole number", float: "a number", str: "text", list: "a list",
               dict: "a table", datetime.date: "a date", datetime.datetime: "a date and time",
               datetime.time: "a time"}


def _kind(value: Any) -> str:
    """How a TOML value's type is named in messages."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _Loader:
    """One load: walks the parsed document, collecting problems as it goes."""

    def __init__(self, document: dict[str, Any], text: str, filename: str) -> None:
        self.document = document
        self.text = text
        self.filename = filename
        self.lines = LineMap(text)
        self.problems: list[tuple[int, str]] = []
        self.symbols: dict[str, Symbol] = {}
        self.broken: set[str] = set()
        """Variables already reported as invalid: expressions naming them say nothing more."""
        self.seen_ids: dict[str, set[str]] = {"action": set(), "event": set(), "ending": set()}

    # -- reporting -----------------------------------------------------------------

    def problem(self, path: tuple, message: str, hint: str = "") -> None:
        line = self.lines.line(path)
        self.problems.append((line, f"{self.filename}:{line}: {message}" + (f" ({hint})" if hint else "")))

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
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(sorted(allowed))}"
                self.problem((*path, key), f"unknown key {key!r} in {what}", hint)
        return value

    def get(self, table: dict, path: tuple, key: str, kind: type | tuple, what: str,
            default: Any = _MISSING) -> Any:
        """``table[key]`` if of ``kind``; reports and returns ``default``/None otherwise."""
        if key not in table:
            if default is _MISSING:
                self.problem(path, f"{what} is missing the required key {key!r}")
                return None
            return default
        value = table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            wanted = " or ".join(_TYPE_NAMES[k] for k in kinds)
            self.problem((*path, key), f"{key} in {what} must be {wanted}, not {_kind(value)}")
            return None if default is _MISSING else default
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

    def expression(self, text: Any, path: tuple, what: str, expect: str) -> Expression | None:
        if text is None:
            return None
        try:
            return compile_expression(text, self.symbols, expect=expect)
        except ExpressionError as error:
            self.expression_problem(path, what, error)
            return None

    def expression_problem(self, path: tuple, what: str, error: ExpressionError) -> None:
        if error.name not in self.broken:
            self.problem(path, f"{what}: {error.message}", error.hint)

    def effects(self, table: dict, path: tuple, key: str, what: str) -> tuple[Effect, ...]:
        compiled = []
        for i, text in enumerate(self.get(table, path, key, list, what, []) or []):
            try:
                compiled.append(compile_effect(text, self.symbols))
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
                             _close(actor, self.actor_ids))
        return frozenset(value)

    def unique(self, what: str, value: str | None, path: tuple) -> None:
        """Report ``value`` if another ``what`` (action, event, ending) already has it as id."""
        seen = self.seen_ids[what]
        if value in seen:
            self.problem((*path, "id"), f"duplicate {what} id {value!r}", "ids must be unique")
        if value is not None:
            seen.add(value)

    def sequence(self, key: str, what: str, read: Callable[[tuple, dict], Any]) -> list[Any]:
        """Read an array of tables such as ``[[actions]]`` with ``read(path, table)``."""
        value = self.document.get(key, [])
        if not isinstance(value, list):
            self.problem((key,), f"{key} must be an array of tables, written [[{key}]]")
            return []
        items = [read((key, i), item) for i, item in enumerate(value)]
        return [item for item in items if item is not None]

    # -- sections ------------------------------------------------------------------------

    def load(self) -> Scenario:
        doc = self.table((), self.document, _ROOT_KEYS, "the file")
        fmt = self.get(doc, (), "format", int, "the file")
        if fmt is not None and fmt != FORMAT:
            newer = fmt > FORMAT
            self.problem(("format",), f"format {fmt} is {'newer than' if newer else 'not'} a format this "
                         f"version of Horizon reads", f"it reads format {FORMAT}")
            self._raise_if_problems()
        head = self.table(("scenario",), doc.get("scenario", {}), _SCENARIO_KEYS, "[scenario]")
        if "scenario" not in doc:
            self.problem((), "the file has no [scenario] table")
        self.actors = self.read_actors()
        self.actor_ids = set(self.actors)
        seats = self.read_seats(head)
        self.seats = set(seats)
        variables = self.read_variables()
        actions = self.sequence("actions", "action", self.read_action)
        actions = self.add_holds(actions, seats)
        events = self.sequence("events", "event", self.read_event)
        endings = self.sequence("endings", "ending", self.read_ending)
        objectives = self.read_objectives()
        map_spec = self.read_map()
        strategies = read_strategies(self, actions, variables)
        balance = read_balance(self, actions)
        self._raise_if_problems()
        return Scenario(
            format=fmt,
            id=head["id"],
            title=head["title"],
            turns=head["turns"],
            seats=tuple(seats),
            actors=self.actors,
            variables=tuple(variables),
            actions=tuple(actions),
            events=tuple(events),
            endings=tuple(endings),
            objectives=objectives,
            summary=head.get("summary", ""),
            source=head.get("source", ""),
            start_date=head.get("start_date"),
            turn_days=head.get("turn_days", 7),
            end_text=head.get("end_text", DEFAULT_END_TEXT),
            map=map_spec,
            strategies=tuple(strategies),
            balance=balance,
            origin=Origin(self.filename, self.text, hashlib.sha256(self.text.encode()).hexdigest()),
        )

    def read_seats(self, head: dict) -> list[str]:
        path = ("scenario",)
        for key in ("id", "title"):
            value = self.get(head, path, key, str, "[scenario]")
            if value is not None and not value.strip():
                self.problem((*path, key), f"{key} in [scenario] must not be empty")
        turns = self.get(head, path, "turns", int, "[scenario]")
        if turns is not None and not 1 <= turns <= MAX_TURNS:
            self.problem((*path, "turns"), f"turns must be from 1 to {MAX_TURNS}, not {turns}")
        days = self.get(head, path, "turn_days", int, "[scenario]", 7)
        if days is not None and days < 1:
            self.problem((*path, "turn_days"), f"turn_days must be at least 1, not {days}")
        for key in ("summary", "source", "end_text"):
            self.get(head, path, key, str, "[scenario]", "")
        self.get(head, path, "start_date", datetime.date, "[scenario]", None)
        if isinstance(head.get("start_date"), datetime.datetime):
            self.problem((*path, "start_date"), "start_date must be a date without a time", "e.g. 2021-06-21")
        seats = self.strings(head, path, "seats", "[scenario]") if "seats" in head else None
        if seats is None:
            self.problem(path, "[scenario] is missing the required key 'seats'")
            return []
        if not seats:
            self.problem((*path, "seats"), "seats must name at least one actor")
        for i, seat in enumerate(seats):
            if seat not in self.actors:
                self.problem((*path, "seats", i), f"seat {seat!r} is not an actor",
                             _close(seat, self.actors) or f"add an [actors.{seat}] table")
            if seats.index(seat) != i:
                self.problem((*path, "seats", i), f"seat {seat!r} is listed twice")
        return [s for i, s in enumerate(seats) if s in self.actors and seats.index(s) == i]

    def read_actors(self) -> dict[str, Actor]:
        actors = {}
        section = self.document.get("actors")
        if section is None:
            self.problem((), "the file has no [actors] tables", "add one per seat, e.g. [actors.us]")
            return actors
        if not isinstance(section, dict):
            self.problem(("actors",), "actors must be tables such as [actors.us]")
            return actors
        for actor_id, raw in section.items():
            path = ("actors", actor_id)
            if not _ACTOR_ID.match(actor_id):
                self.problem(path, f"actor id {actor_id!r} must start with a letter and hold only "
                             "letters, digits, _ and -")
            if not isinstance(raw, dict):
                self.problem(path, f"actor {actor_id!r} must be a table with a name")
                continue
            table = self.table(path, raw, _ACTOR_KEYS, f"actor {actor_id!r}")
            name = self.get(table, path, "name", str, f"actor {actor_id!r}")
            briefing = self.get(table, path, "briefing", str, f"actor {actor_id!r}", "")
            actors[actor_id] = Actor(actor_id, name or actor_id, briefing or "")
        return actors

    def read_variables(self) -> list[Variable]:
        section = self.document.get("variables", {})
        if not isinstance(section, dict):
            self.problem(("variables",), "variables must be tables such as [variables.threat]")
            return []
        variables = []
        for name, raw in section.items():
            variable = self.read_variable(name, raw)
            if variable is None:
                self.broken.add(name)
            else:
                variables.append(variable)
                values = frozenset(variable.values) if variable.type == "enum" else None
                kind = {"int": INT, "bool": BOOL, "enum": TEXT}[variable.type]
                self.symbols[name] = Symbol(name, len(self.symbols) + 1, kind, variable.low, variable.high, values)
        return variables

    def read_variable(self, name: str, raw: Any) -> Variable | None:
        path, what = ("variables", name), f"variable {name!r}"
        if not name.isidentifier() or keyword.iskeyword(name) or name in RESERVED:
            self.problem(path, f"variable name {name!r} cannot be used",
                         "use letters, digits and _, not starting with a digit, and not a reserved word "
                         f"({', '.join(sorted(RESERVED))})")
            return None
        table = self.table(path, raw, _VARIABLE_KEYS, what)
        kind = self.get(table, path, "type", str, what)
        if kind is None:
            return None
        if kind not in ("int", "bool", "enum"):
            self.problem((*path, "type"), f"type of {what} must be int, bool or enum, not {kind!r}")
            return None
        for key, owner in (("min", "int"), ("max", "int"), ("values", "enum")):
            if key in table and kind != owner:
                self.problem((*path, key), f"{key} applies only to {owner} variables; {what} is {kind}")
        common = dict(
            label=self.get(table, path, "label", str, what, name),
            visible_to=self.visible_to(table, path, what),
            group=self.get(table, path, "group", str, what, ""),
            description=self.get(table, path, "description", str, what, ""),
            source=self.get(table, path, "source", str, what, ""),
            line=self.lines.line(path),
        )
        if kind == "int":
            return self.read_int(table, path, what, name, common)
        if kind == "bool":
            initial = self.get(table, path, "initial", bool, what)
            return None if initial is None else Variable(name, type="bool", initial=initial, **common)
        return self.read_enum(table, path, what, name, common)

    def read_int(self, table: dict, path: tuple, what: str, name: str, common: dict) -> Variable | None:
        low = self.get(table, path, "min", int, what)
        high = self.get(table, path, "max", int, what)
        initial = self.get(table, path, "initial", int, what)
        if None in (low, high, initial):
            return None
        for key, value in (("min", low), ("max", high)):
            if abs(value) > MAX_INT:
                self.problem((*path, key), f"{key} of {what} is too large", f"keep within ±{MAX_INT:,}")
                return None
        if low > high:
            self.problem((*path, "min"), f"min of {what} ({low}) is above its max ({high})")
            return None
        if not low <= initial <= high:
            self.problem((*path, "initial"), f"initial of {what} ({initial}) is outside {low}..{high}")
            return None
        return Variable(name, type="int", initial=initial, low=low, high=high, **common)

    def read_enum(self, table: dict, path: tuple, what: str, name: str, common: dict) -> Variable | None:
        if "values" not in table:
            self.problem(path, f"{what} is an enum but has no values", 'e.g. values = ["low", "high"]')
            return None
        values = self.strings(table, path, "values", what)
        if not values:
            self.problem((*path, "values"), f"values of {what} must list at least one value")
            return None
        if len(set(values)) != len(values):
            self.problem((*path, "values"), f"values of {what} lists a value twice")
        initial = self.get(table, path, "initial", str, what)
        if initial is None:
            return None
        if initial not in values:
            self.problem((*path, "initial"), f"initial of {what} is {initial!r}, not one of its values",
                         f"values: {', '.join(values)}")
            return None
        return Variable(name, type="enum", initial=initial, values=tuple(dict.fromkeys(values)), **common)

    def read_action(self, path: tuple, raw: Any) -> Action | None:
        table = self.table(path, raw, _ACTION_KEYS, "action")
        action_id = self.get(table, path, "id", str, "an action")
        self.unique("action", action_id, path)
        what = f"action {action_id!r}" if action_id else "action"
        actor = self.get(table, path, "actor", str, what)
        label = self.get(table, path, "label", str, what)
        if actor is not None and actor not in self.seats:
            hint = "only seats act through actions; other actors act through [[events]]" \
                if actor in self.actors else _close(actor, self.seats)
            self.problem((*path, "actor"), f"actor {actor!r} of {what} is not a seat", hint)
        if "effects" not in table and "chance" not in table:
            self.problem(path, f"{what} has neither effects nor a chance", "add effects = [...]")
        if "fail_effects" in table and "chance" not in table:
            self.problem((*path, "fail_effects"), f"{what} has fail_effects but no chance",
                         "fail_effects apply when a chance fails")
        visibility = self.get(table, path, "visibility", str, what, PUBLIC)
        if visibility not in (PUBLIC, PRIVATE):
            self.problem((*path, "visibility"), f"visibility of {what} must be public or private, not {visibility!r}")
        if action_id is not None and actor is not None and action_id == hold_id(actor) and "when" in table:
            self.problem((*path, "when"), f"{what} replaces the built-in hold, which must always be available",
                         "remove its when")
        action = Action(
            id=action_id or "",
            actor=actor or "",
            label=label or action_id or "",
            when=self.expression(table.get("when"), (*path, "when"), f"{what} when", BOOL),
            chance=self.expression(table.get("chance"), (*path, "chance"), f"{what} chance", "number"),
            effects=self.effects(table, path, "effects", what),
            fail_effects=self.effects(table, path, "fail_effects", what),
            visibility=visibility if visibility in (PUBLIC, PRIVATE) else PUBLIC,
            unavailable=self.get(table, path, "unavailable", str, what, ""),
            description=self.get(table, path, "description", str, what, ""),
            tags=tuple(self.strings(table, path, "tags", what)),
            source=self.get(table, path, "source", str, what, ""),
            history=self.get(table, path, "history", str, what, ""),
            line=self.lines.line(path),
        )
        return action if action_id and actor in self.seats and label is not None else None

    def add_holds(self, actions: list[Action], seats: list[str]) -> list[Action]:
        """Give every seat the built-in hold action unless it defines its own."""
        ids = {a.id for a in actions}
        builtin = [Action(hold_id(seat), seat, HOLD_LABEL, builtin=True) for seat in seats
                   if hold_id(seat) not in ids]
        return actions + builtin

    def read_event(self, path: tuple, raw: Any) -> Event | None:
        table = self.table(path, raw, _EVENT_KEYS, "event")
        event_id = self.get(table, path, "id", str, "an event")
        self.unique("event", event_id, path)
        what = f"event {event_id!r}" if event_id else "event"
        if "when" not in table:
            self.problem(path, f"{what} is missing the required key 'when'", 'e.g. when = "turn == 6"')
        when = self.expression(table.get("when"), (*path, "when"), f"{what} when", BOOL)
        event = Event(
            id=event_id or "",
            when=when,
            text=self.get(table, path, "text", str, what, ""),
            once=self.get(table, path, "once", bool, what, True),
            chance=self.expression(table.get("chance"), (*path, "chance"), f"{what} chance", "number"),
            effects=self.effects(table, path, "effects", what),
            visible_to=self.visible_to(table, path, what),
            source=self.get(table, path, "source", str, what, ""),
            history=self.get(table, path, "history", str, what, ""),
            line=self.lines.line(path),
        )
        return event if event_id and when is not None else None

    def read_ending(self, path: tuple, raw: Any) -> Ending | None:
        table = self.table(path, raw, _ENDING_KEYS, "ending")
        ending_id = self.get(table, path, "id", str, "ending", f"ending-{path[1] + 1}")
        self.unique("ending", ending_id, path)
        what = f"ending {ending_id!r}"
        text = self.get(table, path, "text", str, what)
        if "when" not in table:
            self.problem(path, f"{what} is missing the required key 'when'")
        when = self.expression(table.get("when"), (*path, "when"), f"{what} when", BOOL)
        source = self.get(table, path, "source", str, what, "")
        if when is None or text is None:
            return None
        return Ending(ending_id, when, text, source or "", self.lines.line(path))

    def read_objectives(self) -> dict[str, Objective]:
        section = self.document.get("objectives", {})
        if not isinstance(section, dict):
            self.problem(("objectives",), "objectives must be a table: [objectives] with one line per seat")
            return {}
        objectives = {}
        for seat, raw in section.items():
            path, what = ("objectives", seat), f"objective of {seat!r}"
            if seat not in self.seats:
                self.problem(path, f"objective for {seat!r}, which is not a seat", _close(seat, self.seats))
                continue
            if isinstance(raw, dict):
                table = self.table(path, raw, _OBJECTIVE_KEYS, what)
                score, text = self.get(table, path, "score", str, what), self.get(table, path, "text", str, what, "")
                path = (*path, "score")
            else:
                score, text = raw, ""
                if not isinstance(raw, str):
                    self.problem(path, f"{what} must be a score expression or a table with score and text")
                    continue
            compiled = self.expression(score, path, what, "number")
            if compiled is not None:
                objectives[seat] = Objective(seat, compiled, text or "", self.lines.line(path))
        return objectives

    def read_map(self) -> MapSpec | None:
        if "map" not in self.document:
            return None
        table = self.table(("map",), self.document["map"], _MAP_KEYS, "[map]")
        width = self.get(table, ("map",), "width", int, "[map]", 60)
        height = self.get(table, ("map",), "height", int, "[map]", 20)
        for key, value in (("width", width), ("height", height)):
            if value is not None and not 4 <= value <= 400:
                self.problem(("map", key), f"{key} of [map] must be from 4 to 400, not {value}")
        art = self.get(table, ("map",), "art", str, "[map]", "")
        places = []
        for i, raw in enumerate(self.get(table, ("map",), "places", list, "[map]", []) or []):
            place = self.read_place(("map", "places", i), raw, width or 0, height or 0)
            if place:
                places.append(place)
        self.place_ids = {p.id for p in places}
        routes = []
        for i, raw in enumerate(self.get(table, ("map",), "routes", list, "[map]", []) or []):
            route = self.read_route(("map", "routes", i), raw)
            if route:
                routes.append(route)
        return MapSpec(width or 60, height or 20, tuple(places), tuple(routes), art or "")

    def read_place(self, path: tuple, raw: Any, width: int, height: int) -> Place | None:
        table = self.table(path, raw, _PLACE_KEYS, "map place")
        place_id = self.get(table, path, "id", str, "map place")
        what = f"map place {place_id!r}"
        name = self.get(table, path, "name", str, what)
        x, y = self.get(table, path, "x", int, what), self.get(table, path, "y", int, what)
        for key, value, limit in (("x", x, width), ("y", y, height)):
            if value is not None and not 0 <= value < limit:
                self.problem((*path, key), f"{key} of {what} is {value}, outside the map (0..{limit - 1})")
        status = self.expression(table.get("status"), (*path, "status"), f"{what} status", TEXT)
        kind = self.get(table, path, "kind", str, what, "")
        if None in (place_id, name, x, y):
            return None
        return Place(place_id, name, x, y, kind or "", status, self.lines.line(path))

    def read_route(self, path: tuple, raw: Any) -> Route | None:
        table = self.table(path, raw, _ROUTE_KEYS, "map route")
        ends = [self.get(table, path, key, str, "map route") for key in ("from", "to")]
        for key, end in zip(("from", "to"), ends):
            if end is not None and end not in self.place_ids:
                self.problem((*path, key), f"map route {key} {end!r} is not a place", _close(end, self.place_ids))
        when = self.expression(table.get("when"), (*path, "when"), "map route when", BOOL)
        label = self.get(table, path, "label", str, "map route", "")
        if None in ends:
            return None
        return Route(ends[0], ends[1], label or "", when, self.lines.line(path))



def hold_id(seat: str) -> str:
    """The id of a seat's hold action, built in unless the scenario defines it."""
    return f"{seat}.hold"


def _close(name: str, candidates: Mapping[str, Any] | set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(candidates), n=1)
    return f"did you mean {close[0]!r}?" if close else ""
