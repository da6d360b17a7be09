"""Expressions are total and bounded: saturating arithmetic, and the bounds the compiler derives.

The format promises (docs/scenario-format.md, "Rules that make every
expression total") that a scenario that loads never fails at play time: every
``+ - * / //`` saturates at ±10^12, division by zero gives 0, nothing is ever
infinite or NaN. The oracle here is a tiny reference model written from that
text, evaluated beside the compiled closures on generated expressions; the
compiler's derived bounds (what a value can ever be) must hold every value.
"""

from __future__ import annotations

import itertools
import math
import operator

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from game.engine import arithmetic
from game.engine.arithmetic import LIMIT
from game.engine.expressions import BOOL, INT, TEXT, TURN, Symbol, compile_effect, compile_expression

SYMBOLS = {
    "small": Symbol("small", 1, INT, -5, 5),
    "big": Symbol("big", 2, INT, -LIMIT, LIMIT),
    "flag": Symbol("flag", 3, BOOL),
    "stage": Symbol("stage", 4, TEXT, values=frozenset({"open", "shut"})),
    TURN: Symbol(TURN, 0, INT, 1, 16),
}


def _saturate(x):
    if x > LIMIT:
        return LIMIT if isinstance(x, int) else float(LIMIT)
    if x < -LIMIT:
        return -LIMIT if isinstance(x, int) else -float(LIMIT)
    return x


_REFERENCE = {
    "+": lambda a, b: _saturate(a + b),
    "-": lambda a, b: _saturate(a - b),
    "*": lambda a, b: _saturate(a * b),
    "/": lambda a, b: _saturate(a / b) if b else 0.0,
    "//": lambda a, b: _saturate(a // b) if b else 0,
    "%": lambda a, b: a % b if b else 0,
}
_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
            "==": operator.eq, "!=": operator.ne}

_literals = st.one_of(
    st.integers(-20, 20),
    st.integers(-20, 20),
    st.integers(-LIMIT, LIMIT),
    st.sampled_from([LIMIT, -LIMIT, 10**6]),
    st.floats(-1e12, 1e12, allow_nan=False),
    st.sampled_from([5e-324, -5e-324, 1e-300, 0.5, -2.5, 1e12, -1e12, 0.0]),
)


def _literal(value):
    text = repr(value)
    return (f"({text})" if text.startswith("-") else text), (lambda env: value)


def _leaf(draw):
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return _literal(draw(_literals))
    name = ("small", "big", TURN)[choice - 1]
    slot = SYMBOLS[name].slot
    return name, (lambda env: env[slot])


@st.composite
def numbers(draw, depth=0):
    """(text, reference evaluator) of a number expression."""
    if depth >= 4 or draw(st.integers(0, 3)) == 0:
        return _leaf(draw)
    shape = draw(st.sampled_from(["op", "op", "op", "neg", "abs", "min", "max", "clamp", "if"]))
    a_text, a = draw(numbers(depth + 1))
    b_text, b = draw(numbers(depth + 1))
    if shape == "op":
        symbol = draw(st.sampled_from(sorted(_REFERENCE)))
        op = _REFERENCE[symbol]
        return f"({a_text} {symbol} {b_text})", lambda env: op(a(env), b(env))
    if shape == "neg":
        return f"(-{a_text})", lambda env: -a(env)
    if shape == "abs":
        return f"abs({a_text})", lambda env: abs(a(env))
    if shape in ("min", "max"):
        fn = min if shape == "min" else max
        return f"{shape}({a_text}, {b_text})", lambda env: fn(a(env), b(env))
    if shape == "clamp":
        c_text, c = draw(numbers(depth + 1))
        return (f"clamp({a_text}, {b_text}, {c_text})",
                lambda env: (lambda x, lo, hi: lo if x < lo else hi if x > hi else x)(a(env), b(env), c(env)))
    t_text, t = draw(conditions(depth + 1))
    return f"({a_text} if {t_text} else {b_text})", lambda env: a(env) if t(env) else b(env)


@st.composite
def conditions(draw, depth=0):
    """(text, reference evaluator) of a true/false expression."""
    shape = draw(st.sampled_from(["compare", "compare", "flag", "stage", "in", "not", "and", "or"]))
    if depth >= 4 and shape in ("not", "and", "or"):
        shape = "flag"
    if shape == "compare":
        symbol = draw(st.sampled_from(sorted(_COMPARE)))
        compare = _COMPARE[symbol]
        a_text, a = draw(numbers(depth + 1))
        b_text, b = draw(numbers(depth + 1))
        return f"{a_text} {symbol} {b_text}", lambda env: compare(a(env), b(env))
    if shape == "flag":
        return "flag", lambda env: env[3]
    if shape == "stage":
        value = draw(st.sampled_from(["open", "shut"]))
        return f"stage == '{value}'", lambda env: env[4] == value
    if shape == "in":
        a_text, a = draw(numbers(depth + 1))
        members = draw(st.lists(st.integers(-6, 20), min_size=1, max_size=4))
        return f"{a_text} in {members}", lambda env: a(env) in members
    if shape == "not":
        a_text, a = draw(conditions(depth + 1))
        return f"not ({a_text})", lambda env: not a(env)
    a_text, a = draw(conditions(depth + 1))
    b_text, b = draw(conditions(depth + 1))
    if shape == "and":
        return f"({a_text}) and ({b_text})", lambda env: a(env) and b(env)
    return f"({a_text}) or ({b_text})", lambda env: a(env) or b(env)


