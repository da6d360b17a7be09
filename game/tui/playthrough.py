"""One game walked through its screens: briefings, hand-offs, turns, results, the end.

The walk is written as straight-line code in an async worker, awaiting each
screen's result (``push_screen_wait``), so the order of screens reads as the
rules of hot-seat play: before a human seat sees anything, its hand-off; then
its briefing (first turn) or last turn's results; then its turn. Computer
seats choose, and turns resolve, in a thread; saves are written in a thread.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from game.errors import WargameError
from game.seat_view.build import seat_view
from game.session import Order, Session
from game.tui import storage
from game.tui.screens.backdrop import GameBackdrop
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.debrief import DebriefScreen, export_debrief
from game.tui.screens.end import DEBRIEF, EXPORT, EndScreen
from game.tui.screens.handoff import HandOffScreen
from game.tui.screens.resolution import ResolutionScreen
from game.tui.screens.turn import TurnScreen

if TYPE_CHECKING:
    from textual.app import App


class Playthrough:
    """A session being played, and how its screens are shown.

    ``facilitator`` shows every screen in the facilitator's view with no
    hand-offs; a game without human seats is watched the same way.
    """

    def __init__(self, app: App, session: Session, *, facilitator: bool, saves_dir: Path,
                 path: Path | None = None) -> None:
        self.app, self.session = app, session
        self.saves_dir = saves_dir
        self.path = path
        """The file the game was loaded from, which is the one kept up to date (None: a new game)."""
        self.watching = facilitator or not session.humans()
        """Whether one screen sees everything: the facilitator, or spectators of computer seats."""
        self.hot_seat = not self.watching and len(session.humans()) > 1
        self.backdrop = GameBackdrop(session.scenario.title, session.name)
        self.keeper: storage.SaveFile | None = None
        """The save this game is kept in, every event appended as it is accepted."""

    async def show(self, screen: Screen) -> Any:
        return await self.app.push_screen_wait(screen)

    async def run(self) -> str:
        """Play until the game ends; returns the end screen's choice."""
        await self.app.push_screen(self.backdrop)
        await self.keep()
        try:
            while not self.session.over:
                orders = {seat: await self.seat_turn(seat) for seat in self.session.humans()}
                await self.resolve(orders)
                if self.watching:
                    await self.show(self.resolution(None))
            from game.analysis.report import debrief_markdown  # the analysis machinery only once a game ends

            while (choice := await self.show(EndScreen(seat_view(self.session, None),
                                                       formulas_allowed=self.watching))) in (DEBRIEF, EXPORT):
                if choice == DEBRIEF:
                    await self.show(DebriefScreen(self.session, debrief_markdown, self.saves_dir))
                else:
                    await asyncio.to_thread(export_debrief, self.app, self.session,
                                            debrief_markdown(self.session), self.saves_dir)
        finally:
            self.let_go()
        await self.app.pop_screen()
        return choice

    @property
    def saved_to(self) -> Path | None:
        """Where the game is saved, if it is."""
        return self.keeper.path if self.keeper is not None else self.path

    async def seat_turn(self, seat: str) -> Order:
        """The hand-off, then the briefing or last turn's results, then the seat's turn."""
        viewer = None if self.watching else seat
        view = seat_view(self.session, viewer)
        if self.hot_seat:
            self.app.clear_notifications()  # one seat's notes are not for the next
            self.backdrop.status("Waiting for the next player\u2026")
            await self.show(HandOffScreen(view.name(seat), view.turn))
        if not self.watching:
            await self.show(BriefingScreen(view) if not view.played else self.resolution(seat))
        return await self.show(TurnScreen(view, seat, formulas_allowed=self.watching))

    def resolution(self, viewer: str | None) -> ResolutionScreen:
        """Last turn's results as ``viewer`` (None: the facilitator) may know them."""
        view = seat_view(self.session, viewer)
        return ResolutionScreen(view, view.played, formulas_allowed=self.watching)

    async def resolve(self, orders: dict[str, Order]) -> None:
        """Resolve the turn off the event loop (computer seats choose there too); the save appends it."""
        self.backdrop.status(f"Resolving turn {self.session.state.turn}\u2026")
        try:
            await asyncio.to_thread(self.session.play_turn, orders)
        except storage.SaveError as error:
            self.app.notify(f"Autosave failed: {error}. The game goes on unsaved: use Save as.",
                            severity="error", timeout=12)
            self.let_go()
            await asyncio.to_thread(self.session.play_turn, orders)

    async def keep(self) -> None:
        """Start keeping the game in its save; if that fails the game is played unsaved, and told so."""
        try:
            self.keeper = await asyncio.to_thread(storage.keep, self.session, self.saves_dir, self.path)
        except WargameError as error:
            self.app.notify(f"Autosave failed: {error}", severity="error", timeout=8)

    async def save_as(self, name: str, path: Path, *, force: bool = False) -> None:
        """Go on in ``path`` under ``name``; the file kept until now stays as it was (see storage.save_as)."""
        kept, self.keeper = self.keeper, None
        try:
            self.keeper = await asyncio.to_thread(storage.save_as, self.session, name, path, kept, force=force)
        except WargameError:
            if kept is not None:
                await self.keep()  # back in the file it was kept in
            raise
        self.path = path
        self.backdrop.sub_title = name

    def let_go(self) -> None:
        """Stop keeping the save (when the game ends, is left, or its save failed)."""
        if self.keeper is not None:
            self.keeper.release()
            self.path, self.keeper = self.keeper.path, None
