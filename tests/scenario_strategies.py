"""Hypothesis strategies that write whole scenario files within format 1.

They generate random seats, variables (int, bool, enum, some hidden),
actions (conditions, chances, effects, private ones), events and endings,
with every expression well typed, so each generated text must load: that is
itself a property of the loader, and the engine's invariants are then checked
on rules nobody wrote by hand.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

INT_OPS = ["+", "-", "*", "//", "%"]
COMPARISONS = ["==", "!=", "<", "<=", ">", ">="]


def _q(text: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these texts)."""
    return json.dumps(text)


@st.composite
def int_expr(draw, variables, depth=0):
    ints = [v for v in variables if v["type"] == "int"]
    choices = ["literal", "turn"] + (["variable"] * 3 if ints else [])
    if depth < 2:
        choices += ["binary", "binary", "call", "conditional"]
    kind = draw(st.sampled_from(choices))
    if kind == "literal":
        return str(draw(st.integers(-5, 12)))
    if kind == "turn":
        return "turn"
    if kind == "variable":
        return draw(st.sampled_from(ints))["name"]
    if kind == "binary":
        op = draw(st.sampled_from(INT_OPS))
        return f"({draw(int_expr(variables, depth + 1))} {op} {draw(int_expr(variables, depth + 1))})"
    if kind == "call":
        name = draw(st.sampled_from(["min", "max", "abs", "clamp"]))
        count = {"abs": 1, "clamp": 3}.get(name, 2)
        args = [draw(int_expr(variables, depth + 1)) for _ in range(count)]
        return f"{name}({', '.join(args)})"
    condition = draw(bool_expr(variables, depth + 1))
    return f"({draw(int_expr(variables, depth + 1))} if {condition} else {draw(int_expr(variables, depth + 1))})"


@st.composite
def bool_expr(draw, variables, depth=0):
    bools = [v for v in variables if v["type"] == "bool"]
    enums = [v for v in variables if v["type"] == "enum"]
    choices = ["literal", "compare"] + (["variable"] * 2 if bools else []) + (["enum"] * 2 if enums else [])
    if depth < 2:
        choices += ["not", "and", "or"]
    kind = draw(st.sampled_from(choices))
    if kind == "literal":
        return draw(st.sampled_from(["true", "false"]))
    if kind == "variable":
        return draw(st.sampled_from(bools))["name"]
    if kind == "compare":
        op = draw(st.sampled_from(COMPARISONS))
        return f"({draw(int_expr(variables, depth + 1))} {op} {draw(int_expr(variables, depth + 1))})"
    if kind == "enum":
        variable = draw(st.sampled_from(enums))
        values = variable["values"]
        if draw(st.booleans()):
            return f"({variable['name']} == '{draw(st.sampled_from(values))}')"
        picked = draw(st.lists(st.sampled_from(values), min_size=1, max_size=3))
        return f"({variable['name']} in [{', '.join(repr(v) for v in picked)}])"
    if kind == "not":
        return f"(not {draw(bool_expr(variables, depth + 1))})"
    word = "and" if kind == "and" else "or"
    return f"({draw(bool_expr(variables, depth + 1))} {word} {draw(bool_expr(variables, depth + 1))})"


@st.composite
def chance_expr(draw, variables):
    if draw(st.booleans()):
        return str(draw(st.sampled_from([0, 0.1, 0.5, 0.9, 1])))
    return f"clamp({draw(int_expr(variables))} / 10, 0, 1)"


@st.composite
def text_expr(draw, variables):
    enums = [v for v in variables if v["type"] == "enum"]
    if enums and draw(st.booleans()):
        return draw(st.sampled_from(enums))["name"]
    return f"('yes' if {draw(bool_expr(variables, 1))} else 'no')"


@st.composite
def effect(draw, variables):
    variable = draw(st.sampled_from(variables))
    name = variable["name"]
    if variable["type"] == "int":
        op = draw(st.sampled_from(["=", "+=", "-="]))
        return f"{name} {op} {draw(int_expr(variables, 1))}"
    if variable["type"] == "bool":
        return f"{name} = {draw(bool_expr(variables, 1))}"
    value = draw(st.sampled_from(variable["values"]))
    return f"{name} = '{value}'"


@st.composite
def variable_spec(draw, name, actors):
    kind = draw(st.sampled_from(["int", "int", "bool", "enum"]))
    spec = {"name": name, "type": kind}
    if kind == "int":
        low = draw(st.integers(-5, 5))
        high = draw(st.integers(low, low + 15))
        spec.update(min=low, max=high, initial=draw(st.integers(low, high)))
    elif kind == "bool":
        spec["initial"] = draw(st.booleans())
    else:
        values = draw(st.lists(st.sampled_from(["low", "mid", "high", "gone", "new"]), min_size=1,
                               max_size=4, unique=True))
        spec.update(values=values, initial=draw(st.sampled_from(values)))
    if draw(st.integers(0, 2)) == 0:
        spec["visible_to"] = draw(st.lists(st.sampled_from(actors), min_size=1, max_size=2, unique=True))
    return spec


