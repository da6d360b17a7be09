"""Lint finds each defect planted in tests/scenarios/lint_defects.toml, and nothing in a clean scenario."""

import pytest

from game.analysis.lint import lint
from game.cli import main
from game.scenario import load_scenario
from tests import paths
from tests.paths import FIXTURES, SHIPPED

HERE = FIXTURES
DEFECTS = load_scenario(HERE / "lint_defects.toml")


def block_at(line: int) -> str:
    return paths.block_at(HERE / "lint_defects.toml", line)


@pytest.fixture(scope="module")
def findings():
    return lint(DEFECTS, runs=60).findings


@pytest.mark.parametrize("check, marker", [
    ("never-legal", 'id = "a.sealed_only"'),
    ("never-fired", 'id = "unreachable"'),
    ("never-reached", 'id = "impossible"'),
    ("never-changed", "[variables.constant]"),
    ("never-read", "[variables.diary]"),
    ("objective-fixed", 'b = "constant"'),
    ("dominated", 'id = "a.worse"'),
    ("no-downside", 'id = "a.better"'),
    ("no-difference", 'id = "a.copy"'),
    ("reason-varies", 'id = "b.close_early"'),
    ("no-reason", 'id = "b.reopen"'),
])
def test_each_planted_defect_is_found_at_its_line(findings, check, marker):
    assert any(f.check == check and marker in block_at(f.line) for f in findings)


def test_nothing_else_is_found(findings):
    """Beta's objective never varies, so its choices are not compared: that would repeat one finding."""
    assert len(findings) == 11


def test_a_clean_scenario_has_no_findings():
    assert lint(load_scenario(HERE / "lint_clean.toml"), runs=60).findings == ()


def test_the_shipped_scenario_is_lint_clean():
    """Every finding, inferences included: a shipped scenario has no undeclared inference."""
    assert lint(load_scenario(SHIPPED)).findings == ()


def test_findings_are_in_file_order():
    lines = [f.line for f in lint(DEFECTS, runs=20).findings]
    assert lines == sorted(lines)


def test_a_seat_without_an_objective_is_reported(tmp_path):
    text = (HERE / "lint_clean.toml").read_text().replace('b = "10 - x"\n', "")
    path = tmp_path / "no_objective.toml"
    path.write_text(text)
    checks = {f.check for f in lint(load_scenario(path), runs=20).findings}
    assert "no-objective" in checks


def test_the_command_exits_1_with_findings_listed_by_file_line(capsys):
    path = str(HERE / "lint_defects.toml")
    assert main(["lint", path, "--runs", "30"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}:")
    assert out[-1] == f"{path}: 11 findings in 30 sampled games (seed 0)"


def test_the_command_exits_0_when_clean(capsys):
    assert main(["lint", str(HERE / "lint_clean.toml"), "--runs", "30"]) == 0
    assert "no findings" in capsys.readouterr().out


def test_a_missing_file_exits_2_in_one_line(capsys):
    assert main(["lint", "missing.toml"]) == 2
    assert capsys.readouterr().err == "missing.toml: no such file\n"


def test_a_wrong_flag_exits_2_in_one_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["lint", str(HERE / "mini.toml"), "--runs", "x"])
    assert exit_.value.code == 2
    assert len(capsys.readouterr().err.splitlines()) == 1
