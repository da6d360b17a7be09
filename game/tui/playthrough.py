"""One game at this screen, drawn step by step: the desk decides the order, this module draws each step.

The walk is straight-line code in an async worker: ask the game
(``game.desk.local_game.LocalGame``) for its next step, push the screen that
shows it and await its result (``push_screen_wait``), report the result back.
Which screen comes next -- hand-offs, briefings, results, decisions, the
facilitator's console, the results a facilitator reads -- is never decided
here. Orders, acts and resolutions go to the game off the event loop (the save
appends as the session accepts; computer seats choose there); screens are
handed ``SeatView``\\ s, never the live session.
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from game.desk.facilitator_acts import FORMS
from game.desk.local_game import LocalGame
from game.desk.steps import (
    Argue,
    Beliefs,
    Briefing,
    Console,
    Counter,
    Decide,
    End,
    HandOff,
    Resolve,
    Results,
    Rule,
    Step,
    Unlock,
)
from game.errors import WargameError
from game.session import Session
from game.tui.screens.backdrop import GameBackdrop
from game.tui.screens.beliefs import BeliefsScreen
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.debrief import DebriefScreen, export_debrief
from game.tui.screens.end import DEBRIEF, EXPORT, EndScreen
from game.tui.screens.handoff import HandOffScreen
from game.tui.screens.resolution import ResolutionScreen
from game.tui.screens.turn import TurnScreen
from game.tui.text import notify
from game.whole_numbers import NotAWholeNumber, parse_whole

if TYPE_CHECKING:
    from textual.app import App

    from game.engine.interventions import Intervention


class Playthrough:
    """``session`` drawn at this screen; ``facilitator`` asks for facilitator mode (see ``LocalGame``)."""

    def __init__(self, app: App, session: Session, *, facilitator: bool, saves_dir: Path,
                 path: Path | None = None, unlocked: bool = False) -> None:
        self.app, self.session = app, session
        self.saves_dir = saves_dir
        self.game = LocalGame(session, facilitator=facilitator, saves_dir=saves_dir, path=path, unlocked=unlocked)
        self.backdrop = GameBackdrop(session.scenario.title, session.name)
        self.console_screen = None
        """The facilitator's console while it shows: an act redraws it with the game's new view."""

    @property
    def facilitating(self) -> bool:
        """The facilitator's console and acts are open (the passphrase was given, or the game has none)."""
        return self.game.mode.facilitator

    @property
    def watching(self) -> bool:
        return self.game.mode.watching

    @property
    def saved_to(self) -> Path | None:
        return self.game.saved_to

    async def show(self, screen: Screen) -> Any:
        return await self.app.push_screen_wait(screen)

    def tell(self, notice: str, **options) -> None:
        if notice:
            notify(self.app, notice, **({"severity": "error", "timeout": 12} | options))

    async def run(self) -> str:
        """Play until the game ends; returns the end screen's choice."""
        await self.app.push_screen(self.backdrop)
        self.tell(await asyncio.to_thread(self.game.start))
        try:
            while not isinstance(step := self.game.next_step(), End):
                await self.draw(step)
            from game.analysis.report import debrief_markdown  # the analysis machinery only once a game ends

            while (choice := await self.show(EndScreen(self.game.view_for(step),
                                                       formulas_allowed=self.watching))) in (DEBRIEF, EXPORT):
                if choice == DEBRIEF:
                    await self.show(DebriefScreen(self.session, debrief_markdown, self.saves_dir))
                else:
                    await asyncio.to_thread(export_debrief, self.app, self.session,
                                            debrief_markdown(self.session), self.saves_dir)
        finally:
            self.game.let_go()
        await self.app.pop_screen()
        return choice

    async def draw(self, step: Step) -> None:
        """Show one step and report what came of it."""
        game = self.game
        if isinstance(step, Unlock):
            from game.desk.unlock import passphrase_hint
            from game.tui.dialogs.passphrase import PassphrasePrompt

            opened = await self.show(PassphrasePrompt(step.why, game.opens, hint=passphrase_hint(self.session)))
            self.tell(game.unlocked(opened), severity="warning", timeout=8)
        elif isinstance(step, Console):
            await self.console()
        elif isinstance(step, HandOff):
            self.app.clear_notifications()  # one seat's notes are not for the next
            self.backdrop.status("Waiting for the next player\u2026")
            await self.show(HandOffScreen(game.view(step.seat).name(step.seat), step.turn,
                                          over=self.session.over))
            game.saw(step)
        elif isinstance(step, Beliefs):
            prompts = await asyncio.to_thread(game.prompts, step.seat)
            answers = await self.show(BeliefsScreen(game.view(step.viewer).name(step.seat), prompts,
                                                    facilitator=step.viewer is None))
            self.tell(await asyncio.to_thread(game.believe, step.seat, answers or {}))
            game.saw(step)
        elif isinstance(step, Briefing):
            await self.show(BriefingScreen(game.view_for(step)))
            game.saw(step)
        elif isinstance(step, Results):
            await self.show(self.results(step))
            game.saw(step)
        elif isinstance(step, Decide):  # a withdrawn order is said on the turn screen (SeatView.withdrawn)
            view = await asyncio.to_thread(game.view_for, step)
            order = await self.show(TurnScreen(view, step.seat, formulas_allowed=self.watching))
            if order is None:  # the facilitator went back to the console (Escape): the turn waits
                game.to_console()
                return
            self.tell(await asyncio.to_thread(game.give, order))
        elif isinstance(step, Counter | Argue):
            await self.arguing(step)
        elif isinstance(step, Rule):
            await self.rule(step)
        elif isinstance(step, Resolve):
            self.backdrop.status(f"Resolving turn {step.turn}\u2026")
            self.tell(await asyncio.to_thread(game.resolve))
            self.backdrop.status("")

    async def arguing(self, step: Counter | Argue) -> None:
        """A seat counters the others' argued moves, or argues one of its own (or passes)."""
        from game.tui.screens.argued import ArgueScreen, CounterScreen

        game = self.game
        view = await asyncio.to_thread(game.view_for, step)
        facilitator = step.viewer is None
        if isinstance(step, Counter):
            async def counter(move: str, text: str) -> str:
                return await self.taken(game.counter, step.seat, move, text)
            await self.show(CounterScreen(view, step.seat, step.moves, counter, facilitator=facilitator))
            game.saw(step)
            return
        left = view.arguing.left if view.arguing is not None else 0
        async def argue(argument) -> str:
            return await self.taken(game.argue, argument)
        argued = await self.show(ArgueScreen(view, step.seat, argue, facilitator=facilitator))
        if argued is None or left <= 1:
            game.saw(step)  # a seat that may argue another is offered again

    async def taken(self, change, *args) -> str:
        """Give a seat's words to the game: "" once taken (what the save says is told), or why refused."""
        try:
            self.tell(await asyncio.to_thread(change, *args))
        except WargameError as error:
            return str(error)
        return ""

    async def rule(self, step: Rule) -> None:
        """The white cell rules on the turn's argued moves, one form each; one it leaves lapses."""
        from game.tui.dialogs.act_form import ActFormDialog

        while (view := await asyncio.to_thread(self.game.view, None)).argued and \
                any(not move.ruled for move in view.argued):
            if await self.show(ActFormDialog(FORMS["a"], view, self.take)) is None:
                break
        self.game.saw(step)

    def results(self, step: Results) -> ResolutionScreen:
        """``step.turn``'s results as its viewer (None: the facilitator) may know them."""
        return ResolutionScreen(self.game.view_for(step), step.turn, formulas_allowed=self.watching)

    async def console(self) -> None:
        """The facilitator's console until the facilitator chooses how play goes on."""
        from game.tui.dialogs.text_prompt import TextPrompt
        from game.tui.screens.facilitator import STEPS, TO_THE_END, FacilitatorScreen

        while True:
            self.backdrop.status("The console is being prepared: computer seats choose\u2026")
            self.console_screen = FacilitatorScreen(await asyncio.to_thread(self.game.view, None))
            self.backdrop.status("")
            how = await self.show(self.console_screen)
            self.console_screen = None
            left = self.game.turns_left()
            turns = 1
            if how == TO_THE_END:
                turns = left
            elif how == STEPS:
                count = await self.show(TextPrompt(f"How many turns to play (1 to {left})? p pauses.", "5",
                                                   restrict=r"[0-9]*",
                                                   check=functools.partial(_count_problem, left=left)))
                if count is None:
                    continue
                turns = int(count)
            self.game.play_on(turns)
            self.backdrop.status("p pauses after the turn being played" if turns > 1 else "")
            return

    @property
    def running(self) -> int:
        """Turns the facilitator chose to play before the console opens again (more than 1: a run)."""
        return self.game.running

    def pause(self) -> None:
        """Stop a run of turns after the one being played (``p`` on any screen of the run)."""
        if self.game.pause():
            self.backdrop.status("")
            notify(self.app, "Paused: the console opens after this turn.")
            self.app.screen.refresh_bindings()

    def back_to_console(self) -> None:
        """From a seat's turn in facilitator mode, back to the console now (Escape): a run stops; the turn
        waits, with the orders given so far."""
        from game.tui.screens.turn import TurnScreen

        self.backdrop.status("")
        if isinstance(self.app.screen, TurnScreen):
            self.app.screen.dismiss(None)

    def act(self, key: str) -> None:
        """Open the form of one of the facilitator's acts (from the console or the palette); apply it."""
        self.app.run_worker(functools.partial(self._act, key), group="act", exclusive=True)

    async def _act(self, key: str) -> None:
        from game.tui.dialogs.act_form import ActFormDialog

        if not self.session.over:
            await self.show(ActFormDialog(FORMS[key], await asyncio.to_thread(self.game.view, None), self.take))

    async def take(self, act: Intervention) -> str:
        """Give an act of the facilitator's to the game: "" once done, or why it was refused."""
        try:
            taken = await asyncio.to_thread(self.game.act, act)
        except WargameError as error:
            return str(error)
        self.tell(taken.notice)
        if taken.withdrawn:
            notify(self.app, f"No longer possible, so withdrawn: the order of {', '.join(taken.withdrawn)} "
                            "(asked again).")
        if self.console_screen is not None:
            self.console_screen.show(await asyncio.to_thread(self.game.view, None))
        return ""

    def peek(self) -> None:
        """What a seat sees now, chosen from a list: its results and situation, as its own screen shows them."""
        self.app.run_worker(self._peek, group="act", exclusive=True)

    async def _peek(self) -> None:
        from game.tui.dialogs.seat_choice import SeatChoice

        view = self.game.view(None)
        seat = await self.show(SeatChoice("Whose view?", [(seat.name, seat.id) for seat in view.seats]))
        if seat is None:
            return
        step = self.game.peek(seat)
        screen = self.results(step) if isinstance(step, Results) else BriefingScreen(self.game.view_for(step))
        await self.show(screen)

    async def save_as(self, name: str, path: Path, *, force: bool = False) -> None:
        """Go on in ``path`` under ``name``; the file kept until now stays as it was (see storage.save_as)."""
        await asyncio.to_thread(self.game.save_as, name, path, force=force)
        self.backdrop.sub_title = name


def _count_problem(text: str, left: int) -> str:
    try:
        parse_whole(text, 1, left)
    except NotAWholeNumber:
        return f"Give a number from 1 to {left}."
    return ""
