"""The scenario expression language: parsed, checked and compiled once, at load.

Authors write conditions, chances, scores and effects as short Python-like
text. The text is parsed with :mod:`ast`, every node is checked against a
whitelist, every name and type is resolved against the scenario's variables,
and the tree is turned into a chain of closures. Nothing is ever handed to
``eval``, so a scenario cannot reach attributes, builtins or the file system,
and a file that loads cannot fail at play time for a reason the checker could
have found: unknown names, wrong types and enum values that do not exist are
all refused here.

Compiled expressions read an *environment*: a sequence whose slot 0 is the
current turn and whose other slots hold the variables (see :class:`Symbol`).

Evaluation is total (``arithmetic.py``): division and modulo by zero give 0,
every ``+ - * / //`` saturates at ±LIMIT, and effects clamp integers to their
bounds, so play never raises and no number is ever infinite or NaN. While
compiling, each node also gets what it can ever be (a number's bounds, the
truth values a condition can take, the texts a text can be), from which the
loader warns of conditions that never hold and chances above 1, and which
lets a closure skip saturation when it can never happen.

Beside each closure the compiler writes the same computation as Python source
(``Expression.code``, reading the environment as ``e``): the fast path
(``codegen.py``) compiles a scenario's rules from it, once. Only the checked
tree is written out, variables as slots ``e[i]`` and literals by ``repr``, so
nothing an author typed reaches Python's compiler as code.
"""

from __future__ import annotations

import ast
import operator
import warnings
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from attrs import field, frozen

from game.engine import arithmetic
from game.engine.arithmetic import LIMIT, SATURATING, Bounds
from game.engine.names import MAX_COMPARED, closest
from game.errors import ExpressionError

MAX_LENGTH = 1000
"""Longest expression accepted, in characters; keeps parsing bounded."""

MAX_DEPTH = 40
"""Deepest nesting of operators and calls accepted (a flat chain such as ``a + b + c`` is one level)."""

_LOOP_CHAIN = 8
"""Chains of operations longer than this run in a loop rather than as nested closures,
so a long flat sum costs no stack depth at play time."""

INT, FLOAT, BOOL, TEXT = "int", "float", "bool", "text"
NUMBERS = frozenset({INT, FLOAT})
TURN = "turn"
FUNCTIONS = ("min", "max", "abs", "clamp")
RESERVED = frozenset({TURN, "true", "false", *FUNCTIONS})
"""Names a scenario may not give to a variable."""

ALLOWED = "see 'Expressions' in docs/scenario-format.md"
BOTH = frozenset({True, False})

_KIND_NAMES = {INT: "a whole number", FLOAT: "a number", BOOL: "true/false", TEXT: "text"}
_NOT_ALLOWED = {
    ast.Attribute: "attribute access (x.y)",
    ast.Subscript: "indexing (x[i])",
    ast.Lambda: "lambda",
    ast.NamedExpr: "assignment inside an expression (:=)",
    ast.JoinedStr: "an f-string",
    ast.FormattedValue: "an f-string",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension",
    ast.Dict: "a dictionary",
    ast.Set: "a set",
    ast.List: "a list outside 'x in [...]'",
    ast.Tuple: "a tuple outside 'x in [...]'",
    ast.Starred: "a starred argument",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Slice: "a slice",
    ast.Pow: "the power operator **",
    ast.MatMult: "the operator @",
    ast.BitAnd: "the bitwise operator &",
    ast.BitOr: "the bitwise operator |",
    ast.BitXor: "the bitwise operator ^",
    ast.LShift: "the shift operator <<",
    ast.RShift: "the shift operator >>",
    ast.Invert: "the bitwise operator ~",
    ast.Is: "'is' (use ==)",
    ast.IsNot: "'is not' (use !=)",
}


@frozen
class Symbol:
    """A name an expression may read: where it lives and what it may hold."""

    name: str
    slot: int
    kind: str
    low: int | None = None
    high: int | None = None
    values: frozenset[str] | None = None
    """For enum variables, the values allowed."""


TURN_SYMBOL = Symbol(TURN, 0, INT, 1, LIMIT)
"""``turn`` when the caller gives no tighter bounds (the loader gives the scenario's turns)."""


