"""Driving the Textual app by key presses, as a player would, for the TUI tests.

Every step presses keys and waits for the screen it expects; nothing here
calls into the game's objects to make a move. ``screen_text`` gathers every
string a screen holds (also what is scrolled out of sight) for secrecy checks.

**Start from a restored game, not from setup keys.** A pilot test pays for
every screen it renders (layout and styles dominate its time), so a test about
the turn screen, the results, the end or the console opens the app on a game
the engine set up and played (:func:`game`, then :func:`open_game`), the way
``wargame play --load`` does, and presses only the keys its subject needs:

    session = game("trio", {"north": "human", "south": "random", "east": "random"}, turns=1)
    async with open_game(tmp_path / "saves", session).run_test(size=(80, 24)) as pilot:
        turn = await through_to(pilot, "TurnScreen")   # Enter through hand-off, results, briefing

``open_game(..., through_save=True)`` writes the game to a save and restores
it as the app's Load does. The title screen, the setup screen and the
passphrase Horizon makes are driven by keys in the tests that are about them
(test_tui_hotseat keeps the one whole setup by keys); whether a screen comes
before another is the flow's question (game/desk/, tested without a terminal).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Markdown, OptionList

from game.desk.launch import LaunchOptions
from game.engine.model import Scenario
from game.lock import Lock
from game.saves import load_save, restore_session, save_session
from game.scenario import load_scenario
from game.session import Order, Session
from game.tui.app import HorizonApp
from tests.paths import FIXTURES

__all__ = ["FIXTURES", "at_turn", "choose", "choose_scenario", "first_available", "fixture", "game", "make_app",
           "open_game", "screen_name", "screen_text", "set_up", "start_game", "through_to", "wait_for",
           "wait_until"]
FIXED_CLOCK = datetime.datetime(2021, 9, 28, 10, 30)


def make_app(saves: Path, **options) -> HorizonApp:
    """The app over the test fixtures, saving into ``saves``, with a fixed clock."""
    options.setdefault("scenario_dirs", (FIXTURES,))
    return HorizonApp(LaunchOptions(saves_dir=saves, **options), clock=lambda: FIXED_CLOCK)


@functools.cache
def fixture(name: str) -> Scenario:
    """The test scenario ``tests/scenarios/NAME.toml``, loaded once per process (scenarios are immutable)."""
    return load_scenario(FIXTURES / f"{name}.toml")


def game(scenario: str | Scenario, controllers: Mapping[str, str], *, seed: int = 11, turns: int | None = 0,
         orders: Sequence[Mapping[str, str]] = (), name: str = "A test game", lock: Lock | None = None) -> Session:
    """A game set up by the engine and played ``turns`` turns (None: to its end): what a test hands
    :func:`open_game`.

    ``scenario`` is a fixture's name or a scenario. On turn N each person's seat orders
    ``orders[N-1][seat]`` if given, else its first legal action (rationale "a reason"); computer
    seats play their policies. No keys, no screens: a session in a few milliseconds.
    """
    session = Session(fixture(scenario) if isinstance(scenario, str) else scenario, seed, dict(controllers),
                      name=name, lock=lock)
    played = 0
    while (played < turns) if turns is not None else not session.over:
        wanted = orders[played] if played < len(orders) else {}
        session.play_turn({seat: Order(seat, wanted.get(seat) or session.view(seat).legal_actions()[0].id,
                                       "a reason") for seat in session.humans()})
        played += 1
    return session


def open_game(saves: Path, session: Session, *, through_save: bool = False, **options) -> HorizonApp:
    """The app resuming ``session`` at once, as ``wargame play --load`` does: no title, setup or passphrase.

    The app keeps it in its autosave in ``saves``; with ``through_save`` it is first written to
    ``saves/NAME.wgsave`` and restored from there (the app then goes on in that file, as after Load).
    """
    if through_save:
        saves.mkdir(parents=True, exist_ok=True)
        path = save_session(session, saves / f"{session.game_id}.wgsave")
        options.update(session=restore_session(load_save(path)), load=path)
    else:
        options["session"] = session
    return make_app(saves, **options)


async def through_to(pilot: Pilot, name: str, tries: int = 60) -> Screen:
    """Press Enter through hand-offs, briefings and results (Escape past beliefs: each question passed)
    until the screen called ``name`` shows."""
    passed = {"HandOffScreen": "enter", "BriefingScreen": "enter", "ResolutionScreen": "enter",
              "BeliefsScreen": "escape"}
    for _ in range(tries):
        await wait_until(pilot, lambda: screen_name(pilot) == name or screen_name(pilot) in passed,
                         f"{name} or a screen to pass")
        screen, shown = pilot.app.screen, screen_name(pilot)
        if shown == name:
            await pilot.pause()
            return screen
        question = getattr(screen, "index", None)
        await pilot.press(passed[shown])
        await wait_until(pilot, lambda left=screen, asked=question: pilot.app.screen is not left
                         or getattr(left, "index", None) != asked, f"{passed[shown]} to leave {shown}")
    raise AssertionError(f"never reached {name}; stuck on {screen_name(pilot)}")


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
