"""The white cell's acts: what a facilitator may do to a game besides the rules, as pure functions.

In a seminar wargame the control team steers play: it fires an inject when
the room needs a jolt, rules that a chance went the other way, adds a change
the rules did not foresee. Each act here carries the facilitator's reason,
kept for the facilitator and the debrief and never shown to a seat.

Four act at once on the state of the open turn (:class:`FireEvent`,
:class:`Inject`, :class:`SetTrack`, and :class:`RuleArgument`, the ruling on a
move a seat argued): :func:`apply_intervention` gives the new state and one log
entry (of kind ``intervention``, or ``argued`` for a ruling), visible to the
seats the act concerns, marked as the facilitator's. Two act when the turn resolves:
:class:`ForceChance` (a ruling ``resolve_turn`` applies) and
:class:`ReplaceOrder` (the order a computer seat gives). Every act is checked
against the scenario and the state first (:func:`check_intervention`), with a
one-line reason when refused, and is deterministic once accepted: a game
replays exactly from its seed, orders and acts.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from attrs import evolve, field, frozen

from game.engine.adjudication import Resolution, apply_effects, check_order, environment
from game.engine.arithmetic import LIMIT
from game.engine.draws import argued_stream, draw
from game.engine.expressions import Effect, compile_effect
from game.engine.log import ARGUED, FACILITATOR, INTERVENTION, Change, LogEntry
from game.engine.model import Arguments, Scenario, Variable
from game.engine.names import closest
from game.engine.state import GameState
from game.errors import ExpressionError, IllegalOrder, RefusedIntervention
from game.safe_text import control_character

MAX_REASON = 4000
"""Longest reason or headline, in characters, as long as a player's rationale may be."""
MAX_EFFECTS = 20
"""Most effects one inject may have."""


def _recipients(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value)


@frozen
class FireEvent:
    """Fire a scenario event now, as authored: its effects, text, quote and audience."""

    event: str
    reason: str = ""


@frozen
class Inject:
    """An ad-hoc inject: a headline for ``recipients`` (None: every seat), with effects on the tracks.

    The effects are written in the scenario's expression language and checked
    exactly as the scenario's own effects are.
    """

    headline: str
    recipients: frozenset[str] | None = field(default=None, converter=_recipients)
    effects: tuple[str, ...] = field(default=(), converter=tuple)
    reason: str = ""


@frozen
class SetTrack:
    """Set a variable to a value within its bounds."""

    variable: str
    value: int | bool | str
    reason: str = ""


@frozen
class ForceChance:
    """The umpire's ruling: this turn's chance of an action or event succeeds or fails, whatever the roll."""

    rule: str
    success: bool
    reason: str = ""


@frozen
class ReplaceOrder:
    """The order a computer seat gives this turn, chosen by the facilitator instead of its policy."""

    seat: str
    action: str
    reason: str = ""


@frozen
class RuleArgument:
    """The white cell's ruling on a move a seat argued this turn, applied at once.

    ``argument`` is the argued move's id in its turn (:func:`argument_id`),
    ``headline`` what the seat said it does. The facilitator sets the chance
    (a whole percent, :data:`CHANCE_SCALE`), the effects on success and on
    failure (in the expression language, within what the scenario's
    ``[arguments]`` allows) and who learns the outcome (None: every seat;
    empty: no seat). The roll is the game's draw in a stream of its own
    (``draws.argued_stream``), so no other chance of the game changes.
    """

    argument: str
    seat: str
    headline: str
    chance: int
    effects: tuple[str, ...] = field(default=(), converter=tuple)
    fail_effects: tuple[str, ...] = field(default=(), converter=tuple)
    recipients: frozenset[str] | None = field(default=None, converter=_recipients)
    reason: str = ""


Intervention = FireEvent | Inject | SetTrack | ForceChance | ReplaceOrder | RuleArgument
IMMEDIATE = (FireEvent, Inject, SetTrack, RuleArgument)
"""The acts that change the state of the open turn at once; the others wait for it to resolve."""