@frozen
class Expression:
    """A checked, compiled expression; call :meth:`evaluate` with an environment."""

    text: str
    kind: str
    domain: frozenset | None
    """For text expressions every value they can take; for conditions which of True and False."""
    reads: frozenset[str]
    """Variable names the expression reads (``turn`` excluded)."""
    evaluate: Callable[[Sequence[Any]], Any] = field(eq=False, repr=False)
    bounds: Bounds | None = None
    """For numbers, an interval holding every value the expression can take."""
    reads_turn: bool = False
    code: str | None = field(default=None, eq=False, repr=False)
    """The same computation as Python source over ``e`` (see ``CODE_HELPERS``); None when it is
    better left to the closure (a long chain, evaluated in a loop)."""


CODE_HELPERS = {"_sat": arithmetic.saturate, "_satf": arithmetic.saturate_float, "_div": arithmetic.divide,
                "_fdiv": arithmetic.floor_divide, "_mod": arithmetic.modulo, "_clamp": arithmetic.clamp,
                "min": min, "max": max, "abs": abs}
"""The names ``Expression.code`` may call, besides Python's operators."""


@frozen
class Effect:
    """A checked, compiled effect ``target = expr``, ``+=`` or ``-=``."""

    text: str
    target: str
    slot: int
    operator: str
    expression: Expression
    compute: Callable[[Sequence[Any]], Any] = field(eq=False, repr=False)
    """Gives the target's new value (clamped) from an environment."""
    line: int = 0
    """Where the scenario file writes it (set by the loader)."""


_NO_CONST = object()


@frozen
class _Typed:
    fn: Callable[[Sequence[Any]], Any]
    kind: str
    domain: frozenset | None = None
    """For text, the values it can take; for true/false, the truth values it can take."""
    const: Any = _NO_CONST
    variable: str | None = None
    """The variable this node reads directly, for clearer messages."""
    slot: int | None = None
    """Where that variable lives in the environment, for faster closures."""
    bounds: Bounds | None = None
    """For numbers, every value it can take lies within these."""
    code: str | None = None
    """This node as Python source (see ``Expression.code``)."""


def compile_expression(
    text: str, symbols: Mapping[str, Symbol], *, expect: str | None = None
) -> Expression:
    """Parse, check and compile ``text``; ``expect`` is BOOL, TEXT or "number".

    ``symbols`` maps variable names to their symbols; it may also hold ``turn``
    with the bounds of the turns the expression is evaluated in.
    """
    tree = _parse(text, "eval")
    compiler = _Compiler(symbols, text.strip())
    typed = compiler.node(tree.body, 0)
    if expect == "number" and typed.kind not in NUMBERS:
        raise ExpressionError(f"gives {_KIND_NAMES[typed.kind]}, a number is needed")
    if expect in (BOOL, TEXT) and typed.kind != expect:
        hint = "compare with ==, e.g. x == 3" if expect == BOOL else ""
        raise ExpressionError(
            f"gives {_KIND_NAMES[typed.kind]}, {_KIND_NAMES[expect]} is needed", hint
        )
    return _expression(text, typed, compiler)


def conjuncts(text: str) -> list[str]:
    """The parts of a condition joined by ``and`` at its top level, as written (the whole text when none).

    ``a and (b or c)`` gives ``["a", "b or c"]``: what must each hold for the whole to hold, so
    lint can tell which part of a condition fails. ``text`` must be a condition that compiles.
    """
    source = text.strip()
    body = _parse(source, "eval").body
    if not (isinstance(body, ast.BoolOp) and isinstance(body.op, ast.And)):
        return [source]
    return [ast.get_source_segment(source, value) for value in body.values]


def _expression(text: str, typed: _Typed, compiler: _Compiler) -> Expression:
    return Expression(text, typed.kind, typed.domain, frozenset(compiler.reads), typed.fn, typed.bounds,
                      compiler.reads_turn, typed.code)


