"""The end screen: scores with objectives revealed, the chart, and the debrief when one exists."""

from __future__ import annotations

from pathlib import Path

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


async def test_the_debrief_opens_from_the_end_screen_and_exports_markdown_and_html(tmp_path: Path):
    session = finished()
    async with make_app(tmp_path / "saves", session=session).run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, "EndScreen")
        await pilot.press("d")
        screen = await wait_for(pilot, "DebriefScreen")
        await wait_until(pilot, lambda: screen.text, "the debrief")
        await pilot.press("e")
        exported = tmp_path / "saves" / "finished-game-debrief"
        await wait_until(pilot, lambda: exported.with_suffix(".html").exists(), "the export", tries=500)
        assert exported.with_suffix(".md").read_text() == screen.text
        await pilot.press("escape")
        await wait_for(pilot, "EndScreen")


async def test_the_end_screen_exports_the_debrief_as_markdown_and_html(tmp_path: Path):
    """Issue 9.12: HTML as well as Markdown, from the End screen itself."""
    async with make_app(tmp_path / "saves", session=finished()).run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, "EndScreen")
        await pilot.press("x")
        exported = tmp_path / "saves" / "finished-game-debrief"
        await wait_until(pilot, lambda: exported.with_suffix(".html").exists(), "the export", tries=500)
        assert exported.with_suffix(".md").read_text().startswith("# Debrief:")
        assert '<section class="handout">' in exported.with_suffix(".html").read_text()
        await wait_for(pilot, "EndScreen")


async def test_the_real_debrief_of_a_finished_game_opens(tmp_path: Path):
    async with make_app(tmp_path / "saves", session=finished()).run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, "EndScreen")
        await pilot.press("d")
        screen = await wait_for(pilot, "DebriefScreen")
        await wait_until(pilot, lambda: screen.text, "the debrief")
        assert "Finished game" in screen.text and "Northland" in screen_text(screen)
