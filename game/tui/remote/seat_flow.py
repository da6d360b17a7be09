"""A joined seat's screens: the desk's steps for one seat (``game.desk.steps.seat_step``), from each view.

Here the host decides when things happen (others order, the timer runs out,
the facilitator resolves the turn), so the step is asked for afresh from each
view the host sends: the briefing until read, last turn's results as soon as
the turn resolves, what it believes when the scenario asks (its answers go to
the host, which journals them), the seat's decision until its order is in,
then waiting (which shows the pending order, also after a reconnect), and the
end -- the same order as a hot-seat seat's, decided in one place. This module
only draws each step and reports what the seat did with it.
A screen is replaced only when no dialog is open over it; otherwise the
change waits for the dialog to close (the app settles every second). Once
a screen is dismissed, the next is chosen a moment later: Textual calls the
dismissal's callback before it pops the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from game.desk.steps import (
    Argue,
    Beliefs,
    Briefing,
    Counter,
    Decide,
    End,
    Facts,
    Results,
    Seen,
    Step,
    Waiting,
    seat_saw,
    seat_step,
    showing,
)
from game.net import protocol as p
from game.seat_view.model import SeatView
from game.session import Order
from game.tui.remote.waiting import CHANGE, WaitingScreen
from game.tui.screens.argued import ArgueScreen, CounterScreen
from game.tui.screens.beliefs import BeliefsScreen
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.end import EndScreen
from game.tui.screens.resolution import ResolutionScreen
from game.tui.screens.turn import TurnScreen
from game.tui.text import notify

if TYPE_CHECKING:
    from game.tui.remote.app import RemoteApp


class SeatFlow:
    def __init__(self, app: RemoteApp) -> None:
        self.app = app
        self.seat = app.link.role
        self.seen: Seen | None = None
        """What this seat's screens have shown it (met at the first view)."""
        self.sending: Order | None = None
        """An order sent and not yet in a view from the host."""
        self.sending_turn = 0
        self.screen: Screen | None = None
        self.shown: Step | None = None

    def update(self) -> None:
        view = self.app.view
        if self.seen is None:  # a seat that has ordered has read its briefing and last results before
            self.seen = Seen.arriving(Facts.of_view(view), self.seat)
        if self.sending is not None and (_holds(view, self.sending) or view.turn != self.sending_turn):
            self.sending = None  # the host's view now holds it (or the turn moved on)
            self.seen.sending = False
        if self.screen is not None and self.wanted(view) == self.shown:
            if isinstance(self.screen, WaitingScreen):
                self.screen.show(view, self.app.status, sending=self.sending is not None)
            elif isinstance(self.screen, TurnScreen):
                self.screen.view = view  # same options; newer messages for its log
            return
        self.settle()

    def wanted(self, view: SeatView) -> Step:
        """The desk's next step for this seat (a decision with its options: new options redraw it)."""
        step = seat_step(Facts.of_view(view), self.seat, self.seen)
        return (step, view.options.get(self.seat)) if isinstance(step, Decide) else step

    def settle(self) -> None:
        """Show the wanted screen, unless a dialog is open over the current one (the app retries each second)."""
        app, view = self.app, self.app.view
        if view is None or app.screen is not (self.screen or app.screen_stack[0]):
            return
        if self.screen is not None and not self.screen.is_mounted:
            return  # popping a screen still mounting trips Textual's Header
        wanted = self.wanted(view)
        if wanted == self.shown and self.screen is not None:
            return
        if isinstance(self.shown, Counter) and isinstance(wanted, Counter) and self.screen is not None:
            return  # more moves to counter: offered once this screen is done, nothing typed lost
        if isinstance(self.shown, tuple) and isinstance(wanted, tuple):
            notify(app, "The situation changed: look again before you decide.", severity="warning")
        if self.screen is not None:
            app.pop_screen()
        self.shown = wanted
        self.screen, done = self._screen(view, wanted[0] if isinstance(wanted, tuple) else wanted)
        app.push_screen(self.screen, done)

    def _screen(self, view: SeatView, step: Step):
        if isinstance(step, End):
            return EndScreen(view, session_here=False), lambda choice: self.app.exit()
        if isinstance(step, Briefing | Results):
            return (BriefingScreen(view) if isinstance(step, Briefing) else ResolutionScreen(view, step.turn),
                    lambda _: self._read(step))
        if isinstance(step, Waiting):
            return WaitingScreen(view, self.app.status, sending=self.sending is not None), self._waited
        if isinstance(step, Beliefs):
            return BeliefsScreen(view.name(self.seat), view.beliefs), lambda answers: self._believed(step, answers)
        if isinstance(step, Counter):
            def counter(move: str, text: str):
                return self.app.refused(lambda rid: p.CounterMove(rid, move, text))
            return CounterScreen(view, self.seat, step.moves, counter), lambda _: self._read(step)
        if isinstance(step, Argue):
            left = view.arguing.left if view.arguing is not None else 0
            def argue(argument):
                return self.app.refused(lambda rid: p.ArgueMove(rid, argument.statement, argument.wants,
                                                                argument.reasons, argument.secret))
            self.seen = showing(self.seen, step)  # a move argued meanwhile waits: the screen stays the seat's
            return ArgueScreen(view, self.seat, argue), lambda argued: self._argued(step, argued, left)
        self.seen = showing(self.seen, step)
        return TurnScreen(view, self.seat), lambda order: self._chosen(order, view.turn)

    def _read(self, step: Step) -> None:
        self.seen = seat_saw(self.seen, step)
        self._closed()

    def _believed(self, step: Beliefs, answers: dict[str, int] | None) -> None:
        """Send each answer (the host journals it before it says yes); the seat is not asked again this turn."""
        for belief, choice in (answers or {}).items():
            self.app.ask(lambda rid, belief=belief, choice=choice: p.Believe(rid, belief, choice))
        if answers:
            notify(self.app, "Your answers are in: secret until the debrief.", timeout=3)
        self._read(step)

    def _argued(self, step: Argue, argued, left: int) -> None:
        """Argued (the host took it) or passed: offered again only when it may argue another this turn."""
        if argued is not None:
            notify(self.app, "Your argued move is in: the white cell will rule on it.", timeout=4)
        if argued is None or left <= 1:
            self.seen = seat_saw(self.seen, step)
        self._closed()

    def _waited(self, choice: str) -> None:
        self.seen.changing = choice == CHANGE
        self._closed()

    def _chosen(self, order: Order, turn: int) -> None:
        view = self.app.view
        if view.turn != turn or view.over:
            notify(self.app, f"Too late: turn {turn} has been resolved.", severity="warning")
            self._closed()
            return
        self.sending, self.sending_turn = order, turn
        self.seen.sending, self.seen.changing = True, False
        self._closed()
        def answered(accepted: bool) -> None:
            if not accepted:  # accepted: the update that shows the order clears ``sending``
                self.sending = None
                self.seen.sending = False
                self.seen.changing = self.seat not in self.app.view.pending
                self.settle()
        self.app.ask(lambda rid: p.GiveOrder(rid, order.action, order.rationale), answered,
                     said="Your order is in.")

    def _closed(self) -> None:
        """The flow's screen was dismissed: choose the next one once the dismissal is done."""
        self.screen, self.shown = None, None
        self.app.set_timer(0.05, self.settle)


def _holds(view: SeatView, order: Order) -> bool:
    pending = view.pending.get(order.seat)
    return pending is not None and (pending.action, pending.rationale) == (order.action, order.rationale)
