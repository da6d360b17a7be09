"""Which screen a joined seat sees, decided afresh from each view the host sends.

The hot-seat walk (``game.tui.playthrough``) awaits one screen after
another; here the host decides when things happen (others order, the timer
runs out, the facilitator resolves the turn), so the screen follows the
view instead: the briefing until read, last turn's results as soon as the
turn resolves, the seat's turn until its order is in, then the waiting
screen (which shows the pending order, also after a reconnect), and the end.
A screen is replaced only when no dialog is open over it; otherwise the
change waits for the dialog to close (the app settles every second). Once
a screen is dismissed, the next is chosen a moment later: Textual calls the
dismissal's callback before it pops the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from game.net import protocol as p
from game.seat_view.model import SeatView
from game.session import Order
from game.tui.remote.waiting import CHANGE, WaitingScreen
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
        self.started = False
        self.briefed = False
        self.results_seen = 0
        """Turns whose results this seat has been shown."""
        self.sending: Order | None = None
        """An order sent and not yet in a view from the host."""
        self.sending_turn = 0
        self.changing = False
        """The seat asked to choose again (its pending order stands until a new one is in)."""
        self.screen: Screen | None = None
        self.shown: tuple = ()

    def update(self) -> None:
        view = self.app.view
        if not self.started:  # a seat that has ordered has read its briefing and last results before
            self.started = True
            decided = self.seat in view.pending
            self.briefed = view.played > 0 or decided
            self.results_seen = view.played if decided or view.played == 0 else view.played - 1
        if self.sending is not None and (_holds(view, self.sending) or view.turn != self.sending_turn):
            self.sending = None  # the host's view now holds it (or the turn moved on)
        if self.screen is not None and self.wanted(view) == self.shown:
            if isinstance(self.screen, WaitingScreen):
                self.screen.show(view, self.app.status, sending=self.sending is not None)
            elif isinstance(self.screen, TurnScreen):
                self.screen.view = view  # same options; newer messages for its log
            return
        self.settle()

    def wanted(self, view: SeatView) -> tuple:
        """What should show: the end, the briefing, results, waiting or the turn (with its options)."""
        if view.over:
            return ("end",)
        if not self.briefed:
            return ("briefing",)
        if self.results_seen < view.played:
            return ("results", view.played)
        if self.sending is not None or (self.seat in view.pending and not self.changing):
            return ("waiting", view.turn)
        return ("turn", view.turn, view.options.get(self.seat))

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
        if self.shown and self.shown[0] == "turn" and wanted[0] == "turn":
            notify(app, "The situation changed: look again before you decide.", severity="warning")
        if self.screen is not None:
            app.pop_screen()
        self.shown = wanted
        self.screen, done = self._screen(view, wanted[0])
        app.push_screen(self.screen, done)

    def _screen(self, view: SeatView, kind: str):
        if kind == "end":
            return EndScreen(view, session_here=False), lambda choice: self.app.exit()
        if kind == "briefing":
            return BriefingScreen(view), lambda _: self._read(briefed=True)
        if kind == "results":
            return ResolutionScreen(view, view.played), lambda _: self._read(results=view.played)
        if kind == "waiting":
            return WaitingScreen(view, self.app.status, sending=self.sending is not None), self._waited
        return TurnScreen(view, self.seat), lambda order: self._chosen(order, view.turn)

    def _read(self, *, briefed: bool = False, results: int = 0) -> None:
        self.briefed = self.briefed or briefed
        self.results_seen = max(self.results_seen, results)
        self._closed()

    def _waited(self, choice: str) -> None:
        self.changing = choice == CHANGE
        self._closed()

    def _chosen(self, order: Order, turn: int) -> None:
        view = self.app.view
        if view.turn != turn or view.over:
            notify(self.app, f"Too late: turn {turn} has been resolved.", severity="warning")
            self._closed()
            return
        self.sending, self.sending_turn, self.changing = order, turn, False
        self._closed()
        def answered(accepted: bool) -> None:
            if not accepted:  # accepted: the update that shows the order clears ``sending``
                self.sending = None
                self.changing = self.seat not in self.app.view.pending
                self.settle()
        self.app.ask(lambda rid: p.GiveOrder(rid, order.action, order.rationale), answered,
                     said="Your order is in.")

    def _closed(self) -> None:
        """The flow's screen was dismissed: choose the next one once the dismissal is done."""
        self.screen, self.shown = None, ()
        self.app.set_timer(0.05, self.settle)


def _holds(view: SeatView, order: Order) -> bool:
    pending = view.pending.get(order.seat)
    return pending is not None and (pending.action, pending.rationale) == (order.action, order.rationale)
