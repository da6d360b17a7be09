"""simulate: the same numbers whatever the number of processes, and numbers that add up."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.analysis import parallel
from game.analysis.simulate import CHUNK, game_seed, play_game, run_games
from game.analysis.summary import score_stats, summarise
from game.cli import main
from game.scenario import load_scenario
from game.session import Session
from tests.paths import FIXTURES, SHIPPED

HERE = FIXTURES
MINI = load_scenario(HERE / "mini.toml")
CRISIS = load_scenario(HERE / "crisis.toml")
RANDOM = dict.fromkeys(MINI.seats, "random")


@pytest.mark.parametrize("worth_starting", [0.0, 60.0], ids=["with workers", "small run in-process"])
def test_jobs_1_and_2_give_identical_numbers(monkeypatch, worth_starting):
    monkeypatch.setattr(parallel, "WORTH_STARTING", worth_starting)
    monkeypatch.setattr(parallel, "idle_cores", lambda: 1)
    runs = 4 * CHUNK + 7  # several chunks, the last one short
    one = run_games(MINI, runs, 5, RANDOM, jobs=1)
    two = run_games(MINI, runs, 5, RANDOM, jobs=2)
    assert one == two
    assert summarise(MINI, one, 5, RANDOM).to_json() == summarise(MINI, two, 5, RANDOM).to_json()


@given(seed=st.integers(0, 2**63 - 1), index=st.integers(0, 10**6))
def test_each_game_is_the_game_run_would_play_with_its_seed(seed, index):
    game = play_game(MINI, game_seed(seed, index), RANDOM)
    session = Session(MINI, game_seed(seed, index), RANDOM)
    session.play_to_end()
    assert game.scores == tuple(session.scores()[seat] for seat in MINI.seats)
    assert game.turns == len(session.turns)
    assert 0 <= game.seed < 2**63


def test_game_seeds_differ_between_games_and_between_base_seeds():
    seeds = {game_seed(base, i) for base in range(3) for i in range(1000)}
    assert len(seeds) == 3000


def test_the_numbers_add_up():
    controllers = {"us": "greedy", "russia": "random", "china": "random"}
    results = run_games(CRISIS, 40, 0, controllers)
    summary = summarise(CRISIS, results, 0, controllers)
    assert sum(e.games for e in summary.endings) == 40
    turns = sum(r.turns for r in results)
    for seat in CRISIS.seats:
        actions = [a for a in summary.actions if a.seat == seat]
        assert sum(a.times for a in actions) == turns  # one choice per seat per turn
        for a in actions:
            assert 0 <= a.games <= 40
            assert (a.mean_score is None) == (a.games == 0)
            assert (a.mean_score_without is None) == (a.games == 40)


@given(st.lists(st.integers(-50, 50), min_size=1, max_size=60))
def test_score_statistics_match_a_plain_model(scores):
    ordered = sorted(scores)
    stats = score_stats(ordered)
    assert stats.low == ordered[0] and stats.high == ordered[-1]
    assert stats.mean == pytest.approx(sum(scores) / len(scores))
    assert stats.low <= stats.q1 <= stats.median <= stats.q3 <= stats.high
    n = len(ordered)
    assert stats.median == pytest.approx((ordered[(n - 1) // 2] + ordered[n // 2]) / 2)


@pytest.mark.parametrize("scenario, runs", [(CRISIS, 100), (load_scenario(SHIPPED), 60)],
                         ids=["crisis", "shipped"])
def test_greedy_seats_beat_random_ones_on_their_own_score(scenario, runs):
    random = dict.fromkeys(scenario.seats, "random")
    baseline = summarise(scenario, run_games(scenario, runs, 1, random), 1, random)
    for seat in scenario.seats:
        greedy = {**random, seat: "greedy"}
        mean = summarise(scenario, run_games(scenario, runs, 1, greedy), 1, greedy).seat(seat).stats.mean
        assert mean > baseline.seat(seat).stats.mean, seat


def test_the_command_prints_the_same_table_and_json_twice(capsys, tmp_path):
    outputs = []
    for name in ("a.json", "b.json"):
        argv = ["simulate", str(HERE / "mini.toml"), "--runs", "60", "--jobs", "1", "--seed", "3",
                "--seat", "a=greedy", "--json", str(tmp_path / name)]
        assert main(argv) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
    data = json.loads((tmp_path / "a.json").read_text())
    assert data["runs"] == 60 and data["controllers"] == {"a": "greedy", "b": "random"}
    for heading in ("Endings", "Final scores", "Alpha: actions", "Beta: actions"):
        assert heading in outputs[0]


@pytest.mark.parametrize("argv, message", [
    (["--seat", "a=human"], "cannot be human"),
    (["--seat", "z=random"], "is not a seat"),
    (["--seat", "a=clever"], "unknown policy"),
    (["--json", "/no/such/folder/x.json"], "no such folder"),
])
def test_user_errors_exit_2_in_one_line(capsys, argv, message):
    assert main(["simulate", str(HERE / "mini.toml"), "--runs", "5", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.splitlines()) == 1


class FakeTerminal:
    def __init__(self, tty):
        self.tty, self.text = tty, ""

    def isatty(self):
        return self.tty

    def write(self, text):
        self.text += text

    def flush(self):
        pass


@pytest.mark.parametrize("tty", [True, False])
def test_the_progress_bar_draws_only_on_a_terminal(tty):
    from game.cli.progress import ProgressBar

    stream = FakeTerminal(tty)
    bar = ProgressBar("simulating", stream)
    run_games(MINI, 120, 0, RANDOM, progress=bar)
    bar.close()
    assert ("120/120 games" in stream.text) == tty
    assert (stream.text == "") == (not tty)
