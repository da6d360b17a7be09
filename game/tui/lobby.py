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
from game.errors import WargameError
from game.saves_folder import folder_shown
from game.tui.text import notify

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
        notify(self.app, str(error), title=title, severity="error", timeout=10)

    async def set_up(self, scenario: Scenario, seed: int | None,
                     controllers: Mapping[str, str] | None) -> None:
        """The setup screen, then the game it sets up (locked with people in it: ``game.desk.setup``)."""
        from game.desk import setup as desk_setup
        from game.tui.screens.setup import SetupScreen

        screen = SetupScreen(scenario, name=desk_setup.default_name(scenario.title, self.clock()), seed=seed,
                             controllers=controllers, facilitator=self.options.facilitator)
        chosen = await self.app.push_screen_wait(screen)
        if chosen is None:
            return
        started = await asyncio.to_thread(desk_setup.start, scenario, chosen)
        await self.begin(started, chosen.facilitator, unlocked=True)

    async def begin(self, started, facilitator: bool, *, unlocked: bool) -> None:
        """A game just set up: its passphrase shown once if Horizon made it, then played (``unlocked``: the
        passphrase was just set or given, so facilitator mode does not ask for it again)."""
        if started.shown_passphrase:
            from game.tui.dialogs.passphrase import PassphraseShown

            await self.app.push_screen_wait(PassphraseShown(started.shown_passphrase))
        await self.play(started.session, facilitator, None, unlocked=unlocked)

    async def unlock(self, session: Session, why: str) -> bool:
        """Whether the facilitator's view of ``session`` may be shown: the one policy (``game.desk.unlock``)
        says no passphrase is needed, or it was given."""
        from game.desk.unlock import asks, passphrase_hint
        from game.tui.dialogs.passphrase import PassphrasePrompt

        if not asks(session.lock, session.over):
            return True
        return await self.app.push_screen_wait(PassphrasePrompt(why, session.lock.opens_with,
                                                                hint=passphrase_hint(session)))

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
                    notify(self.app, f"No saved game in {folder_shown(self.options.saves_dir)} yet.",
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

        Facilitator mode of a locked unfinished game asks for the passphrase first (the game's first step;
        not when it was just set up, ``unlocked``); without it the game goes on with each seat's own screens.
        """
        from game.tui.playthrough import Playthrough
        from game.tui.screens.end import REPLAY

        self.playthrough = Playthrough(self.app, session, facilitator=facilitator,
                                       saves_dir=self.options.saves_dir, path=path, unlocked=unlocked)
        choice = await self.playthrough.run()
        saved_to = self.playthrough.saved_to or path
        self.playthrough = None
        if choice == REPLAY:
            await self.replay(session, saved_to)

    async def replay(self, session: Session, path: Path | None) -> None:
        """The replay viewer; a branch from it is played as a new game (a what-if, with its lock said)."""
        from game.desk.unlock import REPLAY, asks

        opened = asks(session.lock, session.over)
        if opened and not await self.unlock(session, REPLAY):
            return
        from game.desk import setup as desk_setup
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
            branched_lock = branched.lock
            chosen = await self.app.push_screen_wait(SetupScreen(
                session.scenario, name=branched.name, seed=branched.seed, controllers=branched.controllers,
                facilitator=self.options.facilitator, branch_at=at, locked=branched.lock is not None))
            if chosen is not None:
                started = await asyncio.to_thread(desk_setup.start_what_if, branched, chosen)
                await self.begin(started, chosen.facilitator,
                                 unlocked=opened or started.session.lock is not branched_lock)
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
        notify(self.app, f"The game goes on in {path} as \u201c{name}\u201d.", title="Saved")
        return None
