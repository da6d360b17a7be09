"""Driving the Textual app by key presses, as a player would, for the TUI tests.

Every step presses keys and waits for the screen it expects; nothing here
calls into the game's objects to make a move. ``screen_text`` gathers every
string a screen holds (also what is scrolled out of sight) for secrecy checks.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Markdown, OptionList

from game.desk.launch import LaunchOptions
from game.tui.app import HorizonApp
from tests.paths import FIXTURES

__all__ = ["FIXTURES", "choose", "choose_scenario", "first_available", "make_app", "screen_name",
           "screen_text", "set_up", "wait_for", "wait_until"]
FIXED_CLOCK = datetime.datetime(2021, 9, 28, 10, 30)


def make_app(saves: Path, **options) -> HorizonApp:
    """The app over the test fixtures, saving into ``saves``, with a fixed clock."""
    options.setdefault("scenario_dirs", (FIXTURES,))
    return HorizonApp(LaunchOptions(saves_dir=saves, **options), clock=lambda: FIXED_CLOCK)


def screen_name(pilot: Pilot) -> str:
    return type(pilot.app.screen).__name__


async def wait_until(pilot: Pilot, done: Callable[[], object], what: str, tries: int = 200) -> None:
    """Let the app run (workers included) until ``done()`` is true; fail naming ``what`` if it never is."""
    for _ in range(tries):
        if done():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"still waiting for {what} on {screen_name(pilot)}")


async def wait_for(pilot: Pilot, name: str) -> Screen:
    """Wait until the screen called ``name`` is showing."""
    await wait_until(pilot, lambda: screen_name(pilot) == name, name)
    await pilot.pause()
    return pilot.app.screen


async def choose_scenario(pilot: Pilot, title: str) -> None:
    """On the title screen, move to the scenario called ``title`` and press Enter."""
    screen = await wait_for(pilot, "TitleScreen")
    await wait_until(pilot, lambda: screen.entries, "the scenarios")
    for _ in range(len(screen.entries)):
        if screen.selected.title == title:
            break
        await pilot.press("down")
    assert screen.selected.title == title
    await pilot.press("enter")


async def set_up(pilot: Pilot, controllers: list[str], seed: int) -> None:
    """On the setup screen: cycle each seat's controller to the wanted one, type the seed, start."""
    screen = await wait_for(pilot, "SetupScreen")
    from game.tui.widgets.controller_picker import ControllerPicker

    for picker, wanted in zip(screen.query(ControllerPicker), controllers, strict=True):
        assert pilot.app.focused is picker
        while picker.value != wanted:
            await pilot.press("right")
        await pilot.press("tab")
    await pilot.press("ctrl+a", "ctrl+k", *str(seed))
    await start_game(pilot, people="human" in controllers)


async def start_game(pilot: Pilot, *, people: bool = True) -> None:
    """F5 on the setup screen; with people in the seats, the passphrase Horizon made is shown once, and noted."""
    await pilot.press("f5")
    if people:
        await wait_for(pilot, "PassphraseShown")
        await pilot.press("enter")


async def at_turn(pilot: Pilot) -> Screen:
    """From the setup screen: start, pass the first hand-off and briefing, and return the turn screen."""
    await wait_for(pilot, "SetupScreen")
    await start_game(pilot)
    await wait_for(pilot, "HandOffScreen")
    await pilot.press("enter")
    await wait_for(pilot, "BriefingScreen")
    await pilot.press("enter")
    return await wait_for(pilot, "TurnScreen")


async def choose(pilot: Pilot, action: str, rationale: str) -> None:
    """On a turn screen: move to ``action``, choose it, type the rationale, confirm and send."""
    screen = await wait_for(pilot, "TurnScreen")
    decisions = screen.query_one("#decisions", OptionList)
    assert pilot.app.focused is decisions
    await pilot.press("home")
    for _ in range(decisions.option_count):
        if decisions.highlighted_option.id == action:
            break
        await pilot.press("down")
    assert decisions.highlighted_option.id == action, f"{action} cannot be highlighted"
    await pilot.press("enter", *rationale, "enter")
    await wait_for(pilot, "ConfirmDialog")
    await pilot.press("enter")


def first_available(screen: Screen) -> str:
    """The first action a turn screen offers that can be chosen."""
    return next(o.id for o in screen.view.options[screen.seat] if o.available)


def widget_text(widget: Widget) -> list[str]:
    if isinstance(widget, OptionList):
        return [str(option.prompt) for option in widget.options]
    if isinstance(widget, Input):
        return [widget.value, widget.placeholder]
    if isinstance(widget, DataTable):
        return [str(cell) for row in range(widget.row_count) for cell in widget.get_row_at(row)]
    if isinstance(widget, Markdown):
        return [widget.source]
    return [str(widget.render())]


def screen_text(screen: Screen) -> str:
    """Every string on ``screen``, scrolled out of sight or not, with its titles."""
    texts = [str(screen.title or ""), str(screen.sub_title or "")]
    for widget in screen.query("*"):
        texts += widget_text(widget)
    return "\n".join(texts)
