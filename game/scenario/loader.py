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
import hashlib
import keyword
import re
import tomllib
from pathlib import Path
from typing import Any

from game.engine.arithmetic import LIMIT
from game.engine.expressions import (
    BOOL,
    INT,
    RESERVED,
    TEXT,
    TURN,
    Expression,
    Symbol,
    compile_expression,
)
from game.engine.model import (
    DEFAULT_END_TEXT,
    PRIVATE,
    PUBLIC,
    Action,
    Actor,
    Clause,
    Ending,
    Event,
    MapSpec,
    Objective,
    Origin,
    Place,
    Route,
    Scenario,
    Variable,
    hold_id,
)
from game.errors import ExpressionError, ScenarioError
from game.scenario.arguments import read_arguments
from game.scenario.beliefs import read_beliefs
from game.scenario.classroom import read_class
from game.scenario.injects import check_injects, read_injects
from game.scenario.questions import read_questions
from game.scenario.reading import ID, ID_RULE, MAX_TURNS, Reader, close
from game.scenario.source_file import MAX_BYTES, read_text
from game.scenario.strategies import read_balance, read_strategies
from game.scenario.toml_errors import plain_problem

FORMAT = 1
_ACTOR_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

_ROOT_KEYS = {"format", "scenario", "actors", "variables", "actions", "events", "objectives", "endings", "map",
              "strategies", "balance", "questions", "beliefs", "arguments", "injects", "class"}
_SCENARIO_KEYS = {"id", "title", "summary", "source", "start_date", "turn_days", "turns", "seats", "end_text"}
_ACTOR_KEYS = {"name", "article", "short_name", "briefing"}
_VARIABLE_KEYS = {"label", "type", "min", "max", "initial", "values", "value_labels", "visible_to", "source",
                  "assumption", "description", "group"}
_ACTION_KEYS = {"id", "actor", "label", "when", "chance", "effects", "fail_effects", "visibility",
                "unavailable", "description", "tags", "source", "assumption", "history", "reveals"}
_EVENT_KEYS = {"id", "when", "once", "chance", "effects", "text", "visible_to", "source", "assumption", "history",
               "reveals"}
_ENDING_KEYS = {"id", "when", "text", "source", "assumption"}
_OBJECTIVE_KEYS = {"score", "text"}
_CLAUSE_KEYS = {"if", "unavailable"}
_MAP_KEYS = {"width", "height", "art", "places", "routes", "kinds"}
_PLACE_KEYS = {"id", "name", "x", "y", "kind", "status"}
_ROUTE_KEYS = {"from", "to", "label", "when"}
HOLD_LABEL = "Hold: take no action this turn"


def load_scenario(path: str | Path) -> Scenario:
    """Read and load a scenario file; raises :class:`ScenarioError` on any problem."""
    return parse_scenario(read_text(Path(path)), str(path))


def parse_scenario(text: str, filename: str = "<scenario>") -> Scenario:
    """Load a scenario from its text; ``filename`` is used in messages and kept in the origin."""
    try:
        too_large = len(text) > MAX_BYTES or len(text.encode()) > MAX_BYTES
    except UnicodeEncodeError:  # a lone surrogate: no file could hold it
        raise ScenarioError([f"{filename}:1: not UTF-8 text (save the file as UTF-8)"]) from None
    if too_large:
        raise ScenarioError([f"{filename}:1: larger than {MAX_BYTES:,} bytes (is this a scenario file?)"])
    if text.startswith("\ufeff"):
        raise ScenarioError([f"{filename}:1: the file starts with a byte-order mark (BOM), which TOML does "
                             "not allow (save it as UTF-8 without BOM)"])
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError([plain_problem(filename, str(error), text)]) from None
    except RecursionError:  # tomllib recurses once per level: a few hundred nested [ or { exhaust it
        raise ScenarioError([f"{filename}:1: not valid TOML: arrays or tables nested too deeply"]) from None
    except ValueError:  # int() of more digits than Python converts (4,300): tomllib lets it through
        raise ScenarioError([_too_many_digits(filename, text)]) from None
    return _Loader(document, text, filename).load()