CHANCE_SCALE = ((90, "almost certain"), (70, "likely"), (50, "even"), (30, "unlikely"), (10, "long shot"))
"""The plain scale a facilitator rules an argued move's chance on (or gives an exact percent)."""


def chance_words(percent: int) -> str:
    """``unlikely (30%)``; an exact chance off the scale as ``45%``."""
    word = dict(CHANCE_SCALE).get(percent)
    return f"{word} ({percent}%)" if word else f"{percent}%"


def argument_id(seat: str, secret: bool, number: int) -> str:
    """The id of ``seat``'s ``number``-th public (or secret) argued move of a turn: ``us.1``, ``us.secret.1``.

    Public and secret moves are numbered apart, so what another seat sees of the
    public ones (their ids) says nothing of the secret ones."""
    return f"{seat}.secret.{number}" if secret else f"{seat}.{number}"


ARGUED_RULE = "argued:"
"""How the rule of an argued move's entry and draw begins (a scenario's ids hold no colon)."""


def argued_rule(argument: str) -> str:
    """What an argued move's log entry and draw name as their rule (never an id of the scenario's)."""
    return f"{ARGUED_RULE}{argument}"


def check_intervention(scenario: Scenario, state: GameState, act: Intervention) -> None:
    """Refuse, with one line saying why, an act this game cannot take now."""
    if state.over:
        raise RefusedIntervention("the game is over: no more interventions")
    _check_text(act.reason, "the reason", empty_ok=True)
    if isinstance(act, FireEvent):
        _check_event(scenario, state, act)
    elif isinstance(act, Inject):
        check_inject(scenario, act)
    elif isinstance(act, SetTrack):
        check_track_value(_variable(scenario, act.variable), act.value)
    elif isinstance(act, ForceChance):
        _check_ruling(scenario, act)
    elif isinstance(act, ReplaceOrder):
        _check_replacement(scenario, state, act)
    elif isinstance(act, RuleArgument):
        _compile_ruling(scenario, state, act)
    else:
        raise TypeError(f"not an intervention: {act!r}")


def apply_intervention(scenario: Scenario, state: GameState,
                       act: FireEvent | Inject | SetTrack | RuleArgument) -> Resolution:
    """The state after an immediate act, and its log entry; raises :class:`RefusedIntervention` as the check does."""
    check_intervention(scenario, state, act)
    env = environment(state)
    fired = state.fired
    common = dict(by=FACILITATOR, reason=act.reason)
    if isinstance(act, RuleArgument):
        effects, fail_effects = _compile_ruling(scenario, state, act)
        chance = act.chance / 100
        roll = draw(state.seed, state.turn, argued_stream(act.argument))
        success = roll < chance
        changes = apply_effects(effects if success else fail_effects, env)
        entry = LogEntry(state.turn, ARGUED, argued_rule(act.argument), act.headline.strip(), actor=act.seat,
                         visible_to=act.recipients, changes=changes, chance=chance, roll=roll, success=success,
                         **common)
    elif isinstance(act, FireEvent):
        event = next(e for e in scenario.events if e.id == act.event)
        changes = apply_effects(event.effects, env)
        fired = fired | {event.id} if event.once else fired
        entry = LogEntry(state.turn, INTERVENTION, event.id, event.text, source=event.source,
                         visible_to=event.visible_to, changes=changes, **common)
    elif isinstance(act, Inject):
        changes = apply_effects(check_inject(scenario, act), env)
        entry = LogEntry(state.turn, INTERVENTION, "", act.headline.strip(), visible_to=act.recipients,
                         changes=changes, **common)
    else:
        variable = scenario.variable(act.variable)
        slot = scenario.index_of(act.variable) + 1
        changes = () if env[slot] == act.value else (
            Change(variable.name, env[slot], act.value, f"{variable.name} = {literal(act.value)}"),)
        env[slot] = act.value
        entry = LogEntry(state.turn, INTERVENTION, "", f"The facilitator sets {variable.label} to "
                         f"{display(act.value)}.", visible_to=variable.visible_to, changes=changes, **common)
    return Resolution(evolve(state, values=tuple(env[1:]), fired=fired), (entry,))


