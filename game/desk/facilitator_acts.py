"""The facilitator's acts as forms: what each asks for, and the act its answers make (no Textual here).

One form per act of ``game.engine.interventions``, each ending with the
facilitator's reason (it goes in the debrief, never to a seat). The choices
come from the facilitator's view of the game as it stands (events not yet
spent, chances that can be drawn this turn, computer seats and what they may
do now, the tracks with their values), so the same forms serve the hot-seat
console, which holds the session, and the networked one, which holds only
that view. What the answers make is then tried by whoever holds the game
(the session, or the host), and a refusal is shown on the form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from attrs import frozen

from game.desk.effect_form import TrackGroup, change_groups, check_one_per_track, effects_of, set_groups
from game.engine.interventions import (
    CHANCE_SCALE,
    FireEvent,
    ForceChance,
    Inject,
    Intervention,
    ReplaceOrder,
    RuleArgument,
    SetTrack,
    read_value,
)
from game.errors import WargameError
from game.seat_view.model import InjectView, SeatView
from game.session import FACILITATOR, HUMAN

CHOICE, CHECKS, TEXT, EFFECTS = "choice", "checks", "text", "effects"


@frozen
class Field:
    key: str
    label: str
    kind: str
    """``CHOICE`` (one of ``choices``), ``CHECKS`` (any of them), ``TEXT``, or ``EFFECTS`` (changes to the
    tracks picked by their words from ``groups``: any of them, or exactly one with ``single``)."""
    choices: tuple[tuple[str, Any], ...] = ()
    """(what is shown, the value) pairs."""
    placeholder: str = ""
    initial: Any = None
    groups: tuple[TrackGroup, ...] = ()
    """For ``EFFECTS``: the tracks and their changes (``game.desk.effect_form``)."""
    single: bool = False
    expert: bool = False
    """Shown only once the form's "as an expression" switch is on (the designers' language)."""
    optional: bool = False
    """May be left empty (an ``EFFECTS`` field with nothing picked, a text left blank)."""
    expressions: str = ""
    """For ``EFFECTS``: the key of the ``expert`` field that takes the same changes as expressions."""
    details: tuple[tuple[Any, str], ...] = ()
    """For a ``CHOICE``: (value, what to show about it once chosen) pairs, e.g. an inject's guidance."""

    def detail(self, value: Any) -> str:
        return next((text for chosen, text in self.details if chosen == value), "")


@frozen
class ActForm:
    key: str
    """The key that opens the form on either console."""
    short: str
    """Its name in the footer."""
    title: str
    fields: Callable[[SeatView], tuple[Field, ...]]
    build: Callable[[SeatView, Mapping[str, Any]], Intervention]


REASON = Field("reason", "Your reason (for the debrief; no seat sees it)", TEXT, placeholder="why you do this")


def _events(view: SeatView) -> tuple[Field, ...]:
    events = tuple((event.text, event.id) for event in view.events if not event.spent)
    return (Field("event", "Event to fire now (as written in the scenario)", CHOICE, events), REASON)


EXPRESSIONS = "as expressions, separated by ; (for designers)"


def _inject(view: SeatView) -> tuple[Field, ...]:
    seats = tuple((seat.name, seat.id) for seat in view.seats)
    return (Field("headline", "Headline", TEXT, placeholder="what the seats are told"),
            Field("recipients", "Who learns it", CHECKS, seats, initial=tuple(s for _, s in seats)),
            Field("effects", "What it changes (optional: pick from the tracks)", EFFECTS,
                  groups=change_groups(view), optional=True, expressions="expressions"),
            Field("expressions", f"What it changes, {EXPRESSIONS}", TEXT, placeholder="threat += 2",
                  expert=True, optional=True),
            REASON)


def _library(view: SeatView) -> tuple[Field, ...]:
    """The scenario's ready-made injects, each with the author's guidance, audience, effects and source."""
    injects = tuple((inject.headline, inject.id) for inject in view.injects)
    label = "Inject from the scenario's library" if injects else "This scenario has no library of injects"
    details = tuple((inject.id, inject_details(view, inject)) for inject in view.injects)
    return (Field("inject", label, CHOICE, injects, details=details), REASON)


def inject_details(view: SeatView, inject: InjectView) -> str:
    """What the facilitator should know before firing a library inject, one line each."""
    told = "every seat" if not inject.recipients else " and ".join(view.name(s).name for s in inject.recipients)
    lines = [f"When to use it: {inject.use_when}"] if inject.use_when else []
    lines += [f"Told to: {told}", f"Effects: {'; '.join(inject.effects) or 'none (a headline only)'}"]
    if inject.source:
        lines.append(f"Source: \u201c{inject.source}\u201d")
    if inject.assumption:
        lines.append(f"Designer's assumption: {inject.assumption}")
    if inject.history:
        lines.append(f"In the record: {inject.history}")
    return "\n".join(lines)