def compile_effect(text: str, symbols: Mapping[str, Symbol]) -> Effect:
    """Parse, check and compile an effect such as ``threat += 2``."""
    tree = _parse(text, "exec")
    statement = tree.body[0] if len(tree.body) == 1 else None
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target, op, value = statement.targets[0], "=", statement.value
    elif isinstance(statement, ast.AugAssign) and isinstance(statement.op, (ast.Add, ast.Sub)):
        target, value = statement.target, statement.value
        op = "+=" if isinstance(statement.op, ast.Add) else "-="
    else:
        raise ExpressionError(
            "an effect must be one assignment", "write name = value, name += n or name -= n"
        )
    source = text.strip()
    if isinstance(target, ast.Name):
        _Compiler(symbols, source)._written(target)
    if not isinstance(target, ast.Name) or target.id not in symbols or target.id == TURN:
        name = target.id if isinstance(target, ast.Name) else ast.get_source_segment(source, target)
        raise ExpressionError(f"cannot assign to {name!r}", _suggest(name, symbols), name=name)
    symbol = symbols[target.id]
    compiler = _Compiler(symbols, source)
    typed = compiler.node(value, 0)
    _check_assignable(symbol, op, typed)
    expression = _expression(ast.get_source_segment(source, value), typed, compiler)
    return Effect(text, symbol.name, symbol.slot, op, expression, _effect_fn(symbol, op, typed.fn))


def _unprintable(text: str, allowed: str = "") -> str | None:
    """The first character of ``text`` with no visible form (a control, a zero-width or bidi mark), or None."""
    return None if text.isprintable() else next((c for c in text if not c.isprintable() and c not in allowed), None)


def _parse(text: str, mode: str) -> ast.AST:
    if not isinstance(text, str):
        raise ExpressionError(f"expected text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"longer than {MAX_LENGTH} characters", "split it up")
    if not text.strip():
        raise ExpressionError("empty expression")
    control = _unprintable(text, "\t\n")
    if control is not None:  # the text is shown to players as a formula: it must not move their cursor
        raise ExpressionError(f"holds the control character U+{ord(control):04X}", "remove it")
    try:
        with warnings.catch_warnings():  # e.g. "1if x" parses with a SyntaxWarning on stderr
            warnings.simplefilter("ignore")
            return ast.parse(text.strip(), mode=mode)
    except SyntaxError as error:
        hint = "use == to compare" if mode == "eval" and "=" in text else "check the syntax"
        raise ExpressionError(f"not a valid expression: {error.msg}", hint) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("nested too deeply", f"at most {MAX_DEPTH} levels") from None


def _check_assignable(symbol: Symbol, op: str, typed: _Typed) -> None:
    name = symbol.name
    if op != "=" and symbol.kind != INT:
        raise ExpressionError(f"{op} needs a whole-number variable; {name!r} is not one")
    if symbol.kind == INT:
        if typed.kind == FLOAT:
            raise ExpressionError(
                f"{name!r} holds whole numbers but this gives a fraction", "use // to divide"
            )
        if typed.kind != INT:
            raise ExpressionError(f"{name!r} holds whole numbers; this gives {_KIND_NAMES[typed.kind]}")
    elif symbol.kind == BOOL and typed.kind != BOOL:
        raise ExpressionError(f"{name!r} holds true/false; this gives {_KIND_NAMES[typed.kind]}")
    elif symbol.kind == TEXT:
        if typed.kind != TEXT:
            raise ExpressionError(f"{name!r} holds one of its values; this gives {_KIND_NAMES[typed.kind]}")
        bad = sorted(typed.domain - symbol.values)
        if bad:
            raise ExpressionError(
                f"{bad[0]!r} is not a value of {name!r}", f"values: {', '.join(sorted(symbol.values))}"
            )


def _effect_fn(symbol: Symbol, op: str, fn: Callable) -> Callable[[Sequence[Any]], Any]:
    if symbol.kind != INT:
        return fn
    slot, low, high = symbol.slot, symbol.low, symbol.high
    clamp = arithmetic.clamp
    if op == "=":
        return lambda env: clamp(fn(env), low, high)
    if op == "+=":
        return lambda env: clamp(env[slot] + fn(env), low, high)
    return lambda env: clamp(env[slot] - fn(env), low, high)


def _suggest(name: str, candidates: Collection[str]) -> str:
    found = closest(name, candidates)
    return f"did you mean {found!r}?" if found else ""


_ARITHMETIC = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: arithmetic.divide,
    ast.FloorDiv: arithmetic.floor_divide,
    ast.Mod: arithmetic.modulo,
}
_COMPARISONS = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_CALLS = {"min": (min, 2, None), "max": (max, 2, None), "abs": (abs, 1, 1), "clamp": (arithmetic.clamp, 3, 3)}


