"""The header reader (title screen lists) agrees with the loader on every scenario that loads."""

from hypothesis import given, settings

from game.scenario import parse_scenario
from game.scenario.header import header_of, read_header
from tests.paths import SHIPPED
from tests.scenario_strategies import scenario_text


def expected(scenario):
    return (scenario.title, scenario.summary, tuple(scenario.actor_name(s) for s in scenario.seats),
            scenario.turns, scenario.turn_days, scenario.start_date, scenario.source)


def as_tuple(header):
    return (header.title, header.summary, header.seats, header.turns, header.turn_days, header.start_date,
            header.source)


@settings(max_examples=max(10, settings().max_examples // 3))  # each example loads a whole scenario
@given(text=scenario_text())
def test_the_header_is_what_the_loader_reads(text):
    assert as_tuple(header_of(text)) == expected(parse_scenario(text))


def test_the_shipped_scenario():
    assert as_tuple(read_header(SHIPPED)) == expected(parse_scenario(SHIPPED.read_text(), str(SHIPPED)))


def test_a_table_line_inside_a_long_string_does_not_confuse_it():
    text = SHIPPED.read_text().replace('title = "Over the Horizon"', 'title = """Over\n[variables.x]\n"""', 1)
    assert as_tuple(header_of(text)) == expected(parse_scenario(text))
