"""The white cell's label form (game/desk/effect_form.py): every change it offers is in the words players see,
and every one the engine accepts, for injects, set-track and rulings on argued moves alike.

The facilitator never types a variable name: a form built from the facilitator's
view offers each track by its label, and what it makes of a pick is an act the
session takes (for a ruling: within the scenario's ``[arguments]``). The class
console reuses the same functions, so these hold for it too.
"""

from __future__ import annotations

import pytest

from game.desk.effect_form import change_groups, flat, set_groups
from game.desk.facilitator_acts import FORMS
from game.errors import WargameError
from game.scenario import load_scenario
from game.seat_view.build import seat_view
from game.session import HUMAN, Argument, Session
from tests.paths import SCENARIOS

STATEMENT = "Offer Tashkent security aid for a temporary drone lease at Termez"


SHIPPED = {name: load_scenario(path) for name, path in SCENARIOS.items()}


def opened(name: str) -> Session:
    scenario = SHIPPED[name]
    return Session(scenario, 5, {seat: HUMAN for seat in scenario.seats})


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_change_the_form_offers_is_said_in_labels_and_taken_by_the_engine(name):
    """An inject, a set track and a ruling of each pick, one by one, on a fresh session: none refused."""
    base = opened(name)
    view = seat_view(base, None)
    labels = {track.name: track.label for track in view.tracks}
    seat = base.scenario.arguments.seats[0]
    groups = {"inject": change_groups(view), "set": set_groups(view),
              "rule": change_groups(view, view.arguing.tracks)}
    assert {g.track for g in groups["rule"]} == {t.variable for t in base.scenario.arguments.tracks}
    for kind, offered in groups.items():
        for change in flat(offered):
            assert change.label.startswith(labels[change.track]) and "=" not in change.label, change.label
            session = opened(name)
            if kind == "rule":
                move = session.argue(Argument(seat, STATEMENT))
                answers = {"move": move.id, "chance": 30, "effects": (change.value,), "reason": "r"}
                session.intervene(FORMS["a"].build(seat_view(session, None), answers))
            elif kind == "set":
                session.intervene(FORMS["t"].build(view, {"setting": (change.value,), "reason": "r"}))
            else:
                answers = {"headline": "h", "recipients": tuple(s.id for s in view.seats), "effects": (change.value,),
                           "reason": "r"}
                session.intervene(FORMS["i"].build(view, answers))


def test_termez_is_picked_by_its_label_and_the_ruling_is_what_the_cli_records():
    session = opened("over-the-horizon-2021")
    move = session.argue(Argument("us", STATEMENT, "a lease at Termez", ("Tashkent wants aid",)))
    session.counter("russia", move.id, "Tashkent will not cross Moscow")
    view = seat_view(session, None)
    (fields,) = [FORMS["a"].fields(view)]
    effects = next(f for f in fields if f.key == "effects")
    termez = next(c for c in flat(effects.groups) if c.label == "U.S. access deal in Central Asia \u2192 Termez")
    chance = dict(next(f for f in fields if f.key == "chance").choices)
    act = FORMS["a"].build(view, {"move": move.id, "chance": chance["unlikely (30%)"], "effects": (termez.value,),
                                  "reason": "Tashkent is wary of Moscow"})
    assert (act.argument, act.chance, act.effects, act.recipients) == (move.id, 30, ("access = 'termez'",), None)
    session.intervene(act)
    assert seat_view(session, None).argued[0].ruling == "ruled unlikely (30%)"


def test_two_changes_of_a_track_and_a_bad_exact_chance_are_said_in_words():
    session = opened("over-the-horizon-2021")
    move = session.argue(Argument("us", STATEMENT))
    view = seat_view(session, None)
    groups = change_groups(view, view.arguing.tracks)
    ups = [c for c in flat(groups) if c.track == "uzbekistan"][:2]
    with pytest.raises(WargameError, match="Pick one change of"):
        FORMS["a"].build(view, {"move": move.id, "chance": 30, "effects": tuple(c.value for c in ups), "reason": "r"})
    with pytest.raises(WargameError, match="whole percent from 0 to 100"):
        FORMS["a"].build(view, {"move": move.id, "exact": "130", "reason": "r"})
    act = FORMS["a"].build(view, {"move": move.id, "exact": "45%", "expressions": "uzbekistan += 1", "reason": "r"})
    assert (act.chance, act.effects) == (45, ("uzbekistan += 1",))