def describe(scenario: Scenario, act: Intervention, *, formulas: bool = True) -> str:
    """An act in one phrase of plain words, after "the facilitator": for the console and the debrief.

    Without ``formulas`` (what students read) an inject's effects and the ids of rules without text are
    left out."""
    if isinstance(act, FireEvent):
        event = next(e for e in scenario.events if e.id == act.event)
        if not event.text and not formulas:
            return "made a scheduled change of the scenario early"
        return f"fired the event \u201c{event.text or event.id}\u201d early"
    if isinstance(act, Inject):
        effects = f" ({', '.join(act.effects)})" if act.effects and formulas else ""
        to = "" if act.recipients is None else " to " + " and ".join(
            scenario.actor_name(s) for s in scenario.seats if s in act.recipients)
        return f"injected \u201c{act.headline}\u201d{to}{effects}"
    if isinstance(act, SetTrack):
        value = display(act.value) if formulas else display(act.value).replace("_", " ")
        return f"set {scenario.variable(act.variable).label} to {value}"
    if isinstance(act, ForceChance):
        action = scenario.action(act.rule)
        name = action.label if action else next(e.text or e.id for e in scenario.events if e.id == act.rule)
        if not action and not formulas and name == act.rule:
            return f"ruled that a chance of the scenario would {'succeed' if act.success else 'fail'}"
        return f"ruled that \u201c{name}\u201d would {'succeed' if act.success else 'fail'}"
    if isinstance(act, RuleArgument):
        effects = [*act.effects, *(f"on failure {e}" for e in act.fail_effects)] if formulas else []
        effects_text = f" ({', '.join(effects)})" if effects else ""
        return (f"ruled {scenario.actor_name(act.seat)}'s argued move \u201c{act.headline}\u201d "
                f"{chance_words(act.chance)}{effects_text}")
    return f"gave {scenario.actor_name(act.seat)}'s order: \u201c{scenario.action(act.action).label}\u201d"


def literal(value: int | bool | str) -> str:
    """A value as the expression language writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def display(value: int | bool | str) -> str:
    """A value as a sentence shows it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def track_value(scenario: Scenario, name: str, text: str) -> int | bool | str:
    """Read what a person typed as a value for variable ``name`` (``5``, ``true``, ``serious``); checked."""
    variable = _variable(scenario, name)
    value = read_value(name, variable.type, text)
    check_track_value(variable, value)
    return value


def read_value(name: str, kind: str, text: str) -> int | bool | str:
    """What a person typed, as a value of a variable of type ``kind``; its bounds are checked with the act.

    Apart from :func:`track_value` so that a form holding only a view of the game (the networked
    facilitator's console) reads a value exactly as the command line does.
    """
    text = text.strip()
    if kind == "bool":
        value: int | bool | str | None = {"true": True, "false": False, "yes": True, "no": False}.get(text.lower())
        if value is None:
            raise RefusedIntervention(f"{name!r} holds true or false, not {text!r}")
        return value
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise RefusedIntervention(f"{name!r} holds whole numbers, not {text!r}") from None
    return text.strip("'\"")


def check_track_value(variable: Variable, value: object) -> None:
    """Refuse a value that does not fit ``variable`` (its type, its bounds, its named values)."""
    name = variable.name
    if variable.type == "bool":
        if not isinstance(value, bool):
            raise RefusedIntervention(f"{name!r} holds true or false, not {value!r}")
    elif variable.type == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise RefusedIntervention(f"{name!r} holds whole numbers, not {value!r}")
        low = -LIMIT if variable.low is None else variable.low
        high = LIMIT if variable.high is None else variable.high
        if not low <= value <= high:
            raise RefusedIntervention(f"{name!r} goes from {low} to {high}: {value} is out of bounds")
    elif value not in variable.values:
        raise RefusedIntervention(f"{name!r} is one of {', '.join(variable.values)}, not {value!r}")


