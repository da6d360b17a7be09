"""The format's additions for sources and the white cell: ``assumption``, ``[[injects]]``, balance targets.

Every mistake in them is refused at load as ``FILE:LINE: what (hint)``, like any
rule's; a library inject that loads is one the game accepts when the
facilitator fires it.
"""

from __future__ import annotations

import pytest

from game.engine.interventions import apply_intervention
from game.engine.state import initial_state
from game.errors import ScenarioError
from game.scenario import parse_scenario
from game.scenario.injects import as_act
from tests.test_loader import BASE

LIBRARY = BASE.replace("[[endings]]", '''[[injects]]
id = "heatwave"
headline = "A heatwave settles over the region"
effects = ["heat += 2"]
use_when = "When the room has gone quiet."
assumption = "No source: a jolt the designer keeps at hand."

[[injects]]
id = "rumour"
headline = "Red hears a rumour"
visible_to = ["red"]
effects = ["mood = 'angry'"]
source = "It boils over."

[[endings]]''', 1)


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(text, "s.toml")
    return refused.value.problems


def _line(text: str, marker: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if marker in line)


def test_rules_and_values_carry_the_designers_assumption():
    text = BASE.replace('label = "Push"', 'label = "Push"\nassumption = "Pushing heats by 2: a guess."')
    text = text.replace('initial = 3', 'initial = 3\nassumption = "Starts warm."', 1)
    text = text.replace('text = "It boils over."', 'text = "It boils over."\nassumption = "At 8, not 9."')
    text = text.replace('text = "Too hot."', 'text = "Too hot."\nassumption = "Ten is too hot."')
    scenario = parse_scenario(text, "s.toml")
    assert scenario.action("red.push").assumption == "Pushing heats by 2: a guess."
    assert scenario.variable("heat").assumption == "Starts warm."
    assert scenario.events[0].assumption == "At 8, not 9."
    assert scenario.endings[0].assumption == "Ten is too hot."


def test_the_library_loads_with_its_guidance_audience_and_sources():
    scenario = parse_scenario(LIBRARY, "s.toml")
    heatwave, rumour = scenario.injects
    assert heatwave.id == "heatwave" and heatwave.recipients is None and heatwave.effects == ("heat += 2",)
    assert heatwave.use_when == "When the room has gone quiet." and heatwave.assumption.startswith("No source")
    assert rumour.recipients == frozenset({"red"}) and rumour.source == "It boils over."
    assert scenario.library_inject("rumour") is rumour and scenario.library_inject("nope") is None
    assert heatwave.line == _line(LIBRARY, "[[injects]]")


def test_a_library_inject_fires_as_the_white_cells_ordinary_inject():
    scenario = parse_scenario(LIBRARY, "s.toml")
    state = initial_state(scenario, 7)
    result = apply_intervention(scenario, state, as_act(scenario.injects[0], "the room was quiet"))
    (entry,) = result.entries
    assert entry.text == "A heatwave settles over the region" and entry.reason == "the room was quiet"
    assert result.state.values[scenario.index_of("heat")] == 5
    told = apply_intervention(scenario, state, as_act(scenario.injects[1], "why", frozenset({"red", "blue"})))
    assert told.entries[0].visible_to == frozenset({"red", "blue"})


@pytest.mark.parametrize("old, new, marker, words", [
    ('effects = ["heat += 2"]', 'effects = ["heat += hot"]', "hot", "unknown name 'hot'"),
    ('visible_to = ["red"]\neffects', 'visible_to = ["crowd"]\neffects', 'visible_to = ["crowd"]',
     "'crowd', which is not a seat"),
    ('visible_to = ["red"]\neffects', 'visible_to = ["rde"]\neffects', 'visible_to = ["rde"]', "unknown actor 'rde'"),
    ('id = "rumour"', 'id = "heatwave"', ('id = "heatwave"', 2), "duplicate inject id 'heatwave'"),
    ('headline = "Red hears a rumour"', 'headline = "  "', 'headline = "  "', "headline of inject 'rumour' is empty"),
    ('headline = "Red hears a rumour"\n', '', ('[[injects]]', 2), "missing the required key 'headline'"),
    ('use_when = "When', 'use_whenn = "When', "use_whenn", "did you mean 'use_when'?"),
    ('effects = ["heat += 2"]', "effects = [" + ", ".join(['"heat += 1"'] * 21) + "]", ('[[injects]]', 1),
     "at most 20 effects"),
])
def test_a_broken_library_inject_is_refused_with_file_and_line(old, new, marker, words):
    assert old in LIBRARY
    text = LIBRARY.replace(old, new, 1)
    if isinstance(marker, tuple):
        marker, nth = marker
        line = [n for n, t in enumerate(text.splitlines(), 1) if marker in t][nth - 1]
    else:
        line = _line(text, marker)
    found = [p for p in _problems(text) if words in p]
    assert found and found[0].startswith(f"s.toml:{line}:"), _problems(text)


