"""One test per claim of the source article that the shipped scenario must model, and per fix of issue 11.

Each docstring quotes the claim (docs/scenario-claims.md has the table); each
test drives the rules through the engine, never through the scenario's text.
"""

from __future__ import annotations

import pytest

from game.scenario import load_scenario
from tests.claims_support import ScenarioGame, fired
from tests.paths import SHIPPED

SCENARIO = load_scenario(SHIPPED)


class Game(ScenarioGame):
    """A shipped-scenario game that tests steer turn by turn (unnamed seats hold)."""

    scenario = SCENARIO


# ---------------------------------------------------------------- the claims


def test_c1_putin_floated_bases_and_russia_decides_in_secret():
    """C1: "Mr. Putin floated the idea of hosting U.S. military personnel on Russian bases"."""
    game = Game()
    assert {"russia.intent_serious", "russia.intent_debating"} <= game.legal("russia")
    entries = game.play(russia="intent_serious")
    assert fired(entries, "geneva"), "the opening inject"
    assert game["offer_intent"] == "serious"
    for seat in ("us", "china"):
        view = game.view(seat)
        assert "offer_intent" not in view.variables
        assert not any(e.rule == "russia.intent_serious" for e in view.entries)


def test_c2_the_nsc_asks_whether_it_was_a_debating_point_or_a_serious_offer():
    """C2: "the NSC staff [asked] Gen. Milley to clarify whether Mr. Putin was simply making a
    debating point or was hinting at a serious offer"."""
    game = Game()
    entries = game.play(us="task_milley")
    assert fired(entries, "nsc-tasking")
    assert game["milley_tasked"] and "milley_tasked" not in game.view("russia").variables


def test_c3_gerasimov_answers_at_helsinki_the_week_milley_asks():
    """C3: "Gen. Gerasimov was noncommittal during the Helsinki meeting" (ask and answer, Sept. 22)."""
    game = Game(turn=14, milley_tasked=True)
    uncertainty = game["uncertainty"]
    entries = game.play()
    assert fired(entries, "helsinki") and fired(entries, "gerasimov-answers")
    assert game["offer_status"] == "noncommittal", "Moscow's standing line, answered the same week"
    assert game["uncertainty"] == uncertainty + 1
    assert SCENARIO.date_of(14).isoformat() <= "2021-09-22" < SCENARIO.date_of(15).isoformat()


def test_c4_the_kremlin_declining_to_comment_deepens_uncertainty():
    """C4: "A Kremlin spokesman declined to comment." Uncertainty makes Central Asian talks harder."""
    game = Game()
    calm = game.option("us", "us.negotiate_uzbekistan").chance
    game.play(russia="no_comment")
    assert game["uncertainty"] == 3
    assert game.option("us", "us.negotiate_uzbekistan").chance < calm


def test_c5_over_the_horizon_strikes_and_isr_depend_on_time_over_afghanistan():
    """C5: "build an over-the-horizon capability to conduct airstrikes and intelligence, surveillance
    and reconnaissance, or ISR, from outside Afghanistan"."""
    far = Game(hours_on_station=9, target_intel=2).option("us", "us.strike").chance
    near = Game(hours_on_station=20, target_intel=2).option("us", "us.strike").chance
    assert near > far + 0.3
    gulf, tajik = Game(hours_on_station=9), Game(hours_on_station=20)
    gulf.play(us="isr")
    tajik.play(us="isr")
    assert tajik["target_intel"] > gulf["target_intel"]


def test_c6_cooperation_needs_the_waiver_or_a_certified_russian_withdrawal():
    """C6: the law "prohibits the use of funds to support U.S.-Russian military-to-military
    cooperation unless Moscow removes the forces it sent into Ukraine ... The defense secretary can
    waive those provisions, but has never done so." """
    game = Game()
    assert "us.share_threat_data" not in game.legal("us")
    support = game["congress_support"]
    entries = game.play(us="waiver")
    assert "us.share_threat_data" in game.legal("us")
    assert fired(entries, "waiver-notice") and game["congress_support"] < support
    pulled = Game()
    pulled.play(russia="pull_back")
    assert pulled.score("russia") < Game().score("russia") - 3
    assert "us.certify" not in pulled.legal("us"), "a withdrawal takes weeks, then a U.S. certification"
    for _ in range(3):
        pulled.play()
    assert "us.certify" in pulled.legal("us")
    pulled.play(us="certify")
    assert "us.share_threat_data" in pulled.legal("us")


