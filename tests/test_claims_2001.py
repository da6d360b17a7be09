"""The claims of *The Northern Bases* (2001): one test per point of the record it models.

There is no source article: docs/scenario-2001-notes.md holds the context, each
item marked with where it was checked, and the quotes a rule may cite. Each
test drives the rules through the engine; the last ones check the notes: every
``source`` is one of their quotes, word for word, and every rule says where it
comes from.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from game.scenario import load_scenario
from tests.claims_support import ScenarioGame, fired
from tests.paths import ROOT, SCENARIOS, SHIPPED

PATH = SCENARIOS["northern-bases-2001"]
SCENARIO = load_scenario(PATH)
NOTES = ROOT / "docs" / "scenario-2001-notes.md"


class Game(ScenarioGame):
    scenario = SCENARIO


def test_the_same_seats_as_over_the_horizon_so_a_class_can_play_both():
    assert SCENARIO.seats == load_scenario(SHIPPED).seats


def test_moscow_starts_opposed_and_ivanov_closes_dushanbe():
    """Ivanov, 14 Sept.: no grounds "even hypothetical" for NATO operations from the CIS members."""
    game = Game()
    assert game["stance"] == "opposed"
    tajikistan = game["tajikistan"]
    assert fired(game.play(), "ivanov") and game["tajikistan"] == tajikistan - 1


def test_obstruction_closes_moscows_treaty_allies_more_than_uzbekistan():
    """Uzbekistan left the Collective Security Treaty in 1999: Moscow's pressure moves it least."""
    game = Game(uzbekistan=8, kyrgyzstan=8, tajikistan=8)
    game.play(russia="obstruct")
    assert 8 - game["kyrgyzstan"] > 8 - game["uzbekistan"] > 0
    assert 8 - game["tajikistan"] > 8 - game["uzbekistan"]


def test_tashkent_can_say_yes_without_moscow_bishkek_and_dushanbe_cannot():
    game = Game(turn=2).set(guarantee=True, uzbekistan=7)
    game.play(russia="obstruct")
    assert game.option("us", "us.negotiate_uzbekistan").chance >= 0.6
    assert game.option("us", "us.negotiate_kyrgyzstan").chance <= 0.05
    assert game.option("us", "us.negotiate_tajikistan").chance <= 0.05


def test_a_green_light_opens_the_allies_airfields_and_an_endorsement_opens_them_wider():
    """Putin, 24 Sept.: the Central Asian allies "do not rule out" making their airfields available."""
    game = Game(turn=2)
    shut = game.option("us", "us.negotiate_kyrgyzstan").chance
    game.play(russia="green_light")
    lit = game.option("us", "us.negotiate_kyrgyzstan").chance
    game.play(russia="urge_allies")
    assert shut < lit < game.option("us", "us.negotiate_kyrgyzstan").chance
    assert game["stance"] == "endorse" and game["relation"] == 4 + 2 + 1


def test_putins_other_measures_intelligence_airspace_and_arms():
    sky = Game()
    sky.play(russia="open_airspace")
    assert sky["reach"] == 2, "the humanitarian corridor adds reach"
    armed = Game()
    armed.play(russia="arm_alliance")
    assert armed["front"] == 1 and armed["arms"] == 1 and armed["afghan_influence"] == 1, "a say only once Kabul falls"
    outcomes = {entry.success for seed in range(1, 30) for entry in Game(seed=seed, relation=8).play(russia="share_intel")
                if entry.rule == "russia.share_intel"}
    assert outcomes == {True, False}, "intelligence may or may not prove useful"


def test_karimovs_price_a_guarantee_that_costs_support_at_home():
    """CRS RS22295: security guarantees and strikes on the IMU in exchange for Karshi-Khanabad."""
    game = Game()
    before = game.option("us", "us.negotiate_uzbekistan").chance
    game.play(us="guarantee_uzbekistan")
    assert game["congress_support"] == 8 + 1 - 1, "the vote for force, then the cost of Karimov"
    assert game.option("us", "us.negotiate_uzbekistan").chance >= before + 0.4


