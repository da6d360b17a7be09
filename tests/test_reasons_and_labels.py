"""Issue 24.2-3: an unavailable action says the part of its condition that fails; values and seats in words.

The shipped scenario's own case first ("Accept Moscow's terms" once the U.S. is on the base), then the
rules of the format's parts (``when = [{ if, unavailable }]``), overtaken orders (the part that failed
at resolution, and nothing more to a seat that cannot see that part), value labels in every sentence,
who plays a seat, and the map's kinds by their labels.
"""

from __future__ import annotations

import pytest
from attrs import evolve

from game.engine.expressions import conjuncts
from game.engine.interventions import SetTrack
from game.engine.state import initial_state
from game.engine.views import view_for
from game.players.registry import controller_label
from game.presentation.entries import turn_lines
from game.presentation.options import option_prompt
from game.scenario import load_scenario, parse_scenario
from game.seat_view.build import seat_view
from game.session import Order, Session
from game.tui.widgets.region_map import legend
from tests.paths import SCENARIOS

HORIZON = load_scenario(SCENARIOS["over-the-horizon-2021"])
NORTHERN = load_scenario(SCENARIOS["northern-bases-2001"])


def state_with(scenario, **values):
    state = initial_state(scenario, 1)
    return evolve(state, values=tuple(values.get(v.name, v.initial) for v in scenario.variables))


def reason(scenario, state, seat, action):
    option = next(o for o in view_for(scenario, state, [], seat).options[seat] if o.action.id == action)
    assert not option.available
    return option.reason


def test_accepting_moscows_terms_once_on_the_base_says_the_us_is_already_there():
    """The issue's game: waiver, terms, then onto the 201st base; Kant's offer is not "needs terms"."""
    on_base = state_with(HORIZON, waiver=True, offer_status="terms", russian_base="tajikistan")
    assert reason(HORIZON, on_base, "us", "us.use_kant") == "U.S. drones are already on a Russian base"
    no_waiver = state_with(HORIZON, offer_status="terms")
    assert reason(HORIZON, no_waiver, "us", "us.use_kant").startswith("The 2017 law still bars it")
    neither = state_with(HORIZON)
    assert reason(HORIZON, neither, "us", "us.use_kant") == (
        "Moscow has not offered terms. The 2017 law still bars it: issue the waiver or certify its conditions.")


PARTS = """\
format = 1
[scenario]
id = "parts"
title = "Parts"
turns = 3
seats = ["blue", "red"]
[actors.red]
name = "Red"
[actors.blue]
name = "Blue"
[variables.heat]
type = "int"
min = 0
max = 10
initial = 0
[variables.secret]
type = "bool"
initial = false
visible_to = ["red"]
[variables.stage]
type = "enum"
values = ["in_country", "kabul_only"]
initial = "in_country"
[variables.stage.value_labels]
in_country = "in the country"
kabul_only = "at Kabul airport only"
[[actions]]
id = "red.go"
actor = "red"
label = "Go"
when = [
  { if = "heat < 5", unavailable = "Too hot now" },
  { if = "not secret", unavailable = "The secret is out" },
]
effects = ["secret = true"]
[[actions]]
id = "blue.heat"
actor = "blue"
label = "Heat up"
effects = ["heat += 5", "stage = 'kabul_only'"]
"""


def test_each_failing_part_says_its_own_words_and_only_those():
    scenario = parse_scenario(PARTS)
    assert conjuncts(scenario.action("red.go").when.text) == ["heat < 5", "not secret"]
    assert reason(scenario, state_with(scenario, heat=7), "red", "red.go") == "Too hot now"
    assert reason(scenario, state_with(scenario, secret=True), "red", "red.go") == "The secret is out"
    assert reason(scenario, state_with(scenario, heat=7, secret=True), "red", "red.go") == \
        "Too hot now. The secret is out."


def test_an_overtaken_order_says_the_part_that_failed_to_those_who_can_see_it():
    scenario = parse_scenario(PARTS)
    session = Session(scenario, 1, {"red": "human", "blue": "human"})
    session.play_turn({"blue": Order("blue", "blue.heat", ""), "red": Order("red", "red.go", "")})
    (red_entry,) = [e for e in seat_view(session, "red").entries if e.rule == "red.go"]
    assert red_entry.unavailable == "Too hot now"
    assert seat_view(session, None).entries[1].unavailable == "Too hot now"
    # Blue cannot see ``secret``: which part failed would tell it, so it reads the words for the whole (none).
    (blue_entry,) = [e for e in seat_view(session, "blue").entries if e.rule == "red.go"]
    assert blue_entry.unavailable == ""
    assert "secret" not in str(blue_entry)


def test_values_are_said_by_their_labels_in_every_change_and_track():
    scenario = parse_scenario(PARTS)
    session = Session(scenario, 1, {"red": "human", "blue": "human"})
    session.play_turn({"blue": Order("blue", "blue.heat", ""), "red": Order("red", "red.hold", "")})
    view = seat_view(session, "blue")
    text = "\n".join(line.text for line in turn_lines(view, 1))
    assert "now at Kabul airport only (was in the country)" in text
    assert "kabul_only" not in text and "kabul only" not in text
    assert view.track("stage").say(view.track("stage").value) == "at Kabul airport only"


def test_the_issues_values_read_as_words():
    """ "U.S. on a Russian base: now tajikistan", "now kabul only": never again."""
    assert HORIZON.variable("russian_base").say("tajikistan") == "the 201st base, Tajikistan"
    assert HORIZON.variable("withdrawal").say("kabul_only") == "at Kabul airport only"
    for scenario in (HORIZON, NORTHERN):
        for variable in scenario.variables:
            if variable.type == "enum":
                assert set(variable.value_labels) == set(variable.values), variable.name


@pytest.mark.parametrize("controller, said", [
    ("human", "a person"), ("planner", "computer (planner)"), ("planner-hard", "computer (planner, hard)"),
    ("random", "computer (random)"), ("strategy:us-gulf", "computer (\u201cStay in the Gulf")])
def test_who_plays_a_seat_is_said_in_words(controller, said):
    assert controller_label(controller, HORIZON).startswith(said)


def test_the_map_legend_names_kinds_by_their_labels():
    for scenario in (HORIZON, NORTHERN):
        view = seat_view(Session(scenario, 1, dict.fromkeys(scenario.seats, "random")), None)
        kinds_line = legend(view.map)[0].plain
        assert "a seat's capital (off the map)" in kinds_line and "central asia" not in kinds_line
        assert " anchor" not in kinds_line


def test_an_unavailable_option_shows_its_reason_on_its_own_line():
    session = Session(HORIZON, 1, dict.fromkeys(HORIZON.seats, "human"))
    for name, value in (("waiver", True), ("offer_status", "terms"), ("russian_base", "tajikistan")):
        session.intervene(SetTrack(name, value, "as in the issue's game"))
    option = next(o for o in seat_view(session, "us").options["us"] if o.id == "us.use_kant")
    assert option_prompt(option)[1].text == "unavailable: U.S. drones are already on a Russian base"
