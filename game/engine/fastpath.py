"""The turn resolved without a log: the form bulk play, replay and the players' lookahead run.

``adjudication.resolve_turn`` is the reference: it builds a :class:`LogEntry`
and a :class:`Change` for every rule so that people can read what happened.
Thousands of simulated games, a replay's check of every turn and a computer
player imagining its options need only the values. This module resolves the
same turn, in the same order with the same draws, on a plain environment list,
building nothing. A differential test plays games through both and asserts
identical states, draws, scores and endings at every turn.

A turn is a sequence of rules (the seats' chosen actions in seat order, then
the events still able to fire, in file order). :func:`advance` applies them
until one whose chance must be decided: the engine then draws it, the
lookahead takes both branches in expectation. That is the one place where the
turn's order is written for the fast form, shared by both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from game.engine.adjudication import probability
from game.engine.draws import chance_stream, draw_keyed, stream_key, stream_name
from game.engine.expressions import Effect
from game.engine.model import Action, Event, Scenario
from game.engine.state import GameState

Env = list[Any]
"""Slot 0 the turn, then every variable's value in scenario order (``adjudication.environment``)."""


class Rule:
    """One action or event as the fast form runs it."""

    __slots__ = ("id", "number", "event", "once", "logged", "visible_to", "when", "chance", "hit", "miss",
                 "stream")

    def __init__(self, number: int, rule: Action | Event) -> None:
        self.id = rule.id
        self.number = number
        """Position among all the scenario's actions then events: an index for per-game tables."""
        self.event = isinstance(rule, Event)
        self.once = self.event and rule.once
        self.logged = not self.event or bool(rule.text)
        """Whether firing always leaves a log entry (a silent event leaves one only if it changed something)."""
        self.visible_to = rule.visible_to if self.event else None
        """For an event, the seats shown its entry (None: all)."""
        self.when = rule.when.evaluate if rule.when is not None else None
        self.chance = rule.chance
        self.hit = _applier(rule.effects)
        """Applies the effects of success (or of the rule, without a chance); True if a value changed."""
        self.miss = _applier(rule.fail_effects if not self.event else ())
        self.stream = stream_name(chance_stream(rule.id))


def _applier(effects: Sequence[Effect]) -> Callable[[Env], bool]:
    """Applies ``effects`` in order to an environment, in place; says whether any value changed."""
    steps = tuple((effect.slot, effect.compute) for effect in effects)

    def apply(env: Env) -> bool:
        changed = False
        for slot, compute in steps:
            value = compute(env)
            if value != env[slot]:
                env[slot] = value
                changed = True
        return changed

    return apply


class FastScenario:
    """A scenario's rules in the fast form, made once per scenario (see :func:`fast_form`)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        numbered = [*scenario.actions, *scenario.events]
        rules = [Rule(i, rule) for i, rule in enumerate(numbered)]
        self.rule_count = len(rules)
        self.actions = {rule.id: rule for rule in rules[: len(scenario.actions)]}
        self.events = tuple(rules[len(scenario.actions):])
        self.endings = tuple((ending.id, ending.when.evaluate) for ending in scenario.endings)
        self._pending: dict[frozenset[str], tuple[Rule, ...]] = {}

    def pending(self, fired: frozenset[str]) -> tuple[Rule, ...]:
        """The events that may still fire once ``fired`` (once-only ones) have fired."""
        events = self._pending.get(fired)
        if events is None:
            events = self._pending[fired] = tuple(e for e in self.events if not (e.once and e.id in fired))
        return events

    def outcome(self, env: Env) -> tuple[str | None, bool]:
        """After turn ``env[0]`` resolved: the first ending whose condition holds, and whether the game is over."""
        for ending_id, when in self.endings:
            if when(env):
                return ending_id, True
        return None, env[0] >= self.scenario.turns


_FAST: WeakKeyDictionary[Scenario, FastScenario] = WeakKeyDictionary()


def fast_form(scenario: Scenario) -> FastScenario:
    """The fast form of ``scenario``, made on first use and kept as long as the scenario lives."""
    fast = _FAST.get(scenario)
    if fast is None:
        fast = _FAST[scenario] = FastScenario(scenario)
    return fast


def advance(rules: Sequence[Rule], start: int, env: Env, applied: list[tuple[Rule, bool]] | None = None) -> int:
    """Apply ``rules[start:]`` in order until one whose chance must be decided; return its index.

    A rule whose ``when`` does not hold is passed over (an action is then
    overtaken, an event does not fire). Returns ``len(rules)`` when every rule
    has been dealt with. Events applied are appended to ``applied`` with
    whether they changed a value, when it is given.
    """
    for index in range(start, len(rules)):
        rule = rules[index]
        when = rule.when
        if when is not None and not when(env):
            continue
        if rule.chance is not None:
            return index
        changed = rule.hit(env)
        if applied is not None and rule.event:
            applied.append((rule, changed))
    return len(rules)


def chance_of(rule: Rule, env: Env) -> float:
    """The rule's chance in ``env`` as a probability (``adjudication.probability``, the one clamp)."""
    return probability(rule.chance, env)


class Keys:
    """One game's draw keys, computed per rule when first needed (see ``draws.stream_key``)."""

    __slots__ = ("seed", "_keys")

    def __init__(self, seed: int, rules: int) -> None:
        self.seed = seed
        self._keys: list[int | None] = [None] * rules

    def draw(self, rule: Rule, turn: int) -> float:
        key = self._keys[rule.number]
        if key is None:
            key = self._keys[rule.number] = stream_key(self.seed, rule.stream)
        return draw_keyed(key, turn)


Draw = tuple[str, float, float]
"""(rule id, chance, roll) of a drawn chance that the log records, as ``saves.records.Draw`` holds it."""


def resolve(fast: FastScenario, env: Env, keys: Keys, actions: Sequence[Rule], fired: frozenset[str],
            applied: list[tuple[Rule, bool]], draws: list[Draw] | None = None) -> None:
    """Resolve the turn ``env[0]`` on ``env`` (mutated): ``actions`` in seat order, then the events.

    Events that fire are appended to ``applied`` (with whether they changed a
    value); the draws the reference log would record are appended to
    ``draws`` when it is given. Endings are the caller's (:meth:`FastScenario.ending`).
    """
    rules = (*actions, *fast.pending(fired))
    turn = env[0]
    index = advance(rules, 0, env, applied)
    while index < len(rules):
        rule = rules[index]
        chance = chance_of(rule, env)
        roll = keys.draw(rule, turn)
        if roll < chance:
            changed = rule.hit(env)
            if rule.event:
                applied.append((rule, changed))
            logged = rule.logged or changed
        else:
            rule.miss(env)
            logged = not rule.event
        if draws is not None and logged:
            draws.append((rule.id, chance, roll))
        index = advance(rules, index + 1, env, applied)


def next_state(fast: FastScenario, state: GameState, actions: Sequence[str], keys: Keys | None = None,
               draws: list[Draw] | None = None) -> GameState:
    """The state after ``actions`` (ids, in seat order, legal: not checked here) resolve in ``state``.

    What ``adjudication.resolve_turn`` gives as ``Resolution.state``, without its log.
    """
    env = [state.turn, *state.values]
    applied: list[tuple[Rule, bool]] = []
    keys = keys or Keys(state.seed, fast.rule_count)
    resolve(fast, env, keys, [fast.actions[action] for action in actions], state.fired, applied, draws)
    fired = state.fired.union(rule.id for rule, _ in applied if rule.once) if applied else state.fired
    ending, over = fast.outcome(env)
    return GameState(state.seed, state.turn + 1, tuple(env[1:]), fired, ending, over)
