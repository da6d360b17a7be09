"""Whole games with computer seats on the engine's fast path: what simulate and lint play.

A game here is the game :class:`~game.session.Session` would play with the
same seed and policies (the same choices, draws, states and ending; the
differential tests check it), without log entries, views or state hashes.
Each policy is asked with the same :class:`~game.engine.views.Knowledge` the
session gives it (``views.knowledge_for``), here from the generated functions,
including the once-only events its seat was shown firing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from attrs import frozen

from game.engine.draws import draw_keyed, policy_stream, stream_key, stream_name
from game.engine.fastpath import Rule, fast_form, resolve, seen_after
from game.engine.model import Scenario
from game.engine.views import Knowledge
from game.players.registry import Policy


@frozen
class Turn:
    """One turn of a traced game: the situation before it and what each seat chose."""

    turn: int
    values: tuple[Any, ...]
    fired: frozenset[str]
    seen: tuple[frozenset[str], ...]
    """What each seat had seen fire (``Knowledge.seen``), in seat order."""
    orders: tuple[str, ...]
    """Action ids, in seat order."""


@frozen
class FastGame:
    seed: int
    ending: str | None
    """Id of the ending reached; None when the last turn was played."""
    values: tuple[Any, ...]
    """The variables' final values."""
    scores: tuple[float, ...]
    """Each seat's final score, in seat order."""
    orders: tuple[tuple[str, ...], ...]
    """Each turn's action ids, in seat order."""
    logged: frozenset[str]
    """Ids of the events that left a log entry at least once (the reference log's EVENT entries)."""
    trace: tuple[Turn, ...] = ()
    """Every turn's situation, when asked for."""
    held: tuple[bool, ...] = ()
    """For each condition ``play_fast`` was asked to watch: whether it held after some turn."""

    @property
    def turns(self) -> int:
        return len(self.orders)


def play_fast(scenario: Scenario, seed: int, policies: Sequence[Policy], *, trace: bool = False,
              start: Turn | None = None, first: Sequence[str] | None = None,
              watch: Sequence[Callable[[Sequence[Any]], bool]] = ()) -> FastGame:
    """Play a game with ``policies[i]`` in seat ``i`` to its end.

    From the beginning, or from ``start`` (a situation of a traced game) with
    ``first`` as the orders of its turn. ``trace`` keeps every turn's situation.
    ``watch`` are conditions evaluated on the state after every turn (``turn``
    one past the turn played, as the debrief reads it); ``held`` says which held
    after some turn.
    """
    fast = fast_form(scenario)
    seats = scenario.seats
    if start is None:
        env = [1, *(v.initial for v in scenario.variables)]
        fired: frozenset[str] = frozenset()
        seen = [fired] * len(scenario.seats)
    else:
        env, fired, seen = [start.turn, *start.values], start.fired, list(start.seen)
    keys = fast.keys(seed)
    deciders = [(i, seat, policy, available, visible, stream_key(seed, stream_name(policy_stream(seat))))
                for i, (seat, policy, available, visible)
                in enumerate(zip(seats, policies, fast.available, fast.visible))]
    actions = fast.actions
    orders: list[tuple[str, ...]] = []
    turns: list[Turn] = []
    logged: set[str] = set()
    held = [False] * len(watch)
    ending = None
    while True:
        turn = env[0]
        if first is not None and not orders:
            chosen = tuple(first)
        else:
            chosen = tuple([policy.choose(scenario, Knowledge(scenario, seat, turn, available(env), visible(env),
                                                              seen[i]), draw_keyed(key, turn))
                            for i, seat, policy, available, visible, key in deciders])
        if trace:
            turns.append(Turn(turn, tuple(env[1:]), fired, tuple(seen), chosen))
        orders.append(chosen)
        applied: list[tuple[Rule, bool]] = []
        resolve(fast, env, keys, [actions[action] for action in chosen], fired, applied)
        if applied:
            fired, seen = _after_events(seats, applied, fired, seen, logged)
        ending, over = fast.outcome(env)
        env[0] = turn + 1
        if watch:
            held = [was or bool(condition(env)) for was, condition in zip(held, watch)]
        if over:
            break
    scores = tuple(score(env) for score in fast.score)
    return FastGame(seed, ending, tuple(env[1:]), scores, tuple(orders), frozenset(logged), tuple(turns),
                    tuple(held))


def _after_events(seats: Sequence[str], applied: Sequence[tuple[Rule, bool]], fired: frozenset[str],
                  seen: list[frozenset[str]], logged: set[str]) -> tuple[frozenset[str], list[frozenset[str]]]:
    """The once-only events fired, and what each seat saw fire, after a turn's ``applied`` events."""
    once = False
    for rule, silent_but_logged in applied:
        if rule.logged or silent_but_logged:
            logged.add(rule.id)
        once = once or rule.once
    if not once:
        return fired, seen
    return fired | {rule.id for rule, _ in applied if rule.once}, seen_after(seats, applied, seen)