def _check_text(text: object, what: str, *, empty_ok: bool) -> None:
    if not isinstance(text, str):
        raise RefusedIntervention(f"{what} must be text")
    if not empty_ok and not text.strip():
        raise RefusedIntervention(f"{what} is empty")
    if len(text) > MAX_REASON:
        raise RefusedIntervention(f"{what} is longer than {MAX_REASON} characters")
    if control_character(text) is not None:
        raise RefusedIntervention(f"{what} holds a control character; write plain text")


def _variable(scenario: Scenario, name: str) -> Variable:
    if name not in scenario.symbols:
        raise RefusedIntervention(f"no variable {name!r}{_suggest(name, scenario.symbols)}")
    return scenario.variable(name)


def _suggest(name: str, candidates: Collection[str]) -> str:
    found = closest(name, candidates)
    return f" (did you mean {found!r}?)" if found else ""


def _check_event(scenario: Scenario, state: GameState, act: FireEvent) -> None:
    event = next((e for e in scenario.events if e.id == act.event), None)
    if event is None:
        raise RefusedIntervention(f"no event {act.event!r}{_suggest(act.event, [e.id for e in scenario.events])}")
    if event.once and event.id in state.fired:
        raise RefusedIntervention(f"the event {event.id!r} has already fired, and it fires only once")


def check_inject(scenario: Scenario, act: Inject) -> tuple[Effect, ...]:
    """An inject's effects, compiled; :class:`RefusedIntervention` for one the game must refuse.

    Independent of the state, so the loader runs it on every ``[[injects]]`` of the
    library: a file that loads never offers an inject the game would refuse.
    """
    _check_text(act.headline, "the headline", empty_ok=False)
    if act.recipients is not None and not act.recipients:
        raise RefusedIntervention("an inject needs at least one recipient (or every seat)")
    _check_recipients(scenario, act.recipients)
    if len(act.effects) > MAX_EFFECTS:
        raise RefusedIntervention(f"an inject may have at most {MAX_EFFECTS} effects")
    return _compiled(scenario, act.effects)


def _check_recipients(scenario: Scenario, recipients: frozenset[str] | None) -> None:
    for seat in sorted(recipients or ()):
        if seat not in scenario.seats:
            raise RefusedIntervention(f"{seat!r} is not a seat (seats: {', '.join(scenario.seats)})")


def _compiled(scenario: Scenario, texts: Iterable[str]) -> tuple[Effect, ...]:
    """Effects written by the facilitator, compiled and checked as the scenario's own are."""
    effects = []
    for text in texts:
        if not isinstance(text, str):
            raise RefusedIntervention("an effect must be text")
        try:
            effect = compile_effect(text, scenario.symbols)
        except ExpressionError as error:
            raise RefusedIntervention(f"effect {text!r}: {_effect_problem(scenario, text, error)}") from None
        _check_no_inference(scenario, effect)
        effects.append(effect)
    return tuple(effects)


def _effect_problem(scenario: Scenario, text: str, error: ExpressionError) -> str:
    """Why an effect does not compile, in words a facilitator can act on: a track named by its label (what the
    screens show) is told its name in the language."""
    typed = text.strip().lower()
    for variable in scenario.variables:
        label = variable.label.lower()
        if label and label != variable.name.lower() and typed.startswith(label):
            return (f"{variable.label!r} is written {variable.name!r} in effects, e.g. "
                    f"{_example(variable)} (or choose it from the list)")
    return str(error)


def _example(variable: Variable) -> str:
    if variable.type == "int":
        return f"{variable.name} += 1"
    if variable.type == "bool":
        return f"{variable.name} = true"
    return f"{variable.name} = {variable.values[-1]!r}"