rest = st.tuples(st.integers(-LIMIT, LIMIT) | st.sampled_from([LIMIT, -LIMIT, 0, 7]),
                 st.booleans(), st.sampled_from(["open", "shut"]))


def environments(big, flag, stage):
    """Every turn and every value of ``small`` (the bounds must hold in each), with the rest drawn."""
    return [[turn, small, big, flag, stage] for turn in range(1, 17) for small in range(-5, 6)]


@given(numbers(), rest)
@example(("(1000000000000 * 1000000000000)", None), (0, False, "open"))
@example(("(1e12 / 5e-324)", None), (0, False, "open"))
@example(("((big * big) * (big * big))", None), (LIMIT, False, "open"))
def test_numbers_saturate_and_stay_within_their_bounds(case, others):
    text, reference = case
    expression = compile_expression(text, SYMBOLS, expect="number")
    low, high = expression.bounds
    assert -LIMIT <= low <= high <= LIMIT
    for env in environments(*others):
        value = expression.evaluate(env)
        assert not math.isnan(value) and -LIMIT <= value <= LIMIT
        assert low <= value <= high, (text, env, value, expression.bounds)
        if expression.kind == INT:
            assert isinstance(value, int)
        if reference is not None:
            assert value == reference(env)


@given(conditions(), rest)
def test_conditions_match_the_reference_and_their_possible_outcomes(case, others):
    text, reference = case
    expression = compile_expression(text, SYMBOLS, expect=BOOL)
    for env in environments(*others):
        value = expression.evaluate(env)
        assert value == reference(env)
        assert value in expression.domain, (text, env)


def test_constant_folding_saturates_instead_of_failing():
    assert compile_expression("1000000000000 * 1000000000000 * 1000000000000 // 1", SYMBOLS).evaluate([]) == LIMIT
    assert compile_expression("-1000000000000 * 10 - 1", SYMBOLS).evaluate([]) == -LIMIT
    assert compile_expression("1e12 * 10", SYMBOLS).evaluate([]) == float(LIMIT)
    assert compile_expression("1 / 5e-324", SYMBOLS).evaluate([]) == float(LIMIT)
    assert compile_expression("1e12 * 1e12 - 1e12 * 1e12", SYMBOLS).evaluate([]) == 0.0


def test_a_long_flat_sum_is_not_nested_and_evaluates_without_deep_recursion():
    text = " + ".join(["big"] * 240)  # 1,199 characters would be too long; this is under 1,000
    expression = compile_expression(text[:999].rsplit(" + ", 1)[0], SYMBOLS)
    terms = expression.text.count("big")
    assert expression.evaluate([1, 0, 3, False, "open"]) == 3 * terms
    assert expression.evaluate([1, 0, LIMIT, False, "open"]) == LIMIT
    assert compile_expression("+".join(["1"] * 499), SYMBOLS).evaluate([]) == 499


def test_an_effect_saturates_then_clamps_to_its_variable():
    effect = compile_effect("small += big * big", SYMBOLS)
    assert effect.compute([1, 0, -LIMIT, False, "open"]) == 5
    assert effect.expression.text == "big * big"


def test_bounds_know_the_turns_and_the_variables():
    assert compile_expression("turn == 20", SYMBOLS).domain == {False}
    assert compile_expression("turn >= 1", SYMBOLS).domain == {True}
    assert compile_expression("small > 5 or turn == 17", SYMBOLS).domain == {False}
    assert compile_expression("small * 2 + turn", SYMBOLS).bounds == (-9, 26)
    assert compile_expression("turn % 4", SYMBOLS).bounds == (0, 3)
    assert compile_expression("clamp(small, 0, 1) * 0.5", SYMBOLS).bounds == (0, 0.5)
    assert compile_expression("small / 10 if flag else 2", SYMBOLS).bounds == (-0.5, 2)


# -- the interval rules, exhaustively over small whole numbers --------------------------------------

_SMALL = [(low, high) for low in range(-4, 5) for high in range(low, 5)]
_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": arithmetic.divide,
        "//": arithmetic.floor_divide, "%": arithmetic.modulo}


@pytest.mark.parametrize("symbol", sorted(_OPS))
def test_the_bounds_of_each_operation_hold_every_result(symbol):
    op = _OPS[symbol]
    for a in _SMALL:
        for b in _SMALL:
            low, high = arithmetic.raw_bounds(op, a, b, (True, True))
            for x in range(a[0], a[1] + 1):
                for y in range(b[0], b[1] + 1):
                    assert low <= op(x, y) <= high, (symbol, a, b, x, y)


@pytest.mark.parametrize("name", ["min", "max", "abs", "clamp"])
def test_the_bounds_of_each_function_hold_every_result(name):
    arity = {"abs": 1, "clamp": 3}.get(name, 2)
    function = {"min": min, "max": max, "abs": abs, "clamp": arithmetic.clamp}[name]
    grid = _SMALL[::3] if arity == 3 else _SMALL
    for intervals in itertools.product(grid, repeat=arity):
        low, high = arithmetic.call_bounds(name, intervals)
        for args in itertools.product(*(range(lo, hi + 1) for lo, hi in intervals)):
            assert low <= function(*args) <= high, (name, intervals, args)


@pytest.mark.parametrize("symbol", sorted(_COMPARE))
def test_the_outcomes_of_each_comparison_are_exactly_those_that_can_happen(symbol):
    compare = _COMPARE[symbol]
    for a in _SMALL:
        for b in _SMALL:
            happen = {compare(x, y) for x in range(a[0], a[1] + 1) for y in range(b[0], b[1] + 1)}
            assert arithmetic.comparison_outcomes(compare, a, b) == happen, (symbol, a, b)