def _build_library(view: SeatView, values: Mapping[str, Any]) -> Inject:
    chosen = _chosen(values, "inject", "an inject from the library")
    inject = next((i for i in view.injects if i.id == chosen), None)
    if inject is None:
        raise WargameError("That inject is not in this scenario's library.")
    return Inject(inject.headline, inject.recipients or None, inject.effects, _text(values, "reason", "your reason"))


def _rulings(view: SeatView) -> tuple[Field, ...]:
    """Chances that can be drawn this turn: actions open to their seat now, and events that have one."""
    rules = [(f"{seat.name}: {option.label}", option.id) for seat in view.seats
             for option in view.options.get(seat.id, ()) if option.available and option.chance is not None]
    rules += [(f"Event: {event.text}", event.id) for event in view.events if event.chance and not event.spent]
    return (Field("rule", "Whose chance this turn", CHOICE, tuple(rules)),
            Field("success", "It will", CHOICE, (("succeed", True), ("fail", False))), REASON)


def _replacements(view: SeatView) -> tuple[Field, ...]:
    orders = tuple((f"{seat.name}: {option.label}", (seat.id, option.id)) for seat in view.seats
                   if view.controllers.get(seat.id, HUMAN) != HUMAN
                   for option in view.options.get(seat.id, ()) if option.available)
    return (Field("order", "The computer seat's order this turn", CHOICE, orders), REASON)


def _tracks(view: SeatView) -> tuple[Field, ...]:
    return (Field("setting", "The track and its new value (pick one)", EFFECTS, groups=set_groups(view), single=True,
                  expressions="expression"),
            Field("expression", "Or as an expression (for designers)", TEXT, placeholder="threat = 5", expert=True,
                  optional=True),
            REASON)


def _argued(view: SeatView) -> tuple[Field, ...]:
    """Ruling on a move argued this turn: the chance on the plain scale (or exact), what it changes on success and
    on failure (picked from what ``[arguments]`` allows), and who learns the outcome."""
    moves = tuple((f"{view.name(move.seat).name}: \u201c{move.statement}\u201d" + (" (secret)" if move.secret else ""),
                   move.id) for move in view.argued if not move.ruled)
    limits = view.arguing.tracks if view.arguing is not None else ()
    groups = change_groups(view, limits)
    return (Field("move", "The argued move", CHOICE, moves),
            Field("chance", "Its chance", CHOICE, tuple((f"{word} ({percent}%)", percent)
                                                        for percent, word in CHANCE_SCALE)),
            Field("exact", "Or an exact chance, in percent (optional)", TEXT, placeholder="e.g. 45", optional=True),
            Field("effects", "If it succeeds (pick from the tracks the scenario allows)", EFFECTS, groups=groups,
                  optional=True, expressions="expressions"),
            Field("fail_effects", "If it fails (optional)", EFFECTS, groups=groups, optional=True,
                  expressions="fail_expressions"),
            Field("expressions", f"If it succeeds, {EXPRESSIONS}", TEXT, placeholder="relation += 1", expert=True,
                  optional=True),
            Field("fail_expressions", f"If it fails, {EXPRESSIONS}", TEXT, placeholder="relation -= 1", expert=True,
                  optional=True),
            Field("tell", "Who learns the outcome", CHOICE, TELL, initial=AS_ARGUED),
            REASON)


AS_ARGUED, ITS_SEAT, EVERY_SEAT, NO_SEAT = "as argued", "its seat", "every seat", "no seat"
TELL = (("As argued: every seat if it was public, only its seat if secret", AS_ARGUED),
        ("Only the seat that argued it", ITS_SEAT), ("Every seat", EVERY_SEAT),
        ("No seat: only the white cell knows", NO_SEAT))


def _text(values: Mapping[str, Any], key: str, what: str) -> str:
    text = (values.get(key) or "").strip()
    if not text:
        raise WargameError(f"Give {what}.")
    return text


def _chosen(values: Mapping[str, Any], key: str, what: str) -> Any:
    if values.get(key) is None:
        raise WargameError(f"Choose {what}.")
    return values[key]


def _effects(fields: tuple[Field, ...], values: Mapping[str, Any], picked: str, written: str) -> tuple[str, ...]:
    groups = next(field.groups for field in fields if field.key == picked)
    check_one_per_track(groups, values.get(picked) or ())
    return effects_of(values.get(picked) or (), values.get(written) or "")


def _build_inject(view: SeatView, values: Mapping[str, Any]) -> Inject:
    recipients = tuple(values.get("recipients") or ())
    if not recipients:
        raise WargameError("Choose at least one seat to tell.")
    everyone = set(recipients) == {seat.id for seat in view.seats}
    effects = _effects(_inject(view), values, "effects", "expressions")
    return Inject(_text(values, "headline", "a headline"), None if everyone else recipients, effects,
                  _text(values, "reason", "your reason"))


def _build_track(view: SeatView, values: Mapping[str, Any]) -> SetTrack:
    reason = _text(values, "reason", "your reason")
    written = (values.get("expression") or "").strip()
    if written:
        name, sep, value = written.partition("=")
        track = view.track(name.strip())
        if not sep or track is None:
            raise WargameError(f"Write the track's name, =, and its value (e.g. threat = 5), not {written!r}.")
        return SetTrack(track.name, read_value(track.name, track.type, value), reason)
    picked = tuple(values.get("setting") or ())
    if len(picked) != 1:
        raise WargameError("Pick a track and its new value (one).")
    name, value = picked[0]
    return SetTrack(name, value, reason)


