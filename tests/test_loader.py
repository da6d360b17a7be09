"""Loading scenarios: every mistake reported as FILE:LINE: what is wrong (hint)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.errors import ScenarioError
from game.scenario import load_scenario, parse_scenario
from tests.paths import SHIPPED
from tests.scenario_strategies import scenario_text

BASE = """\
format = 1

[scenario]
id = "base"
title = "Base"
turns = 4
seats = ["red", "blue"]

[actors.red]
name = "Red"

[actors.blue]
name = "Blue"

[actors.crowd]
name = "Crowd"

[variables.heat]
type = "int"
min = 0
max = 10
initial = 3

[variables.mood]
type = "enum"
values = ["calm", "angry"]
initial = "calm"
visible_to = ["red"]

[[actions]]
id = "red.push"
actor = "red"
label = "Push"
when = "heat < 9"
effects = [
  "heat += 2",
  "mood = 'angry'",
]

[[actions]]
id = "blue.calm"
actor = "blue"
label = "Calm"
chance = "0.5"
effects = ["mood = 'calm'"]
fail_effects = ["heat += 1"]

[[events]]
id = "boil"
when = "heat >= 8"
effects = ["mood = 'angry'"]
text = "It boils over."

[objectives]
red = "heat"
blue = "10 - heat"

