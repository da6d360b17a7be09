"""Questions that fit the game: judged on how the run ended, never two that presume opposite things."""

from __future__ import annotations

import random
import textwrap

import pytest

from game.analysis.discussion import authored_questions, excludes, fits, pertinent_questions
from game.analysis.fast_games import play_fast
from game.analysis.lint import lint
from game.analysis.simulate import game_seed
from game.engine.adjudication import environment, holds
from game.engine.interventions import SetTrack
from game.errors import ScenarioError
from game.players import get_policy
from game.players.scripted_policy import PREFIX
from game.scenario import parse_scenario
from game.session import Session
from tests.paths import FIXTURES, SCENARIOS
from tests.saves_support import scenario

CI_GAMES = 150
SLOW_GAMES = 3000


def simulated_runs(shipped, games: int, seed: int):
    """(the environment after each turn) of ``games`` fast-path games, seats random, greedy or a strategy."""
    rng = random.Random(seed)
    for index in range(games):
        names = [rng.choice(["random", "greedy", *(PREFIX + s.id for s in shipped.strategies_for(seat))])
                 for seat in shipped.seats]
        game = play_fast(shipped, game_seed(seed, index), [get_policy(n) for n in names], trace=True)
        yield [[t.turn, *t.values] for t in game.trace[1:]] + [[game.turns + 1, *game.values]]


def check_questions_fit(shipped, games: int) -> None:
    pairs = [(a, b) for a in shipped.questions for b in shipped.questions if a.line < b.line and excludes(a, b)]
    assert pairs or not any(q.excludes for q in shipped.questions)
    asked = set()
    for after in simulated_runs(shipped, games, 19):
        chosen = pertinent_questions(shipped, after)
        for question in chosen:
            judged = after if question.during else after[-1:]
            assert question.when is None or any(holds(question.when, env) for env in judged), question.text
            asked.add(question.line)
        for one, other in pairs:
            assert not (one in chosen and other in chosen), (one.id, other.id)
            assert not (fits(one, after) and fits(other, after)), f"{one.id} and {other.id} both fit"
    conditional = {q.line for q in shipped.questions if q.when is not None}
    assert len(asked & conditional) >= len(conditional) // 2, "most of the scenario's questions come up"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_chosen_question_holds_at_the_end_and_no_excluded_pair_comes_together(name):
    check_questions_fit(scenario(SCENARIOS[name]), CI_GAMES)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_questions_fit_over_thousands_of_games(name):
    check_questions_fit(scenario(SCENARIOS[name]), SLOW_GAMES)


QUESTIONS = """
[[questions]]
id = "up"
when = "x >= 3"
excludes = ["down"]
text = "Pressure ended high."

[[questions]]
id = "down"
when = "x <= 5"
text = "Pressure ended low."

[[questions]]
id = "ever"
when = "x >= 2"
during = true
text = "Pressure reached 2 at some point."
"""


def mini_with(extra: str, name: str = "questions.toml"):
    return parse_scenario((FIXTURES / "mini.toml").read_text() + textwrap.dedent(extra), name)


def test_during_asks_at_any_turn_and_the_rest_judge_the_end_and_the_first_of_a_pair_wins():
    mini = mini_with(QUESTIONS)
    up, down, ever = mini.questions
    session = Session(mini, 1, dict.fromkeys(mini.seats, "random"))
    session.intervene(SetTrack("x", 4, "high"))
    session.play_turn()
    assert authored_questions(session) == [up, ever], "x = 4: both up and down fit; down presumes otherwise"
    session.intervene(SetTrack("x", 0, "low"))
    session.play_turn()
    assert authored_questions(session) == [down, ever], "judged at the end; ever held after turn 1"
    assert pertinent_questions(mini, []) == [], "nothing played: no condition met"
    assert pertinent_questions(mini, [environment(session.state)]) == [down]


def test_lint_warns_when_sampled_games_make_both_of_a_pair_pertinent_and_when_one_never_fits():
    mini = mini_with(QUESTIONS + '\n[[questions]]\nid = "never"\nwhen = "x > 100"\ntext = "Off the scale."\n')
    findings = {f.check: f for f in lint(mini, runs=20).findings}
    assert "questions 'up' and 'down' presume opposite things but both fitted" in findings["questions-clash"].message
    assert findings["questions-clash"].line == mini.questions[1].line
    assert "fitted none of 20 sampled games" in findings["never-asked"].message


@pytest.mark.parametrize("extra, message", [
    ('[[questions]]\nid = "a"\ntext = "A"\n[[questions]]\nid = "a"\ntext = "B"\n', "duplicate question id 'a'"),
    ('[[questions]]\nid = "a"\nexcludes = ["b"]\ntext = "A"\n', "excludes names 'b', which is no question's id"),
    ('[[questions]]\nid = "a"\nexcludes = ["a"]\ntext = "A"\n', "question 'a' excludes itself"),
    ('[[questions]]\nid = "a b"\ntext = "A"\n', "id of a question 'a b' must hold only ASCII"),
    ('[[questions]]\nduring = "yes"\ntext = "A"\n', "during in a question must be true/false"),
    ('[[questions]]\ntext = "A"\nexclude = ["b"]\n', "unknown key 'exclude' in a question (did you mean 'excludes'?)"),
])
def test_question_mistakes_are_reported_with_their_line(extra, message):
    with pytest.raises(ScenarioError) as error:
        mini_with(extra, "bad.toml")
    problem = str(error.value)
    assert message in problem and "bad.toml:" in problem
