"""The end screen: scores with objectives revealed, the chart, and the debrief when one exists."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from game.scenario import load_scenario
from game.session import Session
from tests.tui_driver import FIXTURES, make_app, screen_text, wait_for, wait_until


def finished(seed: int = 6) -> Session:
    seats = dict.fromkeys(("north", "south", "east"), "random")
    session = Session(load_scenario(FIXTURES / "trio.toml"), seed, seats, name="Finished game")
    session.play_to_end()
    return session


async def test_the_end_reveals_every_objective_and_charts_every_track(tmp_path: Path):
    session = finished()
    async with make_app(tmp_path / "saves", session=session).run_test(size=(120, 40)) as pilot:
        end = await wait_for(pilot, "EndScreen")
        text = screen_text(end)
        for objective in session.scenario.objectives.values():
            assert objective.text in text
        for variable in session.scenario.variables:
            assert variable.label in text


@pytest.fixture
def debrief(monkeypatch):
    """A stand-in debrief writer, so the screen is tested whether or not game.analysis is in this build."""
    module = types.ModuleType("game.analysis.report")
    module.debrief_markdown = lambda session: f"# Debrief of {session.name}\n\nTurns: {len(session.turns)}\n"
    monkeypatch.setitem(sys.modules, "game.analysis.report", module)


async def test_the_debrief_opens_from_the_end_screen_and_exports(tmp_path: Path, debrief):
    session = finished()
    async with make_app(tmp_path / "saves", session=session).run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, "EndScreen")
        await pilot.press("d")
        screen = await wait_for(pilot, "DebriefScreen")
        await wait_until(pilot, lambda: screen.text, "the debrief")
        assert "Debrief of Finished game" in screen_text(screen)
        await pilot.press("e")
        await pilot.pause(0.3)
        exported = tmp_path / "saves" / "finished-game-debrief.md"
        assert exported.read_text().startswith("# Debrief of Finished game")
        await pilot.press("escape")
        await wait_for(pilot, "EndScreen")


async def test_the_real_debrief_of_a_finished_game_opens(tmp_path: Path):
    async with make_app(tmp_path / "saves", session=finished()).run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, "EndScreen")
        await pilot.press("d")
        screen = await wait_for(pilot, "DebriefScreen")
        await wait_until(pilot, lambda: screen.text, "the debrief")
        assert "Finished game" in screen.text and "Northland" in screen_text(screen)
