"""Dominated actions: an action that never did better than another of the same seat.

For situations taken from sampled games, every legal action of the seat to
move is played in place of its real choice, with the other seats' orders of
that turn unchanged, and the game is played out to the end as the sample was
(every seat random, the same seed: the same draws wherever the games do not
diverge). An action Y dominates X when, in every situation where both were
legal, Y's game ended at least as well for the seat and in at least one
better. That is what "always at least as good" can mean for a seat whose score
is only known at the end. Two actions whose games always ended alike are
reported too: one of them gives the seat no reason to choose it.

Each situation costs a play-out per legal action, so only the first
``MAX_GAMES`` sampled games with random seats are used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from game.analysis.fast_games import FastGame, Turn, play_fast
from game.analysis.findings import Finding
from game.engine.adjudication import holds
from game.engine.model import Action, Scenario
from game.players import get_policy

MAX_GAMES = 30
MIN_SITUATIONS = 20
"""Fewer situations where both actions were legal are not evidence enough."""

Situation = dict[str, float]
"""The seat's final score after each of its legal actions, by action id."""


def dominance_findings(scenario: Scenario, sessions: Sequence[FastGame],
                       seats: Iterable[str]) -> Iterable[Finding]:
    """Findings for ``seats`` (those whose score varies: for the others every action is alike)."""
    situations = _situations(scenario, sessions[:MAX_GAMES])
    for seat in seats:
        actions = scenario.actions_for(seat)
        for action in actions:
            finding = _compare(scenario, action, actions, situations[seat])
            if finding is not None:
                yield finding


def _compare(scenario: Scenario, action: Action, actions: Sequence[Action],
             situations: Sequence[Situation]) -> Finding | None:
    """The first action that dominates ``action``, else the first that always matched it."""
    same = None
    for other in actions:
        both = [s for s in situations if other.id in s and action.id in s]
        if other is action or len(both) < MIN_SITUATIONS or any(s[other.id] < s[action.id] for s in both):
            continue
        wins = sum(s[other.id] > s[action.id] for s in both)
        if wins:
            return _dominated(scenario, action, other, len(both), wins)
        # Of two actions that always match, report the later one, or the one that is not the hold.
        later = other.builtin or actions.index(other) < actions.index(action)
        if same is None and not action.builtin and later:
            same = _no_difference(scenario, action, other, len(both))
    return same


def _dominated(scenario: Scenario, dominated: Action, better: Action, situations: int, wins: int) -> Finding:
    seat = scenario.actor_name(dominated.actor)
    evidence = (f"in all {situations} sampled situations where both could be chosen it ended the game "
                f"at least as well for {seat}, and better in {wins}")
    if dominated.builtin:
        return Finding(better.line, "no-downside", better.id,
                       f"action {better.id!r} is never worse than holding: {evidence}")
    return Finding(dominated.line, "dominated", dominated.id,
                   f"action {dominated.id!r} is never better than {better.id!r}: {evidence}")


def _no_difference(scenario: Scenario, action: Action, other: Action, situations: int) -> Finding:
    seat = scenario.actor_name(action.actor)
    versus = "holding" if other.builtin else repr(other.id)
    return Finding(action.line, "no-difference", action.id,
                   f"action {action.id!r} never made a difference to {seat}'s score compared with {versus} "
                   f"in {situations} sampled situations where both could be chosen")


def _situations(scenario: Scenario, games: Sequence[FastGame]) -> dict[str, list[Situation]]:
    """From traced all-random games: each seat's final score after each of its legal actions."""
    found: dict[str, list[Situation]] = {seat: [] for seat in scenario.seats}
    for game in games:
        for turn in game.trace:
            for position, seat in enumerate(scenario.seats):
                found[seat].append(_alternatives(scenario, game, turn, position))
    return found


def _alternatives(scenario: Scenario, game: FastGame, turn: Turn, position: int) -> Situation:
    seat = scenario.seats[position]
    env = [turn.turn, *turn.values]
    values = {}
    for action in scenario.actions_for(seat):
        if not holds(action.when, env):
            continue
        if action.id == turn.orders[position]:
            values[action.id] = game.scores[position]
        else:
            orders = (*turn.orders[:position], action.id, *turn.orders[position + 1:])
            values[action.id] = play_out(scenario, game.seed, turn, orders).scores[position]
    return values


def play_out(scenario: Scenario, seed: int, turn: Turn, orders: Sequence[str]) -> FastGame:
    """Resolve ``orders`` in ``turn``, then let random seats finish the game, as the samples were played."""
    return play_fast(scenario, seed, [get_policy("random")] * len(scenario.seats), start=turn, first=orders)
