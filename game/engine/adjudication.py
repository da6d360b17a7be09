"""The rules of play: which orders are legal, and how a turn resolves.

Turn order (docs/scenario-format.md, "Turn order"):

1. every seat chooses one action whose ``when`` holds at the start of the turn;
2. the actions resolve in seat order; one whose ``when`` no longer holds is
   "overtaken by events"; chances are drawn from the game's seeded draws;
3. events whose ``when`` holds fire, in file order;
4. endings are checked, then the turn advances; after the last turn the game ends.

All functions here are pure: they read a scenario and a state and return new
values; a refused order raises :class:`IllegalOrder` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from attrs import frozen

from game.engine import arithmetic
from game.engine.draws import chance_stream, draw
from game.engine.expressions import Effect, Expression
from game.engine.log import ACTION, ENDING, EVENT, OVERTAKEN, Change, LogEntry
from game.engine.model import PRIVATE, Action, Scenario
from game.engine.state import GameState, initial_state
from game.errors import IllegalOrder, WargameError

if TYPE_CHECKING:
    from game.engine.interventions import ForceChance

Rulings = Mapping[str, "ForceChance"]
"""The facilitator's rulings for a turn: rule id -> the outcome its chance is to have."""

MAX_SEED = (1 << 63) - 1


@frozen
class Resolution:
    """What ``resolve_turn`` gives back: the next state and the turn's log."""

    state: GameState
    entries: tuple[LogEntry, ...]


def new_game(scenario: Scenario, seed: int) -> GameState:
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= MAX_SEED:
        raise WargameError(f"seed must be a whole number from 0 to {MAX_SEED}, got {seed!r}")
    return initial_state(scenario, seed)


def environment(state: GameState) -> list[Any]:
    """The list compiled expressions read: the turn, then every variable."""
    return [state.turn, *state.values]


def holds(expression: Expression | None, env: Sequence[Any]) -> bool:
    """Whether an optional condition holds (a missing one always does)."""
    return expression is None or bool(expression.evaluate(env))


def legal_actions(scenario: Scenario, state: GameState, seat: str) -> tuple[Action, ...]:
    """The actions ``seat`` may choose now (none once the game is over)."""
    if state.over:
        return ()
    env = environment(state)
    return tuple(a for a in scenario.actions_for(seat) if holds(a.when, env))


def unavailable_reason(action: Action, env: Sequence[Any]) -> str:
    """Why ``action`` cannot be chosen in ``env``, in the author's words ("" when the author gave none).

    An action whose ``when`` is a list of parts says the reason of each part that fails, and only
    those: "U.S. drones are already on a Russian base", not every condition it ever needs.
    """
    failing = [clause.unavailable for clause in action.clauses if not holds(clause.when, env)]
    if any(failing):
        return " ".join(_sentence(reason) for reason in failing if reason) if len(failing) > 1 else failing[0]
    return action.unavailable


def unavailable_fact(action: Action, env: Sequence[Any]) -> str:
    """Why ``action`` cannot be chosen in ``env``: the author's words, else the parts of its condition that fail."""
    reason = unavailable_reason(action, env)
    if reason or action.when is None:
        return reason
    failing = [clause.when.text for clause in action.clauses if not holds(clause.when, env)]
    return f"requires {' and '.join(failing) if failing else action.when.text}"


def overtaken_text(action: Action, why: str) -> str:
    return f"{action.label}: overtaken by events ({why})"


def _sentence(text: str) -> str:
    """``text`` ending as a sentence does, so several reasons read one after another."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "”", ")")) else f"{text}."


def check_orders(scenario: Scenario, state: GameState, orders: Mapping[str, str]) -> dict[str, Action]:
    """Match one order per seat to a legal action, or raise :class:`IllegalOrder`."""
    if state.over:
        raise IllegalOrder("the game is over: no more orders")
    for seat in orders:
        if seat not in scenario.seats:
            raise IllegalOrder(f"{seat!r} is not a seat of this scenario (seats: {', '.join(scenario.seats)})")
    env = environment(state)
    chosen = {}
    for seat in scenario.seats:
        if seat not in orders:
            raise IllegalOrder(f"no order for {seat!r}")
        chosen[seat] = _legal_action(scenario, env, seat, orders[seat])
    return chosen


def check_order(scenario: Scenario, state: GameState, seat: str, action_id: str) -> Action:
    """The action one seat's order names, if it may choose it now; else :class:`IllegalOrder`."""
    if state.over:
        raise IllegalOrder("the game is over: no more orders")
    if seat not in scenario.seats:
        raise IllegalOrder(f"{seat!r} is not a seat of this scenario (seats: {', '.join(scenario.seats)})")
    return _legal_action(scenario, environment(state), seat, action_id)


def _legal_action(scenario: Scenario, env: Sequence[Any], seat: str, action_id: str) -> Action:
    action = scenario.action(action_id)
    if action is None or action.actor != seat:
        raise IllegalOrder(f"{seat!r} has no action {action_id!r}")
    if not holds(action.when, env):
        raise IllegalOrder(f"{seat!r} cannot choose {action.id!r} now: {unavailable_fact(action, env)}")
    return action


