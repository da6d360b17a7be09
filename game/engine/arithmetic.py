"""The arithmetic of scenario expressions: total, saturating, and its interval counterpart.

Two promises rest on this module. A scenario that loads never fails at play
time, so every operation is total: division and modulo by zero give 0, and the
result of ``+ - * / //`` saturates at ``±LIMIT`` (integers stay integers, floats
stay floats), so no value grows without bound, overflows or becomes NaN, and
constant folding at load cannot fail either. And the loader can say, before a
game is played, what a condition or a chance can ever be: each operation here
has an interval counterpart that gives bounds containing every value the
operation can produce from operands within given bounds. The bounds may be
wider than the true range, never narrower, so "never holds" is only ever said
of a condition that truly cannot hold.

The compiled fast path (and anything else that evaluates expressions) must
reproduce these rules exactly; the interpreter in ``expressions.py`` uses them.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence

LIMIT = 10**12
"""Largest magnitude of any number in a scenario: literals, bounds and every intermediate result."""

FLOAT_LIMIT = float(LIMIT)

Bounds = tuple[float, float]
"""A closed interval (low, high) holding every value a number may take."""

ANY_NUMBER: Bounds = (-LIMIT, LIMIT)


def saturate(x: int) -> int:
    """A whole-number result brought back within ±LIMIT."""
    return x if -LIMIT <= x <= LIMIT else LIMIT if x > 0 else -LIMIT


def saturate_float(x: float) -> float:
    """A fractional result brought back within ±LIMIT; an infinite quotient becomes the limit."""
    return x if -FLOAT_LIMIT <= x <= FLOAT_LIMIT else FLOAT_LIMIT if x > 0 else -FLOAT_LIMIT


def divide(a: float, b: float) -> float:
    return a / b if b else 0.0


def floor_divide(a: float, b: float) -> float:
    return a // b if b else 0


def modulo(a: float, b: float) -> float:
    return a % b if b else 0


def clamp(x: float, low: float, high: float) -> float:
    """``low`` below it, ``high`` above it, ``x`` between (``low`` wins when ``low > high``)."""
    return low if x < low else high if x > high else x


def probability(value: float) -> float:
    """A chance's value as a probability: 0 at or below 0, 1 at or above 1 (the format's one clamp)."""
    return 0.0 if value <= 0 else 1.0 if value >= 1 else float(value)


SATURATING = frozenset({operator.add, operator.sub, operator.mul, divide, floor_divide})
"""The operations whose result is saturated; the others cannot leave ±LIMIT."""


# -- intervals -------------------------------------------------------------------------------------


def _hull(values: Sequence[float]) -> Bounds:
    return min(values), max(values)


def _nonzero_parts(b: Bounds, whole: bool) -> list[Bounds] | None:
    """``b`` without 0, as intervals away from 0; None when a quotient by it is unbounded."""
    low, high = b
    if low > 0 or high < 0:
        return [b]
    if not whole:
        return None  # a fraction can come arbitrarily close to 0
    return [part for part in ((low, -1), (1, high)) if part[0] <= part[1]]


def _quotient(a: Bounds, b: Bounds, whole_divisor: bool, divide_corner: Callable) -> Bounds:
    parts = _nonzero_parts(b, whole_divisor)
    if parts is None:
        return -math.inf, math.inf
    corners = [divide_corner(x, y) for low, high in parts for x in a for y in (low, high)]
    if b[0] <= 0 <= b[1]:
        corners.append(0)  # division by zero gives 0
    return _hull(corners)


def raw_bounds(op: Callable, a: Bounds, b: Bounds, whole: tuple[bool, bool]) -> Bounds:
    """Bounds of ``op(x, y)`` before saturation, for x within ``a`` and y within ``b``.

    ``whole`` says whether each operand is a whole number (then a divisor that
    is not 0 is at least 1 away from it). The result may exceed ±LIMIT: the
    caller saturates it, and knows from it whether saturation can happen.
    """
    if op is operator.add:
        return a[0] + b[0], a[1] + b[1]
    if op is operator.sub:
        return a[0] - b[1], a[1] - b[0]
    if op is operator.mul:
        return _hull([x * y for x in a for y in b])
    if op is divide:
        return _quotient(a, b, whole[1], operator.truediv)
    if op is floor_divide:
        if all(whole):
            return _quotient(a, b, True, operator.floordiv)
        low, high = saturated(_quotient(a, b, whole[1], operator.truediv))
        return math.floor(low) - 1, math.floor(high) + 1  # float // may round across an integer
    return _modulo_bounds(a, b, whole)


def _modulo_bounds(a: Bounds, b: Bounds, whole: tuple[bool, bool]) -> Bounds:
    """Python's ``%`` takes the divisor's sign and stays below its size (0 for a zero divisor)."""
    step = 1 if all(whole) else 0  # whole numbers: |x % y| <= |y| - 1
    low, high = min(0, b[0] + step), max(0, b[1] - step)
    if a[0] >= 0 and b[0] > 0:
        high = min(high, a[1])  # a small non-negative number is its own remainder
    return low, high


def saturated(bounds: Bounds) -> Bounds:
    """The bounds of a saturated result."""
    low, high = bounds
    return clamp(low, -LIMIT, LIMIT), clamp(high, -LIMIT, LIMIT)


def negated(a: Bounds) -> Bounds:
    return -a[1], -a[0]


def absolute(a: Bounds) -> Bounds:
    low, high = a
    if low >= 0:
        return a
    if high <= 0:
        return -high, -low
    return 0, max(-low, high)


def call_bounds(name: str, args: Sequence[Bounds]) -> Bounds:
    """Bounds of ``min``, ``max``, ``abs`` or ``clamp`` of arguments within ``args``."""
    if name == "min":
        return min(a[0] for a in args), min(a[1] for a in args)
    if name == "max":
        return max(a[0] for a in args), max(a[1] for a in args)
    if name == "abs":
        return absolute(args[0])
    (x_low, x_high), (lo_low, lo_high), (hi_low, hi_high) = args
    # clamp(x, lo, hi) is lo when x < lo, hi when x > hi, else x (and then lo <= x <= hi)
    return min(max(lo_low, x_low), hi_low), max(lo_high, min(hi_high, x_high))


ORDERING = {operator.lt, operator.le, operator.gt, operator.ge}


def comparison_outcomes(compare: Callable, a: Bounds, b: Bounds) -> frozenset[bool]:
    """Which of True and False ``compare(x, y)`` can give for x within ``a``, y within ``b``."""
    if compare in (operator.eq, operator.ne):
        can_equal = a[0] <= b[1] and b[0] <= a[1]
        can_differ = not a[0] == a[1] == b[0] == b[1]
        equal = {True} if can_equal else set()
        differ = {False} if can_differ else set()
        outcomes = equal | differ
        return frozenset(outcomes if compare is operator.eq else {not x for x in outcomes})
    if compare in (operator.gt, operator.ge):
        compare, a, b = (operator.lt if compare is operator.gt else operator.le), b, a
    strict = compare is operator.lt
    can_hold = a[0] < b[1] if strict else a[0] <= b[1]
    can_fail = a[1] >= b[0] if strict else a[1] > b[0]
    return frozenset({True} if can_hold else set()) | frozenset({False} if can_fail else set())


def equality_outcomes(compare: Callable, a: frozenset, b: frozenset) -> frozenset[bool]:
    """Which of True and False ``==`` or ``!=`` can give between values of the sets ``a`` and ``b``."""
    outcomes = set()
    if a & b:
        outcomes.add(True)
    if not (len(a) == 1 and a == b):
        outcomes.add(False)
    return frozenset(outcomes if compare is operator.eq else {not x for x in outcomes})
