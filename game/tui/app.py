"""The Horizon app: holds what the command line chose and routes the main actions.

Screens do the drawing and ``Playthrough`` walks a game; the app only decides
which of them runs next. Slow work (loading scenarios, reading and writing
saves, resolving turns) happens in workers so the UI never freezes.
"""

from __future__ import annotations

import asyncio
import datetime
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from game.errors import WargameError
from game.tui.launch import LaunchOptions
from game.tui.screens.title import TitleScreen

SAVE_SUFFIX = ".wgsave"


def slug(name: str) -> str:
    """A file name made from a game's name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "game"


class HorizonApp(App[None]):
    CSS_PATH = ["app.tcss", "screens/title.tcss"]
    """The title screen's sheet too: Textual loads a screen's own CSS_PATH only for pushed screens."""
    TITLE = "Horizon"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal"), (150, "-wide")]
    BINDINGS = [Binding("f1,question_mark", "help", "Help", id="app.help")]

    def __init__(self, options: LaunchOptions | None = None, *,
                 clock: Callable[[], datetime.datetime] = datetime.datetime.now) -> None:
        super().__init__()
        self.options = options or LaunchOptions()
        self.clock = clock
        """Where dates come from (fixed in snapshot tests)."""
        self.playthrough = None
        """The game being played, if any (``game.tui.playthrough.Playthrough``)."""

    def get_default_screen(self) -> TitleScreen:
        """The title screen is the bottom of the stack: the first frame, and where games return."""
        return TitleScreen()

    def on_mount(self) -> None:
        # After the first frame: the loading thread would otherwise compete with it for the GIL.
        self.call_after_refresh(self.load_catalog)
        options = self.options
        if options.session is not None:
            self.play(options.session, options.facilitator, options.load)
        elif options.scenario is not None:
            self.set_up(options.scenario, options.seed, options.controllers)

    @work(thread=True, group="catalog")
    def load_catalog(self) -> None:
        from game.tui.catalog import default_dirs, find_scenarios

        extra = [Path(self.options.scenario.origin.path)] if self.options.scenario else []
        entries = find_scenarios(self.options.scenario_dirs or default_dirs(), extra)
        self.call_from_thread(self.show_catalog, entries)

    def show_catalog(self, entries: list) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.show_entries(entries)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and how to play (F1)", self.action_help)
        yield SystemCommand("New game", "Set up a game of the selected scenario", self.action_new_game)
        yield SystemCommand("Continue", "Resume the latest saved game", self.action_continue_game)
        yield SystemCommand("Load game", "Choose a saved game to resume", self.action_load_game)
        yield SystemCommand("Replay game", "Step through a saved game as any seat", self.action_replay_game)
        if self.playthrough is not None:
            yield SystemCommand("Save as", "Save this game under a name (Ctrl+S)", self.action_save_as)
            yield SystemCommand("Leave game", "Back to the title screen; the game is saved",
                                self.action_leave_game)

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- starting games ------------------------------------------------------------

    def at_title(self) -> TitleScreen | None:
        """The title screen when it is the one showing, else None (with a note why nothing happens)."""
        if isinstance(self.screen, TitleScreen):
            return self.screen
        self.notify("Leave the current game first (Escape).", severity="warning")
        return None

    def action_new_game(self) -> None:
        title = self.at_title()
        if title is None:
            return
        entry = title.selected
        if entry is None or entry.scenario is None:
            self.notify("Choose a scenario that loads first.", severity="warning")
            return
        self.set_up(entry.scenario, None, None)

    @work(group="game", exclusive=True)
    async def set_up(self, scenario, seed: int | None, controllers) -> None:
        from game.session import Session
        from game.tui.screens.setup import SetupScreen

        name = f"{scenario.title} {self.clock():%Y-%m-%d %H%M}"
        screen = SetupScreen(scenario, name=name, seed=seed, controllers=controllers,
                             facilitator=self.options.facilitator)
        setup = await self.push_screen_wait(screen)
        if setup is not None:
            session = Session(scenario, setup.seed, setup.controllers, name=setup.name)
            await self.run_game(session, setup.facilitator, None)

    def action_continue_game(self) -> None:
        if self.at_title() is not None:
            self.open_save(None, replay=False)

    def action_load_game(self) -> None:
        if self.at_title() is not None:
            self.choose_save("Load a saved game", replay=False)

    def action_replay_game(self) -> None:
        if self.at_title() is not None:
            self.choose_save("Replay a saved game", replay=True)

    @work(group="game", exclusive=True)
    async def choose_save(self, title: str, *, replay: bool) -> None:
        from game.tui.dialogs.saves import SavesDialog

        path = await self.push_screen_wait(SavesDialog(title, self.options.saves_dir))
        if path is not None:
            await self.open_save_now(path, replay=replay)

    @work(group="game", exclusive=True)
    async def open_save(self, path: Path | None, *, replay: bool) -> None:
        await self.open_save_now(path, replay=replay)

    async def open_save_now(self, path: Path | None, *, replay: bool) -> None:
        """Restore ``path`` (None: the latest save) off the event loop, then play or replay it."""
        from game.tui import storage

        try:
            if path is None:
                latest = await asyncio.to_thread(storage.latest, self.options.saves_dir)
                if latest is None:
                    self.notify(f"No saved game in {self.options.saves_dir}/ yet.", severity="warning")
                    return
                path = Path(latest.path)
            session = await asyncio.to_thread(storage.restore, path)
        except WargameError as error:
            self.notify(str(error), title="Cannot open the save", severity="error", timeout=10)
            return
        if replay:
            await self.replay(session, path)
        else:
            await self.run_game(session, self.options.facilitator, path)

    # -- playing -------------------------------------------------------------------

    @work(group="game", exclusive=True)
    async def play(self, session, facilitator: bool, path: Path | None) -> None:
        await self.run_game(session, facilitator, path)

    async def run_game(self, session, facilitator: bool, path: Path | None) -> None:
        """Play ``session`` to its end screen, then replay or branch as the players choose."""
        from game.tui.playthrough import Playthrough
        from game.tui.screens.end import REPLAY

        self.playthrough = Playthrough(self, session, facilitator=facilitator,
                                       saves_dir=self.options.saves_dir)
        choice = await self.playthrough.run()
        saved_to = self.playthrough.saved_to or path
        self.playthrough = None
        if choice == REPLAY:
            await self.replay(session, saved_to)

    async def replay(self, session, path: Path | None) -> None:
        """Show the replay viewer; a branch from it is played as a new game."""
        from game.tui import storage
        from game.tui.screens.replay import ReplayScreen

        at = await self.push_screen_wait(ReplayScreen(session))
        if at is None:
            return
        try:
            branched = await asyncio.to_thread(storage.branch, session, at, path)
        except WargameError as error:
            self.notify(str(error), title="Cannot branch", severity="error", timeout=10)
            return
        await self.run_game(branched, self.options.facilitator, None)

    def action_save_as(self) -> None:
        if self.playthrough is None:
            self.notify("There is no game to save here.", severity="warning")
            return
        self.save_as(self.playthrough)

    @work(group="save", exclusive=True)
    async def save_as(self, playthrough) -> None:
        from game.saves import SaveConflict
        from game.tui.dialogs.confirm import ConfirmDialog
        from game.tui.dialogs.text_prompt import TextPrompt

        name = await self.push_screen_wait(TextPrompt("Save this game as:", playthrough.session.name))
        if name is None:
            return
        path = self.options.saves_dir / f"{slug(name)}{SAVE_SUFFIX}"
        try:
            await asyncio.to_thread(self.write_save, playthrough.session, path, force=False)
        except SaveConflict as conflict:
            replace = ConfirmDialog("Replace that file?", str(conflict), yes="Replace")
            if not await self.push_screen_wait(replace):
                return
            await asyncio.to_thread(self.write_save, playthrough.session, path, force=True)
        except WargameError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10)
            return
        self.notify(f"Saved to {path}", title="Saved")

    @staticmethod
    def write_save(session, path: Path, *, force: bool) -> None:
        """Write a save (blocking): the folder is made if missing, a failure is a SaveError."""
        from game.saves import SaveError, save_session

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SaveError(str(path.parent), f"cannot create the folder: {error.strerror}") from None
        save_session(session, path, force=force)

    def action_leave_game(self) -> None:
        from game.tui.dialogs.confirm import ConfirmDialog

        detail = "The game is saved after every turn: Continue resumes it at the start of this turn."
        question = ConfirmDialog("Leave this game for the title screen?", detail, yes="Leave", no="Stay")
        self.push_screen(question, lambda sure: self.leave_game() if sure else None)

    def leave_game(self) -> None:
        self.workers.cancel_group(self, "game")
        self.playthrough = None
        while not isinstance(self.screen, TitleScreen):
            self.pop_screen()