def test_c7_the_hearing_weighs_secrecy_a_rising_threat_and_strikes_gone_wrong():
    """C7: "Gen. Milley and Defense Secretary Lloyd Austin are expected to come under sharp
    questioning from lawmakers"."""
    def drop(**values) -> int:
        game = Game(turn=15, congress_support=10, briefed=True, **values)
        assert fired(game.play(), "hearing")
        return 10 - game["congress_support"]

    calm = drop(threat=3)
    assert drop(threat=3, undisclosed=2) >= calm + 4
    assert drop(threat=7) >= calm + 2
    assert drop(threat=3, strike_errors=2) >= calm + 2


def test_c8_gulf_bases_mean_few_hours_on_station():
    """C8: "the U.S. is relying on bases in the Gulf region, including in Qatar and the United Arab
    Emirates ... limiting the amount of time they can linger over potential targets"."""
    game = Game()
    assert game["hours_on_station"] == 9
    statuses = {p.place.id: p.status for p in game.view("us").places}
    assert statuses["al_udeid"] == "U.S. drones" and statuses["al_dhafra"] == "U.S. drones"
    assert any(r.start == "al_udeid" for r in game.view("us").routes)
    for _ in range(2):
        game.play(us="gulf_surge")
    assert game["hours_on_station"] == 11
    assert "us.gulf_surge" not in game.legal("us")


def test_c9_each_central_asian_host_gives_its_own_coverage():
    """C9: "So U.S. officials have also looked to Central Asia to base drones and other aircraft." """
    hours = {}
    for access in ("termez", "tajikistan", "manas"):
        game = Game(access=access)
        game.play()
        hours[access] = game["hours_on_station"]
    assert hours["termez"] > hours["tajikistan"] > hours["manas"] > 9, "closer is longer on station"
    game = Game(uzbekistan=10, uncertainty=0)
    assert game.option("us", "us.negotiate_uzbekistan").chance == 0.8


def test_c10_cooperate_where_interests_are_common_oppose_where_not():
    """C10: "prepared to cooperate with Russia in areas in which the two sides have common interests
    while opposing Russian policies that go against U.S. interests"."""
    game = Game()
    relation = game["relation"]
    game.play(us="oppose_russia")
    assert game["relation"] == relation - 2
    game.play(us="waiver")
    assert game["relation"] == relation - 1
    before = game["relation"]
    (shared, *_) = game.play(us="share_threat_data")
    assert game["relation"] == before + (1 if shared.success else 0)


def test_c11_moscow_presses_its_csto_allies_harder_than_uzbekistan():
    """C11: "Mr. Putin told Mr. Biden that he opposed American efforts to negotiate access for U.S.
    forces with Central Asian governments and that China would oppose it as well." """
    game = Game(uzbekistan=8, tajikistan=8, kyrgyzstan=8)
    game.play(russia="press_central_asia")
    assert 8 - game["tajikistan"] > 8 - game["uzbekistan"] > 0
    assert 8 - game["kyrgyzstan"] > 8 - game["uzbekistan"]
    warned = Game(uzbekistan=8)
    warned.play(china="warn_central_asia")
    assert warned["uzbekistan"] < 8


def test_c12_two_concrete_russian_bases_on_terms_and_the_law():
    """C12: "Mr. Putin floated the idea that U.S. military units might use Russian military bases
    in Tajikistan and Kyrgyzstan"; "it wasn't clear if he was serious"."""
    game = Game(offer_intent="serious")
    game.play(us="request_terms")
    assert game["offer_status"] == "floated", "Moscow answers at the end of the next week"
    game.play()
    assert game["offer_status"] == "terms"
    assert not {"us.use_201st", "us.use_kant"} & game.legal("us"), "the law's bar"
    game.play(us="waiver")
    assert {"us.use_201st", "us.use_kant"} <= game.legal("us")
    game.play(us="use_201st")
    assert game["russian_base"] == "tajikistan" and game["hours_on_station"] == 19
    kant = Game(russian_base="kant")
    kant.play()
    assert kant["hours_on_station"] == 16