def _build_ruling(view: SeatView, values: Mapping[str, Any]) -> RuleArgument:
    move = view.argued_move(_chosen(values, "move", "the argued move"))
    if move is None:
        raise WargameError("That argued move is no longer open: choose another.")
    exact = (values.get("exact") or "").strip().rstrip("%").strip()
    if exact:
        if not exact.isdigit() or not 0 <= int(exact) <= 100:
            raise WargameError(f"An exact chance is a whole percent from 0 to 100, not {exact!r}.")
        chance = int(exact)
    else:
        chance = _chosen(values, "chance", "its chance")
    fields = _argued(view)
    tell = values.get("tell") or AS_ARGUED
    recipients = {AS_ARGUED: (move.seat,) if move.secret else None, ITS_SEAT: (move.seat,), EVERY_SEAT: None,
                  NO_SEAT: ()}[tell]
    return RuleArgument(move.id, move.seat, move.statement, chance,
                        _effects(fields, values, "effects", "expressions"),
                        _effects(fields, values, "fail_effects", "fail_expressions"), recipients,
                        _text(values, "reason", "your reason"))


FORMS = {
    form.key: form for form in (
        ActForm("e", "Event", "Fire an event now", _events,
                lambda v, a: FireEvent(_chosen(a, "event", "an event"), _text(a, "reason", "your reason"))),
        ActForm("i", "Inject", "An inject of your own", _inject, _build_inject),
        ActForm("b", "Library", "An inject from the scenario's library", _library, _build_library),
        ActForm("r", "Rule", "Rule on a chance this turn", _rulings,
                lambda v, a: ForceChance(_chosen(a, "rule", "a chance"), _chosen(a, "success", "the outcome"),
                                         _text(a, "reason", "your reason"))),
        ActForm("o", "Replace", "Replace a computer seat's order", _replacements,
                lambda v, a: ReplaceOrder(*_chosen(a, "order", "an order"), _text(a, "reason", "your reason"))),
        ActForm("t", "Set track", "Set a track", _tracks, _build_track),
        ActForm("a", "Argued", "Rule on an argued move", _argued, _build_ruling),
    )
}
"""The forms by the key that opens them (on the hot-seat console and the networked one alike)."""

KEYS_LINE = ("e fire an event \u00b7 i inject \u00b7 b inject from the library \u00b7 r rule on a chance \u00b7 "
             "o replace a computer order \u00b7 t set a track \u00b7 a rule on an argued move")
"""The acts' keys in words, for the consoles (a narrow footer cannot show them all)."""


def acts_text(view: SeatView) -> str:
    """The white cell's acts of the open turn, as both consoles list them."""
    lines = [f"\u2022 The facilitator {act.text}." + (f"\n    reason: {act.reason}" if act.reason else "")
             for act in view.acts]
    return "\n".join(lines) or "None yet."


def argued_text(view: SeatView, how: str = "a rules on it") -> str:
    """The open turn's argued moves as both consoles list them: who argued what, wanting what, why, the
    counter-arguments, and whether the white cell has ruled (``how`` to rule, in the front end's words)."""
    lines = []
    for move in view.argued:
        secret = " (secret)" if move.secret else ""
        lines.append(f"\u2022 {view.name(move.seat).name}{secret}: \u201c{move.statement}\u201d")
        if move.wants:
            lines.append(f"    wants: {move.wants}")
        lines += [f"    because: {reason}" for reason in move.reasons]
        lines += [f"    {view.name(counter.seat).name} counters: {counter.text}" for counter in move.counters]
        lines.append(f"    {move.ruling or 'ruled'}" if move.ruled else f"    not ruled yet ({how})")
    return "\n".join(lines) or "None yet."


WORKING = "\u2026"
"""Shown for a computer seat's order when the view has none."""


def orders_text(view: SeatView) -> str:
    """Each seat's order so far, as both consoles of a game at one screen show it: a person's (decided or
    not), the facilitator's own order for a computer seat, or what the computer would order now."""
    lines = []
    for seat in view.seats:
        controller = view.controllers.get(seat.id, HUMAN)
        who = view.played_by.get(seat.id, controller)  # "a person", "computer (planner)": never an id
        pending = view.pending.get(seat.id)
        if controller == HUMAN:
            what = f"decided: {pending.label}" if pending else "not decided yet (asked when the turn is played)"
            lines.append(f"{seat.name} \u00b7 {who}: {what}")
        elif pending is not None and pending.by == FACILITATOR:
            lines.append(f"{seat.name} \u00b7 {who}: your order: {pending.label}")
        else:
            intended = view.intended.get(seat.id)
            lines.append(f"{seat.name} \u00b7 {who}: would choose {intended.label if intended else WORKING}")
    return "\n".join(lines)
