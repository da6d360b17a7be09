"""The `wargame` command as a user meets it: exit codes, one-line errors, determinism."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.paths import FIXTURES, ROOT, SHIPPED


def wargame(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def assert_one_clear_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0]


def test_validate_accepts_the_shipped_scenarios():
    result = wargame("validate", SHIPPED, FIXTURES / "mini.toml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok: ") == 2
    assert "over-the-horizon-2021" in result.stdout


def test_validate_reports_every_problem_and_exits_2(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(SHIPPED.read_text().replace('if = "not milley_tasked', 'if = "not millie_tasked')
                      .replace("initial = 4\n", "initial = 40\n", 1))
    result = wargame("validate", SHIPPED, broken)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 2
    assert all(problem.startswith(f"{broken}:") for problem in problems)
    assert "did you mean 'milley_tasked'?" in result.stderr
    assert ": ok: " in result.stdout  # the good file is still reported


def test_run_plays_the_shipped_scenario_to_an_ending():
    result = wargame("run", SHIPPED, "--seed", "1")
    assert result.returncode == 0, result.stderr
    assert "Turn 1/16" in result.stdout
    assert "Game over after turn" in result.stdout
    assert "Scores (higher is better):" in result.stdout
    assert "Why: \u201c" in result.stdout


def test_the_same_seed_prints_the_same_game_and_another_seed_differs():
    first, again, other = (wargame("run", SHIPPED, "--seed", seed).stdout for seed in ("7", "7", "8"))
    assert first == again
    assert first != other


def test_seats_can_be_given_policies():
    result = wargame("run", SHIPPED, "--seed", "3", "--seat", "russia=random", "--seat", "us=random")
    assert result.returncode == 0, result.stderr
    assert "Russia: random" in result.stdout


@pytest.mark.parametrize("args, words", [
    (("run", SHIPPED, "--seed", "x"), ("--seed", "invalid seed")),
    (("run", SHIPPED, "--seed", "-1"), ("--seed",)),
    (("run", SHIPPED, "--seat", "mars=random"), ("'mars' is not a seat",)),
    (("run", SHIPPED, "--seat", "russia"), ("ACTOR=CONTROLLER",)),
    (("run", SHIPPED, "--seat", "russia=genius"), ("unknown policy 'genius'",)),
    (("run", SHIPPED, "--seat", "russia=human"), ("cannot be human",)),
    (("run", "missing.toml"), ("missing.toml", "no such file")),
    (("run", SHIPPED, "--frobnicate"), ("unrecognized arguments",)),
    (("explode",), ("invalid choice",)),
    (("validate",), ("required",)),
])
def test_user_mistakes_end_in_one_line_and_exit_2(args, words):
    assert_one_clear_line(wargame(*args), *words)


def test_a_handwritten_scenario_with_other_seats_plays_without_code_changes(tmp_path):
    scenario = tmp_path / "harbour.toml"
    scenario.write_text(textwrap.dedent("""\
        format = 1

        [scenario]
        id = "harbour-strike"
        title = "Harbour strike"
        turns = 6
        seats = ["union", "port", "city"]

        [actors.union]
        name = "Dockers' union"
        [actors.port]
        name = "Port authority"
        [actors.city]
        name = "City council"

        [variables.backlog]
        type = "int"
        min = 0
        max = 20
        initial = 5
        [variables.talks]
        type = "enum"
        values = ["none", "open", "deal"]
        initial = "none"
        [variables.strike_fund]
        type = "int"
        min = 0
        max = 10
        initial = 6
        visible_to = ["union"]

        [[actions]]
        id = "union.walkout"
        actor = "union"
        label = "Walk out"
        when = "strike_fund > 0"
        effects = ["backlog += 3", "strike_fund -= 2"]

        [[actions]]
        id = "port.offer"
        actor = "port"
        label = "Offer talks"
        when = "talks == 'none'"
        effects = ["talks = 'open'"]

        [[actions]]
        id = "city.mediate"
        actor = "city"
        label = "Mediate"
        when = "talks == 'open'"
        chance = "0.5"
        effects = ["talks = 'deal'", "backlog -= 4"]

        [[events]]
        id = "ships-queue"
        when = "backlog > 10"
        once = false
        text = "Ships queue outside the harbour."
        effects = ["backlog += 1"]

        [objectives]
        union = "strike_fund + (5 if talks == 'deal' else 0)"
        port = "20 - backlog"

        [[endings]]
        when = "talks == 'deal'"
        text = "A deal is signed."
        """))
    validated = wargame("validate", scenario)
    assert validated.returncode == 0, validated.stderr
    first, second = (wargame("run", scenario, "--seed", "11") for _ in range(2))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "Dockers' union" in first.stdout and "Game over after turn" in first.stdout


def test_a_named_command_imports_no_other_command():
    """``wargame simulate …`` builds its own parser only: it never pays for host and join (asyncio, aiohttp)."""
    code = ("import sys, game.cli; game.cli.main(['validate', sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.removeprefix('game.cli.') in game.cli.COMMANDS))")
    done = subprocess.run([sys.executable, "-c", code, str(SHIPPED)], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "['game.cli.validate']"
