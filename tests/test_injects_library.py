"""The facilitator's library of injects: in the facilitator's view only, offered by both consoles, fired as the
white cell's ordinary inject (so a save records it as any inject); the designer's assumptions likewise shown to
the facilitator, never to a seat."""

from __future__ import annotations

from game.desk.facilitator_acts import FORMS, inject_details
from game.engine.interventions import Inject
from game.scenario import load_scenario
from game.scenario.injects import as_act
from game.seat_view import from_wire, to_wire
from game.seat_view.build import seat_view
from game.session import HUMAN, Order, Session
from tests.paths import SHIPPED

SCENARIO = load_scenario(SHIPPED)


def session() -> Session:
    return Session(SCENARIO, 5, {seat: HUMAN for seat in SCENARIO.seats})


def test_the_library_is_in_the_facilitators_view_only_and_travels():
    game = session()
    facilitator = seat_view(game, None)
    assert [i.id for i in facilitator.injects] == [i.id for i in SCENARIO.injects]
    tianjin = next(i for i in facilitator.injects if i.id == "tianjin")
    assert tianjin.recipients == () and tianjin.use_when.startswith("Turn 6") and tianjin.history
    for seat in SCENARIO.seats:
        assert seat_view(game, seat).injects == ()
    assert from_wire(to_wire(facilitator)).injects == facilitator.injects


def test_assumptions_reach_the_facilitator_not_a_seat():
    game = session()
    game.play_turn({"us": Order("us", "us.request_terms"), "russia": Order("russia", "russia.no_comment"),
                    "china": Order("china", "china.invest")})
    facilitator, us = seat_view(game, None), seat_view(game, "us")
    request = next(o for o in facilitator.options["us"] if o.id == "us.waiver")
    assert request.source and not request.assumption
    invest = next(e for e in facilitator.entries if e.rule == "china.invest")
    assert invest.assumption.startswith("Not in the article")
    assert all(not o.assumption for options in us.options.values() for o in options)
    assert all(not e.assumption for e in us.entries)


def test_the_library_form_fires_the_inject_as_written_with_the_reason():
    game = session()
    view = seat_view(game, None)
    form = FORMS["b"]
    (choice, reason) = form.fields(view)
    assert [value for _, value in choice.choices] == [i.id for i in SCENARIO.injects]
    details = choice.detail("absolutely-not")
    assert "When to use it: At the start" in details and "Told to: every seat" in details
    assert "Designer's assumption:" in details and "In the record: Axios on HBO" in details
    act = form.build(view, {"inject": "absolutely-not", "reason": "frame the corridor"})
    assert act == as_act(SCENARIO.library_inject("absolutely-not"), "frame the corridor")
    assert game.intervene(act) == () and game.open_interventions == (act,)
    assert isinstance(act, Inject) and act.recipients is None and act.effects == ("corridor_flights += 2",)
    assert seat_view(game, None).acts[0].text.startswith("injected \u201cImran Khan")


def test_a_library_inject_told_to_some_seats_names_them():
    view = seat_view(session(), None)
    inject = next(i for i in view.injects if i.id == "tianjin")
    assert "Told to: every seat" in inject_details(view, inject)
    told = type(inject)(inject.id, inject.headline, inject.effects, ("us", "china"))
    assert "Told to: United States and China" in inject_details(view, told)