def test_c13_secret_talks_stay_secret_until_briefed_or_leaked():
    """C13: "American officials haven't publicly talked about the possibility of deploying U.S.
    military units on Russian bases." """
    game = Game()
    game.play(us="request_terms")
    assert game["undisclosed"] == 1
    china = game.view("china")
    assert "undisclosed" not in china.variables
    assert not any(e.rule == "us.request_terms" for e in china.entries)
    leaked = Game(undisclosed=2, congress_support=6)
    leaked.play(russia="leak")
    assert leaked["undisclosed"] == 0 and leaked["congress_support"] == 4
    told = Game(undisclosed=2, congress_support=6)
    told.play(us="brief_congress")
    assert told["congress_support"] == 5 and told["undisclosed"] == 0


def test_c14_unilateral_options_need_no_russian_consent():
    """C14: "We will pursue our own policies based on our own objectives"; the U.S. "isn't seeking
    Moscow's permission"."""
    russian = {"offer_intent", "offer_status", "gerasimov_line", "conditions_met", "russian_base"}
    for action_id in ("us.gulf_surge", "us.isr", "us.strike", "us.negotiate_uzbekistan", "us.no_permission",
                      "us.pakistan_airspace"):
        action = SCENARIO.action(action_id)
        assert not (action.when and action.when.reads & russian), action_id
    game = Game()
    uzbekistan = game["uzbekistan"]
    game.play(us="no_permission")
    assert game["uzbekistan"] == uzbekistan + 1


def test_c15_russia_gathers_intelligence_that_washington_cannot_see():
    """C15: "Russia is more concerned with gathering intelligence on the U.S. and our allies than it
    is sharing information on terrorist threats"; the letter asks for a briefing."""
    for seed in range(1, 40):
        game = Game(seed=seed, waiver=True)
        shared = next(e for e in game.play(us="share_threat_data") if e.rule == "us.share_threat_data")
        assert game["russian_intel"] == (2 if shared.success else 1), "Moscow learns either way"
    assert "russian_intel" not in game.view("us").variables
    assert "russian_intel" in game.view("russia").variables
    base = Game(russian_base="tajikistan")
    base.play()
    assert base["russian_intel"] == 1, "the hosting rule"
    assert "us.brief_congress" in Game().legal("us")
    assert fired(Game(turn=15).play(), "letter")


def test_c16_every_seat_gains_from_a_lower_threat():
    """C16: "While the U.S. and Russia share concerns about the threat of terrorism, the idea of
    working with Russia on counterterrorism is fraught with challenges, particularly politically." """
    low, high = Game(threat=2), Game(threat=8)
    for seat in SCENARIO.seats:
        assert low.score(seat) > high.score(seat)
    assert SCENARIO.action("russia.share_selectively").when.reads == {"waiver", "conditions_met"}


def test_c17_the_game_ends_if_the_threat_returns():
    """C17: the U.S. "would ensure that al Qaeda or Islamic State didn't regain strength and pose a
    threat to the U.S." """
    game = Game(threat=10)
    game.play()
    assert game.state.over and game.state.ending == "threat-returns"


# ---------------------------------------------------------------- issue 11: the trade-offs made live


@pytest.mark.parametrize("intent, answer", [("serious", "terms"), ("debating_point", "refused"),
                                            ("undecided", "refused")])
def test_a_request_for_terms_reveals_the_binding_intent(intent, answer):
    game = Game(offer_intent=intent)
    game.play(us="request_terms")
    assert game["leverage"] == 3, "the price: Washington has shown it wants something"
    game.play()
    assert game["offer_status"] == answer
    assert game["offer_intent"] == ("serious" if intent == "serious" else "debating_point")
    assert not {"russia.intent_serious", "russia.intent_debating"} & game.legal("russia"), "binding"


def test_an_undecided_kremlin_can_still_decide_when_asked():
    game = Game()
    game.play(us="request_terms")
    game.play(russia="intent_serious")
    assert game["offer_status"] == "terms"


