"""The inference check: every place a seat could work out a hidden value from a visible change.

Each case is planted in tests/scenarios/inference.toml, with the rule it is
about; the shipped scenario must have none that it does not declare.
"""

from __future__ import annotations

import pytest

from game.analysis.inference import inference_findings
from game.analysis.lint import lint
from game.scenario import load_scenario
from tests.paths import FIXTURES, SHIPPED, block_at

FIXTURE = FIXTURES / "inference.toml"


@pytest.fixture(scope="module")
def findings():
    return inference_findings(load_scenario(FIXTURE))




@pytest.mark.parametrize("subject, check, marker, words", [
    ("a.spend", "inference", 'effects = ["score -= secret"]', "b could infer 'secret'"),
    ("a.sound", "inference", 'id = "a.sound"', "b could infer 'alarm'"),
    ("siren", "inference", 'id = "siren"', "b could infer 'alarm'"),
    ("b.guess", "unneeded-reveal", 'id = "b.guess"', "no seat could infer 'alarm'"),
])
def test_each_planted_inference_is_found_at_its_line(findings, subject, check, marker, words):
    found = [f for f in findings if f.subject == subject]
    assert [f.check for f in found] == [check], found
    assert marker in block_at(FIXTURE, found[0].line)
    assert words in found[0].message


def test_declared_chance_and_unseen_rules_are_not_reported(findings):
    assert {f.subject for f in findings} == {"a.spend", "a.sound", "siren", "b.guess"}


def test_lint_reports_inferences_with_the_other_checks():
    checks = {f.check for f in lint(load_scenario(FIXTURE), runs=4).findings}
    assert {"inference", "unneeded-reveal"} <= checks


def test_the_shipped_scenario_gives_no_hidden_value_away_undeclared():
    found = inference_findings(load_scenario(SHIPPED))
    assert found == [], "\n".join(f.format(str(SHIPPED)) for f in found)
