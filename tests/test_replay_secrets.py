"""``replay --as SEAT`` shows no hidden variable: not its track, not a formula that reads it (issue 12.3).

Finished games of the shipped scenario over many seeds, replayed as each
seat, with and without ``--formulas``: no track a seat may not see appears by
its label, and no effect, condition or chance text that reads or writes such
a variable is printed. (What a visible change lets a seat work out is the
inference check's business: tests/test_analysis_inference.py.)
"""

from __future__ import annotations

from functools import cache

import pytest

from game.cli import main
from game.engine.model import Scenario
from game.saves import save_session
from game.scenario import load_scenario
from game.session import Session
from tests.paths import SHIPPED

SEEDS = range(12)


@cache
def shipped() -> Scenario:
    return load_scenario(SHIPPED)


def _formulas_hidden_from(scenario: Scenario, seat: str) -> set[str]:
    """Every expression text that reads or writes a variable ``seat`` may not see."""
    seen = scenario.visible_names(seat)
    texts = set()
    for rule in (*scenario.actions, *scenario.events):
        for expression in (getattr(rule, "when", None), rule.chance):
            if expression is not None and not expression.reads <= seen:
                texts.add(_words(expression.text))
        for effect in (*rule.effects, *getattr(rule, "fail_effects", ())):
            if effect.target not in seen or not effect.expression.reads <= seen:
                texts.add(_words(effect.text))
    return texts


def _words(text: str) -> str:
    """``text`` with its white space as one space each: printed formulas wrap across lines."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def saves(tmp_path_factory):
    folder = tmp_path_factory.mktemp("secrets")
    paths = []
    for seed in SEEDS:
        session = Session(shipped(), seed, dict.fromkeys(shipped().seats, "random"))
        session.play_to_end()
        paths.append(save_session(session, folder / f"game{seed}.wgsave"))
    return paths


@pytest.mark.parametrize("seat", shipped().seats)
@pytest.mark.parametrize("formulas", [False, True], ids=["plain", "formulas"])
def test_replay_as_a_seat_never_shows_a_hidden_variable(saves, capsys, seat, formulas):
    scenario = shipped()
    hidden = [v for v in scenario.variables if not v.visible(seat)]
    formulas_hidden = _formulas_hidden_from(scenario, seat)
    for path in saves:
        assert main(["replay", str(path), "--as", seat, *(["--formulas"] if formulas else [])]) == 0
        out = _words(capsys.readouterr().out)
        for variable in hidden:
            assert variable.label not in out, (path.name, seat, variable.name)
        for text in formulas_hidden:
            assert text not in out, (path.name, seat, text)


def test_the_check_would_see_a_leak(saves, capsys):
    """The facilitator sees everything: the same search finds the hidden tracks and formulas there."""
    assert main(["replay", str(saves[0]), "--formulas"]) == 0
    out = _words(capsys.readouterr().out)
    china = shipped().seats[-1]
    assert any(v.label in out for v in shipped().variables if not v.visible(china))
    assert any(text in out for text in _formulas_hidden_from(shipped(), china))