def test_signals_cost_something_and_a_bluff_is_exposed():
    noncommittal = Game(turn=14, milley_tasked=True)
    noncommittal.play()
    serious = Game(turn=14, milley_tasked=True, gerasimov_line="serious")
    serious.play()
    dismissed = Game(turn=14, milley_tasked=True, gerasimov_line="dismiss")
    dismissed.play()
    assert serious["offer_status"] == "signalled" and dismissed["offer_status"] == "dismissed"
    assert noncommittal["leverage"] > serious["leverage"] > dismissed["leverage"], "each signal spends ambiguity"
    reassured = Game()
    reassured.play(russia="line_dismiss")
    assert reassured["alignment"] > Game()["alignment"], "instructing a dismissal reassures Beijing at once"
    bluff = Game(offer_status="signalled", offer_intent="debating_point")
    bluff.play(us="request_terms")
    bluff.play()
    honest = Game(offer_status="signalled", offer_intent="serious")
    honest.play(us="request_terms")
    honest.play()
    assert honest["leverage"] - bluff["leverage"] == 3
    assert "russia.line_dismiss" not in serious.legal("russia"), "instructions, once given, stand"


def test_strict_limits_cut_what_russia_collects_at_a_cost_in_coverage():
    def collected(limits: bool) -> tuple[int, int]:
        game = Game(russian_base="tajikistan", collection_limits=limits)
        for _ in range(6):
            game.play(russia="collect")
        return game["russian_intel"], game["hours_on_station"]

    (open_intel, open_hours), (limited_intel, limited_hours) = collected(False), collected(True)
    assert open_intel >= limited_intel + 6
    assert limited_hours == open_hours - 2


def test_congress_cannot_be_bought_back_cheaply():
    high = Game(congress_support=5)
    high.play(us="oppose_russia")
    assert high["congress_support"] == 5, "firmness builds no cushion"
    low = Game(congress_support=2)
    low.play(us="oppose_russia")
    assert low["congress_support"] == 3, "it can stop a slide"
    waived, held = Game(congress_support=2, waiver=True), Game(congress_support=2, waiver=True)
    waived.play(us="oppose_russia")
    held.play()
    assert waived["congress_support"] == held["congress_support"], "after a waiver nobody believes it"
    assert not any("congress_support +=" in e.text for e in SCENARIO.action("us.no_permission").effects)


def test_a_strike_on_a_thin_picture_can_go_wrong_and_feed_recruitment():
    action = SCENARIO.action("us.strike")
    texts = " ".join(e.text for e in action.fail_effects)
    assert "strike_errors" in texts and "momentum" in texts
    assert "target_intel <= 1" in texts


def test_the_csto_rule_weighs_on_tajikistan_and_kyrgyzstan_not_uzbekistan():
    game = Game(turn=4)
    before = {host: game[host] for host in ("uzbekistan", "tajikistan", "kyrgyzstan")}
    game.play()
    assert game["uzbekistan"] >= before["uzbekistan"]
    assert game["tajikistan"] < before["tajikistan"] and game["kyrgyzstan"] < before["kyrgyzstan"]


def test_gulf_drones_depend_on_pakistani_airspace():
    closed = Game(overflight="closed")
    closed.play()
    assert closed["hours_on_station"] < 9
    assert "us.pakistan_airspace" in closed.legal("us")
    never = Game(turn=12, overflight="agreed", withdrawal="gone")
    for _ in range(4):
        assert not fired(never.play(), "pakistan-closes")


# ---------------------------------------------------------------- issue 11: the factual fixes


def test_loiter_hours_follow_distance():
    """Termez (about 350 km) beats Dushanbe (450 km); Kant (1,050 km) fits the Gulf calibration."""
    coverage = {}
    for values in ({"access": "termez"}, {"russian_base": "tajikistan"}, {"russian_base": "kant"}, {}):
        game = Game(**values)
        game.play()
        coverage[next(iter(values.values()), "gulf")] = game["hours_on_station"]
    assert coverage["termez"] > coverage["tajikistan"] > coverage["kant"] > coverage["gulf"]
    assert coverage["kant"] == 16


@pytest.mark.parametrize("rule, turn, day", [("bagram", 2, "2021-07-01"), ("csto-consent", 4, "2021-07-12"),
                                             ("kabul-falls", 8, "2021-08-15"), ("abbey-gate", 10, "2021-08-26"),
                                             ("withdrawal", 11, "2021-08-30"),
                                             ("calls-revealed", 13, "2021-09-14"), ("helsinki", 14, "2021-09-22"),
                                             ("hearing", 15, "2021-09-28")])
