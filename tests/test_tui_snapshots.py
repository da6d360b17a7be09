"""Snapshots of every screen, at 80x24 (usable), 120x40 (tmux) and 160x50 (good).

Deterministic by construction: a fixed seed and clock, the fixture scenarios,
and no blinking cursor. Snapshots are brittle, so the pilot tests assert the
behaviour; these catch what a change does to the look. Update them with
``pytest tests/test_tui_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from game.scenario import load_scenario
from tests.tui_driver import FIXTURES, game, make_app, open_game, through_to, wait_for, wait_until

ALL_HUMAN = {"north": "human", "south": "human", "east": "human"}
ORDERS = [("north.recruit", "south.ledger", "east.lantern"),
          ("north.protest", "south.ledger", "east.mediate"),
          ("north.recruit", "south.hold", "east.mediate")]
"""Three turns of the trio fixture, chosen so every seat's secrets are in play."""


def trio_app(tmp_path: Path, **options):
    return make_app(tmp_path / "saves", scenario=load_scenario(FIXTURES / "trio.toml"), seed=11,
                    controllers=options.pop("controllers", ALL_HUMAN), **options)


def played_app(tmp_path: Path, turns: int):
    """The app resuming a trio game after ``turns`` turns (as ``wargame play --load`` does)."""
    orders = [{action.split(".")[0]: action for action in turn} for turn in ORDERS]
    return open_game(tmp_path / "saves", game("trio", ALL_HUMAN, turns=turns, orders=orders, name="Snapshot game"))


def still(pilot) -> None:
    """No blinking cursors: the same pixels on every run."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def new_game_app(tmp_path: Path):
    """The app opening a new trio game of three people, named as Setup names one at the fixed clock."""
    return open_game(tmp_path / "saves", game("trio", ALL_HUMAN, name="Trio 2021-09-28 1030"))


def shown(screen: str, *keys: str):
    """A run_before: Enter through the hand-off, briefing or results before ``screen``, then ``keys``."""
    async def run_before(pilot):
        await through_to(pilot, screen)
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.2)
        still(pilot)
    return run_before


async def at_title(pilot):
    title = await wait_for(pilot, "TitleScreen")
    await wait_until(pilot, lambda: title.entries, "the scenarios")
    await pilot.press("down")
    await pilot.pause(0.1)


def title_app(tmp_path: Path):
    """The app over a folder of its own with two scenarios: new fixtures elsewhere change nothing here."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for name in ("mini.toml", "trio.toml"):
        shutil.copy(FIXTURES / name, folder / name)
    return make_app(tmp_path / "saves", scenario_dirs=(folder,))


def test_title(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the saves folder shows as saves/ on every run
    assert snap_compare(title_app(tmp_path), terminal_size=(80, 24), run_before=at_title)


def test_setup(snap_compare, tmp_path):
    async def run_before(pilot):
        await wait_for(pilot, "SetupScreen")
        still(pilot)
    assert snap_compare(trio_app(tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_hand_off(snap_compare, tmp_path):
    assert snap_compare(new_game_app(tmp_path), terminal_size=(80, 24), run_before=shown("HandOffScreen"))


def test_briefing(snap_compare, tmp_path):
    assert snap_compare(new_game_app(tmp_path), terminal_size=(80, 24), run_before=shown("BriefingScreen"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 50)])
def test_turn(snap_compare, tmp_path, size):
    assert snap_compare(new_game_app(tmp_path), terminal_size=size, run_before=shown("TurnScreen", "down"))


def test_results(snap_compare, tmp_path):
    assert snap_compare(played_app(tmp_path, 1), terminal_size=(120, 40), run_before=shown("ResolutionScreen"))


def test_end(snap_compare, tmp_path):
    assert snap_compare(played_app(tmp_path, 3), terminal_size=(120, 40), run_before=shown("EndScreen"))


def test_replay(snap_compare, tmp_path):
    async def run_before(pilot):
        await wait_for(pilot, "EndScreen")
        await pilot.press("r")
        await wait_for(pilot, "ReplayScreen")
        await pilot.press("left", "v", "v")
        await pilot.pause(0.2)
        still(pilot)
    assert snap_compare(played_app(tmp_path, 3), terminal_size=(120, 40), run_before=run_before)


def test_help(snap_compare, tmp_path):
    async def run_before(pilot):
        await wait_for(pilot, "TitleScreen")
        await pilot.press("f1")
        await wait_for(pilot, "HelpScreen")
    assert snap_compare(title_app(tmp_path), terminal_size=(100, 30), run_before=run_before)
