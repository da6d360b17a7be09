"""Between the title screen and a game: setting one up, resuming or replaying a save, saving as.

Each flow is a coroutine the app runs as its one "game" worker (starting
another cancels it), so it reads top to bottom: ask on a screen, load or save
off the event loop, then play. Screens are imported when a flow first needs
them, never before the first frame.
"""

from __future__ import annotations

import asyncio
import datetime
import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from game.desk.launch import LaunchOptions
from game.desk.setup import default_name
from game.errors import WargameError
from game.saves_folder import folder_shown

if TYPE_CHECKING:
    from textual.app import App

    from game.engine.model import Scenario
    from game.saves import SaveConflict
    from game.session import Session
    from game.tui.playthrough import Playthrough

class Lobby:
    """The game flows of ``app``, with what the command line chose and where dates come from."""

    def __init__(self, app: App, options: LaunchOptions, clock: Callable[[], datetime.datetime]) -> None:
        self.app, self.options, self.clock = app, options, clock
        self.playthrough: Playthrough | None = None
        """The game being played, if any."""

    def notify_error(self, title: str, error: WargameError) -> None:
        self.app.notify(str(error), title=title, severity="error", timeout=10)

    async def set_up(self, scenario: Scenario, seed: int | None,
                     controllers: Mapping[str, str] | None) -> None:
        """The setup screen, then the game it sets up."""
        from game.session import HUMAN, Session
        from game.tui.screens.setup import SetupScreen

        name = default_name(scenario.title, self.clock())
        screen = SetupScreen(scenario, name=name, seed=seed, controllers=controllers,
                             facilitator=self.options.facilitator)
        setup = await self.app.push_screen_wait(screen)
        if setup is None:
            return
        lock = None
        if HUMAN in setup.controllers.values():  # people in the seats: the facilitator's view is locked
            from game.lock import generate_passphrase, make_lock
            from game.tui.dialogs.passphrase import PassphraseShown

            passphrase = setup.passphrase or generate_passphrase()
            lock = await asyncio.to_thread(make_lock, passphrase)
            if not setup.passphrase:
                await self.app.push_screen_wait(PassphraseShown(passphrase))
        session = Session(scenario, setup.seed, setup.controllers, name=setup.name, lock=lock)
        await self.play(session, setup.facilitator, None, unlocked=True)

    async def unlock(self, session: Session, why: str) -> bool:
        """Whether the facilitator's view of ``session`` may be shown: no lock needed, or the passphrase given."""
        from game.lock import guards
        from game.tui.dialogs.passphrase import PassphrasePrompt

        if not guards(session.lock, session.over):
            return True
        return await self.app.push_screen_wait(PassphrasePrompt(why, session.lock.opens_with))

    async def choose_save(self, title: str, *, replay: bool) -> None:
        """The saves list, then the chosen save played on or replayed."""
        from game.tui.dialogs.saves import SavesDialog

        path = await self.app.push_screen_wait(SavesDialog(title, self.options.saves_dir))
        if path is not None:
            await self.open_save(path, replay=replay)

    async def open_save(self, path: Path | None, *, replay: bool) -> None:
        """Restore ``path`` (None: the latest save) off the event loop, then play or replay it."""
        from game.desk import storage

        try:
            if path is None:
                latest = await asyncio.to_thread(storage.latest, self.options.saves_dir)
                if latest is None:
                    self.app.notify(f"No saved game in {folder_shown(self.options.saves_dir)} yet.",
                                    severity="warning")
                    return
                path = Path(latest.path)
            session = await asyncio.to_thread(storage.restore, path)
        except WargameError as error:
            self.notify_error("Cannot open the save", error)
            return
        if replay:
            await self.replay(session, path)
        else:
            await self.play(session, self.options.facilitator, path)

    async def play(self, session: Session, facilitator: bool, path: Path | None, *, unlocked: bool = False) -> None:
        """Play ``session`` (saved at ``path``, if it was) to its end screen, then replay it if asked.

        Facilitator mode needs the passphrase of a locked unfinished game (not when it was just set
        up, ``unlocked``); without it the game goes on with each seat's own screens.
        """
        from game.tui.playthrough import Playthrough
        from game.tui.screens.end import REPLAY

        if facilitator and not unlocked and not await self.unlock(
                session, "This game is locked: facilitator mode shows every seat's secrets."):
            self.app.notify("Without the passphrase the game goes on with each seat's own screens.",
                            severity="warning", timeout=8)
            facilitator = False

        self.playthrough = Playthrough(self.app, session, facilitator=facilitator,
                                       saves_dir=self.options.saves_dir, path=path)
        choice = await self.playthrough.run()
        saved_to = self.playthrough.saved_to or path
        self.playthrough = None
        if choice == REPLAY:
            await self.replay(session, saved_to)

    async def replay(self, session: Session, path: Path | None) -> None:
        """The replay viewer; a branch from it is played as a new game."""
        if not await self.unlock(session, "This game is not over: its replay, as any seat, shows what the "
                                          "seats keep from each other. The facilitator's passphrase opens it."):
            return
        from game.desk import storage
        from game.seat_view.build import seat_view
        from game.tui.screens.replay import ReplayScreen
        from game.tui.screens.setup import SetupScreen

        while True:
            screen = ReplayScreen(functools.partial(seat_view, session), len(session.turns),
                                  formulas_allowed=self.options.facilitator)
            at = await self.app.push_screen_wait(screen)
            if at is None:
                return
            try:
                branched = await asyncio.to_thread(storage.branch, session, at, path)
            except WargameError as error:
                self.notify_error("Cannot branch", error)
                continue
            setup = await self.app.push_screen_wait(SetupScreen(
                session.scenario, name=branched.name, seed=branched.seed, controllers=branched.controllers,
                facilitator=self.options.facilitator, branch_at=at))
            if setup is not None:
                branched.change_seats(setup.controllers)
                if setup.name != branched.name:
                    branched.rename(setup.name)
                await self.play(branched, setup.facilitator, None)
                return

    async def save_as(self, playthrough: Playthrough) -> None:
        """Ask for a name; the game goes on in a file of that name (replacing another game's is asked first)."""
        from game.desk import storage
        from game.tui.dialogs.confirm import ConfirmDialog
        from game.tui.dialogs.text_prompt import TextPrompt

        name = await self.app.push_screen_wait(TextPrompt("Save this game as:", playthrough.session.name))
        if name is None:
            return
        path = storage.save_path(self.options.saves_dir, name)
        conflict = await self.try_save(playthrough, name, path, force=False)
        if conflict and await self.app.push_screen_wait(ConfirmDialog("Replace that file?", str(conflict),
                                                                      yes="Replace", no="Keep it", default=False)):
            await self.try_save(playthrough, name, path, force=True)

    async def try_save(self, playthrough: Playthrough, name: str, path: Path, *,
                       force: bool) -> SaveConflict | None:
        """Save off the event loop; a conflict is returned to ask about, other failures are told."""
        from game.desk import storage

        try:
            await playthrough.save_as(name, path, force=force)
        except storage.SaveConflict as conflict:
            return conflict
        except WargameError as error:
            self.notify_error("Not saved", error)
            return None
        self.app.notify(f"The game goes on in {path} as \u201c{name}\u201d.", title="Saved")
        return None