def test_scheduled_injects_fall_in_the_week_they_happened(rule, turn, day):
    game = Game(turn=turn)
    assert fired(game.play(), rule)
    assert SCENARIO.date_of(turn).isoformat() <= day < SCENARIO.date_of(turn + 1).isoformat()


def test_regrowth_speeds_up_when_bagram_is_handed_over_not_at_the_end():
    before, after = Game(turn=1), Game(turn=3, withdrawal="kabul_only")
    before.play()
    after.play()
    assert after["momentum"] > before["momentum"]
    handover = Game(turn=2)
    assert fired(handover.play(), "bagram") and handover["withdrawal"] == "kabul_only"


def test_the_threat_cannot_peak_within_sixteen_weeks_without_strikes_gone_wrong():
    """Kahl, Oct. 26, 2021: ISIS-K 6-12 months from attacking abroad. Doing nothing from the Gulf
    leaves the threat short of 10 by October."""
    game = Game()
    while not game.state.over:
        game.play()
    assert game["threat"] < 10


def test_the_calls_to_beijing_are_history_revealed_in_september_not_moves():
    assert not any("china_calls" in v.name for v in SCENARIO.variables)
    assert not any("call" in a.id for a in SCENARIO.actions_for("us"))
    unbriefed, briefed = Game(turn=13, congress_support=6), Game(turn=13, congress_support=6, briefed=True)
    unbriefed.play()
    briefed.play()
    assert unbriefed["congress_support"] < briefed["congress_support"]


def test_a_line_moscow_did_not_take_cites_no_quote_and_says_so():
    dismiss = SCENARIO.action("russia.line_dismiss")
    assert not dismiss.source and "Gerasimov stayed noncommittal" in dismiss.assumption


def test_coverage_is_computed_after_every_change_of_basing():
    events = [e.id for e in SCENARIO.events]
    assert events[-1] == "coverage"
    for seed in range(1, 40):
        game = Game(seed=seed, access="termez", uzbekistan=0, hours_on_station=21)
        entries = game.play()
        if fired(entries, "host-reconsiders"):
            assert game["hours_on_station"] == 9, "no stale coverage after access is lost"
            break
    else:
        pytest.fail("no seed made the host reconsider")


# ---------------------------------------------------------------- issue 20: facts a specialist would sign


def test_the_last_flight_out_on_30_august_falls_in_turn_11_not_turn_10():
    """The last U.S. aircraft left Kabul just before midnight on Aug. 30, 2021: the first day of turn 11."""
    assert SCENARIO.date_of(11).isoformat() == "2021-08-30"
    still = Game(turn=10, withdrawal="kabul_only")
    still.play()
    assert still["withdrawal"] == "kabul_only", "U.S. forces are still at Kabul airport after turn 10"
    gone = Game(turn=11, withdrawal="kabul_only")
    assert fired(gone.play(), "withdrawal") and gone["withdrawal"] == "gone"


def test_loiter_hours_are_the_designers_arithmetic_shown_in_the_file():
    """22 hours aloft, 370 km/h, time over Afghanistan = 22 - 2 x distance / 370, rounded down."""
    variable = SCENARIO.variable("hours_on_station")
    assert "designer's arithmetic" in variable.assumption and "22 - 2 x distance / 370" in variable.assumption
    for distance, hours in ((2300, 9), (350, 20), (450, 19), (1050, 16)):
        assert int(22 - 2 * distance / 370) == hours
        assert f"{hours}" in variable.assumption
    assert "60 percent" not in SCENARIO.action("us.gulf_surge").history, "a figure no page here confirms"


def test_the_generals_meet_early_at_most_once():
    """Helsinki (22 Sept. 2021) was Milley and Gerasimov's first meeting in person since Bern, December 2019."""
    asked = Game(milley_tasked=True)
    asked.play(us="request_consultation")
    assert asked["consultation_asked"] and "us.request_consultation" not in asked.legal("us")
    offered = Game(milley_tasked=True)
    assert fired(offered.play(russia="offer_consultation"), "gerasimov-answers"), "Milley asks on the call"
    assert "russia.offer_consultation" not in offered.legal("russia")
    assert "us.request_consultation" not in offered.legal("us"), "one early consultation, whoever asks"


