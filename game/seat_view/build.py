"""Making a :class:`SeatView` from a session: the one place a seat's screen data is cut out.

What a seat may see is decided by the engine's :func:`~game.engine.views.view_for`
(variables, its options and their chances, log entries with hidden changes cut,
map statuses and routes); this module adds what the session knows (history,
rationales, who plays whom) and copies every piece into plain values, so nothing
of the ``Scenario`` or the hidden state travels with it (``cut.py``: formulas
only where the viewer may know every variable they read).

The resolved turns' part of a view is built once per viewer and kept
(``history.py``): a view costs the open turn and whatever turns resolved
since the last one was made, never the whole game.
"""

from __future__ import annotations

from game.engine.interventions import chance_words, describe
from game.engine.log import LogEntry
from game.engine.model import Scenario, Variable
from game.engine.state import GameState
from game.engine.views import View, view_for
from game.players.registry import controller_label
from game.seat_view.cut import Cut
from game.seat_view.history import History, ViewerPart, history_of, messages_for
from game.seat_view.model import (
    ActView,
    ArguedView,
    ArguingView,
    BeliefPrompt,
    CounterView,
    EventView,
    InjectView,
    MapView,
    ObjectiveView,
    OrderView,
    PlaceView,
    RouteView,
    SeatName,
    SeatView,
    Track,
    TrackLimitView,
)
from game.seat_view.shared import SharedTuple
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
    if not 0 <= played <= len(session.turns):
        raise ValueError(f"a view after turn {played} of a game of {len(session.turns)} turns")
    now = played == len(session.turns)
    """The present: the open turn's state (after the facilitator's immediate acts) and its log too."""
    history = history_of(session)
    with history.lock:
        part = history.part(session, Cut(scenario, seat, formulas or seat is None), played)
        state = session.state if now else session.state_after(played)
        opened = session.open_entries if now else ()
        key = (played, state, len(opened))
        if part.situation_key != key:
            part.situation, part.events = _situation(session, seat, part, history, played, state, opened, now)
            part.situation_key = key
        said = session.open_messages if now else ()
        if part.messages_key != (played, len(said)):
            part.said = SharedTuple.over(part.messages, part.message_ends[played], messages_for(said, seat))
            part.messages_key = (played, len(said))
        situation, events, messages = part.situation, part.events, part.said
    return SeatView(
        **situation,
        game_name=session.name,
        played=played,
        controllers=dict(session.controllers) if seat is None else {},
        played_by={s: controller_label(c, scenario) for s, c in session.controllers.items()} if seat is None else {},
        messages=messages,
        **(_open_turn(session, seat, events) if now and not situation["over"] else {}),
        beliefs=belief_prompts(session, seat) if now and seat is not None else (),
        arguing=arguing(session, seat if now else None, facilitator=seat is None),
        argued=argued_views(session, seat) if now and not situation["over"] else (),
    )


def _situation(session: Session, seat: str | None, part: ViewerPart, history: History, played: int,
               state: GameState, opened: tuple[LogEntry, ...], now: bool) -> tuple[dict, tuple[EventView, ...]]:
    """The fields of a view that follow from the state and the log alone, and for the facilitator the
    scenario's events as its forms offer them: made again only when either changed (an order or a
    message changes neither, so a view after one shares all of these with the view before, and what
    changed between them is found at once)."""
    scenario, cut = session.scenario, part.cut
    view = view_for(scenario, state, opened, seat)
    reveal = seat is None or view.over
    return dict(
        seat=seat,
        scenario_id=scenario.id,
        title=scenario.title,
        summary=scenario.summary,
        turns=scenario.turns,
        start_date=scenario.start_date.isoformat() if scenario.start_date else "",
        turn_days=scenario.turn_days,
        seats=tuple(seat_name(scenario, s) for s in scenario.seats),
        turn=view.turn,
        over=view.over,
        ending=_ending(scenario, view),
        briefings={s: scenario.actors[s].briefing for s in scenario.seats if reveal or s == seat},
        objectives={s: ObjectiveView(o.text, cut.formula(o.score)) for s, o in view.objectives.items()},
        scores=dict(view.scores) if view.scores is not None else None,
        tracks=_tracks(scenario, seat, history, played, state.values if now else None),
        options={s: tuple(cut.option(o) for o in options) for s, options in view.options.items()},
        entries=SharedTuple.over(part.entries, part.entry_ends[played], (cut.entry(e, {}) for e in view.entries)),
        map=_map(view),
    ), tuple(EventView(e.id, e.text or e.id, e.chance is not None, e.once and e.id in state.fired)
             for e in scenario.events) if seat is None else ()