# Closures for the most common shapes (a variable or any expression against a
# constant or another expression) use Python's operators directly: scenario
# conditions are evaluated hundreds of times a game, so an extra call counts.
_DIRECT = {
    operator.add: (lambda s, c: lambda env: env[s] + c, lambda f, c: lambda env: f(env) + c,
                   lambda f, g: lambda env: f(env) + g(env)),
    operator.sub: (lambda s, c: lambda env: env[s] - c, lambda f, c: lambda env: f(env) - c,
                   lambda f, g: lambda env: f(env) - g(env)),
    operator.mul: (lambda s, c: lambda env: env[s] * c, lambda f, c: lambda env: f(env) * c,
                   lambda f, g: lambda env: f(env) * g(env)),
    operator.eq: (lambda s, c: lambda env: env[s] == c, lambda f, c: lambda env: f(env) == c,
                  lambda f, g: lambda env: f(env) == g(env)),
    operator.ne: (lambda s, c: lambda env: env[s] != c, lambda f, c: lambda env: f(env) != c,
                  lambda f, g: lambda env: f(env) != g(env)),
    operator.lt: (lambda s, c: lambda env: env[s] < c, lambda f, c: lambda env: f(env) < c,
                  lambda f, g: lambda env: f(env) < g(env)),
    operator.le: (lambda s, c: lambda env: env[s] <= c, lambda f, c: lambda env: f(env) <= c,
                  lambda f, g: lambda env: f(env) <= g(env)),
    operator.gt: (lambda s, c: lambda env: env[s] > c, lambda f, c: lambda env: f(env) > c,
                  lambda f, g: lambda env: f(env) > g(env)),
    operator.ge: (lambda s, c: lambda env: env[s] >= c, lambda f, c: lambda env: f(env) >= c,
                  lambda f, g: lambda env: f(env) >= g(env)),
}


def _binary(op: Callable[[Any, Any], Any], left: _Typed, right: _Typed) -> Callable[[Sequence[Any]], Any]:
    """The closure computing ``op(left, right)``, in the fastest shape that fits."""
    fa, fb = left.fn, right.fn
    constant = right.const is not _NO_CONST
    if op in _DIRECT:
        on_slot, on_const, general = _DIRECT[op]
        if constant and left.slot is not None:
            return on_slot(left.slot, right.const)
        return on_const(fa, right.const) if constant else general(fa, fb)
    if constant:
        c = right.const
        return lambda env: op(fa(env), c)
    return lambda env: op(fa(env), fb(env))


def _saturating(fn: Callable[[Sequence[Any]], Any], kind: str) -> Callable[[Sequence[Any]], Any]:
    saturate = arithmetic.saturate if kind == INT else arithmetic.saturate_float
    return lambda env: saturate(fn(env))


def _step(op: Callable, saturate: Callable | None) -> Callable[[Any, Any], Any]:
    """One operation of a long chain, saturating its result when it can leave the limits."""
    if saturate is None:
        return op
    return lambda a, b: saturate(op(a, b))


def _loop(first: Callable, steps: Sequence[tuple[Callable, Callable]]) -> Callable[[Sequence[Any]], Any]:
    """A chain ``first op1 f1 op2 f2 ...`` evaluated left to right in a loop."""
    steps = tuple(steps)

    def chain(env: Sequence[Any]) -> Any:
        value = first(env)
        for op, fn in steps:
            value = op(value, fn(env))
        return value

    return chain


def _all(fns: tuple[Callable, ...]) -> Callable[[Sequence[Any]], bool]:
    if len(fns) == 1:
        return fns[0]
    if len(fns) == 2:
        f1, f2 = fns
        return lambda env: f1(env) and f2(env)

    def every(env: Sequence[Any]) -> bool:
        for f in fns:
            if not f(env):
                return False
        return True

    return every