def test_the_northern_bases_give_reach_and_special_forces_need_them():
    reach = {}
    for base in ("k2", "manas", "tajik_fields"):
        game = Game(**{base: True})
        game.play()
        reach[base] = game["reach"]
    assert reach["k2"] > reach["manas"] == reach["tajik_fields"] > 1
    assert "us.special_forces" not in Game(turn=4).legal("us")
    assert "us.special_forces" in Game(turn=4, k2=True).legal("us")
    assert "us.air_campaign" not in Game(turn=3).legal("us"), "the bombing begins on 7 October"


def test_kabul_falls_when_the_front_gives_way_and_moscows_arms_buy_a_say_there():
    game = Game(turn=9, front=5, threat=6, arms=1)
    entries = game.play(russia="arm_alliance")
    assert fired(entries, "kabul-falls") and game["kabul_fallen"]
    assert game["threat"] == 4 and "russia.arm_alliance" not in game.legal("russia")
    assert game["afghan_influence"] == 1 + 2 and "afghan_influence" not in game.view("us").variables
    heavy = Game(turn=9, front=6, arms=5)
    heavy.play()
    assert heavy["afghan_influence"] == 1 + 3, "up to three deliveries count"


def test_the_sanctuary_regrows_while_the_taliban_hold_kabul():
    held, fallen = Game(turn=3), Game(turn=3, kabul_fallen=True)
    held.play()
    fallen.play()
    assert held["threat"] == fallen["threat"] + 1


def test_a_lasting_presence_is_washingtons_secret():
    game = Game()
    game.play(us="plan_lasting")
    assert game["lasting"]
    for seat in ("russia", "china"):
        view = game.view(seat)
        assert "lasting" not in view.variables
        assert not any(e.rule == "us.plan_lasting" for e in view.entries)


@pytest.mark.parametrize("lasting, answer", [(False, "temporary"), (True, "open_ended")])
def test_asking_for_a_timetable_gets_the_truth_a_week_later(lasting, answer):
    game = Game(k2=True, lasting=lasting)
    game.play(russia="ask_timetable")
    assert game["timetable"] == "asked" and game["relation"] == 3, "asking shows distrust"
    entries = game.play()
    assert fired(entries, "timetable-answer") and game["timetable"] == answer
    if lasting:
        assert game["relation"] == 1 and game["alignment"] == 7, "Moscow and Beijing draw together"
    else:
        assert game["relation"] == 4
        assert "us.plan_lasting" not in game.legal("us"), "an honest answer binds Washington"


def test_a_named_term_ends_the_foothold_washington_hoped_for_and_moscow_feared():
    secret, named = Game(k2=True, manas=True, lasting=True), Game(k2=True, manas=True, lasting=True,
                                                                   timetable="open_ended")
    assert secret.score("us") - named.score("us") == 3
    assert named.score("russia") - secret.score("russia") == 4
    assert named.score("china") - secret.score("china") == 4


def test_putin_needs_something_to_show_at_crawford():
    """WSJ, 5 Nov. 2001: "he needs tangible evidence that Russia is benefiting"."""
    paid, unpaid = Game(turn=10, jv_promised=True), Game(turn=10)
    paid.play()
    unpaid.play()
    assert paid["relation"] - unpaid["relation"] == 2


def test_moscows_prices_cost_washington_at_home():
    for action, cost in (("mute_chechnya", 2), ("promise_jv", 1)):
        game = Game(turn=2, congress_support=8)
        game.play(us=action)
        assert game["congress_support"] == 8 - cost, action
    assert Game(chechnya_muted=True).score("russia") - Game().score("russia") >= 3


def test_beijings_price_is_the_etim_listing_it_must_ask_for():
    assert "us.list_etim" not in Game().legal("us")
    game = Game()
    game.play(china="ask_etim")
    assert "us.list_etim" in game.legal("us")
    before = game.score("china")
    game.play(us="list_etim")
    assert game.score("china") - before >= 5


