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
from game.session import Order, Session
from tests.tui_driver import FIXTURES, choose, make_app, screen_name, wait_for, wait_until

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
    session = Session(load_scenario(FIXTURES / "trio.toml"), 11, ALL_HUMAN, name="Snapshot game")
    for actions in ORDERS[:turns]:
        session.play_turn({a.split(".")[0]: Order(a.split(".")[0], a, "a reason") for a in actions})
    return make_app(tmp_path / "saves", session=session)


def still(pilot) -> None:
    """No blinking cursors: the same pixels on every run."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def reach(*steps):
    """A run_before that presses through ``steps``: key names, or ("choose", action) on a turn screen."""
    async def run_before(pilot):
        await wait_for(pilot, "SetupScreen")
        await pilot.press("f5")
        await wait_until(pilot, lambda: screen_name(pilot) in ("PassphraseShown", "HandOffScreen", "BriefingScreen",
                                                               "FacilitatorScreen"), "the game")
        if screen_name(pilot) == "PassphraseShown":  # made at random: noted, not photographed
            await pilot.press("enter")
        for step in steps:
            if isinstance(step, tuple):
                await choose(pilot, step[1], "a reason")
            else:
                await pilot.pause(0.05)
                await pilot.press(step)
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
    assert snap_compare(trio_app(tmp_path), terminal_size=(80, 24), run_before=reach())


def test_briefing(snap_compare, tmp_path):
    assert snap_compare(trio_app(tmp_path), terminal_size=(80, 24), run_before=reach("enter"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 50)])
def test_turn(snap_compare, tmp_path, size):
    assert snap_compare(trio_app(tmp_path), terminal_size=size, run_before=reach("enter", "enter", "down"))


def resumed(screen: str, *keys: str):
    """A run_before for a resumed game: wait for ``screen``, press ``keys``."""
    async def run_before(pilot):
        await wait_for(pilot, screen)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        still(pilot)
    return run_before


def test_results(snap_compare, tmp_path):
    app = played_app(tmp_path, 1)
    assert snap_compare(app, terminal_size=(120, 40), run_before=resumed("HandOffScreen", "enter"))


def test_end(snap_compare, tmp_path):
    assert snap_compare(played_app(tmp_path, 3), terminal_size=(120, 40), run_before=resumed("EndScreen"))


def test_replay(snap_compare, tmp_path):
    app = played_app(tmp_path, 3)
    assert snap_compare(app, terminal_size=(120, 40), run_before=resumed("EndScreen", "r", "left", "v", "v"))


def test_help(snap_compare, tmp_path):
    async def run_before(pilot):
        await wait_for(pilot, "TitleScreen")
        await pilot.press("f1")
        await wait_for(pilot, "HelpScreen")
    assert snap_compare(title_app(tmp_path), terminal_size=(100, 30), run_before=run_before)