def _any(fns: tuple[Callable, ...]) -> Callable[[Sequence[Any]], bool]:
    if len(fns) == 2:
        f1, f2 = fns
        return lambda env: f1(env) or f2(env)

    def some(env: Sequence[Any]) -> bool:
        for f in fns:
            if f(env):
                return True
        return False

    return some


def _both_ways(outcomes: Sequence[frozenset]) -> frozenset:
    """Truth values of ``and`` over parts that can take ``outcomes``."""
    result = set()
    if all(True in o for o in outcomes):
        result.add(True)
    if any(False in o for o in outcomes):
        result.add(False)
    return frozenset(result)


def _either_way(outcomes: Sequence[frozenset]) -> frozenset:
    """Truth values of ``or`` over parts that can take ``outcomes``."""
    return frozenset(not x for x in _both_ways([frozenset(not x for x in o) for o in outcomes]))


def _const(value: Any, kind: str) -> _Typed:
    code = f"({value!r})"
    if kind in NUMBERS:
        return _Typed(lambda env: value, kind, None, value, bounds=(value, value), code=code)
    return _Typed(lambda env: value, kind, frozenset({value}), value, code=code)


def _code(template: str, *parts: _Typed) -> str | None:
    """``template`` filled with the parts' code, or None if any part has none."""
    codes = [part.code for part in parts]
    return None if None in codes else template.format(*codes)


_OPERATOR_CODE = {operator.add: "({} + {})", operator.sub: "({} - {})", operator.mul: "({} * {})",
                  arithmetic.divide: "_div({}, {})", arithmetic.floor_divide: "_fdiv({}, {})",
                  arithmetic.modulo: "_mod({}, {})", operator.eq: "({} == {})", operator.ne: "({} != {})",
                  operator.lt: "({} < {})", operator.le: "({} <= {})", operator.gt: "({} > {})",
                  operator.ge: "({} >= {})"}


def _fold(typed: _Typed, parts: Sequence[_Typed]) -> _Typed:
    """Replace a node whose parts are all constants by its value."""
    if all(part.const is not _NO_CONST for part in parts):
        return _const(typed.fn(()), typed.kind)
    return typed


def _describe(node: ast.AST) -> str:
    for kind, text in _NOT_ALLOWED.items():
        if isinstance(node, kind):
            return text
    return type(node).__name__


def _chain(node: ast.BinOp) -> tuple[ast.AST, list[tuple[ast.operator, ast.AST]]]:
    """``a op1 b op2 c`` (a left-leaning tree) as its first operand and its (operator, operand) steps."""
    steps = []
    while isinstance(node, ast.BinOp):
        steps.append((node.op, node.right))
        node = node.left
    return node, steps[::-1]


