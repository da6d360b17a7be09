"""Lint's check that every reason a player is shown for an unavailable action is true.

A player reads "unavailable: Needs Moscow's terms and the legal bar lifted" and
believes it; if what actually stops the action is that U.S. drones are already on
the base, the screen has lied. The engine shows, for an action whose ``when`` is
written as parts (``when = [{ if = ..., unavailable = ... }]``), the words of the
parts that fail, which are true by construction. An action with one ``unavailable``
for a whole ``when`` of several parts joined by ``and`` is true only if the same
parts fail every time it is unavailable. So lint plays the sampled games, notes in
every situation they reach which parts of each unavailable action's ``when`` fail,
and reports:

- ``reason-varies``: one text for a condition that fails for different reasons
  in different situations (each set of failing parts is listed, with how often);
- ``no-reason``: an action reached unavailable with no words for why (the player
  reads "not possible now").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from game.analysis.fast_games import FastGame
from game.analysis.findings import Finding
from game.engine.adjudication import holds
from game.engine.expressions import Expression, compile_expression, conjuncts
from game.engine.model import Action, Scenario

MAX_SHOWN = 4
"""Sets of failing parts listed in one finding; more are counted."""


def reason_findings(scenario: Scenario, games: Sequence[FastGame]) -> Iterable[Finding]:
    # An action written as parts says the words of those that fail (each part must have some): true as it is.
    checked = [(action, _parts(scenario, action)) for action in scenario.actions
               if action.when is not None and not action.clauses]
    failing: dict[str, Counter] = {action.id: Counter() for action, _ in checked}
    for game in games:
        for turn in game.trace:
            env = [turn.turn, *turn.values]
            for action, parts in checked:
                if not holds(action.when, env):
                    failing[action.id][frozenset(i for i, (_, when) in enumerate(parts) if not holds(when, env))] += 1
    for action, parts in checked:
        seen = failing[action.id]
        if seen and not action.unavailable:
            yield _no_reason(action, sum(seen.values()))
        elif len(seen) > 1:
            yield _varies(action, parts, seen)


def _parts(scenario: Scenario, action: Action) -> list[tuple[str, Expression]]:
    """(text, condition) of each part ``and`` joins at the top of ``action``'s when (the whole when if none)."""
    texts = conjuncts(action.when.text)
    if len(texts) == 1:
        return [(texts[0], action.when)]
    return [(text, compile_expression(text, scenario.symbols)) for text in texts]


def _no_reason(action: Action, count: int) -> Finding:
    return Finding(action.line, "no-reason", action.id,
                   f"action {action.id!r} was unavailable {count:,} times in the sampled games with no words for "
                   "why: its player reads \u201cnot possible now\u201d (give it unavailable, or its when as parts "
                   "each with unavailable)")


def _varies(action: Action, parts: list[tuple[str, Expression]], seen: Counter) -> Finding:
    shown = [f"{' and '.join(parts[i][0] for i in sorted(fails))} failing ({count:,} times)"
             for fails, count in seen.most_common(MAX_SHOWN)]
    more = f"; and {len(seen) - MAX_SHOWN} more" if len(seen) > MAX_SHOWN else ""
    return Finding(action.line, "reason-varies", action.id,
                   f"action {action.id!r} shows one reason, \u201c{action.unavailable}\u201d, but different parts of "
                   f"its when fail in the sampled games: {'; '.join(shown)}{more}; write its when as parts, "
                   "each with its own unavailable, so the player reads the part that fails")
