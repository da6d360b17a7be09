"""The balance report: its targets on a fixture built to meet them, each broken once, and on the shipped scenarios.

``duel.toml`` is rock, paper, scissors played as strategies: every line is the
best answer to one of the other's, each choice moves the other's score by 8
points against a coin worth 1, and the computer policies find every hand. Each
test below breaks one target and checks the report says so.
"""

from __future__ import annotations

import math

import pytest

from game.analysis.balance import MIN_RESPONSES, balance
from game.cli import main
from game.errors import WargameError
from game.scenario import load_scenario, parse_scenario
from tests.paths import FIXTURES, SCENARIOS

DUEL = (FIXTURES / "duel.toml").read_text()
QUICK = ("greedy", "cautious", "planner-easy")


def report(text: str, **options):
    return balance(parse_scenario(text, "duel.toml"), options.pop("runs", 20), policies=options.pop("policies", QUICK),
                   policy_runs=options.pop("policy_runs", 3), **options)


def test_the_duel_meets_every_target():
    found = report(DUEL)
    assert found.findings() == []
    assert sum(r.best for r in found.responses if r.seat == "a") == 3
    assert all(i.effect == pytest.approx(8) for i in found.influences)


def test_a_dominant_line_is_reported():
    rigged = DUEL.replace('plan = ["b.rock"]', 'plan = ["b.scissors"]').replace(
        'plan = ["b.paper"]', 'plan = ["b.scissors"]')
    found = report(rigged)
    assert any(f.startswith("a: only 1 strategy") and f"target is {MIN_RESPONSES}" in f
               for f in found.findings()), found.findings()


def test_a_choice_that_moves_nobody_is_reported():
    blind = DUEL.replace("[objectives]\na =", "[objectives]\na = \"luck\"\nunused =", 1)
    blind = blind.replace('\nunused = "luck + 4', '\n# a = "luck + 4')
    found = report(blind)
    assert "b: its choice of strategy does not measurably move a's mean score" in " ".join(found.findings())


def test_dice_that_outweigh_decisions_are_reported():
    loud = DUEL.replace('effects = ["luck = 1"]', 'effects = ["luck = 1"]\n').replace(
        "max = 1\ninitial = 0", "max = 100\ninitial = 0").replace('["luck = 1"]', '["luck = 100"]')
    assert any("the dice" in f and "outweigh" in f for f in report(loud).findings())


def test_an_action_no_policy_chooses_needs_a_reason():
    unexplained = DUEL.replace('"a.concede" = "Conceding is never better than any hand."\n', "")
    found = report(unexplained, policies=("greedy",))  # cautious concedes: any hand can be answered
    assert any(f.startswith("a.concede: never chosen") for f in found.findings()), found.findings()
    assert report(unexplained, policies=("greedy",), policy_runs=0).findings() == [], "not checked without games"


def test_a_seat_without_strategies_is_one_clear_error(tmp_path):
    bare = DUEL[:DUEL.index("[[strategies]]\nid = \"b-rock\"")]
    with pytest.raises(WargameError, match="no \\[\\[strategies\\]\\] for b"):
        balance(parse_scenario(bare, "duel.toml"), 5)
    path = tmp_path / "bare.toml"
    path.write_text(bare)
    assert main(["balance", str(path), "--runs", "5"]) == 2


def test_the_command_prints_the_tables_and_exits_by_the_targets(capsys, tmp_path):
    assert main(["balance", str(FIXTURES / "duel.toml"), "--runs", "10", "--policy-runs", "0",
                 "--json", str(tmp_path / "duel.json")]) == 0
    out = capsys.readouterr().out
    assert "Every target is met." in out and "best by +4.00" in out
    assert '"findings": []' in (tmp_path / "duel.json").read_text()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_shipped_scenario_meets_the_strategy_targets(name):
    """Targets 1-3, the scenario's lines and the outcomes of its strategies' games (policies' games: slow)."""
    found = balance(load_scenario(SCENARIOS[name]), 30, policy_runs=0, outcome_runs=0)
    assert found.findings() == []
    assert all(line.met for line in found.lines)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_shipped_scenario_meets_its_outcome_targets_with_computer_policies_in_every_seat(name):
    """Pakistan's corridor, the threat by October and the record, with greedy, cautious and planner seats:
    minutes on two cores (docs/balance.md gives the figures)."""
    found = balance(load_scenario(SCENARIOS[name]), 1, policy_runs=0, outcome_runs=60, jobs=2)
    assert [o for o in found.outcomes if not o.met] == []


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_action_of_a_shipped_scenario_is_chosen_by_a_policy_or_explained(name):
    """Each computer policy meets every combination of the other seats' strategies three times."""
    scenario = load_scenario(SCENARIOS[name])
    rotation = max(math.prod(len(scenario.strategies_for(o)) for o in scenario.seats if o != seat)
                   for seat in scenario.seats)
    found = balance(scenario, 1, policy_runs=3 * rotation)
    assert [a.action for a in found.actions if not a.chosen_by and not a.reason] == []