def _compile_ruling(scenario: Scenario, state: GameState,
                    act: RuleArgument) -> tuple[tuple[Effect, ...], tuple[Effect, ...]]:
    """A ruling's effects on success and on failure, checked against ``[arguments]``; one-line refusals."""
    rules = scenario.arguments
    if rules is None:
        raise RefusedIntervention("this scenario allows no argued moves (it has no [arguments])")
    if act.seat not in rules.seats:
        raise RefusedIntervention(f"{act.seat!r} may not argue moves in this scenario "
                                  f"(seats that may: {', '.join(rules.seats)})")
    _check_text(act.argument, "the argued move's id", empty_ok=False)
    _check_text(act.headline, "the argued move", empty_ok=False)
    if isinstance(act.chance, bool) or not isinstance(act.chance, int) or not 0 <= act.chance <= 100:
        raise RefusedIntervention(f"a chance is a whole percent from 0 to 100, not {act.chance!r}")
    _check_recipients(scenario, act.recipients)
    if len(act.effects) + len(act.fail_effects) > MAX_EFFECTS:
        raise RefusedIntervention(f"a ruling may have at most {MAX_EFFECTS} effects")
    effects = _compiled(scenario, act.effects)
    fail_effects = _compiled(scenario, act.fail_effects)
    for compiled in (effects, fail_effects):
        _check_allowed(scenario, rules, state, compiled)
    return effects, fail_effects


def _check_allowed(scenario: Scenario, rules: Arguments, state: GameState, effects: tuple[Effect, ...]) -> None:
    """Refuse an effect ``[arguments]`` does not allow: a track it does not list, a move beyond its step, a
    value it does not list, or two changes of one track in one outcome."""
    touched: set[str] = set()
    for effect in effects:
        variable = scenario.variable(effect.target)
        limit = rules.limit(effect.target)
        if limit is None:
            allowed = ", ".join(scenario.variable(t.variable).label for t in rules.tracks) or "none"
            raise RefusedIntervention(f"a ruling may not change {variable.label!r}: the scenario's [arguments] "
                                      f"lets a ruling change {allowed}")
        if effect.target in touched:
            raise RefusedIntervention(f"one change of {variable.label!r} per outcome: combine them")
        touched.add(effect.target)
        expression = effect.expression
        if variable.type == "int":
            low, high = expression.bounds or (-LIMIT, LIMIT)
            if effect.operator == "=":
                now = state.values[scenario.index_of(effect.target)]
                low, high = low - now, high - now
            if max(abs(low), abs(high)) > limit.step:
                raise RefusedIntervention(f"a ruling may move {variable.label!r} by at most {limit.step} "
                                          f"(the scenario's [arguments]); {effect.text!r} may move it further")
        elif expression.domain is None or not set(expression.domain) <= set(limit.values):
            allowed = ", ".join(display(v) for v in limit.values)
            raise RefusedIntervention(f"a ruling may set {variable.label!r} only to {allowed} "
                                      f"(the scenario's [arguments]), not as {effect.text!r} does")


def _check_no_inference(scenario: Scenario, effect: Effect) -> None:
    """Refuse an effect that would show a seat a change worked out from what that seat cannot see."""
    target = scenario.variable(effect.target)
    for seat in scenario.seats:
        if not target.visible(seat):
            continue
        hidden = sorted(effect.expression.reads - scenario.visible_names(seat))
        if hidden:
            raise RefusedIntervention(
                f"effect {effect.text!r} would show {scenario.actor_name(seat)} a change of {target.name!r} "
                f"worked out from {hidden[0]!r}, which that seat cannot see: use a number")


def _check_ruling(scenario: Scenario, act: ForceChance) -> None:
    if not isinstance(act.success, bool):
        raise RefusedIntervention("a ruling is success or failure")
    action = scenario.action(act.rule)
    rule = action or next((e for e in scenario.events if e.id == act.rule), None)
    if rule is None:
        ids = [a.id for a in scenario.actions] + [e.id for e in scenario.events]
        raise RefusedIntervention(f"no action or event {act.rule!r}{_suggest(act.rule, ids)}")
    if rule.chance is None:
        raise RefusedIntervention(f"{act.rule!r} has no chance to rule on: it always succeeds")


def _check_replacement(scenario: Scenario, state: GameState, act: ReplaceOrder) -> None:
    try:
        check_order(scenario, state, act.seat, act.action)
    except IllegalOrder as error:
        raise RefusedIntervention(str(error)) from None
