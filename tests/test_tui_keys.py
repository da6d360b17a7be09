"""Keys do what the help and the footer say (issues 9.2 and 9.4): Esc leaves a text field before it
leaves anything else, leaving a game is a choice whose default is to stay, arrows move between the
rows of New game, Esc works on every game screen, one seat's notes never reach the next seat, and
the debrief scrolls at once."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from game.scenario import load_scenario
from game.session import Session
from game.tui.widgets.controller_picker import ControllerPicker
from tests.tui_driver import FIXTURES, game, make_app, open_game, screen_name, through_to, wait_for, wait_until

TRIO = {"north": "human", "south": "human", "east": "human"}


def trio(tmp_path: Path, controllers=TRIO):
    """The setup screen of a trio game (for the tests about setup)."""
    return make_app(tmp_path / "saves", scenario=load_scenario(FIXTURES / "trio.toml"), seed=11,
                    controllers=controllers)


def new_trio(tmp_path: Path):
    """A new trio game of three people, opened at its first hand-off."""
    return open_game(tmp_path / "saves", game("trio", TRIO))


async def test_escape_in_the_rationale_leaves_the_field_and_keeps_what_was_typed(tmp_path: Path):
    async with new_trio(tmp_path).run_test(size=(80, 24)) as pilot:
        turn = await through_to(pilot, "TurnScreen")
        await pilot.press("enter", *"because")
        field = turn.query_one("#rationale")
        assert pilot.app.focused is field
        await pilot.press("escape")
        assert screen_name(pilot) == "TurnScreen"
        assert pilot.app.focused is turn.query_one("#decisions") and field.value == "because"


async def test_leaving_a_game_is_asked_and_enter_stays(tmp_path: Path):
    async with new_trio(tmp_path).run_test(size=(80, 24)) as pilot:
        await through_to(pilot, "TurnScreen")
        await pilot.press("escape")
        await wait_for(pilot, "ConfirmDialog")
        await pilot.press("enter")
        await wait_for(pilot, "TurnScreen")
        assert pilot.app.playthrough is not None
        await pilot.press("escape")
        await wait_for(pilot, "ConfirmDialog")
        await pilot.press("l")
        await wait_for(pilot, "TitleScreen")
        assert pilot.app.playthrough is None


async def test_escape_in_the_setup_fields_leaves_the_field_not_the_screen(tmp_path: Path):
    async with trio(tmp_path).run_test(size=(120, 40)) as pilot:
        setup = await wait_for(pilot, "SetupScreen")
        setup.query_one("#name").focus()
        await pilot.press("escape")
        assert screen_name(pilot) == "SetupScreen" and pilot.app.focused is not setup.query_one("#name")
        await pilot.press("escape")
        await wait_for(pilot, "TitleScreen")


async def test_up_and_down_move_between_the_seat_rows_of_new_game(tmp_path: Path):
    async with trio(tmp_path).run_test(size=(120, 40)) as pilot:
        setup = await wait_for(pilot, "SetupScreen")
        pickers = list(setup.query(ControllerPicker))
        assert pilot.app.focused is pickers[0]
        await pilot.press("down", "down")
        assert pilot.app.focused is pickers[2]
        await pilot.press("up")
        assert pilot.app.focused is pickers[1]
        await pilot.press("right")
        assert pickers[1].value != "human" and pickers[0].value == "human"


@pytest.mark.parametrize("screen", ["HandOffScreen", "BriefingScreen"])
async def test_escape_offers_to_leave_on_the_hand_off_and_the_briefing(tmp_path: Path, screen: str):
    async with new_trio(tmp_path).run_test(size=(80, 24)) as pilot:
        await through_to(pilot, screen)
        await pilot.press("escape")
        await wait_for(pilot, "ConfirmDialog")
        await pilot.press("escape")
        await wait_for(pilot, screen)


async def test_a_seats_warnings_are_gone_before_the_next_seats_hand_off(tmp_path: Path):
    async with new_trio(tmp_path).run_test(size=(80, 24)) as pilot:
        turn = await through_to(pilot, "TurnScreen")
        await pilot.press("ctrl+o")  # nothing chosen yet: a warning
        await wait_until(pilot, lambda: pilot.app._notifications, "the warning")
        decisions = turn.query_one("#decisions")
        await pilot.press("enter", "enter")
        await wait_for(pilot, "ConfirmDialog")
        await pilot.press("enter")
        handoff = await wait_for(pilot, "HandOffScreen")
        assert handoff.seat.id == "south"
        assert not list(pilot.app._notifications), "a toast of Northland's turn is still up"
        assert decisions is not None


def finished() -> Session:
    return game("trio", dict.fromkeys(TRIO, "random"), seed=6, turns=None, name="Long")


@pytest.fixture
def long_debrief(monkeypatch):
    module = types.ModuleType("game.analysis.report")
    module.debrief_markdown = lambda session: "# Debrief\n\n" + "\n\n".join(f"Line {i}" for i in range(200))
    monkeypatch.setitem(sys.modules, "game.analysis.report", module)


async def test_the_debrief_scrolls_with_page_down_and_end_at_once(tmp_path: Path, long_debrief):
    async with open_game(tmp_path / "saves", finished()).run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, "EndScreen")
        await pilot.press("d")
        screen = await wait_for(pilot, "DebriefScreen")
        await wait_until(pilot, lambda: screen.text, "the debrief")
        await pilot.pause(0.2)
        body = screen.query_one("#debrief")
        await pilot.press("pagedown")
        await pilot.pause(0.1)
        assert body.scroll_y > 0
        await pilot.press("end")
        await pilot.pause(0.1)
        assert body.scroll_y == body.max_scroll_y > 0


def test_a_crash_inside_the_app_is_not_exit_status_0(monkeypatch):
    """``wargame play`` exits with the app's own status: a traceback in the terminal is not a success."""
    import game.tui.app
    from game.cli import main

    class Crashed:
        return_code = 1

        def __init__(self, options):
            pass

        def run(self):
            pass

    monkeypatch.setattr(game.tui.app, "HorizonApp", Crashed)
    monkeypatch.setattr("game.desk.terminal.require_terminal", lambda command: None)  # pytest has no terminal
    assert main(["play"]) == 1
