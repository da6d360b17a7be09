"""Making a :class:`SeatView` from a session: the one place a seat's screen data is cut out.

What a seat may see is decided by the engine's :func:`~game.engine.views.view_for`
(variables, its options and their chances, log entries with hidden changes cut,
map statuses and routes); this module adds what the session knows (history,
rationales, who plays whom) and copies every piece into plain values, so nothing
of the ``Scenario`` or the hidden state travels with it. A formula (an effect, a
condition, a chance, a score as written) is kept only when every variable it
reads is visible to the viewer: the text of a formula can betray a hidden name
as surely as a number can betray a value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from attrs import frozen

from game.engine.expressions import Effect, Expression
from game.engine.interventions import describe
from game.engine.log import FACILITATOR, INTERVENTION, OVERTAKEN, Change, LogEntry
from game.engine.model import PRIVATE, Scenario, Variable
from game.engine.state import GameState
from game.engine.views import Option, View, knowable, view_for
from game.players.registry import controller_label
from game.seat_view.model import (
    ActView,
    ChangeView,
    EntryView,
    EventView,
    MapView,
    MessageView,
    ObjectiveView,
    OptionView,
    OrderView,
    PlaceView,
    RouteView,
    SeatName,
    SeatView,
    Track,
)
from game.session import HUMAN, Order, Session


def seat_view(session: Session, seat: str | None, played: int | None = None, *,
              formulas: bool = False) -> SeatView:
    """What ``seat`` (None: the facilitator) may know after the first ``played`` turns (default: all).

    The facilitator's view holds every formula. A seat's holds none unless
    ``formulas`` asks for those it may know (a designer replaying as a seat):
    students' screens show none, so what is sent to a seat need not carry them.
    """
    scenario = session.scenario
    played = len(session.turns) if played is None else played
    records = session.turns[:played]
    now = played == len(session.turns)
    """The present: the open turn's state (after the facilitator's immediate acts) and its log too."""
    states = [*session.states[:played], session.state] if now else session.states[:played + 1]
    view = view_for(scenario, states[-1], session.entries() if now else [e for r in records for e in r.entries],
                    seat)
    orders = {(record.turn, order.seat): order for record in records for order in record.orders}
    cut = _Cut(scenario, seat, formulas or seat is None)
    reveal = seat is None or view.over
    return SeatView(
        seat=seat,
        scenario_id=scenario.id,
        title=scenario.title,
        summary=scenario.summary,
        game_name=session.name,
        turns=scenario.turns,
        start_date=scenario.start_date.isoformat() if scenario.start_date else "",
        turn_days=scenario.turn_days,
        seats=tuple(seat_name(scenario, s) for s in scenario.seats),
        turn=view.turn,
        played=played,
        over=view.over,
        ending=_ending(scenario, view),
        briefings={s: scenario.actors[s].briefing for s in scenario.seats if reveal or s == seat},
        objectives={s: ObjectiveView(o.text, cut.formula(o.score)) for s, o in view.objectives.items()},
        scores=dict(view.scores) if view.scores is not None else None,
        tracks=_tracks(scenario, seat, states),
        options={s: tuple(cut.option(o) for o in options) for s, options in view.options.items()},
        entries=tuple(cut.entry(entry, orders) for entry in view.entries),
        map=_map(view),
        controllers=dict(session.controllers) if seat is None else {},
        played_by={s: controller_label(c, scenario) for s, c in session.controllers.items()} if seat is None else {},
        messages=tuple(MessageView(m.turn, m.sender, m.recipients, m.text) for m in session.messages(seat)
                       if now or m.turn <= played),
        **(_open_turn(session, seat) if now and not view.over else {}),
    )


def _open_turn(session: Session, seat: str | None) -> dict:
    """The open turn as ``seat`` may know it: its own pending order (every seat's for the facilitator),
    who has decided (never what); for the facilitator what each computer seat would order now, the
    scenario's events (what the white cell's forms offer) and the acts of this turn so far."""
    scenario = session.scenario
    def shown(order: Order) -> OrderView:
        return OrderView(order.seat, order.action, scenario.action(order.action).label, order.rationale, order.by)
    seats = scenario.seats if seat is None else (seat,)
    pending = {s: shown(order) for s in seats if (order := session.pending(s)) is not None}
    decided = tuple(s for s in scenario.seats if s in session.decided())
    withdrawn = {s: shown(order) for s in seats if (order := session.withdrawn(s)) is not None}
    if seat is not None:
        return {"pending": pending, "decided": decided, "withdrawn": withdrawn}
    intended = {s: shown(session.intended_order(s)) for s in scenario.seats if session.controller(s) != HUMAN}
    events = tuple(EventView(e.id, e.text or e.id, e.chance is not None, e.once and e.id in session.state.fired)
                   for e in scenario.events)
    acts = tuple(ActView(describe(scenario, act), act.reason) for act in session.open_interventions)
    return {"pending": pending, "decided": decided, "intended": intended, "events": events, "acts": acts,
            "withdrawn": withdrawn}


def seat_name(scenario: Scenario, seat: str) -> SeatName:
    """How the scenario names ``seat``: in titles, in sentences, where room is short."""
    actor = scenario.actors[seat]
    return SeatName(seat, actor.name, actor.article, actor.short_name)


def _ending(scenario: Scenario, view: View) -> str:
    if not view.over:
        return ""
    return view.ending.text if view.ending is not None else scenario.end_text


def _tracks(scenario: Scenario, seat: str | None, states: Sequence[GameState]) -> tuple[Track, ...]:
    """The variables ``seat`` may see, each with its value in every state of ``states``."""
    return tuple(_track(scenario.variables[index], tuple(state.values[index] for state in states))
                 for index, _ in scenario.visible_slots(seat))


def _track(variable: Variable, history: tuple) -> Track:
    return Track(variable.name, variable.label, variable.type, history, variable.low, variable.high,
                 variable.values, variable.group, variable.description, variable.visible_to is not None,
                 dict(variable.value_labels))


@frozen
class _Cut:
    """Copies options and entries for ``seat``, with the formulas it may know when ``formulas`` asks."""

    scenario: Scenario
    seat: str | None
    formulas: bool

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
        )

    def entry(self, entry: LogEntry, orders: Mapping[tuple[int, str], Order]) -> EntryView:
        """A log entry already cut by ``view_for``, with its rationale and formulas."""
        scenario, seat = self.scenario, self.seat
        action = scenario.action(entry.rule) if entry.actor else None
        overtaken = entry.kind == OVERTAKEN and action is not None
        order = orders.get((entry.turn, entry.actor)) if seat in (None, entry.actor) else None
        effects = _effects(scenario, entry.rule)
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
        )

    def change(self, change: Change, effect: Effect | None) -> ChangeView:
        variable = self.scenario.variable(change.variable)
        if effect is None:  # not a rule of the scenario: known to the facilitator only
            formula = change.effect if self.formulas and self.seat is None else ""
        else:
            formula = change.effect if self.formula(effect.expression) else ""
        return ChangeView(change.variable, variable.label, variable.type, change.before, change.after, formula)


def _effects(scenario: Scenario, rule: str) -> Mapping[str, Effect]:
    """The effects of the action or event ``rule``, by their text."""
    action = scenario.action(rule)
    if action is not None:
        effects: tuple[Effect, ...] = (*action.effects, *action.fail_effects)
    else:
        effects = next((e.effects for e in scenario.events if e.id == rule), ())
    return {effect.text: effect for effect in effects}


def _map(view: View) -> MapView | None:
    spec = view.scenario.map
    if spec is None:
        return None
    places = tuple(PlaceView(p.place.id, p.place.name, p.place.x, p.place.y, p.place.kind, p.status)
                   for p in view.places)
    routes = tuple(RouteView(r.start, r.end, r.label) for r in view.routes)
    return MapView(spec.width, spec.height, spec.art, places, routes, dict(spec.kinds))
