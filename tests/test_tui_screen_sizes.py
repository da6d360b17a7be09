"""Snapshots of every screen at 80×24, 120×40 and 200×50 (issue 24): one app per screen, resized in place.

Each screen is put up straight away on a game the engine played (the trio fixture: a map, enum tracks,
three seats with secrets), with a fixed clock and seed and no blinking cursor, then photographed at
each size. The pilot tests assert what the screens do (tests/test_tui_footer_keys.py walks every key);
these catch what a change does to their look. Update with ``pytest -m slow tests/test_tui_screen_sizes.py
--snapshot-update`` and look at the SVGs (tests/__snapshots__/test_tui_screen_sizes/).

Slow (a minute of CPU): left out of CI, where tests/test_tui_snapshots.py photographs the main screens.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

from game.desk.facilitator_acts import FORMS
from game.net import protocol as p
from game.net.links import FACILITATOR, Link
from game.scenario import load_scenario
from game.seat_view.build import seat_view
from game.session import Order, Session
from game.tui.dialogs.act_form import ActFormDialog
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.message import MessageDialog
from game.tui.dialogs.passphrase import PassphrasePrompt, PassphraseShown
from game.tui.dialogs.saves import SavesDialog
from game.tui.remote import app as remote_app
from game.tui.remote.app import RemoteApp
from game.tui.remote.console import ConsoleScreen
from game.tui.remote.waiting import WaitingScreen
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.end import EndScreen
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.game_log import GameLogScreen
from game.tui.screens.handoff import HandOffScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.resolution import ResolutionScreen
from game.tui.screens.setup import SetupScreen
from game.tui.screens.situation import SituationScreen
from game.tui.screens.turn import TurnScreen
from tests.tui_driver import FIXTURES, make_app, wait_until

pytestmark = pytest.mark.slow

SIZES = [(80, 24), (120, 40), (200, 50)]
TRIO = load_scenario(FIXTURES / "trio.toml")
PEOPLE = {"north": "human", "south": "random", "east": "greedy"}
ORDERS = [("north.recruit", "south.ledger", "east.lantern"),
          ("north.protest", "south.ledger", "east.mediate"),
          ("north.recruit", "south.hold", "east.mediate")]
"""Three turns of the trio fixture, chosen so every seat's secrets are in play."""


def played(turns: int, controllers=PEOPLE) -> Session:
    session = Session(TRIO, 11, dict(controllers), name="Snapshot game")
    for actions in ORDERS[:turns]:
        session.play_turn({a.split(".")[0]: Order(a.split(".")[0], a, "a reason") for a in actions
                           if a.split(".")[0] in session.humans()})
    return session


MID = played(2)
OVER = played(3, dict.fromkeys(TRIO.seats, "human"))
VIEW, NORTH, DONE = seat_view(MID, None), seat_view(MID, "north"), seat_view(OVER, None)
STATUS = p.Status(connected=("north",), deciding=("north",))

SCREENS: dict[str, Callable[[Path], Screen]] = {
    "setup": lambda tmp: SetupScreen(TRIO, name="Trio 2021-09-28 1030", seed=11),
    "hand_off": lambda tmp: HandOffScreen(NORTH.name("north"), 3),
    "briefing": lambda tmp: BriefingScreen(seat_view(played(0), "north")),
    "turn": lambda tmp: TurnScreen(NORTH, "north"),
    "turn_facilitator": lambda tmp: TurnScreen(VIEW, "north", formulas_allowed=True),
    "results": lambda tmp: ResolutionScreen(NORTH, 2),
    "console": lambda tmp: FacilitatorScreen(VIEW),
    "act_inject": lambda tmp: ActFormDialog(FORMS["i"], VIEW, lambda act: ""),
    "end": lambda tmp: EndScreen(DONE, formulas_allowed=True),
    "debrief": lambda tmp: DebriefScreen(OVER, lambda session: "# Debrief\n\nThe run, turn by turn.", tmp),
    "replay": lambda tmp: ReplayScreen(lambda viewer, at, formulas=False: seat_view(OVER, viewer, at,
                                                                                    formulas=formulas), 3),
    "log": lambda tmp: GameLogScreen(NORTH),
    "situation": lambda tmp: SituationScreen(NORTH),
    "help": lambda tmp: HelpScreen(),
    "saves": lambda tmp: SavesDialog("Load a saved game", Path("saves")),
    "leave": lambda tmp: ConfirmDialog("Leave this game for the title screen?", "The game is saved as it goes.",
                                       yes="Leave", no="Stay", default=False),
    "passphrase_shown": lambda tmp: PassphraseShown("bodafe-kupiro-titaxo"),
    "passphrase_asked": lambda tmp: PassphrasePrompt("This game is locked.", lambda text: False),
}
REMOTE: dict[str, tuple[str, Callable[[Path], Screen]]] = {
    "net_console": (FACILITATOR, lambda tmp: ConsoleScreen(VIEW, STATUS)),
    "net_waiting": ("north", lambda tmp: WaitingScreen(NORTH, STATUS)),
    "net_message": ("north", lambda tmp: MessageDialog(NORTH.seats[1:])),
}


class Unlinked(RemoteApp):
    """A joined link's app without its connection."""

    CSS_PATH = [str(Path(remote_app.__file__).parent / path) for path in RemoteApp.CSS_PATH]

    def __init__(self, link: Link) -> None:
        super().__init__(link)
        self.flow = Idle()  # the screens are put up by the test, not by views from a host

    def on_mount(self) -> None:
        pass


class Idle:
    """A flow that puts up nothing."""

    def update(self) -> None:
        pass

    def settle(self) -> None:
        pass


@pytest.fixture(autouse=True)
def here(tmp_path, monkeypatch):
    """Run in the test's folder: the saves folder shows as saves/ on every run."""
    monkeypatch.chdir(tmp_path)


async def photographs(app: App, make: Callable[[], Screen], snapshot, *, title: bool = False) -> None:
    """Put up ``make()`` and compare a screenshot at each size with the snapshot of that size."""
    svg = snapshot.use_extension(SVGImageExtension)
    async with app.run_test(size=SIZES[0]) as pilot:
        screen = app.screen if title else make()
        if not title:
            app.push_screen(screen)
        await wait_until(pilot, lambda: app.screen is screen and screen.is_mounted, "the screen")
        if title:
            await wait_until(pilot, lambda: screen.entries and all(e.scenario or e.broken for e in screen.entries),
                             "the scenarios, checked")
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            for field in screen.query(Input):
                field.cursor_blink = False
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            assert svg(name=f"{size[0]}x{size[1]}") == app.export_screenshot(title="Horizon")


@pytest.mark.parametrize("name", SCREENS)
async def test_screen(name, snapshot, tmp_path):
    await photographs(make_app(Path("saves"), scenario_dirs=()), lambda: SCREENS[name](tmp_path), snapshot)


async def test_title(snapshot, tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for scenario in ("mini.toml", "trio.toml"):
        shutil.copy(FIXTURES / scenario, folder / scenario)
    app = make_app(Path("saves"), scenario_dirs=(folder,))
    await photographs(app, lambda: app.screen, snapshot, title=True)


@pytest.mark.parametrize("name", REMOTE)
async def test_joined_screen(name, snapshot, tmp_path):
    role, make = REMOTE[name]
    app = Unlinked(Link("http://127.0.0.1:9", 1, role, "t" * 32))
    await photographs(app, lambda: make(tmp_path), snapshot)
