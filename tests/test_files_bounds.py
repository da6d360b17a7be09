"""Work bounded by the input, whatever its shape (issue 18.5).

No timed assertion: the work is counted. Loading a scenario twice as large
makes about twice the Python calls (a quadratic step would make four times
as many); a "did you mean" compares a bounded pool; the balance report
refuses a table of matchups it could never play; lint and the debrief's
simulation never build the product of everyone's strategies; the planner's
imagined games per decision stay within its budget however many actions a
seat has. ``python -m benchmarks.validate_scaling`` gives the times.
"""

from __future__ import annotations

import sys

import pytest

from benchmarks import validate_scaling
from game.analysis import baseline
from game.cli import main
from game.engine import names
from game.engine.adjudication import new_game
from game.engine.views import knowledge_for
from game.errors import ScenarioError
from game.players import get_policy, ismcts
from game.scenario import parse_scenario
from game.session import HUMAN
from tests.hostile_cases import BASE


def calls(text: str) -> int:
    """Python calls (and generator resumptions) made loading ``text``: a count of work, not a time."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        count += 1

    sys.setprofile(profile)
    try:
        parse_scenario(text, "big.toml")
    except ScenarioError:
        pass
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("shape", validate_scaling.SHAPES, ids=lambda shape: shape.__name__)
def test_loading_twice_the_scenario_is_about_twice_the_work(shape):
    small, large = calls(shape(300)), calls(shape(600))
    assert large < 2.3 * small, (small, large)


def test_a_did_you_mean_compares_a_bounded_pool_through_one_index(monkeypatch):
    pools, built = [], []
    close_matches, index = names.difflib.get_close_matches, names._index
    monkeypatch.setattr(names.difflib, "get_close_matches",
                        lambda name, pool, n: pools.append(len(pool)) or close_matches(name, pool, n))
    monkeypatch.setattr(names, "_index", lambda candidates: built.append(1) or index(candidates))
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(validate_scaling.unknown_names(3000), "big.toml")
    assert len(refused.value.problems) == 3000 and len(pools) == 3000
    assert max(pools) <= names.MAX_COMPARED and len(built) == 3000  # asked of one index (cached after the first)
    assert "did you mean 'v2'?" in parse_problem("v2x += 1")


def parse_problem(effect: str) -> str:
    action = f'[[actions]]\nid = "s0.z"\nactor = "s0"\nlabel = "Z"\neffects = ["{effect}"]\n\n[objectives]'
    text = validate_scaling.variables(500).replace("[objectives]", action)
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(text, "big.toml")
    return refused.value.problems[0]


def ten_seats_of_twelve_strategies() -> str:
    seats = [f"s{i}" for i in range(10)]
    text = validate_scaling.HEAD.format(seats=", ".join(f'"{s}"' for s in seats)).replace("turns = 5", "turns = 3")
    text += "".join(f'[actors.{s}]\nname = "Seat {s}"\nbriefing = "b"\n' for s in seats)
    text += '[variables.x]\nlabel = "X"\ntype = "int"\nmin = 0\nmax = 100\ninitial = 50\n'
    text += "".join(f'[[actions]]\nid = "{s}.up"\nactor = "{s}"\nlabel = "Up"\neffects = ["x += 1"]\n' for s in seats)
    text += "[objectives]\n" + "".join(f'{s} = "x"\n' for s in seats)
    text += "".join(f'[[strategies]]\nid = "{s}-k{k}"\nseat = "{s}"\nlabel = "K{k}"\nplan = ["{s}.up"]\n'
                    for s in seats for k in range(12))
    return text


@pytest.fixture
def ten(tmp_path):
    path = tmp_path / "ten.toml"
    path.write_text(ten_seats_of_twelve_strategies())
    return path


def test_balance_refuses_twelve_to_the_tenth_matchups_in_one_line(ten, capsys):
    assert main(["balance", str(ten), "--runs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "61,917,364,224 matchups" in err and "at most 2,000" in err, err


def test_lint_and_the_debrief_never_build_the_product_of_the_strategies(ten, capsys):
    assert main(["lint", str(ten), "--runs", "12"]) in (0, 1)
    assert "sampled games" in capsys.readouterr().out
    scenario = parse_scenario(ten.read_text(), str(ten))
    rotation, _ = baseline.baseline_rotation(scenario, dict.fromkeys(scenario.seats, HUMAN))
    assert len(rotation) == baseline.MAX_ROTATION
    assert len({tuple(sorted(controllers.items())) for controllers in rotation}) == baseline.MAX_ROTATION


def test_the_planner_s_work_per_decision_is_bounded_however_many_actions(monkeypatch):
    many = "".join(f'\n[[actions]]\nid = "a.x{i}"\nactor = "a"\nlabel = "X{i}"\neffects = ["x += 1"]\n'
                   for i in range(3000))
    scenario = parse_scenario(BASE.replace("[[events]]", many + "\n[[events]]", 1), "many.toml")
    imagined = []
    real = ismcts._imagine
    monkeypatch.setattr(ismcts, "_imagine", lambda *args: imagined.append(1) or real(*args))
    knowledge = knowledge_for(scenario, new_game(scenario, 1), frozenset(), "a")
    choice = get_policy("planner-easy").choose(scenario, knowledge, 0.3)
    assert scenario.action(choice).actor == "a"
    rounds = (ismcts.MAX_ARMS - 1).bit_length()
    assert len(imagined) <= 24 + rounds * ismcts.MAX_ARMS, len(imagined)  # not thousands of games