def apply_effects(effects: Sequence[Effect], env: list[Any]) -> tuple[Change, ...]:
    """Run effects in order on ``env`` (mutated), returning the changes they made."""
    changes = []
    for effect in effects:
        before = env[effect.slot]
        after = effect.compute(env)
        if after != before:
            env[effect.slot] = after
            changes.append(Change(effect.target, before, after, effect.text))
    return tuple(changes)


def probability(chance: Expression, env: Sequence[Any]) -> float:
    """A chance's value as a probability, clamped to 0..1 as the format promises.

    The draw, the odds a seat is shown and a computer player's expectations
    all read a chance through here, so they can never disagree.
    """
    return arithmetic.probability(chance.evaluate(env))


def _resolve_action(state: GameState, action: Action, env: list[Any], rulings: Rulings) -> LogEntry:
    visible_to = frozenset({action.actor}) if action.visibility == PRIVATE else None
    common = dict(actor=action.actor, source=action.source, visible_to=visible_to)
    if not holds(action.when, env):
        return LogEntry(state.turn, OVERTAKEN, action.id, overtaken_text(action, unavailable_fact(action, env)),
                        unavailable=unavailable_reason(action, env), **common)
    if action.chance is None:
        return LogEntry(state.turn, ACTION, action.id, action.label,
                        changes=apply_effects(action.effects, env), **common)
    chance = probability(action.chance, env)
    roll = draw(state.seed, state.turn, chance_stream(action.id))
    success, ruled = _outcome(roll, chance, rulings.get(action.id))
    changes = apply_effects(action.effects if success else action.fail_effects, env)
    return LogEntry(state.turn, ACTION, action.id, action.label, changes=changes,
                    chance=chance, roll=roll, success=success, **common, **ruled)


def _outcome(roll: float, chance: float, ruling: ForceChance | None) -> tuple[bool, dict[str, Any]]:
    """Whether a chance succeeds: as drawn, or as the facilitator ruled (the entry then says so).

    The roll is drawn either way and kept in the entry, so a ruled turn's
    draws are the same as an unruled one's and the log shows what the dice said.
    """
    if ruling is None:
        return roll < chance, {}
    return ruling.success, {"ruled": True, "reason": ruling.reason}


def _fire_events(scenario: Scenario, state: GameState, env: list[Any], fired: set[str],
                 rulings: Rulings) -> list[LogEntry]:
    entries = []
    for event in scenario.events:
        if event.once and event.id in fired or not event.when.evaluate(env):
            continue
        chance = roll = None
        ruled: dict[str, Any] = {}
        if event.chance is not None:
            chance = probability(event.chance, env)
            roll = draw(state.seed, state.turn, chance_stream(event.id))
            success, ruled = _outcome(roll, chance, rulings.get(event.id))
            if not success:
                continue
        if event.once:
            fired.add(event.id)
        changes = apply_effects(event.effects, env)
        if event.text or changes or ruled:  # a silent rule that changed nothing has nothing to explain
            entries.append(LogEntry(state.turn, EVENT, event.id, event.text, source=event.source,
                                    visible_to=event.visible_to, changes=changes, chance=chance, roll=roll,
                                    success=None if chance is None else True, **ruled))
    return entries


def resolve_turn(scenario: Scenario, state: GameState, orders: Mapping[str, str],
                 rulings: Rulings | None = None) -> Resolution:
    """Play one turn: ``orders`` maps every seat to the id of its chosen action.

    ``rulings`` are the facilitator's: the outcome each named rule's chance is
    to have this turn, whatever its roll (a rule that draws no chance this
    turn is not affected).
    """
    chosen = check_orders(scenario, state, orders)
    rulings = rulings or {}
    env = environment(state)
    entries = [_resolve_action(state, chosen[seat], env, rulings) for seat in scenario.seats]
    fired = set(state.fired)
    entries += _fire_events(scenario, state, env, fired, rulings)
    ending = next((e for e in scenario.endings if e.when.evaluate(env)), None)
    over = ending is not None or state.turn >= scenario.turns
    if ending is not None:
        entries.append(LogEntry(state.turn, ENDING, ending.id, ending.text, source=ending.source))
    elif over:
        entries.append(LogEntry(state.turn, ENDING, "", scenario.end_text))
    next_state = GameState(state.seed, state.turn + 1, tuple(env[1:]), frozenset(fired),
                           ending.id if ending else None, over)
    return Resolution(next_state, tuple(entries))


def scores(scenario: Scenario, state: GameState) -> dict[str, float]:
    """Each seat's objective score in ``state`` (0 for a seat without one)."""
    env = environment(state)
    return {seat: _score(scenario, seat, env) for seat in scenario.seats}


def _score(scenario: Scenario, seat: str, env: Sequence[Any]) -> float:
    objective = scenario.objectives.get(seat)
    return objective.score.evaluate(env) if objective else 0
