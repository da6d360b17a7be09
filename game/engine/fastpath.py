"""The turn resolved without a log: the form bulk play and the players' lookahead run.

``adjudication.resolve_turn`` is the reference: it builds a :class:`LogEntry`
and a :class:`Change` for every rule so that people can read what happened.
Thousands of simulated games, a replay's check of every turn and a computer
player imagining its options need only the values. This module resolves the
same turn, in the same order with the same draws, on a plain environment list,
building nothing. A differential test plays games through both and asserts
identical states, draws, scores and endings at every turn.

A turn is a sequence of rules: the seats' chosen actions in seat order, then
the events still able to fire, in file order. :func:`advance` applies rules
until one whose chance must be decided: :func:`resolve` then draws it, the
lookahead takes both branches in expectation. For the events phase bulk play
calls one generated function (``codegen._Writer.events_phase``) with every
event inline, which is the phase of the turn that costs most (most events do
not fire, and a loop over them costs more than their conditions); the
lookahead, which must branch inside it, runs it through ``advance`` over the
same rules. Both are held to the reference by the differential tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from game.engine.codegen import functions, rule_names, seat_names
from game.engine.draws import chance_stream, draw_keyed, stream_key, stream_name
from game.engine.model import Action, Event, Scenario
from game.engine.state import GameState

Env = list[Any]
"""Slot 0 the turn, then every variable's value in scenario order (``adjudication.environment``)."""


class Rule:
    """One action or event as the fast form runs it: generated functions (``codegen.py``) and facts."""

    __slots__ = ("id", "number", "event", "actor", "once", "logged", "visible_to", "when", "chance", "hit", "miss",
                 "stream")

    def __init__(self, number: int, rule: Action | Event, generated: dict[str, Any]) -> None:
        self.id = rule.id
        self.number = number
        """Position among all the scenario's actions then events: an index for per-game tables."""
        self.event = isinstance(rule, Event)
        self.actor = None if self.event else rule.actor
        """For an action, the seat whose action it is."""
        self.once = self.event and rule.once
        self.logged = not self.event or bool(rule.text)
        """Whether firing always leaves a log entry (a silent event leaves one only if it changed something)."""
        self.visible_to = rule.visible_to if self.event else None
        """For an event, the seats shown its entry (None: all)."""
        when, chance, hit, miss = rule_names(number)
        self.when: Callable[[Env], bool] | None = generated.get(when)
        self.chance: Callable[[Env], float] | None = generated.get(chance)
        """The chance as a probability (clamped to 0..1), when the rule has one."""
        self.hit: Callable[[Env], bool] = generated[hit]
        """Applies the effects of success (or of the rule, without a chance); True if a value changed."""
        self.miss: Callable[[Env], bool] = generated[miss]
        self.stream = stream_name(chance_stream(rule.id))


class FastScenario:
    """A scenario's rules in the fast form, made once per scenario (see :func:`fast_form`)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        generated = functions(scenario)
        numbered = [*scenario.actions, *scenario.events]
        rules = [Rule(i, rule, generated) for i, rule in enumerate(numbered)]
        self.rules = tuple(rules)
        """Every action, then every event: ``rules[r.number] is r``."""
        self.actions = {rule.id: rule for rule in rules[: len(scenario.actions)]}
        self.events = tuple(rules[len(scenario.actions):])
        self.outcome: Callable[[Env], tuple[str | None, bool]] = generated["outcome"]
        """After turn ``env[0]`` resolved: the first ending that holds (or None), and whether the game is over."""
        names = [seat_names(i) for i in range(len(scenario.seats))]
        self.available: tuple[Callable[[Env], tuple[bool, ...]], ...] = tuple(generated[a] for a, _, _ in names)
        """Per seat (in seat order): whether each of its actions may be chosen, as ``Knowledge.available``."""
        self.visible: tuple[Callable[[Env], tuple], ...] = tuple(generated[v] for _, v, _ in names)
        """Per seat: the values it may see, as ``Knowledge.visible_values``."""
        self.score: tuple[Callable[[Env], Any], ...] = tuple(generated[s] for _, _, s in names)
        """Per seat: its score (0 without an objective)."""
        self.events_phase: Callable[..., None] = generated["events"]
        """The events phase of a turn (``codegen._Writer.events_phase``); ``resolve`` calls it."""
        self.numbers = {rule.id: rule.number for rule in rules}
        """Each action's and event's ``Rule.number``, by id."""
        self._seats = scenario.seats
        self._keys: Keys | None = None

    def allows(self, env: Env, seat: int, action: str) -> bool:
        """Whether seat number ``seat`` may choose ``action`` in ``env`` (``adjudication.check_order``)."""
        rule = self.actions.get(action)
        return rule is not None and rule.actor == self._seats[seat] and (rule.when is None or rule.when(env))

    def keys(self, seed: int) -> Keys:
        """The draw keys of game ``seed``; the last game's are kept, as replays and sessions ask turn by turn."""
        keys = self._keys
        if keys is None or keys.seed != seed:
            keys = self._keys = Keys(seed, self)
        return keys


