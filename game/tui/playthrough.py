"""One game walked through its screens: briefings, hand-offs, turns, results, the end.

The walk is written as straight-line code in an async worker, awaiting each
screen's result (``push_screen_wait``), so the order of screens reads as the
rules of hot-seat play: before a human seat sees anything, its hand-off; then
its briefing (first turn) or last turn's results; then its turn. Each order
is given to the session as soon as it is confirmed (so the save holds it, and
Continue resumes mid-turn without asking that seat again). In facilitator
mode each turn opens on the facilitator's console, where the white cell acts
and chooses to play one turn, several, or to the end. Computer seats choose,
and turns resolve, in a thread; the save appends as the session accepts.
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from game.desk import storage
from game.desk.facilitator_acts import FORMS
from game.errors import WargameError
from game.seat_view.build import seat_view
from game.session import Order, Session
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
    hand-offs, with the facilitator's console before each turn (the caller
    has checked the passphrase); a game without human seats is watched the
    same way, without the console.
    """

    def __init__(self, app: App, session: Session, *, facilitator: bool, saves_dir: Path,
                 path: Path | None = None) -> None:
        self.app, self.session = app, session
        self.saves_dir = saves_dir
        self.path = path
        """The file the game was loaded from, which is the one kept up to date (None: a new game)."""
        self.facilitating = facilitator
        """The facilitator's console and acts are open (the passphrase was given, or the game has none)."""
        self.watching = facilitator or not session.humans()
        """Whether one screen sees everything: the facilitator, or spectators of computer seats."""
        self.running = 0
        """Turns the facilitator chose to play before the console opens again (1: this one; N; to the end)."""
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
                await self.play_turn()
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

    async def play_turn(self) -> None:
        """The console (facilitator mode), each human seat that has not ordered yet, the resolution."""
        if self.facilitating and not self.running:
            await self.console()
        for seat in self.session.humans():
            while self.session.pending(seat) is None:
                order = await self.seat_turn(seat)
                if order is None:  # the facilitator went back to the console (Escape): the run stops there
                    self.running = 0
                    await self.console()
                    continue
                await self.give(order)
        await self.resolve()
        self.running = max(0, self.running - 1)
        if self.watching and not self.running:  # a run of turns shows the results of its last
            await self.show(self.resolution(None))

    async def console(self) -> None:
        """The facilitator's console until the facilitator chooses how play goes on."""
        from game.tui.dialogs.text_prompt import TextPrompt
        from game.tui.screens.facilitator import STEPS, TO_THE_END, FacilitatorScreen

        while True:
            how = await self.show(FacilitatorScreen(self.session, self.act, self.peek))
            self.running = 1
            if how == TO_THE_END:
                self.running = self.session.scenario.turns
            elif how == STEPS:
                left = self.session.scenario.turns - self.session.turn + 1
                count = await self.show(TextPrompt(f"How many turns to play (1 to {left})? p pauses.", "5",
                                                   restrict=r"[0-9]*", check=functools.partial(_count_problem,
                                                                                               left=left)))
                if count is None:
                    continue
                self.running = int(count)
            self.backdrop.status("p pauses after the turn being played" if self.running > 1 else "")
            return

    def pause(self) -> None:
        """Stop a run of turns after the one being played (``p`` on any screen of the run)."""
        if self.running > 1:
            self.running = 1
            self.backdrop.status("")
            self.app.notify("Paused: the console opens after this turn.")
            self.app.screen.refresh_bindings()

    def back_to_console(self) -> None:
        """From a seat's turn in facilitator mode, back to the console now (Escape): any run stops; the
        turn waits, with the orders given so far."""
        from game.tui.screens.turn import TurnScreen

        self.running = 0
        self.backdrop.status("")
        screen = self.app.screen
        if isinstance(screen, TurnScreen):
            screen.dismiss(None)

    def act(self, key: str, console) -> None:
        """Open the form of one of the facilitator's acts (from the console or the palette); apply it."""
        self.app.run_worker(self._act(key, console), group="act", exclusive=True)

    async def _act(self, key: str, console) -> None:
        from game.tui.dialogs.act_form import ActFormDialog

        if not self.session.over:
            await self.show(ActFormDialog(FORMS[key], seat_view(self.session, None), self.take))

    async def take(self, act) -> str:
        """Give an act of the facilitator's to the session: "" once done, or why it was refused."""
        try:
            withdrawn = await self.saving(self.session.intervene, act)
        except WargameError as error:
            return str(error)
        if withdrawn:
            names = ", ".join(self.session.scenario.actor_name(seat) for seat in withdrawn)
            self.app.notify(f"No longer possible, so withdrawn: the order of {names} (asked again).")
        from game.tui.screens.facilitator import FacilitatorScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, FacilitatorScreen):
                screen.refresh_turn()
        return ""

    def peek(self, console) -> None:
        """What a seat sees now, chosen from a list: its results and situation, as its own screen shows them."""
        self.app.run_worker(self._peek(), group="act", exclusive=True)

    async def _peek(self) -> None:
        from game.tui.dialogs.seat_choice import SeatChoice

        scenario = self.session.scenario
        seat = await self.show(SeatChoice("Whose view?", [(scenario.actor_name(s), s) for s in scenario.seats]))
        if seat is None:
            return
        view = seat_view(self.session, seat)
        await self.show(BriefingScreen(view) if not view.played else self.resolution(seat))

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

    async def give(self, order: Order) -> None:
        """Give a seat's order to the session (and so to its save) off the event loop."""
        await self.saving(self.session.submit, order)

    async def resolve(self) -> None:
        """Resolve the turn off the event loop (computer seats choose there too); the save appends it."""
        self.backdrop.status(f"Resolving turn {self.session.state.turn}\u2026")
        await self.saving(self.session.resolve)

    async def saving(self, accept, *args):
        """Run ``accept`` in a thread; if the save refuses it (a full disk), go on unsaved and say so."""
        try:
            return await asyncio.to_thread(accept, *args)
        except storage.SaveError as error:
            self.app.notify(f"Autosave failed: {error}. The game goes on unsaved: use Save as.",
                            severity="error", timeout=12)
            self.let_go()
            return await asyncio.to_thread(accept, *args)

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


def _count_problem(text: str, left: int) -> str:
    if not text.isdigit() or not 1 <= int(text) <= left:
        return f"Give a number from 1 to {left}."
    return ""
