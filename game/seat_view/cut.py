"""Copying a seat's options and log entries into plain values, with only the formulas it may know.

A formula (an effect, a condition, a chance, a score as written) is kept only
when every variable it reads is visible to the viewer: the text of a formula
can betray a hidden name as surely as a number can betray a value.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.expressions import Effect, Expression
from game.engine.log import FACILITATOR, INTERVENTION, OVERTAKEN, Change, LogEntry
from game.engine.model import PRIVATE, Scenario
from game.engine.views import Option, knowable
from game.seat_view.model import ChangeView, EntryView, OptionView
from game.session import Order


class Cut:
    """Copies options and entries for ``seat``, with the formulas it may know when ``formulas`` asks."""

    def __init__(self, scenario: Scenario, seat: str | None, formulas: bool) -> None:
        self.scenario, self.seat, self.formulas = scenario, seat, formulas
        self._effects: dict[str, Mapping[str, Effect]] = {}

    def formula(self, expression: Expression | None) -> str:
        """``expression`` as written, or "" when unwanted or it reads what the seat may not see."""
        if not self.formulas or expression is None or not knowable(self.scenario, expression, self.seat):
            return ""
        return expression.text

    def option(self, option: Option) -> OptionView:
        """An option; an unavailable one carries no odds, which would mean nothing now."""
        action, available = option.action, option.available
        return OptionView(
            id=action.id, label=action.label, available=available, description=action.description,
            reason="" if available else option.reason, requires=self.formula(action.when),
            chance=option.chance if available else None, chance_hidden=option.chance_hidden and available,
            chance_formula=self.formula(action.chance) if available else "",
            private=action.visibility == PRIVATE, source=action.source,
            assumption=action.assumption if self.seat is None else "",
        )

    def entry(self, entry: LogEntry, orders: Mapping[str, Order]) -> EntryView:
        """A log entry already cut by the engine (``entries_for``), with its rationale (from ``orders``, the
        orders of its turn by seat) and formulas."""
        scenario, seat = self.scenario, self.seat
        action = scenario.action(entry.rule) if entry.actor else None
        overtaken = entry.kind == OVERTAKEN and action is not None
        order = orders.get(entry.actor) if seat in (None, entry.actor) else None
        effects = self._effects_of(entry.rule)
        return EntryView(
            turn=entry.turn, kind=entry.kind, rule=entry.rule, text=action.label if overtaken else entry.text,
            who=FACILITATOR if entry.kind == INTERVENTION else entry.actor or "", private=entry.visible_to is not None,
            known_to=tuple(s for s in scenario.seats if s in entry.visible_to)
            if seat is None and entry.visible_to is not None else (),
            changes=tuple(self.change(change, effects.get(change.effect)) for change in entry.changes),
            success=entry.success, chance=entry.chance, roll=entry.roll, source=entry.source,
            unavailable=entry.unavailable if overtaken else "",
            requires=self.formula(action.when) if overtaken else "",
            rationale=order.rationale if order is not None and order.action == entry.rule else "",
            by=entry.by or "", reason=entry.reason, ruled=entry.ruled,
            assumption=self._assumption(entry) if seat is None else "",
        )

    def _assumption(self, entry: LogEntry) -> str:
        """The designer's assumption behind the rule an entry records (its action, event or ending)."""
        if not entry.rule:
            return ""
        scenario = self.scenario
        rule = scenario.action(entry.rule) or next((r for r in (*scenario.events, *scenario.endings)
                                                    if r.id == entry.rule), None)
        return rule.assumption if rule is not None else ""

    def change(self, change: Change, effect: Effect | None) -> ChangeView:
        variable = self.scenario.variable(change.variable)
        if effect is None:  # not a rule of the scenario: known to the facilitator only
            formula = change.effect if self.formulas and self.seat is None else ""
        else:
            formula = change.effect if self.formula(effect.expression) else ""
        return ChangeView(change.variable, variable.label, variable.type, change.before, change.after, formula)

    def _effects_of(self, rule: str) -> Mapping[str, Effect]:
        """The effects of the action or event ``rule``, by their text (looked up once per rule)."""
        found = self._effects.get(rule)
        if found is None:
            scenario = self.scenario
            action = scenario.action(rule)
            if action is not None:
                effects: tuple[Effect, ...] = (*action.effects, *action.fail_effects)
            else:
                effects = next((e.effects for e in scenario.events if e.id == rule), ())
            found = self._effects[rule] = {effect.text: effect for effect in effects}
        return found