_FAST: WeakKeyDictionary[Scenario, FastScenario] = WeakKeyDictionary()


def fast_form(scenario: Scenario) -> FastScenario:
    """The fast form of ``scenario``, made on first use and kept as long as the scenario lives."""
    fast = _FAST.get(scenario)
    if fast is None:
        fast = _FAST[scenario] = FastScenario(scenario)
    return fast


def advance(rules: Sequence[Rule], start: int, env: Env) -> int:
    """Apply ``rules[start:]`` in order until one whose chance must be decided; return its index.

    A rule whose ``when`` does not hold is passed over (an action is then
    overtaken, an event does not fire). Returns ``len(rules)`` when every rule
    has been dealt with.
    """
    for index in range(start, len(rules)):
        rule = rules[index]
        when = rule.when
        if when is not None and not when(env):
            continue
        if rule.chance is not None:
            return index
        rule.hit(env)
    return len(rules)


class Keys(list):
    """One game's draw key for each rule with a chance, by ``Rule.number`` (see ``draws.stream_key``)."""

    def __init__(self, seed: int, fast: FastScenario) -> None:
        super().__init__(stream_key(seed, rule.stream) if rule.chance is not None else None
                         for rule in fast.rules)
        self.seed = seed


Draw = tuple[str, float, float]
"""(rule id, chance, roll) of a drawn chance that the log records; equal to the journal's ``Draw``."""

Forced = dict[int, bool]
"""The facilitator's rulings for a turn by ``Rule.number``: the outcome each ruled chance is to have."""


def resolve(fast: FastScenario, env: Env, keys: Keys, actions: Sequence[Rule], fired: frozenset[str],
            applied: list[tuple[Rule, bool]], draws: list[Draw] | None = None, forced: Forced | None = None) -> None:
    """Resolve the turn ``env[0]`` on ``env`` (mutated): ``actions`` in seat order, then the events
    (the generated ``events`` of ``codegen.py``, which skips the once-only ones in ``fired``).

    Events that fire are appended to ``applied``, each with whether it left a
    log entry though silent (it changed a value, or its chance was ruled); the
    draws the reference log would record are appended to ``draws`` when it is
    given. ``forced`` rules chances as ``adjudication.resolve_turn``'s rulings
    do: the roll is drawn and recorded either way. Endings are the caller's
    (``FastScenario.outcome``).
    """
    turn = env[0]
    count = len(actions)
    index = advance(actions, 0, env)
    while index < count:
        rule = actions[index]
        chance = rule.chance(env)
        roll = draw_keyed(keys[rule.number], turn)
        success = roll < chance if forced is None else forced.get(rule.number, roll < chance)
        (rule.hit if success else rule.miss)(env)
        if draws is not None:
            draws.append((rule.id, chance, roll))  # an action's draw is always in the log
        index = advance(actions, index + 1, env)
    fast.events_phase(env, fired, keys, applied, draws, fast.rules, forced)


def next_state(fast: FastScenario, state: GameState, actions: Sequence[str], keys: Keys | None = None,
               draws: list[Draw] | None = None, forced: Forced | None = None,
               applied: list[tuple[Rule, bool]] | None = None) -> GameState:
    """The state after ``actions`` (ids, in seat order, legal: not checked here) resolve in ``state``.

    What ``adjudication.resolve_turn`` gives as ``Resolution.state`` (with
    ``forced`` as its rulings), without its log; ``draws`` and ``applied``, when
    given, are filled as :func:`resolve` fills them.
    """
    env = [state.turn, *state.values]
    applied = [] if applied is None else applied
    resolve(fast, env, keys or fast.keys(state.seed), [fast.actions[action] for action in actions], state.fired,
            applied, draws, forced)
    fired = state.fired.union(rule.id for rule, _ in applied if rule.once) if applied else state.fired
    ending, over = fast.outcome(env)
    return GameState(state.seed, state.turn + 1, tuple(env[1:]), fired, ending, over)


def seen_after(seats: Sequence[str], applied: Sequence[tuple[Rule, bool]],
               seen: Sequence[frozenset[str]]) -> list[frozenset[str]]:
    """What each seat (in seat order) has seen fire once ``applied`` (from :func:`resolve`) fired:
    the once-only events whose log entries were shown to it (``views.seen_events`` of the log)."""
    seen = list(seen)
    for rule, silent_but_logged in applied:
        if rule.once and (rule.logged or silent_but_logged):
            seen = [s | {rule.id} if rule.visible_to is None or seat in rule.visible_to else s
                    for seat, s in zip(seats, seen)]
    return seen
