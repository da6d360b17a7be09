"""A scenario's rules as generated Python, compiled once: the functions the fast path calls.

The interpreter (closures built by ``expressions.py``) stays the reference.
For bulk play each rule becomes a small straight-line function written from
the already-checked expression trees (``Expression.code``): variables are
slots of the environment list ``e``, literals are ``repr``'d constants, and
the only names called are the arithmetic helpers of ``CODE_HELPERS``. Nothing
an author typed is handed to Python's compiler as code, and the functions run
with no builtins.

What is generated, per scenario:

- per action or event: its condition, its chance (already a probability) and
  the effects of success and of failure, which apply in place and say whether
  a value changed;
- per seat: which of its actions may be chosen, and the values it may see;
- the endings (which one holds, and whether the game is over), and the scores;
- the events phase of a turn for bulk play, every event inline in file order
  (``events(e, fired, keys, applied, draws, rules, forced)``, see ``fastpath.resolve``).

The same text always gives the same functions, so they are made once per
scenario text and process (cached by the text's SHA-256).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from game.engine import arithmetic
from game.engine.draws import draw_keyed
from game.engine.expressions import CODE_HELPERS, INT, Effect, Expression
from game.engine.model import Scenario

CACHED = 16
"""Scenario texts whose generated functions a process keeps."""

_CACHE: OrderedDict[str, dict[str, Any]] = OrderedDict()


def functions(scenario: Scenario) -> dict[str, Any]:
    """The generated functions of ``scenario``, by name (see :class:`_Writer` for the names)."""
    key = scenario.origin.sha256
    found = _CACHE.get(key) if key else None
    if found is not None:
        _CACHE.move_to_end(key)
        return found
    made = _Writer(scenario).compile()
    if key:
        _CACHE[key] = made
        while len(_CACHE) > CACHED:
            _CACHE.popitem(last=False)
    return made


def rule_names(number: int) -> tuple[str, str, str, str]:
    """Names of rule ``number``'s condition, chance, success and failure functions."""
    return f"when_{number}", f"chance_{number}", f"hit_{number}", f"miss_{number}"


def seat_names(number: int) -> tuple[str, str, str]:
    """Names of seat ``number``'s availability, visible values and score functions."""
    return f"available_{number}", f"visible_{number}", f"score_{number}"


