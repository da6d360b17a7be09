"""Generated code against the interpreter, expression by expression, on hostile values too.

Every expression's ``code`` (the source the fast path compiles) must compute
exactly what its closure computes, type included (a whole number stays an
int), over the extreme literals and values of tests/test_arithmetic.py, where
saturation, division by zero and bounds matter.
"""

from hypothesis import given

from game.engine.codegen import functions
from game.engine.expressions import BOOL, CODE_HELPERS, TEXT, Symbol, compile_effect, compile_expression
from game.scenario import parse_scenario
from tests.paths import SHIPPED
from tests.test_arithmetic import SYMBOLS, conditions, environments, numbers, rest


def run(code, env):
    return eval(compile(code, "<test>", "eval"), {"__builtins__": {}, **CODE_HELPERS}, {"e": env})


def check(expression, others):
    assert expression.code is not None
    for env in environments(*others):
        expected = expression.evaluate(env)
        value = run(expression.code, env)
        assert value == expected and type(value) is type(expected), (expression.text, env, value, expected)


@given(numbers(), rest)
def test_numbers_compute_as_the_interpreter(case, others):
    check(compile_expression(case[0], SYMBOLS, expect="number"), others)


@given(conditions(), rest)
def test_conditions_compute_as_the_interpreter(case, others):
    check(compile_expression(case[0], SYMBOLS, expect=BOOL), others)


def test_a_membership_then_a_comparison_keeps_its_left_side():
    """``x in [...] < y`` compares x (not the list) with y, as the interpreter does, unlike Python."""
    check(compile_expression("small in [1, 2] < 2", SYMBOLS, expect=BOOL), (0, False, "open"))
    moods = {**SYMBOLS, "mood": Symbol("mood", 4, TEXT, values=frozenset({"{0}", "a}b", "open"}))}
    expression = compile_expression("mood in ['{0}', 'a}b'] == 'open'", moods, expect=BOOL)
    assert [run(expression.code, [1, 0, 0, False, m]) for m in ("{0}", "a}b", "open")] == [False, False, False]
    assert run(compile_expression("mood in ['{0}', 'a}b']", moods).code, [1, 0, 0, False, "a}b"]) is True


def test_a_long_chain_is_left_to_its_closure():
    assert compile_expression(" + ".join(["big"] * 20), SYMBOLS).code is None
    text = SHIPPED.read_text()
    text = text.replace('score = "', 'score = "' + " + ".join(["threat"] * 20) + " + ", 1)
    scenario = parse_scenario(text, "long.toml")
    generated = functions(scenario)
    assert "_closure_" in generated["__source__"]
    env = [1, *(v.initial for v in scenario.variables)]
    assert generated["score_0"](env) == scenario.objectives[scenario.seats[0]].score.evaluate(env)


def test_effects_saturate_then_clamp_as_the_interpreter():
    for text in ("small += big * big", "small -= big", "small = big // 3", "small = small", "flag = not flag"):
        effect = compile_effect(text, SYMBOLS)
        for big in (-10**12, -7, 0, 3, 10**12):
            env = [1, 2, big, True, "open"]
            expected = effect.compute(env)
            assert functions_for_effect(effect)(list(env)) == expected


def functions_for_effect(effect):
    """The generated function applying ``effect`` alone, returning the value it leaves."""
    from game.engine.codegen import _Writer

    writer = _Writer.__new__(_Writer)
    writer.scenario = _Variables()
    writer.namespace = {"__builtins__": {}, **CODE_HELPERS}
    body = writer.effect(effect)
    source = "def apply(e):\n" + "".join(f"    {line}\n" for line in body) + "    return v\n"
    exec(compile(source, "<test>", "exec"), writer.namespace)
    return writer.namespace["apply"]


class _Variables:
    """Just enough of a Scenario for ``_Writer.effect``: the variables of SYMBOLS."""

    def variable(self, name):
        from game.engine.model import Variable

        symbol = SYMBOLS[name]
        kinds = {"int": "int", "bool": "bool", "text": "enum"}
        return Variable(name, name, kinds[symbol.kind], 0, symbol.low, symbol.high)


def test_the_shipped_scenario_compiles_with_every_expression_as_code():
    scenario = parse_scenario(SHIPPED.read_text(), str(SHIPPED))
    generated = functions(scenario)
    assert "_closure_" not in generated["__source__"]
    assert functions(parse_scenario(SHIPPED.read_text(), str(SHIPPED))) is generated  # cached by SHA-256
