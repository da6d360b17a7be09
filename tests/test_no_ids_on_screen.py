"""Issue 24.3: no id reaches a student's screen, in many simulated games of both shipped scenarios.

An id is any name the scenario file uses for the machine (an action's, event's, ending's, place's or
strategy's id, a variable's name, an enum value, a kind of place, a seat's id) or the game uses (a
policy's name, ``human``). Such a word on screen means a label is missing: "now kabul only", "us:
human", "♦ anchor". Ids that are also ordinary words of the author's prose ("serious", "gone") cannot be
told apart on screen; every other id must never show, whole, in anything a seat or the facilitator
reads without asking for formulas: each turn's news and changes, each option and its detail, the
tracks, the map and its legend, the briefing, the scores, who plays each seat. Games are played to
their end by the computer policies from several seeds, and every seat's view is read after every turn.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable

import pytest

from game.engine.model import Scenario
from game.players.registry import POLICIES
from game.presentation.briefing import briefing_lines
from game.presentation.entries import turn_lines
from game.presentation.options import option_detail, option_prompt
from game.presentation.scores import ending_lines
from game.scenario import load_scenario
from game.seat_view.build import seat_view
from game.seat_view.model import SeatView
from game.session import Session
from game.tui.widgets.region_map import layout_map, legend
from game.tui.widgets.track_meters import meters
from tests.paths import SCENARIOS

PROSE_KEYS = {"title", "summary", "source", "name", "article", "short_name", "briefing", "label", "description",
              "text", "unavailable", "history", "assumption", "headline", "end_text", "art"}
"""Keys whose values an author writes for people to read."""
GAMES = [(1, "random"), (2, "greedy")]


def prose(document: object, key: str = "") -> Iterable[str]:
    """Every text of the file written for people: values of ``PROSE_KEYS``, value labels, kinds' labels."""
    if isinstance(document, dict):
        for name, value in document.items():
            if name in ("value_labels", "kinds") and isinstance(value, dict):
                yield from (text for text in value.values() if isinstance(text, str))
            else:
                yield from prose(value, name)
    elif isinstance(document, list):
        for item in document:
            yield from prose(item, key)
    elif isinstance(document, str) and key in PROSE_KEYS:
        yield document


def ids(scenario: Scenario) -> set[str]:
    found = {*scenario.seats, "human", *(name for name, policy in POLICIES.items() if name != policy.label)}
    found |= {action.id for action in scenario.actions} | {event.id for event in scenario.events}
    found |= {ending.id for ending in scenario.endings} | {strategy.id for strategy in scenario.strategies}
    for variable in scenario.variables:
        found |= {variable.name, *variable.values}
    if scenario.map is not None:
        found |= {place.id for place in scenario.map.places} | {place.kind for place in scenario.map.places}
    return {name for name in found if name}


TOKEN = re.compile(r"\w(?:[\w.\-]*\w)?")
"""A word, or a name joined with ``_``, ``-`` or ``.`` (``kabul_only``, ``us.use_kant``, ``russian-base``)."""


def words_of(text: str) -> set[str]:
    return set(TOKEN.findall(text))


def forbidden(scenario: Scenario) -> set[str]:
    """The scenario's ids that its prose never uses as words: each one on a screen is an id shown."""
    statuses = [text for place in (scenario.map.places if scenario.map else ()) if place.status is not None
                for text in place.status.domain or ()]  # what a place's status can say
    written = words_of("\n".join([*prose(tomllib.loads(scenario.origin.text)), *statuses]))
    return ids(scenario) - written


def ids_in(text: str, words: set[str]) -> list[str]:
    return sorted(words & words_of(text))


def view_text(view: SeatView, turn: int | None, width: int = 100) -> str:
    """What the screens of ``view`` say: ``turn``'s news, the options, the tracks, the map, scores, names."""
    texts = []
    if turn:
        texts += [line.text for line in turn_lines(view, turn)]
    for options in view.options.values():
        for option in options:
            texts += [line.text for line in (*option_prompt(option), *option_detail(option))]
    texts.append(meters(view.tracks, width).plain)
    if view.map is not None:
        lines, unnamed = layout_map(view.map, width)
        texts += [line.plain for line in (*lines, *legend(view.map, unnamed))]
    texts += [line.text for line in ending_lines(view)]
    texts += [*view.played_by.values(), *(order.label for order in view.pending.values())]
    return "\n".join(texts)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_no_id_in_any_view_of_a_simulated_game(name):
    scenario = load_scenario(SCENARIOS[name])
    words = forbidden(scenario)
    assert len(words) > 50 and "russia" in words, "most ids are checked (not 'us' or 'human', words of the prose)"
    for seed, policy in GAMES:
        session = Session(scenario, seed, dict.fromkeys(scenario.seats, policy))
        viewers = (*scenario.seats, None)
        for seat in scenario.seats:
            view = seat_view(session, seat)
            shown = ids_in("\n".join(briefing_lines(view)), words)
            assert not shown, f"{name}: the briefing of {seat} shows {shown}"
        while not session.over:
            session.play_turn({})
            for viewer in viewers:
                view = seat_view(session, viewer)
                shown = ids_in(view_text(view, view.played), words)
                assert not shown, f"{name}, seed {seed}, turn {view.played}, as {viewer or 'the facilitator'}: {shown}"
        final = seat_view(session, None)
        everything = "\n".join(line.text for turn in range(1, final.played + 1) for line in turn_lines(final, turn))
        assert not ids_in(everything, words), name


def test_the_check_finds_an_id_shown():
    """It would have caught the issue's screens: an enum value, a kind, a seat's controller by their ids."""
    scenario = load_scenario(SCENARIOS["over-the-horizon-2021"])
    words = forbidden(scenario)
    for text in ("U.S. on a Russian base: now tajikistan", "now kabul_only", "us: human / russia: planner",
                 "\u2666 anchor", "Rule \u00b7 csto-consent"):
        assert ids_in(text, words), text
    assert not ids_in("U.S. on a Russian base: now the 201st base, Tajikistan (was none).", words)