[[endings]]
when = "heat >= 10"
text = "Too hot."
"""

# (what is broken, old text, new text, marker of the line the error must name, words the error must say)
BROKEN = [
    ("unknown name in a condition", 'when = "heat < 9"', 'when = "heet < 9"', "heet", "unknown name 'heet'"),
    ("hint for a misspelt name", 'when = "heat < 9"', 'when = "heet < 9"', "heet", "did you mean 'heat'?"),
    ("bad enum value in an effect", "\"mood = 'angry'\",", "\"mood = 'furious'\",", "furious",
     "'furious' is not a value of 'mood'"),
    ("bad enum value in a condition", 'when = "heat >= 8"', "when = \"mood == 'sad'\"", "sad",
     "'sad' is not a value of 'mood'"),
    ("injected code", '"heat += 2",', "\"__import__('os').system('rm -rf /')\",", "__import__",
     "an effect must be one assignment"),
    ("injected code in a condition", 'when = "heat < 9"', "when = \"__import__('os').system('ls') == 0\"",
     "__import__", "system\" is not allowed"),
    ("attribute access", 'red = "heat"', 'red = "heat.__class__"', "__class__", "attribute access"),
    ("deep nesting", 'blue = "10 - heat"', 'blue = "' + "-" * 60 + 'heat"', 'blue = "', "nested too deeply"),
    ("unbalanced parentheses", 'blue = "10 - heat"', 'blue = "(((10 - heat"', 'blue = "', "not a valid expression"),
    ("chance that is text", 'chance = "0.5"', "chance = \"'likely'\"", "likely", "a number is needed"),
    ("condition that is a number", 'when = "heat >= 8"', 'when = "heat + 8"', "heat + 8", "true/false is needed"),
    ("unknown key", 'fail_effects = ["heat += 1"]', 'fail_effect = ["heat += 1"]', "fail_effect",
     "did you mean 'fail_effects'?"),
    ("seat that is no actor", 'seats = ["red", "blue"]', 'seats = ["red", "green"]', "seats",
     "seat 'green' is not an actor"),
    ("action of a non-seat actor", 'actor = "blue"', 'actor = "crowd"', 'actor = "crowd"', "is not a seat"),
    ("duplicate action id", 'id = "blue.calm"', 'id = "red.push"', ('id = "red.push"', 2),
     "action id 'red.push' is already the id of an action"),
    ("initial out of range", "initial = 3", "initial = 30", "initial = 30", "outside 0..10"),
    ("initial not a value", 'initial = "calm"', 'initial = "happy"', "happy", "not one of its values"),
    ("unknown visible_to actor", 'visible_to = ["red"]', 'visible_to = ["rde"]', "rde", "unknown actor 'rde'"),
    ("wrong type of value", "turns = 4", 'turns = "four"', "four", "turns in [scenario] must be a whole number"),
    ("missing variable type", 'type = "int"', "", "[variables.heat]", "missing the required key 'type'"),
    ("missing actor name", 'name = "Blue"', "", "[actors.blue]", "missing the required key 'name'"),
    ("missing ending text", 'text = "Too hot."', "", "[[endings]]", "missing the required key 'text'"),
    ("action without effects", 'chance = "0.5"\neffects = ["mood = \'calm\'"]\nfail_effects = ["heat += 1"]\n',
     "", ("[[actions]]", 2), "has neither effects nor a chance"),
    ("fail effects without chance", 'chance = "0.5"\n', "", "fail_effects", "has fail_effects but no chance"),
    ("objective for a non-seat", 'blue = "10 - heat"', 'crowd = "1"', "crowd = ", "not a seat"),
    ("newer format", "format = 1", "format = 2", "format = 2", "format 2 is newer"),
    ("TOML syntax", 'title = "Base"', 'title = "Base', 'title = "Base', "not valid TOML"),
    ("text without quotes", 'title = "Base"', "title = Base", "title = Base", "text needs quotes"),
    ("a table declared twice", "[actors.crowd]", "[actors.red]", ("[actors.red]", 2), "[actors.red] is declared twice"),
    ("reserved variable name", "[variables.heat]", "[variables.turn]", "[variables.turn]", "cannot be used"),
    ("hold with a condition", 'id = "red.push"', 'id = "red.hold"', 'when = "heat < 9"', "built-in hold"),
    ("strategy that peeks", '[[endings]]', '[[strategies]]\nid = "s"\nseat = "blue"\nlabel = "S"\n'
     'plan = [{ do = "blue.calm", when = "mood == \'angry\'" }]\n\n[[endings]]', "plan = ",
     "reads 'mood', which 'blue' cannot see"),
    ("strategy with another seat's action", '[[endings]]', '[[strategies]]\nid = "s"\nseat = "blue"\n'
     'label = "S"\nplan = ["red.push"]\n\n[[endings]]', "plan = ", "has no action 'red.push'"),
    ("question without text", '[[endings]]', '[[questions]]\nwhen = "heat > 5"\n\n[[endings]]',
     "[[questions]]", "a question is missing the required key 'text'"),
    ("question with a bad condition", '[[endings]]', '[[questions]]\nwhen = "heet > 5"\ntext = "Why?"\n\n'
     '[[endings]]', "heet", "unknown name 'heet'"),
    ("question with an unknown key", '[[endings]]', '[[questions]]\ntext = "Why?"\nclaim = "C1"\n\n'
     '[[endings]]', "claim", "unknown key 'claim' in a question"),
    ("value label of no value", 'initial = "calm"', 'initial = "calm"\nvalue_labels = { calm = "calm", snad = "sad" }',
     "value_labels", "names 'snad', which is not one of its values"),
    ("empty value label", 'initial = "calm"', 'initial = "calm"\nvalue_labels = { calm = " " }', "value_labels",
     "the label of 'calm' in variable 'mood' is empty"),
    ("value labels on a number", 'initial = 3', 'initial = 3\nvalue_labels = { low = "low" }', "value_labels",
     "value_labels applies only to enum variables"),
    ("when in parts and one unavailable", 'when = "heat < 9"',
     'when = [{ if = "heat < 9", unavailable = "Too hot" }]\nunavailable = "Not now"', 'unavailable = "Not now"',
     "gives its when as parts, each with its own unavailable"),
    ("part of a when without if", 'when = "heat < 9"', 'when = [\n  { unavailable = "Too hot" },\n]',
     '{ unavailable = "Too hot" }', "part 1 of the when of action 'red.push' is missing the required key 'if'"),
    ("part of a when without words", 'when = "heat < 9"', 'when = [\n  { if = "heat < 9" },\n]',
     '{ if = "heat < 9" }', "missing the required key 'unavailable'"),
    ("part of a when with a bad name", 'when = "heat < 9"', 'when = [\n  { if = "heet < 9", unavailable = "Hot" },\n]',
     "heet", "unknown name 'heet'"),
    ("part of a when that is text", 'when = "heat < 9"', 'when = ["heat < 9"]', "when = [",
     "part 1 of the when of action 'red.push' must be a table"),
    ("map kind no place is", '[[endings]]', '[map]\n[map.kinds]\nbase = "Base"\n\n[[endings]]', 'base = "Base"',
     "[map.kinds] names 'base', which no place is"),
    ("class track that is no variable", '[[endings]]', '[class]\ntracks = ["heet"]\n\n[[endings]]', "heet",
     "[class] tracks names 'heet', which is not a variable"),
    ("too many class tracks", '[[endings]]', '[class]\ntracks = ["heat", "mood", "heat", "mood", "heat"]\n\n'
     '[[endings]]', "tracks = ", "more than 4"),
    ("class record with a bad held", '[[endings]]', '[[class.record]]\nlabel = "It boiled"\nwhen = "heat >= 8"\n'
     'held = "sometimes"\n\n[[endings]]', "sometimes", "held must be one of end, always, ever"),
]


def _line_of(text: str, marker: str | tuple[str, int]) -> int:
    """The line holding ``marker``, or its Nth occurrence for ``(marker, N)``."""
    marker, occurrence = marker if isinstance(marker, tuple) else (marker, 1)
    found = [number for number, line in enumerate(text.splitlines(), 1) if marker in line]
    return found[occurrence - 1]


@pytest.mark.parametrize("broken, old, new, marker, words", BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_scenario_is_refused_with_file_and_line(tmp_path, broken, old, new, marker, words):
    assert old in BASE, broken
    text = BASE.replace(old, new, 1)
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as refused:
        load_scenario(path)
    expected = f"{path}:{_line_of(text, marker)}:"
    matching = [p for p in refused.value.problems if words in p]
    assert matching, refused.value.problems
    assert matching[0].startswith(expected), (matching[0], expected)
    assert all("\n" not in problem for problem in refused.value.problems)


def test_the_class_view_and_the_record_load():
    text = BASE.replace("[[endings]]", '[class]\ntracks = ["mood", "heat"]\n\n[[class.record]]\nlabel = "it boiled"\n'
                        'when = "heat >= 8"\nheld = "ever"\n\n[[endings]]', 1)
    classroom = parse_scenario(text, "class.toml").classroom
    assert classroom.tracks == ("mood", "heat")
    assert [(line.label, line.held) for line in classroom.record] == [("it boiled", "ever")]


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = BASE.replace('when = "heat < 9"', 'when = "heet < 9"').replace("initial = 3", "initial = 30")
    text = text.replace('actor = "blue"', 'actor = "crowd"')
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(text, "many.toml")
    assert len(refused.value.problems) == 3
    lines = [int(problem.split(":")[1]) for problem in refused.value.problems]
    assert lines == sorted(lines)


def test_an_invalid_variable_causes_no_follow_on_noise():
    text = BASE.replace("initial = 3", "initial = 30")
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(text, "x.toml")
    assert len(refused.value.problems) == 1


@pytest.mark.parametrize("content, words", [
    (b"\xff\xfe not text", "not UTF-8"),
    (b"", "missing the required key 'format'"),
    (b"format = 1\n", "no [scenario] table"),
    (b"[[[", "not valid TOML"),
])
def test_files_that_are_not_scenarios_are_refused(tmp_path, content, words):
    path = tmp_path / "odd.toml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError) as refused:
        load_scenario(path)
    assert any(words in problem and problem.startswith(f"{path}:") for problem in refused.value.problems)


def test_missing_files_folders_and_huge_files_are_refused(tmp_path):
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"#" * 3_000_000)
    for path, words in ((tmp_path / "nope.toml", "no such file"), (tmp_path, "is a folder"),
                        (huge, "larger than")):
        with pytest.raises(ScenarioError) as refused:
            load_scenario(path)
        assert words in str(refused.value)


def test_the_shipped_scenario_loads_and_keeps_its_origin():
    scenario = load_scenario(SHIPPED)
    assert scenario.id == "over-the-horizon-2021"
    assert scenario.origin.text == SHIPPED.read_text()
    assert len(scenario.origin.sha256) == 64


@settings(max_examples=40)
@given(scenario_text())
def test_every_scenario_written_within_the_format_loads(text):
    scenario = parse_scenario(text, "generated.toml")
    assert scenario.seats


@settings(max_examples=60)
@given(data=st.data())
def test_damaging_the_shipped_scenario_loads_or_gives_located_problems(data):
    lines = SHIPPED.read_text().splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        how = data.draw(st.sampled_from(["delete", "duplicate", "truncate", "garble"]))
        if how == "delete":
            del lines[index]
        elif how == "duplicate":
            lines.insert(index, lines[index])
        elif how == "truncate":
            lines[index] = lines[index][: data.draw(st.integers(0, len(lines[index])))]
        else:
            lines[index] = re.sub(r"[a-z]", data.draw(st.sampled_from("xq_=\"'[")), lines[index], count=1)
    text = "\n".join(lines)
    try:
        parse_scenario(text, "damaged.toml")
    except ScenarioError as error:
        for problem in error.problems:
            match = re.match(r"damaged\.toml:(\d+): \S", problem)
            assert match, problem
            assert 1 <= int(match.group(1)) <= max(1, len(lines)), problem
