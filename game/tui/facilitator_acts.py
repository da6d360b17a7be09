"""The facilitator's acts as forms: what each asks for, and the act its answers make (no Textual here).

One form per act of ``game.engine.interventions``, each ending with the
facilitator's reason (it goes in the debrief, never to a seat). The choices
offered come from the game as it stands: events not yet spent, actions and
events with a chance, computer seats and what they may do now, the tracks
with their values. What the answers make is checked by the session, so a
form says at once why an act cannot be taken, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from attrs import frozen

from game.engine.adjudication import legal_actions
from game.engine.interventions import FireEvent, ForceChance, Inject, Intervention, ReplaceOrder, SetTrack, track_value
from game.errors import WargameError
from game.presentation.words import format_value
from game.session import HUMAN, Session

CHOICE, CHECKS, TEXT = "choice", "checks", "text"


@frozen
class Field:
    key: str
    label: str
    kind: str
    """``CHOICE`` (one of ``choices``), ``CHECKS`` (any of them) or ``TEXT``."""
    choices: tuple[tuple[str, Any], ...] = ()
    """(what is shown, the value) pairs."""
    placeholder: str = ""
    initial: Any = None


@frozen
class ActForm:
    key: str
    """The key that opens the form on the facilitator's screen."""
    short: str
    """Its name in the footer."""
    title: str
    fields: Callable[[Session], tuple[Field, ...]]
    build: Callable[[Session, Mapping[str, Any]], Intervention]


REASON = Field("reason", "Your reason (for the debrief; no seat sees it)", TEXT, placeholder="why you do this")


def _events(session: Session) -> tuple[Field, ...]:
    scenario = session.scenario
    events = [(f"{e.text or e.id}", e.id) for e in scenario.events
              if not (e.once and e.id in session.state.fired)]
    return (Field("event", "Event to fire now (as written in the scenario)", CHOICE, tuple(events)), REASON)


def _inject(session: Session) -> tuple[Field, ...]:
    seats = tuple((session.scenario.actor_name(s), s) for s in session.scenario.seats)
    return (Field("headline", "Headline", TEXT, placeholder="what the seats are told"),
            Field("recipients", "Who learns it", CHECKS, seats, initial=tuple(s for _, s in seats)),
            Field("effects", "Effects, separated by ; (optional)", TEXT, placeholder="threat += 2; receptivity -= 1"),
            REASON)


def _rulings(session: Session) -> tuple[Field, ...]:
    scenario = session.scenario
    rules = [(f"{scenario.actor_name(a.actor)}: {a.label}", a.id) for a in scenario.actions if a.chance is not None]
    rules += [(f"Event: {e.text or e.id}", e.id) for e in scenario.events if e.chance is not None]
    return (Field("rule", "Whose chance this turn", CHOICE, tuple(rules)),
            Field("success", "It will", CHOICE, (("succeed", True), ("fail", False))), REASON)


def _replacements(session: Session) -> tuple[Field, ...]:
    scenario = session.scenario
    orders = [(f"{scenario.actor_name(seat)}: {action.label}", (seat, action.id))
              for seat in scenario.seats if session.controller(seat) != HUMAN
              for action in legal_actions(scenario, session.state, seat)]
    return (Field("order", "The computer seat's order this turn", CHOICE, tuple(orders)), REASON)


def _tracks(session: Session) -> tuple[Field, ...]:
    scenario = session.scenario
    tracks = [(f"{v.label} (now {format_value(value)})", v.name) for v, value in zip(scenario.variables,
                                                                                   session.state.values)]
    return (Field("variable", "Track", CHOICE, tuple(tracks)),
            Field("value", "New value", TEXT, placeholder="a number, yes/no, or one of its values"), REASON)


def _text(values: Mapping[str, Any], key: str, what: str) -> str:
    text = (values.get(key) or "").strip()
    if not text:
        raise WargameError(f"Give {what}.")
    return text


def _chosen(values: Mapping[str, Any], key: str, what: str) -> Any:
    if values.get(key) is None:
        raise WargameError(f"Choose {what}.")
    return values[key]


def _build_inject(session: Session, values: Mapping[str, Any]) -> Inject:
    recipients = tuple(values.get("recipients") or ())
    if not recipients:
        raise WargameError("Choose at least one seat to tell.")
    everyone = set(recipients) == set(session.scenario.seats)
    effects = tuple(e.strip() for e in (values.get("effects") or "").split(";") if e.strip())
    return Inject(_text(values, "headline", "a headline"), None if everyone else recipients, effects,
                  _text(values, "reason", "your reason"))


def _build_track(session: Session, values: Mapping[str, Any]) -> SetTrack:
    name = _chosen(values, "variable", "a track")
    return SetTrack(name, track_value(session.scenario, name, _text(values, "value", "a value")),
                    _text(values, "reason", "your reason"))


FORMS = {
    form.key: form for form in (
        ActForm("f", "Fire", "Fire an event now", _events,
                lambda s, v: FireEvent(_chosen(v, "event", "an event"), _text(v, "reason", "your reason"))),
        ActForm("i", "Inject", "An inject of your own", _inject, _build_inject),
        ActForm("r", "Rule", "Rule on a chance this turn", _rulings,
                lambda s, v: ForceChance(_chosen(v, "rule", "a chance"), _chosen(v, "success", "the outcome"),
                                         _text(v, "reason", "your reason"))),
        ActForm("o", "Replace", "Replace a computer seat's order", _replacements,
                lambda s, v: ReplaceOrder(*_chosen(v, "order", "an order"), _text(v, "reason", "your reason"))),
        ActForm("t", "Set track", "Set a track", _tracks, _build_track),
    )
}
"""The forms by the key that opens them."""