def test_leaving_the_abm_treaty_pays_washington_and_costs_moscow_and_beijing():
    """Putin, 13 Dec. 2001: "This step was not a surprise for us. However, we consider it a mistake"."""
    game, held = Game(), Game()
    game.play(us="leave_abm")
    held.play()
    assert game["relation"] == held["relation"] - 2
    assert game.score("russia") < held.score("russia") - 3
    assert game.score("china") < held.score("china")


def test_bases_on_chinas_western_border_cost_beijing():
    border, tashkent = Game(manas=True, tajik_fields=True), Game(k2=True)
    assert Game().score("china") - border.score("china") == 2
    assert tashkent.score("china") == Game().score("china")


@pytest.mark.parametrize("rule, turn, day", [("ivanov", 1, "2001-09-14"), ("use-of-force", 1, "2001-09-14"),
                                             ("bombing-begins", 4, "2001-10-07"),
                                             ("washington-summit", 10, "2001-11-15")])
def test_scheduled_events_fall_in_the_week_they_happened(rule, turn, day):
    game = Game(turn=turn)
    assert fired(game.play(), rule)
    assert SCENARIO.date_of(turn).isoformat() <= day < SCENARIO.date_of(turn + 1).isoformat()


# ---------------------------------------------------------------- the notes


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\\", "")).strip()


def _rules() -> list[dict]:
    document = tomllib.loads(PATH.read_text())
    return document["actions"] + document["events"]


def test_every_source_is_a_quote_listed_in_the_notes():
    notes = _normalise(NOTES.read_text())
    sources = [(rule["id"], rule["source"]) for rule in _rules() if "source" in rule]
    assert len(sources) >= 12
    assert [rule for rule, source in sources if _normalise(source) not in notes] == []


def test_every_rule_says_where_it_comes_from():
    rules = {action.id for action in SCENARIO.actions if not action.id.endswith(".hold")}
    told = {rule["id"] for rule in _rules() if rule.get("history") or rule.get("source")}
    assert rules - told == set()
    assert {event.id for event in SCENARIO.events} <= told


# ---------------------------------------------------------------- issue 20: facts a specialist would sign


def test_jiang_wrote_on_11_september_and_called_on_the_12th():
    """Xinhua, 13 Sept. 2001: Jiang and Bush spoke by telephone on the night of 12 Sept., Beijing time; on the
    11th Jiang had sent a written message."""
    attacks = next(e for e in SCENARIO.events if e.id == "attacks")
    assert "spoke with Bush by telephone on the night of Sept. 12" in attacks.history
    assert "called the same day" not in SCENARIO.actors["china"].briefing
    assert "by telephone on 12" in SCENARIO.actors["china"].briefing
    assert "Sept. 12" in SCENARIO.action("us.list_etim").history


def test_khujand_is_in_the_north_far_from_the_afghan_border():
    fields = SCENARIO.variable("tajik_fields").description
    assert "Khujand in the north, in the Fergana Valley, far from it" in fields


def test_moscow_can_say_no_and_the_library_holds_the_autumns_moves():
    refuse = SCENARIO.strategy("ru-refuse")
    assert refuse is not None and refuse.steps[0].action == "russia.obstruct"
    assert any(line.strategy == "ru-refuse" and line.best_response for line in SCENARIO.balance.lines)
    library = {inject.id for inject in SCENARIO.injects}
    assert {"jiang-calls-bush", "rumsfeld-in-dushanbe", "mazar-falls"} <= library
    for inject in SCENARIO.injects:
        assert inject.use_when and (inject.source or inject.assumption) and inject.history, inject.id


def test_every_rule_that_changes_a_value_has_a_quote_or_says_it_is_the_designers():
    """Pure news (the attacks, the first bombs) changes nothing; every other rule's numbers are sourced or owned."""
    rules = [*SCENARIO.actions, *SCENARIO.events]
    bare = [rule.id for rule in rules if not getattr(rule, "builtin", False) and not rule.source
            and not rule.assumption and rule.effects]
    assert bare == []