def test_milleys_question_in_the_public_channel_is_not_an_undisclosed_talk():
    """The Helsinki meeting was announced, and Austin told the Senate Milley had asked for clarification:
    the hearing punishes undisclosed requests, not the generals' lawful consultation."""
    asked = Game(turn=14, milley_tasked=True)
    asked.play()
    assert asked["offer_status"] == "noncommittal" and asked["undisclosed"] == 0
    hearing_after_asking = Game(turn=15, congress_support=10, briefed=True)
    hearing_after_asking.play()
    requested = Game(turn=15, congress_support=10, briefed=True, undisclosed=1)
    requested.play()
    assert requested["congress_support"] == hearing_after_asking["congress_support"] - 2
    assert SCENARIO.action("us.task_milley").when.reads.isdisjoint({"waiver", "conditions_met"}), \
        "section 1232 does not bar the generals' risk-reduction talks"


def test_section_1232_and_what_it_covers():
    """FY2017 NDAA section 1232 (signed 23 Dec. 2016): a waiver in the national security interest, notified to the
    committees; sharing threat data and a Russian base are cooperation it bars, the consultations are not."""
    assert "Section 1232 of the FY2017 defense authorization act" in SCENARIO.action("us.waiver").history
    for action in ("us.share_threat_data", "russia.share_selectively", "us.use_201st", "us.use_kant"):
        assert SCENARIO.action(action).when.reads & {"waiver", "conditions_met"}, action
    for action in ("us.task_milley", "us.request_consultation", "russia.offer_consultation"):
        assert not SCENARIO.action(action).when or not SCENARIO.action(action).when.reads & {"waiver"}, action


def test_the_waiver_costs_more_after_the_spring_buildup_on_ukraines_border():
    notice = next(e for e in SCENARIO.events if e.id == "waiver-notice")
    assert "100,000 troops" in notice.assumption
    game = Game(congress_support=6)
    game.play(us="waiver")
    assert game["congress_support"] == 4


def test_the_offer_is_coordination_from_the_bases_as_kommersant_reported():
    """Kommersant, 17 July 2021: coordinate on Afghanistan and put the bases to "practical use", perhaps by
    exchanging drone data; the 201st is a ground-force base whose helicopters use Ayni."""
    base = SCENARIO.variable("russian_base")
    assert "Kommersant (17 July 2021)" in base.assumption and "coordination" in base.assumption
    assert "Ayni" in SCENARIO.action("us.use_201st").label and "ground-force base" in \
        SCENARIO.action("us.use_201st").assumption


def test_the_drills_near_termez_and_at_harb_maidon_ran_at_the_same_time():
    history = SCENARIO.action("russia.border_drills").history
    assert "30 July to 10 Aug." in history and "at the same time" in history and "5-10 Aug." in history
    drills = Game(momentum=5)
    for _ in range(3):
        drills.play(russia="border_drills")
    assert "russia.border_drills" not in drills.legal("russia"), "three rounds of drills in a season"


def test_the_summers_missing_moves_are_in_the_facilitators_library():
    library = {inject.id: inject for inject in SCENARIO.injects}
    assert {"taliban-in-moscow", "tianjin", "absolutely-not", "ukraine-buildup", "kabul-strike",
            "nangarhar-strike"} <= set(library)
    assert "8 July 2021" in library["taliban-in-moscow"].history
    assert "28 July 2021" in library["tianjin"].history
    assert "20 June" in library["absolutely-not"].history and "overflight" in library["absolutely-not"].assumption
    assert "Sept. 17" in library["kabul-strike"].history and "ten civilians" in library["kabul-strike"].headline
    for inject in SCENARIO.injects:
        assert inject.use_when and (inject.source or inject.assumption) and inject.history, inject.id


def test_the_lawmakers_claim_is_attributed_where_players_read_it():
    """The letter's "Russia is more concerned with gathering intelligence..." is four Republicans' view."""
    letter = next(e for e in SCENARIO.events if e.id == "letter")
    assert "in their view" in letter.text
    assert "claim of four Republican lawmakers" in SCENARIO.variable("russian_intel").assumption


def test_every_rule_has_a_source_or_says_it_is_the_designers():
    rules = [*SCENARIO.actions, *SCENARIO.events, *SCENARIO.endings]
    bare = [rule.id for rule in rules if not getattr(rule, "builtin", False) and not rule.source
            and not rule.assumption]
    assert bare == []