class _Compiler:
    """Walks one parsed expression, checking it and building its closures."""

    def __init__(self, symbols: Mapping[str, Symbol], source: str) -> None:
        self.symbols = symbols
        self.source = source
        """The text parsed (stripped), for quoting parts of it in messages."""
        self.reads: set[str] = set()
        self.reads_turn = False

    def node(self, node: ast.AST, depth: int) -> _Typed:
        if depth > MAX_DEPTH:
            raise ExpressionError("nested too deeply", f"at most {MAX_DEPTH} levels")
        handler = getattr(self, "_" + type(node).__name__, None)
        if handler is None:
            raise ExpressionError(f"{_describe(node)} is not allowed", ALLOWED)
        return handler(node, depth + 1)

    def _number(self, node: ast.AST, depth: int, what: str) -> _Typed:
        typed = self.node(node, depth)
        if typed.kind not in NUMBERS:
            raise ExpressionError(f"{what} needs numbers, got {_KIND_NAMES[typed.kind]}")
        return typed

    def _truth(self, node: ast.AST, depth: int, what: str) -> _Typed:
        typed = self.node(node, depth)
        if typed.kind != BOOL:
            raise ExpressionError(
                f"{what} needs true/false, got {_KIND_NAMES[typed.kind]}", "compare with ==, e.g. x > 0"
            )
        return typed

    def _Constant(self, node: ast.Constant, depth: int) -> _Typed:
        value = node.value
        if isinstance(value, bool):
            return _const(value, BOOL)
        if isinstance(value, (int, float)) and not abs(value) <= LIMIT:  # also refuses inf and NaN
            raise ExpressionError(f"{ast.unparse(node)} is too large", f"numbers must be within ±{LIMIT:,}")
        if isinstance(value, int):
            return _const(value, INT)
        if isinstance(value, float):
            return _const(value, FLOAT)
        if isinstance(value, str):
            control = _unprintable(value)
            if control is not None:  # written as an escape ('\\u001b'), it would reach the screen as itself
                raise ExpressionError(f"the text {ast.unparse(node)} holds the control character U+{ord(control):04X}",
                                      "write the text without escapes")
            return _const(value, TEXT)
        raise ExpressionError(f"the literal {ast.unparse(node)} is not allowed", ALLOWED)

    def _written(self, node: ast.Name) -> str:
        """The name as the author wrote it; Python's parser folds look-alikes (``ｘ`` to ``x``), so refuse them."""
        if self.source.isascii():  # only non-ASCII letters are folded
            return node.id
        written = ast.get_source_segment(self.source, node)
        if written != node.id:
            raise ExpressionError(f"the name {written!r} is not plain ASCII",
                                  "names hold only the letters A-Z and a-z, digits and _")
        return node.id

    def _Name(self, node: ast.Name, depth: int) -> _Typed:
        name = self._written(node)
        if name in ("true", "false"):
            return _const(name == "true", BOOL)
        if name in FUNCTIONS:
            raise ExpressionError(f"{name} is a function", f"call it: {name}(...)")
        symbol = self.symbols.get(TURN, TURN_SYMBOL) if name == TURN else self.symbols.get(name)
        if symbol is None:
            raise ExpressionError(f"unknown name {name!r}", _suggest(name, self.symbols.keys() | {TURN}
                                                                     if len(self.symbols) <= MAX_COMPARED
                                                                     else self.symbols), name=name)
        if name == TURN:
            self.reads_turn = True
        else:
            self.reads.add(name)
        fn = operator.itemgetter(symbol.slot)
        if symbol.kind == INT:
            return _Typed(fn, INT, variable=name, slot=symbol.slot, bounds=(symbol.low, symbol.high),
                          code=f"e[{symbol.slot}]")
        domain = BOTH if symbol.kind == BOOL else symbol.values
        return _Typed(fn, symbol.kind, domain, variable=name, slot=symbol.slot, code=f"e[{symbol.slot}]")

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> _Typed:
        if isinstance(node.op, ast.Not):
            operand = self._truth(node.operand, depth, "not")
            fn = operand.fn
            domain = frozenset(not x for x in operand.domain)
            return _fold(_Typed(lambda env: not fn(env), BOOL, domain, code=_code("(not {})", operand)), [operand])
        if isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = self._number(node.operand, depth, "a sign")
            fn = operand.fn
            if isinstance(node.op, ast.UAdd):
                return operand
            typed = _Typed(lambda env: -fn(env), operand.kind, bounds=arithmetic.negated(operand.bounds),
                           code=_code("(-{})", operand))
            return _fold(typed, [operand])
        raise ExpressionError(f"{_describe(node.op)} is not allowed", ALLOWED)

    def _BinOp(self, node: ast.BinOp, depth: int) -> _Typed:
        first, steps = _chain(node)
        typed = self._number(first, depth, "arithmetic")
        parts = [typed]
        loop: list[tuple[Callable, Callable]] = []
        for op_node, right_node in steps:
            op = _ARITHMETIC.get(type(op_node))
            if op is None:
                raise ExpressionError(f"{_describe(op_node)} is not allowed", ALLOWED)
            right = self._number(right_node, depth, "arithmetic")
            parts.append(right)
            kind = FLOAT if FLOAT in (typed.kind, right.kind) or op is arithmetic.divide else INT
            raw = arithmetic.raw_bounds(op, typed.bounds, right.bounds, (typed.kind == INT, right.kind == INT))
            saturates = op in SATURATING and (raw[0] < -LIMIT or raw[1] > LIMIT)
            saturate = (arithmetic.saturate if kind == INT else arithmetic.saturate_float) if saturates else None
            loop.append((_step(op, saturate), right.fn))
            fn = _binary(op, typed, right)
            code = _code(_OPERATOR_CODE[op], typed, right)
            if saturates and code is not None:
                code = f"{'_sat' if kind == INT else '_satf'}({code})"
            typed = _Typed(_saturating(fn, kind) if saturates else fn, kind,
                           bounds=arithmetic.saturated(raw), code=code)
        if len(steps) > _LOOP_CHAIN:  # nested source this deep would be as costly to compile as to run
            typed = _Typed(_loop(parts[0].fn, loop), typed.kind, bounds=typed.bounds)
        return _fold(typed, parts)

    def _BoolOp(self, node: ast.BoolOp, depth: int) -> _Typed:
        word = "and" if isinstance(node.op, ast.And) else "or"
        parts = [self._truth(value, depth, word) for value in node.values]
        fns = tuple(part.fn for part in parts)
        fn = _all(fns) if word == "and" else _any(fns)
        outcomes = [part.domain for part in parts]
        domain = _both_ways(outcomes) if word == "and" else _either_way(outcomes)
        code = _code("(" + f" {word} ".join(["{}"] * len(parts)) + ")", *parts)
        return _fold(_Typed(fn, BOOL, domain, code=code), parts)

    def _Compare(self, node: ast.Compare, depth: int) -> _Typed:
        left = self.node(node.left, depth)
        tests: list[Callable] = []
        codes: list[str | None] = []
        outcomes: list[frozenset] = []
        parts = [left]
        for op, right_node in zip(node.ops, node.comparators):
            if isinstance(op, (ast.In, ast.NotIn)):
                test, outcome, code = self._membership(left, op, right_node, depth)
                tests.append(test)
                codes.append(code)
                outcomes.append(outcome)
                continue  # the next comparison is with the same left side
            compare = _COMPARISONS.get(type(op))
            if compare is None:
                raise ExpressionError(f"{_describe(op)} is not allowed", ALLOWED)
            right = self.node(right_node, depth)
            self._comparable(left, right, ordering=compare in arithmetic.ORDERING)
            tests.append(_binary(compare, left, right))
            codes.append(_code(_OPERATOR_CODE[compare], left, right))
            if left.kind in NUMBERS:
                outcomes.append(arithmetic.comparison_outcomes(compare, left.bounds, right.bounds))
            else:
                outcomes.append(arithmetic.equality_outcomes(compare, left.domain, right.domain))
            parts.append(right)
            left = right
        code = None if None in codes else codes[0] if len(codes) == 1 else f"({' and '.join(codes)})"
        return _fold(_Typed(_all(tuple(tests)), BOOL, _both_ways(outcomes), code=code), parts)

    @staticmethod
    def _comparable(left: _Typed, right: _Typed, *, ordering: bool) -> None:
        if left.kind in NUMBERS and right.kind in NUMBERS:
            return
        if left.kind != right.kind:
            raise ExpressionError(
                f"compares {_KIND_NAMES[left.kind]} with {_KIND_NAMES[right.kind]}"
            )
        if ordering:
            raise ExpressionError(
                f"< and > need numbers, got {_KIND_NAMES[left.kind]}", "use == or !="
            )
        if left.kind == TEXT and not left.domain & right.domain:
            _unknown_value(left, right)

    def _membership(self, left: _Typed, op: ast.cmpop, right: ast.AST,
                    depth: int) -> tuple[Callable, frozenset, str | None]:
        if not isinstance(right, (ast.List, ast.Tuple)) or not right.elts:
            raise ExpressionError("'in' needs a list of values on its right", "e.g. x in ['a', 'b']")
        items = [self.node(item, depth) for item in right.elts]
        for item in items:
            if item.const is _NO_CONST:
                raise ExpressionError("the list after 'in' may hold only literal values")
            if not (item.kind == left.kind or {item.kind, left.kind} <= NUMBERS):
                mixed = f"{_KIND_NAMES[left.kind]} and {_KIND_NAMES[item.kind]}"
                raise ExpressionError(f"the list after 'in' mixes {mixed}")
            if left.kind == TEXT and not left.domain & item.domain:
                _unknown_value(left, item)
        members = frozenset(item.const for item in items)
        outcome = _membership_outcomes(left, members)
        fn = left.fn
        listed = ("{" + ", ".join(repr(m) for m in sorted(members, key=repr)) + "}").replace("{", "{{")
        listed = listed.replace("}", "}}")  # a template for _code: the set's braces are literal
        if isinstance(op, ast.In):
            return (lambda env: fn(env) in members), outcome, _code("({} in " + listed + ")", left)
        return ((lambda env: fn(env) not in members), frozenset(not x for x in outcome),
                _code("({} not in " + listed + ")", left))

    def _IfExp(self, node: ast.IfExp, depth: int) -> _Typed:
        test = self._truth(node.test, depth, "if ... else")
        body, orelse = self.node(node.body, depth), self.node(node.orelse, depth)
        if body.kind in NUMBERS and orelse.kind in NUMBERS:
            kind = INT if body.kind == orelse.kind == INT else FLOAT
        elif body.kind == orelse.kind:
            kind = body.kind
        else:
            raise ExpressionError(
                f"the two branches of if/else differ: {_KIND_NAMES[body.kind]} and {_KIND_NAMES[orelse.kind]}"
            )
        taken = [branch for branch, when in ((body, True), (orelse, False)) if when in test.domain]
        domain = bounds = None
        if kind in NUMBERS:
            bounds = (min(b.bounds[0] for b in taken), max(b.bounds[1] for b in taken))
        else:
            domain = frozenset().union(*(b.domain for b in taken))
        ft, fb, fo = test.fn, body.fn, orelse.fn
        typed = _Typed(lambda env: fb(env) if ft(env) else fo(env), kind, domain, bounds=bounds,
                       code=_code("({} if {} else {})", body, test, orelse))
        return _fold(typed, [test, body, orelse])

    def _Call(self, node: ast.Call, depth: int) -> _Typed:
        name = self._written(node.func) if isinstance(node.func, ast.Name) else None
        if name not in _CALLS:
            called = name or ast.get_source_segment(self.source, node.func)
            raise ExpressionError(f"calling {called!r} is not allowed", f"functions: {', '.join(FUNCTIONS)}")
        if node.keywords:
            raise ExpressionError(f"{name}() takes no keyword arguments")
        function, least, most = _CALLS[name]
        if len(node.args) < least or (most is not None and len(node.args) > most):
            count = least if least == most else f"at least {least}"
            raise ExpressionError(f"{name}() takes {count} arguments, got {len(node.args)}")
        args = [self._number(arg, depth, f"{name}()") for arg in node.args]
        kind = FLOAT if any(arg.kind == FLOAT for arg in args) else INT
        fns = tuple(arg.fn for arg in args)
        if len(fns) == 1:
            (f1,) = fns
            fn = lambda env: function(f1(env))  # noqa: E731
        elif len(fns) == 2:
            f1, f2 = fns
            fn = lambda env: function(f1(env), f2(env))  # noqa: E731
        elif len(fns) == 3:
            f1, f2, f3 = fns
            fn = lambda env: function(f1(env), f2(env), f3(env))  # noqa: E731
        else:
            fn = lambda env: function(*[f(env) for f in fns])  # noqa: E731
        bounds = arithmetic.call_bounds(name, [arg.bounds for arg in args])
        called = "_clamp" if name == "clamp" else name
        code = _code(called + "(" + ", ".join(["{}"] * len(args)) + ")", *args)
        return _fold(_Typed(fn, kind, bounds=bounds, code=code), args)


def _membership_outcomes(left: _Typed, members: frozenset) -> frozenset[bool]:
    """Which of True and False ``left in members`` can give."""
    if left.kind in NUMBERS:
        low, high = left.bounds
        can_hold = any(low <= m <= high for m in members)
        can_fail = not (low == high and low in members)
    else:
        can_hold = bool(left.domain & members)
        can_fail = bool(left.domain - members)
    return frozenset({True} if can_hold else set()) | frozenset({False} if can_fail else set())


def _unknown_value(left: _Typed, right: _Typed) -> None:
    """Raise the clearest message for text that can never be equal."""
    for variable_side, other in ((left, right), (right, left)):
        if variable_side.variable and len(other.domain) == 1:
            (value,) = other.domain
            raise ExpressionError(
                f"{value!r} is not a value of {variable_side.variable!r}",
                f"values: {', '.join(sorted(variable_side.domain))}",
            )
    raise ExpressionError("these two values can never be equal")
