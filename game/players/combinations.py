"""Combinations of choices (one per seat) without building their product, which may be astronomical.

Ten seats of twelve strategies make 12^10 profiles: a list of them would not
fit in memory. These give the size, the ``n``-th combination in
``itertools.product`` order, or an evenly spread selection of at most a given
number, in time and memory proportional to what is asked for.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def count(choices: Sequence[Sequence[T]]) -> int:
    """How many combinations there are (one item of each sequence)."""
    return math.prod(len(options) for options in choices)


def nth(choices: Sequence[Sequence[T]], n: int) -> tuple[T, ...]:
    """The ``n``-th combination in ``itertools.product`` order."""
    combination = []
    for options in reversed(choices):
        n, i = divmod(n, len(options))
        combination.append(options[i])
    return tuple(reversed(combination))


def spread(choices: Sequence[Sequence[T]], most: int) -> list[tuple[T, ...]]:
    """Every combination, or ``most`` of them evenly spread in their product order."""
    total = count(choices)
    if total <= most:
        return list(itertools.product(*choices))
    return [nth(choices, i * total // most) for i in range(most)]