def test_each_policy_meets_every_combination_of_the_others_strategies_within_one_round():
    """The actions check plays a policy in a seat for --policy-runs games: the first games of the round
    must already meet every combination of the other seats' strategies, not only the first seat's first."""
    from game.analysis.balance import _against_strategies

    scenario = load_scenario(SCENARIOS["over-the-horizon-2021"])
    for seat in scenario.seats:
        rotation = _against_strategies(scenario, seat, "greedy")
        others = [o for o in scenario.seats if o != seat]
        assert len(rotation) == math.prod(len(scenario.strategies_for(o)) for o in others)
        assert len({tuple(c[o] for o in others) for c in rotation}) == len(rotation)
        assert all(c[seat] == "greedy" for c in rotation)


# ---------------------------------------------------------------- the scenario's own targets

TARGETS = '''
[[balance.lines]]
strategy = "a-rock"
within = 0.5
text = "Rock is as good as any hand."

[[balance.outcomes]]
id = "rock-at-the-end"
label = "Alpha ends on rock"
when = "ahand == 'rock'"
held = "end"
players = ["strategies"]
at_most = 0.34

[[balance.outcomes]]
id = "never-paper"
label = "Alpha never plays paper"
when = "ahand != 'paper'"
held = "always"
players = ["strategies"]
at_least = 0.6

[[balance.outcomes]]
id = "rock-meets-rock"
label = "Beta answers a rock with a rock"
when = "bhand == 'rock'"
held = "end"
given = "a.rock"
players = ["strategies", "greedy"]
under = 0.5
'''


def test_the_scenarios_own_lines_and_outcomes_are_measured():
    found = report(DUEL + TARGETS, runs=12, outcome_runs=6)
    (line,) = found.lines
    assert line.best_response and line.gap == pytest.approx(0) and line.met
    results = {(o.id, o.players): o for o in found.outcomes}
    rock = results["rock-at-the-end", "strategies"]
    assert (rock.games, rock.happened, rock.met) == (9 * 12, 3 * 12, True)
    never = results["never-paper", "strategies"]
    assert never.happened == 6 * 12 and never.met, "every game of the three paper matchups is counted out"
    given = results["rock-meets-rock", "strategies"]
    assert (given.games, given.happened) == (3 * 12, 12), "only the games in which Alpha chose rock"
    greedy = results["rock-meets-rock", "greedy"]
    assert greedy.played_by == "greedy" and greedy.games <= 6
    assert found.findings() == []


def test_an_outcome_out_of_bounds_and_a_line_that_is_never_best_are_reported():
    rigged = DUEL.replace('plan = ["b.paper"]', 'plan = ["b.scissors"]')  # Beta never plays paper: Alpha's scissors are idle
    strict = TARGETS.replace("at_most = 0.34", "at_most = 0.3").replace('strategy = "a-rock"', 'strategy = "a-scissors"')
    found = report(rigged + strict, runs=12, outcome_runs=0)
    findings = " / ".join(found.findings())
    assert "a: a-scissors is a best response to no mix of the others' strategies" in findings
    assert "a-scissors averages" in findings and "the target is within 0.5" in findings
    assert "rock-at-the-end: in 36 of 108 strategies games (33%); the target is at most 30%" in findings
    assert not any(o.players == "greedy" for o in found.outcomes), "no policy games asked for"


def test_a_stand_in_plays_for_a_policy_and_an_unknown_policy_is_one_clear_error():
    stood = report(DUEL + TARGETS, runs=4, outcome_runs=3, stand_ins={"greedy": "cautious"})
    assert {o.played_by for o in stood.outcomes if o.players == "greedy"} == {"cautious"}
    with pytest.raises(WargameError, match="'clever', which is not a computer policy"):
        report(DUEL + TARGETS.replace('"greedy"]', '"clever"]'), runs=2)