def arguing(session: Session, seat: str | None, *, facilitator: bool) -> ArguingView | None:
    """What ``[arguments]`` allow: to a seat how many moves it may still argue now, to the facilitator what a
    ruling may touch."""
    rules = session.scenario.arguments
    if rules is None:
        return None
    tracks = tuple(TrackLimitView(t.variable, t.step, t.values) for t in rules.tracks) if facilitator else ()
    return ArguingView(rules.seats, rules.per_turn, rules.instead, rules.secret,
                       session.may_argue(seat) if seat is not None else 0, tracks)


def argued_views(session: Session, seat: str | None) -> tuple[ArguedView, ...]:
    """The open turn's argued moves ``seat`` may see (None: all), with their counter-arguments and whether
    the white cell has ruled; the ruling's words for the facilitator only."""
    views = []
    for move in session.argued_moves():
        argument = move.argument
        if seat is not None and argument.secret and argument.seat != seat:
            continue
        ruling = session.ruling(move)
        words = f"ruled {chance_words(ruling.chance)}" if ruling is not None and seat is None else ""
        views.append(ArguedView(move.id, argument.seat, argument.statement, argument.wants, argument.reasons,
                                argument.secret, tuple(CounterView(s, text) for s, text in move.counters),
                                ruling is not None, words))
    return tuple(views)


def belief_prompts(session: Session, seat: str) -> tuple[BeliefPrompt, ...]:
    """The beliefs ``seat`` may answer now, in file order, with its own answer to each so far."""
    answers = session.answers()
    return tuple(BeliefPrompt(belief.id, belief.prompt, tuple(choice.text for choice in belief.choices),
                              answers[belief.id].choice if belief.id in answers else None, belief.turn)
                 for belief in session.beliefs_open(seat))


def _open_turn(session: Session, seat: str | None, events: tuple[EventView, ...]) -> dict:
    """The open turn as ``seat`` may know it: its own pending order (every seat's for the facilitator),
    who has decided (never what); for the facilitator what each computer seat would order now, the
    scenario's events (what the white cell's forms offer: ``events``, made with the situation) and the acts
    of this turn so far."""
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
    acts = tuple(ActView(describe(scenario, act), act.reason) for act in session.open_interventions)
    injects = tuple(InjectView(i.id, i.headline, i.effects,
                               tuple(s for s in scenario.seats if i.recipients is not None and s in i.recipients),
                               i.use_when, i.source, i.assumption, i.history) for i in scenario.injects)
    return {"pending": pending, "decided": decided, "intended": intended, "events": events, "acts": acts,
            "injects": injects, "withdrawn": withdrawn}


def seat_name(scenario: Scenario, seat: str) -> SeatName:
    """How the scenario names ``seat``: in titles, in sentences, where room is short."""
    actor = scenario.actors[seat]
    return SeatName(seat, actor.name, actor.article, actor.short_name)


def _ending(scenario: Scenario, view: View) -> str:
    if not view.over:
        return ""
    return view.ending.text if view.ending is not None else scenario.end_text


def _tracks(scenario: Scenario, seat: str | None, history: History, played: int,
            now: tuple | None) -> tuple[Track, ...]:
    """The variables ``seat`` may see, each with its value at the start and after each of ``played`` turns,
    the last one being ``now``'s (the open turn's state) when given."""
    return tuple(_track(scenario.variables[index],
                        SharedTuple.over(history.values[index], played, (now[index],)) if now is not None
                        else SharedTuple.over(history.values[index], played + 1))
                 for index, _ in scenario.visible_slots(seat))


def _track(variable: Variable, history: SharedTuple) -> Track:
    return Track(variable.name, variable.label, variable.type, history, variable.low, variable.high,
                 variable.values, variable.group, variable.description, variable.visible_to is not None,
                 dict(variable.value_labels))


def _map(view: View) -> MapView | None:
    spec = view.scenario.map
    if spec is None:
        return None
    places = tuple(PlaceView(p.place.id, p.place.name, p.place.x, p.place.y, p.place.kind, p.status)
                   for p in view.places)
    routes = tuple(RouteView(r.start, r.end, r.label) for r in view.routes)
    return MapView(spec.width, spec.height, spec.art, places, routes, dict(spec.kinds))
