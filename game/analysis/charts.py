"""Unicode charts of the tracks over a game, readable in a terminal, a Markdown viewer or on paper.

Each whole-number track becomes one row of block characters, one per state
from the start to the last turn, scaled to the variable's declared range so
rows can be compared by eye; true/false and enumerated tracks become the list
of their changes. Scores get their own rows, scaled to the scores reached.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from game.engine.model import Scenario, Variable
from game.presentation.words import format_value

BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"


def sparkline(values: Sequence[float], low: float, high: float) -> str:
    """One block per value; ``low`` gives the lowest block and ``high`` the highest."""
    span = high - low
    top = len(BLOCKS) - 1
    levels = (0 if span <= 0 else min(top, max(0, round((v - low) / span * top))) for v in values)
    return "".join(BLOCKS[level] for level in levels)


def track_rows(scenario: Scenario, history: Sequence[Sequence[Any]]) -> list[tuple[str, str, str, str]]:
    """(label, first value, sparkline, last value) for each whole-number variable that moved."""
    rows = []
    for i, variable in enumerate(scenario.variables):
        values = [state[i] for state in history]
        if variable.type == "int" and len(set(values)) > 1:
            line = sparkline(values, variable.low, variable.high)
            rows.append((f"{variable.label} ({variable.low}\u2013{variable.high})",
                         format_value(values[0]), line, format_value(values[-1])))
    return rows


def score_rows(scenario: Scenario, scores: Sequence[Mapping[str, float]]) -> list[tuple[str, str, str, str]]:
    everything = [s[seat] for s in scores for seat in scenario.seats]
    low, high = min(everything), max(everything)
    return [(scenario.actor_name(seat), format_value(scores[0][seat]),
             sparkline([s[seat] for s in scores], low, high), format_value(scores[-1][seat]))
            for seat in scenario.seats]


def chart(rows: Sequence[tuple[str, str, str, str]]) -> list[str]:
    """Rows aligned into a block: label, start value, the line, end value."""
    if not rows:
        return []
    label = max(len(r[0]) for r in rows)
    first = max(len(r[1]) for r in rows)
    return [f"{name:<{label}}  {start:>{first}} {line} {end}" for name, start, line, end in rows]


def changes(variable: Variable, index: int, history: Sequence[Sequence[Any]]) -> list[tuple[int, Any]]:
    """(turn, new value) each time a variable changed; turn 0 holds the start."""
    found = [(0, history[0][index])]
    for turn in range(1, len(history)):
        if history[turn][index] != history[turn - 1][index]:
            found.append((turn, history[turn][index]))
    return found