def _too_many_digits(filename: str, text: str) -> str:
    """The problem of a whole number too long for Python to read, at its line."""
    number = re.search(r"[0-9][0-9_]{999,}", text)
    line = text.count("\n", 0, number.start()) + 1 if number else 1
    return f"{filename}:{line}: a number thousands of digits long: no value of a scenario is that large"


class _Loader(Reader):
    """One load: walks the parsed document's sections with the checked accessors of ``Reader``."""

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
        self.holds = {hold_id(seat): seat for seat in seats}
        texts = self.read_head_texts(head)
        variables = self.read_variables()
        self.symbols[TURN] = Symbol(TURN, 0, INT, 1, self.turns)
        self.after_play = {**self.symbols, TURN: Symbol(TURN, 0, INT, 1, self.turns + 1)}
        actions = self.sequence("actions", "action", self.read_action)
        actions = self.add_holds(actions, seats)
        events = self.sequence("events", "event", self.read_event)
        endings = self.sequence("endings", "ending", self.read_ending)
        objectives = self.read_objectives()
        map_spec = self.read_map()
        strategies = read_strategies(self, actions)
        balance = read_balance(self, actions, strategies)
        questions = read_questions(self)
        beliefs = read_beliefs(self, self.ending_ids())
        arguments = read_arguments(self, seats)
        injects = read_injects(self)
        classroom = read_class(self)
        self._raise_if_problems()
        scenario = Scenario(
            format=fmt,
            id=head["id"],
            title=texts["title"],
            turns=head["turns"],
            seats=tuple(seats),
            actors=self.actors,
            variables=tuple(variables),
            actions=tuple(actions),
            events=tuple(events),
            endings=tuple(endings),
            objectives=objectives,
            summary=texts["summary"],
            source=texts["source"],
            start_date=head.get("start_date"),
            turn_days=head.get("turn_days", 7),
            end_text=texts["end_text"],
            map=map_spec,
            strategies=tuple(strategies),
            balance=balance,
            questions=tuple(questions),
            beliefs=tuple(beliefs),
            arguments=arguments,
            injects=tuple(injects),
            classroom=classroom,
            origin=Origin(self.filename, self.text, hashlib.sha256(self.text.encode()).hexdigest()),
            warnings=tuple(message for _, message in sorted(self.warnings, key=lambda item: item[0])),
        )
        check_injects(self, scenario)
        self._raise_if_problems()
        return scenario

    def ending_ids(self) -> list[str]:
        """The id of every ``[[endings]]`` table, sound or not (a broken ending is reported once, by itself)."""
        tables = self.document.get("endings", [])
        return [t["id"] for t in tables if isinstance(t, dict) and isinstance(t.get("id"), str)] \
            if isinstance(tables, list) else []

    def read_seats(self, head: dict) -> list[str]:
        path = ("scenario",)
        self.ident(head, path, "id", "[scenario]")
        turns = self.get(head, path, "turns", int, "[scenario]")
        if turns is not None and not 1 <= turns <= MAX_TURNS:
            self.problem((*path, "turns"), f"turns must be from 1 to {MAX_TURNS}, not {turns}")
        elif turns is not None:
            self.turns = turns
        days = self.get(head, path, "turn_days", int, "[scenario]", 7)
        if days is not None and days < 1:
            self.problem((*path, "turn_days"), f"turn_days must be at least 1, not {days}")
        start = self.get(head, path, "start_date", datetime.date, "[scenario]", None)
        if isinstance(start, datetime.datetime):
            self.problem((*path, "start_date"), "start_date must be a date without a time", "e.g. 2021-06-21")
        elif start is not None and days is not None and days >= 1:
            self.check_calendar(start, days)
        seats = self.strings(head, path, "seats", "[scenario]") if "seats" in head else None
        if seats is None:
            self.problem(path, "[scenario] is missing the required key 'seats'")
            return []
        if not seats:
            self.problem((*path, "seats"), "seats must name at least one actor")
        first: dict[str, int] = {}
        for i, seat in enumerate(seats):
            if seat not in self.actors:
                self.problem((*path, "seats", i), f"seat {seat!r} is not an actor",
                             close(seat, self.actors) or f"add an [actors.{seat}] table")
            if first.setdefault(seat, i) != i:
                self.problem((*path, "seats", i), f"seat {seat!r} is listed twice")
        return [s for i, s in enumerate(seats) if s in self.actors and first[s] == i]

    def check_calendar(self, start: datetime.date, days: int) -> None:
        """Every turn has a date, the one after the last included (the game's end is dated too)."""
        last = start.toordinal() + self.turns * days
        if last > datetime.date.max.toordinal():
            weekly = start.toordinal() + self.turns * 7 <= datetime.date.max.toordinal()
            key = "turn_days" if weekly and "turn_days" in self.document["scenario"] else "start_date"
            self.problem(("scenario", key), f"the game would end after {datetime.date.max}, the last date "
                         f"there is ({self.turns} turns of {days:,} days from {start})",
                         "start earlier, or make turns or turn_days smaller")

    def read_head_texts(self, head: dict) -> dict[str, str | None]:
        path, what = ("scenario",), "[scenario]"
        title = self.author_text(head, path, "title", what)
        if title is not None and not title.strip():
            self.problem((*path, "title"), "title in [scenario] must not be empty")
        return {"title": title, "summary": self.author_text(head, path, "summary", what, "", lines=True),
                "source": self.author_text(head, path, "source", what, "", lines=True),
                "end_text": self.author_text(head, path, "end_text", what, DEFAULT_END_TEXT, lines=True)}

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
            what = f"actor {actor_id!r}"
            name = self.author_text(table, path, "name", what)
            if name is not None and not name.strip():
                self.problem((*path, "name"), f"name of {what} must not be empty")
            briefing = self.author_text(table, path, "briefing", what, "", lines=True)
            article = self.author_text(table, path, "article", what, "")
            short_name = self.author_text(table, path, "short_name", what, "")
            actors[actor_id] = Actor(actor_id, name or actor_id, briefing or "", (article or "").strip(),
                                     (short_name or "").strip())
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
                self.variables[name] = variable
                self.symbols[name] = variable.symbol(len(self.symbols) + 1)
        return variables

    def read_variable(self, name: str, raw: Any) -> Variable | None:
        path, what = ("variables", name), f"variable {name!r}"
        if not _VARIABLE_NAME.match(name) or keyword.iskeyword(name) or name in RESERVED:
            self.problem(path, f"variable name {name!r} cannot be used",
                         "use ASCII letters, digits and _, not starting with a digit, and not a reserved word "
                         f"({', '.join(sorted(RESERVED))})")
            return None
        table = self.table(path, raw, _VARIABLE_KEYS, what)
        kind = self.get(table, path, "type", str, what)
        if kind is None:
            return None
        if kind not in ("int", "bool", "enum"):
            self.problem((*path, "type"), f"type of {what} must be int, bool or enum, not {kind!r}")
            return None
        for key, owner in (("min", "int"), ("max", "int"), ("values", "enum"), ("value_labels", "enum")):
            if key in table and kind != owner:
                self.problem((*path, key), f"{key} applies only to {owner} variables; {what} is {kind}")
        common = dict(
            label=self.author_text(table, path, "label", what, name),
            visible_to=self.visible_to(table, path, what),
            group=self.author_text(table, path, "group", what, ""),
            description=self.author_text(table, path, "description", what, "", lines=True),
            source=self.author_text(table, path, "source", what, "", lines=True),
            assumption=self.author_text(table, path, "assumption", what, "", lines=True),
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
            if abs(value) > LIMIT:
                self.problem((*path, key), f"{key} of {what} is too large", f"keep within ±{LIMIT:,}")
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
        for i, value in enumerate(values):
            if not ID.match(value):
                self.problem((*path, "values", i), f"value {value!r} of {what} must hold {ID_RULE}")
        initial = self.get(table, path, "initial", str, what)
        if initial is None:
            return None
        if initial not in values:
            self.problem((*path, "initial"), f"initial of {what} is {initial!r}, not one of its values",
                         f"values: {', '.join(values)}")
            return None
        return Variable(name, type="enum", initial=initial, values=tuple(dict.fromkeys(values)),
                        value_labels=self.value_labels(table, path, what, values), **common)

    def value_labels(self, table: dict, path: tuple, what: str, values: list[str]) -> dict[str, str]:
        """``value_labels``: how players read each value of an enum (a value without one shows as written)."""
        raw = self.get(table, path, "value_labels", dict, what, {}) or {}
        labels = {}
        for value in raw:
            label = self.author_text(raw, (*path, "value_labels"), value, f"value_labels of {what}")
            if value not in values:
                self.problem((*path, "value_labels", value), f"value_labels of {what} names {value!r}, which is "
                             "not one of its values", close(value, set(values)) or f"values: {', '.join(values)}")
            elif label is not None and not label.strip():
                self.problem((*path, "value_labels", value), f"the label of {value!r} in {what} is empty")
            elif label is not None:
                labels[value] = label.strip()
        return labels

    def read_action(self, path: tuple, raw: Any) -> Action | None:
        table = self.table(path, raw, _ACTION_KEYS, "action")
        action_id = self.ident(table, path, "id", "an action")
        self.unique("action", action_id, path)
        what = f"action {action_id!r}" if action_id else "action"
        actor = self.get(table, path, "actor", str, what)
        label = self.author_text(table, path, "label", what)
        if actor is not None and actor not in self.seats:
            hint = "only seats act through actions; other actors act through [[events]]" \
                if actor in self.actors else close(actor, self.seats)
            self.problem((*path, "actor"), f"actor {actor!r} of {what} is not a seat", hint)
        if "effects" not in table and "chance" not in table:
            self.problem(path, f"{what} has neither effects nor a chance", "add effects = [...]")
        if "fail_effects" in table and "chance" not in table:
            self.problem((*path, "fail_effects"), f"{what} has fail_effects but no chance",
                         "fail_effects apply when a chance fails")
        visibility = self.get(table, path, "visibility", str, what, PUBLIC)
        if visibility not in (PUBLIC, PRIVATE):
            self.problem((*path, "visibility"), f"visibility of {what} must be public or private, not {visibility!r}")
        if action_id in self.holds and actor is not None and actor != self.holds[action_id]:
            self.problem((*path, "id"), f"{what} is the id of the hold of {self.holds[action_id]!r}, "
                         f"but its actor is {actor!r}", "a seat's hold is SEAT.hold; choose another id")
        elif action_id in self.holds and "when" in table:
            self.problem((*path, "when"), f"{what} replaces the built-in hold, which must always be available",
                         "remove its when")
        self.strings(table, path, "tags", what)  # accepted (format 1), not used by this version
        clauses: tuple[Clause, ...] = ()
        if isinstance(table.get("when"), list):
            clauses = self.clauses(table, path, what)
            when = self.conjunction(clauses, path, what)
        else:
            when = self.condition(table, path, what)
        if when is not None and actor in self.seats:
            self.check_knowable(when, actor, (*path, "when"), what)
        action = Action(
            id=action_id or "",
            actor=actor or "",
            label=label or action_id or "",
            when=when,
            chance=self.chance(table, path, what),
            effects=self.effects(table, path, "effects", what),
            fail_effects=self.effects(table, path, "fail_effects", what),
            visibility=visibility if visibility in (PUBLIC, PRIVATE) else PUBLIC,
            unavailable=self.author_text(table, path, "unavailable", what, ""),
            description=self.author_text(table, path, "description", what, "", lines=True),
            source=self.author_text(table, path, "source", what, "", lines=True),
            assumption=self.author_text(table, path, "assumption", what, "", lines=True),
            history=self.author_text(table, path, "history", what, "", lines=True),
            reveals=self.reveals(table, path, what),
            line=self.lines.line(path),
            clauses=clauses,
        )
        if action_id in self.holds and actor != self.holds[action_id]:
            return None
        return action if action_id and actor in self.seats and label is not None else None

    def clauses(self, table: dict, path: tuple, what: str) -> tuple[Clause, ...]:
        """A ``when`` written as parts that must all hold, each with the words shown when it fails."""
        if "unavailable" in table:
            self.problem((*path, "unavailable"), f"{what} gives its when as parts, each with its own unavailable",
                         "move this text into the part it is about")
        items = table["when"]
        if not items:
            self.problem((*path, "when"), f"the when of {what} is an empty list", "leave when out: always possible")
        clauses = []
        for i, raw in enumerate(items):
            where = (*path, "when", i)
            part = f"part {i + 1} of the when of {what}"
            if not isinstance(raw, dict):
                self.problem(where, f"{part} must be a table such as {{ if = \"x > 0\", unavailable = \"why not\" }}")
                continue
            clause = self.table(where, raw, _CLAUSE_KEYS, part)
            reason = self.author_text(clause, where, "unavailable", part)
            if reason is not None and not reason.strip():
                self.problem((*where, "unavailable"), f"the unavailable of {part} is empty",
                             "say what stops the action, as a player would read it")
            if "if" not in clause:
                self.problem(where, f"{part} is missing the required key 'if'")
                continue
            when = self.expression(clause["if"], (*where, "if"), f"{part}", BOOL)
            if when is not None:
                if when.domain == {False}:
                    self.warning((*where, "if"), f"{part} {when.text!r} can never hold")
                clauses.append(Clause(when, (reason or "").strip(), self.lines.line(where)))
        return tuple(clauses)

    def conjunction(self, clauses: tuple[Clause, ...], path: tuple, what: str) -> Expression | None:
        """The one condition the parts make (what the engine, its fast path and lint evaluate)."""
        if not clauses:
            return None
        text = " and ".join(f"({clause.when.text})" if len(clauses) > 1 else clause.when.text
                            for clause in clauses)
        try:
            return compile_expression(text, self.symbols, expect=BOOL)
        except ExpressionError as error:
            self.problem((*path, "when"), f"the parts of the when of {what} together: {error.message}",
                         error.hint)
            return None

    def add_holds(self, actions: list[Action], seats: list[str]) -> list[Action]:
        """Give every seat the built-in hold action unless it defines its own."""
        ids = {a.id for a in actions}
        builtin = [Action(hold_id(seat), seat, HOLD_LABEL, builtin=True) for seat in seats
                   if hold_id(seat) not in ids]
        return actions + builtin

    def read_event(self, path: tuple, raw: Any) -> Event | None:
        table = self.table(path, raw, _EVENT_KEYS, "event")
        event_id = self.ident(table, path, "id", "an event")
        self.unique("event", event_id, path)
        what = f"event {event_id!r}" if event_id else "event"
        if "when" not in table:
            self.problem(path, f"{what} is missing the required key 'when'", 'e.g. when = "turn == 6"')
        when = self.condition(table, path, what)
        event = Event(
            id=event_id or "",
            when=when,
            text=self.author_text(table, path, "text", what, "", lines=True),
            once=self.get(table, path, "once", bool, what, True),
            chance=self.chance(table, path, what),
            effects=self.effects(table, path, "effects", what),
            visible_to=self.visible_to(table, path, what),
            source=self.author_text(table, path, "source", what, "", lines=True),
            assumption=self.author_text(table, path, "assumption", what, "", lines=True),
            history=self.author_text(table, path, "history", what, "", lines=True),
            reveals=self.reveals(table, path, what),
            line=self.lines.line(path),
        )
        return event if event_id and when is not None else None

    def read_ending(self, path: tuple, raw: Any) -> Ending | None:
        table = self.table(path, raw, _ENDING_KEYS, "ending")
        ending_id = self.ident(table, path, "id", "ending", f"ending-{path[1] + 1}")
        self.unique("ending", ending_id, path)
        what = f"ending {ending_id!r}"
        text = self.author_text(table, path, "text", what, lines=True)
        if "when" not in table:
            self.problem(path, f"{what} is missing the required key 'when'")
        when = self.condition(table, path, what)
        source = self.author_text(table, path, "source", what, "", lines=True)
        assumption = self.author_text(table, path, "assumption", what, "", lines=True)
        if when is None or text is None or ending_id is None:
            return None
        return Ending(ending_id, when, text, source or "", assumption or "", self.lines.line(path))

    def read_objectives(self) -> dict[str, Objective]:
        section = self.document.get("objectives", {})
        if not isinstance(section, dict):
            self.problem(("objectives",), "objectives must be a table: [objectives] with one line per seat")
            return {}
        objectives = {}
        for seat, raw in section.items():
            path, what = ("objectives", seat), f"objective of {seat!r}"
            if seat not in self.seats:
                self.problem(path, f"objective for {seat!r}, which is not a seat", close(seat, self.seats))
                continue
            if isinstance(raw, dict):
                table = self.table(path, raw, _OBJECTIVE_KEYS, what)
                score = self.get(table, path, "score", str, what)
                text = self.author_text(table, path, "text", what, "", lines=True)
                path = (*path, "score")
            else:
                score, text = raw, ""
                if not isinstance(raw, str):
                    self.problem(path, f"{what} must be a score expression or a table with score and text")
                    continue
            compiled = self.expression(score, path, what, "number", after_play=True)
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
        art = self.author_text(table, ("map",), "art", "[map]", "", lines=True)
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
        return MapSpec(width or 60, height or 20, tuple(places), tuple(routes), art or "",
                       self.kinds(table, {p.kind for p in places}))

    def kinds(self, table: dict, used: set[str]) -> dict[str, str]:
        """``[map.kinds]``: how the legend names each kind of place (a kind without one shows as written)."""
        raw = self.get(table, ("map",), "kinds", dict, "[map]", {}) or {}
        labels = {}
        for kind in raw:
            path = ("map", "kinds", kind)
            label = self.author_text(raw, ("map", "kinds"), kind, "[map.kinds]")
            if kind not in used:
                self.problem(path, f"[map.kinds] names {kind!r}, which no place is", close(kind, used))
            elif label is not None and not label.strip():
                self.problem(path, f"the label of kind {kind!r} in [map.kinds] is empty")
            elif label is not None:
                labels[kind] = label.strip()
        return labels

    def read_place(self, path: tuple, raw: Any, width: int, height: int) -> Place | None:
        table = self.table(path, raw, _PLACE_KEYS, "map place")
        place_id = self.ident(table, path, "id", "map place")
        what = f"map place {place_id!r}"
        name = self.author_text(table, path, "name", what)
        x, y = self.get(table, path, "x", int, what), self.get(table, path, "y", int, what)
        for key, value, limit in (("x", x, width), ("y", y, height)):
            if value is not None and not 0 <= value < limit:
                self.problem((*path, key), f"{key} of {what} is {value}, outside the map (0..{limit - 1})")
        status = self.expression(table.get("status"), (*path, "status"), f"{what} status", TEXT, after_play=True)
        kind = self.author_text(table, path, "kind", what, "")
        if None in (place_id, name, x, y):
            return None
        return Place(place_id, name, x, y, kind or "", status, self.lines.line(path))

    def read_route(self, path: tuple, raw: Any) -> Route | None:
        table = self.table(path, raw, _ROUTE_KEYS, "map route")
        ends = [self.get(table, path, key, str, "map route") for key in ("from", "to")]
        for key, end in zip(("from", "to"), ends):
            if end is not None and end not in self.place_ids:
                self.problem((*path, key), f"map route {key} {end!r} is not a place", close(end, self.place_ids))
        when = self.condition(table, path, "map route", after_play=True)
        label = self.author_text(table, path, "label", "map route", "")
        if None in ends:
            return None
        return Route(ends[0], ends[1], label or "", when, self.lines.line(path))