class _Writer:
    """Writes one scenario's module source; rules are numbered actions first, then events."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {"__builtins__": {}, **CODE_HELPERS, "_prob": arithmetic.probability,
                                          "_draw": draw_keyed}

    def compile(self) -> dict[str, Any]:
        scenario = self.scenario
        for number, rule in enumerate((*scenario.actions, *scenario.events)):
            self.rule(number, rule.when, rule.chance, rule.effects, getattr(rule, "fail_effects", ()))
        for number, seat in enumerate(scenario.seats):
            self.seat(number, seat)
        self.outcome()
        self.events_phase()
        source = "\n".join(self.lines) + "\n"
        exec(compile(source, f"<scenario {scenario.id} {scenario.origin.sha256[:12]}>", "exec"), self.namespace)
        self.namespace["__source__"] = source
        return self.namespace

    def code(self, expression: Expression) -> str:
        """The expression's source, or a call of its closure when it has none."""
        if expression.code is not None:
            return expression.code
        name = f"_closure_{len(self.namespace)}"
        self.namespace[name] = expression.evaluate
        return f"{name}(e)"

    def define(self, name: str, body: Sequence[str]) -> None:
        self.lines += [f"def {name}(e):", *(f"    {line}" for line in body), ""]

    def rule(self, number: int, when: Expression | None, chance: Expression | None,
             effects: Sequence[Effect], fail_effects: Sequence[Effect]) -> None:
        when_name, chance_name, hit_name, miss_name = rule_names(number)
        if when is not None:
            self.define(when_name, [f"return {self.code(when)}"])
        if chance is not None:
            self.define(chance_name, [f"return _prob({self.code(chance)})"])
        self.define(hit_name, self.effects(effects))
        self.define(miss_name, self.effects(fail_effects))

    def effects(self, effects: Sequence[Effect]) -> list[str]:
        """Apply ``effects`` in order (each sees the ones before), as ``Effect.compute`` does."""
        if not effects:
            return ["return False"]
        body = ["c = False"]
        for effect in effects:
            body += self.effect(effect)
            body += [f"if v != e[{effect.slot}]:", f"    e[{effect.slot}] = v", "    c = True"]
        return [*body, "return c"]

    def effect(self, effect: Effect) -> list[str]:
        """Lines leaving in ``v`` the effect's new value: saturated arithmetic, then its variable's clamp."""
        value = self.code(effect.expression)
        variable = self.scenario.variable(effect.target)
        if variable.type != INT:
            return [f"v = {value}"]
        low, high = variable.low, variable.high
        bounds = effect.expression.bounds
        if effect.operator == "=":
            lines, rises, falls = [f"v = {value}"], bounds[1] > high, bounds[0] < low
        else:
            sign = "+" if effect.operator == "+=" else "-"
            moves_up = bounds[1] > 0 if sign == "+" else bounds[0] < 0
            moves_down = bounds[0] < 0 if sign == "+" else bounds[1] > 0
            lines, rises, falls = [f"v = e[{effect.slot}] {sign} {value}"], moves_up, moves_down
        if falls:  # clamp(v, low, high): below low gives low, else above high gives high
            lines += [f"if v < {low!r}:", f"    v = {low!r}"]
        if rises:
            lines += [f"{'elif' if falls else 'if'} v > {high!r}:", f"    v = {high!r}"]
        return lines

    def seat(self, number: int, seat: str) -> None:
        available, visible, score = seat_names(number)
        flags = [self.code(a.when) if a.when is not None else "True" for a in self.scenario.actions_for(seat)]
        self.define(available, [f"return ({''.join(flag + ', ' for flag in flags)})"])
        slots = [position + 1 for position, _ in self.scenario.visible_slots(seat)]
        self.define(visible, [f"return ({''.join(f'e[{slot}], ' for slot in slots)})"])
        objective = self.scenario.objectives.get(seat)
        self.define(score, [f"return {self.code(objective.score) if objective else '0'}"])

    def outcome(self) -> None:
        body = []
        for ending in self.scenario.endings:
            body += [f"if {self.code(ending.when)}:", f"    return ({ending.id!r}, True)"]
        self.define("outcome", [*body, f"return (None, e[0] >= {self.scenario.turns!r})"])

    def events_phase(self) -> None:
        """Every event in file order: skipped once fired (if once-only), else its condition, its chance
        drawn, its effects; what fired goes to ``applied``, the draws the log would record to ``draws``.

        ``forced`` (None in bulk play) maps rule numbers to the facilitator's rulings: a ruled chance
        succeeds or fails as ruled, and a ruled success is always logged (``adjudication._fire_events``)."""
        body = ["t = e[0]"]
        first = len(self.scenario.actions)
        for offset, event in enumerate(self.scenario.events):
            number = first + offset
            _, _, hit, _ = rule_names(number)
            lines = []
            if event.chance is None:
                lines.append(f"applied.append((rules[{number}], {hit}(e)))")
            else:
                logged = "draws is not None" if event.text else "draws is not None and c"
                record = f"draws.append(({event.id!r}, p, r))"
                lines += [f"p = _prob({self.code(event.chance)})", f"r = _draw(keys[{number}], t)",
                          f"if forced is not None and {number} in forced:",
                          f"    if forced[{number}]:", f"        {hit}(e)",
                          f"        applied.append((rules[{number}], True))",
                          "        if draws is not None:", f"            {record}",
                          "elif r < p:", f"    c = {hit}(e)", f"    applied.append((rules[{number}], c))",
                          f"    if {logged}:", f"        {record}"]
            lines = [f"if {self.code(event.when)}:", *("    " + line for line in lines)]
            if event.once:
                lines = [f"if {event.id!r} not in fired:", *("    " + line for line in lines)]
            body += lines
        self.lines += ["def events(e, fired, keys, applied, draws, rules, forced):", *(f"    {line}" for line in body),
                       ""]