def test_an_inject_that_shows_a_hidden_value_is_refused_at_load_as_in_play():
    hidden = LIBRARY.replace('effects = ["heat += 2"]', "effects = [\"heat += 1 if mood == 'angry' else 0\"]")
    (problem,) = [p for p in _problems(hidden) if "inject 'heatwave' would be refused" in p]
    assert "worked out from 'mood'" in problem


BALANCED = BASE.replace("[[endings]]", '''[[strategies]]
id = "red-push"
seat = "red"
label = "Push"
plan = ["red.push"]

[[strategies]]
id = "blue-calm"
seat = "blue"
label = "Calm"
plan = ["blue.calm"]

[balance]
decisive = ["red"]

[[balance.lines]]
strategy = "red-push"
within = 1.5
text = "The line the record shows."

[[balance.outcomes]]
id = "boils"
label = "It boils over"
when = "mood == 'angry'"
players = ["strategies", "greedy"]
at_most = 0.25

[[balance.outcomes]]
id = "hot-end"
label = "Hot at the end, when Blue calmed"
when = "heat >= 5"
held = "end"
given = "blue.calm"
players = ["planner"]
at_least = 0.25
under = 0.6

[[endings]]''', 1)


def test_balance_targets_load_with_their_bounds():
    balance = parse_scenario(BALANCED, "s.toml").balance
    (line,) = balance.lines
    assert line.strategy == "red-push" and line.best_response and line.within == 1.5
    boils, hot = balance.outcomes
    assert boils.players == ("strategies", "greedy") and boils.met(0.25) and not boils.met(0.26)
    assert hot.held == "end" and hot.given == "blue.calm" and hot.met(0.25) and not hot.met(0.6) and not hot.met(0.2)
    assert boils.bounds == "at most 25%" and hot.bounds == "at least 25% and under 60%"


@pytest.mark.parametrize("old, new, marker, words", [
    ('strategy = "red-push"', 'strategy = "red-pull"', "red-pull", "names no strategy of the scenario"),
    ('within = 1.5', 'within = -1', "within = -1", "must be 0 or more"),
    ('at_most = 0.25', 'at_most = 25', "at_most = 25", "a share of games from 0 to 1"),
    ('at_most = 0.25', '', "[[balance.outcomes]]", "gives no bound"),
    ('given = "blue.calm"', 'given = "blue.clam"', "blue.clam", "did you mean 'blue.calm'?"),
    ("when = \"mood == 'angry'\"", "when = \"mood == 'sad'\"", "sad", "'sad' is not a value of 'mood'"),
    ('players = ["planner"]', 'players = []', "players = []", "must name at least one kind of game"),
    ('players = ["planner"]', 'players = ["plan ner"]', "plan ner", "must hold only ASCII"),
    ('held = "end"', 'held = "sometimes"', "sometimes", "held of the balance outcome 'hot-end' must be ever, always, end"),
])
def test_a_broken_balance_target_is_refused_with_file_and_line(old, new, marker, words):
    assert old in BALANCED
    text = BALANCED.replace(old, new, 1)
    line = _line(text, marker[0] if isinstance(marker, tuple) else marker)
    found = [p for p in _problems(text) if words in p]
    assert found and found[0].startswith(f"s.toml:{line}:"), _problems(text)