def _variable_toml(spec: dict) -> list[str]:
    lines = [f"[variables.{spec['name']}]", f"type = {_q(spec['type'])}"]
    if spec["type"] == "int":
        lines += [f"min = {spec['min']}", f"max = {spec['max']}", f"initial = {spec['initial']}"]
    elif spec["type"] == "bool":
        lines.append(f"initial = {str(spec['initial']).lower()}")
    else:
        lines += [f"values = {json.dumps(spec['values'])}", f"initial = {_q(spec['initial'])}"]
    if "visible_to" in spec:
        lines.append(f"visible_to = {json.dumps(spec['visible_to'])}")
    return lines


@st.composite
def scenario_text(draw):
    """The text of a random, valid scenario file."""
    seat_count = draw(st.integers(1, 3))
    seats = [f"s{i}" for i in range(seat_count)]
    actors = seats + ["bystander"]
    names = [f"v{i}" for i in range(draw(st.integers(1, 6)))]
    variables = [draw(variable_spec(name, actors)) for name in names]
    lines = ["format = 1", "", "[scenario]", 'id = "generated"', 'title = "Generated"',
             f"turns = {draw(st.integers(1, 8))}", f"seats = {json.dumps(seats)}", ""]
    for actor in actors:
        lines += [f"[actors.{actor}]", f"name = {_q(actor.upper())}", f"briefing = {_q('brief ' + actor)}", ""]
    for spec in variables:
        lines += _variable_toml(spec) + [""]
    action_number = 0
    for seat in seats:
        seen = [v for v in variables if seat in v.get("visible_to", [seat])]  # a when reads only these
        for _ in range(draw(st.integers(0, 4))):
            lines += ["[[actions]]", f'id = "{seat}.a{action_number}"', f'actor = "{seat}"',
                      f'label = "Action {action_number}"']
            action_number += 1
            if draw(st.booleans()):
                lines.append(f"when = {_q(draw(bool_expr(seen)))}")
            effects = draw(st.lists(effect(variables), min_size=1, max_size=3))
            lines.append(f"effects = {json.dumps(effects)}")
            if draw(st.booleans()):
                lines.append(f"chance = {_q(draw(chance_expr(variables)))}")
                fail = draw(st.lists(effect(variables), max_size=2))
                lines.append(f"fail_effects = {json.dumps(fail)}")
            if draw(st.booleans()):
                lines.append('visibility = "private"')
            lines.append("")
    for number in range(draw(st.integers(0, 4))):
        lines += ["[[events]]", f'id = "e{number}"', f"when = {_q(draw(bool_expr(variables)))}",
                  f"once = {str(draw(st.booleans())).lower()}",
                  f"effects = {json.dumps(draw(st.lists(effect(variables), max_size=3)))}"]
        if draw(st.integers(0, 3)):  # a silent rule (no text) now and then
            lines.append(f'text = "Event {number}"')
        if draw(st.booleans()):
            lines.append(f"chance = {_q(draw(chance_expr(variables)))}")
        if draw(st.integers(0, 2)) == 0:
            lines.append(f"visible_to = {json.dumps(draw(st.lists(st.sampled_from(actors), min_size=1, unique=True)))}")
        lines.append("")
    for number in range(draw(st.integers(0, 2))):
        lines += ["[[endings]]", f"when = {_q(draw(bool_expr(variables)))}", f'text = "Ending {number}"', ""]
    places = draw(st.integers(0, 3))
    if places:
        lines += ["[map]", "width = 20", "height = 8", ""]
        for number in range(places):
            lines += ["[[map.places]]", f'id = "p{number}"', f'name = "Place {number}"',
                      f"x = {draw(st.integers(0, 19))}", f"y = {draw(st.integers(0, 7))}"]
            if draw(st.booleans()):
                lines.append(f"status = {_q(draw(text_expr(variables)))}")
            lines.append("")
        for _ in range(draw(st.integers(0, 2))):
            ends = [f"p{draw(st.integers(0, places - 1))}" for _ in range(2)]
            lines += ["[[map.routes]]", f'from = "{ends[0]}"', f'to = "{ends[1]}"',
                      f"when = {_q(draw(bool_expr(variables)))}", ""]
    objectives = [seat for seat in seats if draw(st.booleans())]
    if objectives:
        lines.append("[objectives]")
        lines += [f"{seat} = {_q(draw(int_expr(variables)))}" for seat in objectives]
    return "\n".join(lines) + "\n"
