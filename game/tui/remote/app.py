"""The app of one joined link: the connection, the latest view, and the keys every screen shares.

The connection runs in a worker and reconnects by itself; each update the
host sends replaces ``view`` and ``status`` and is handed to the flow (a
seat's or the facilitator's), which decides the screen. The app also keeps
what no single screen owns: the turn's countdown in every screen's title,
notices of messages received and of pauses, and the key that writes a
message (F2).
"""

from __future__ import annotations

import functools
import time
import weakref
from collections.abc import Callable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from game.desk.facilitator_acts import FORMS
from game.net import protocol as p
from game.net.client import Connected, Connection, LinkRefused, Lost, NotConnected, TakenOver
from game.net.links import CLASS, FACILITATOR, Link
from game.presentation.words import and_list
from game.seat_view.model import SeatView
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.message import MessageDialog
from game.tui.remote.console import ConsoleFlow, ConsoleScreen
from game.tui.remote.seat_flow import SeatFlow
from game.tui.screens.backdrop import GameBackdrop
from game.tui.text import notify

MESSAGE_NOTICES = 3
"""More messages than this in one update (a seat back after a drop) are one notice, not one each."""


async def follow(app: App, taken_over: Callable[[str], None], updated: Callable) -> None:
    """Hand ``app.connection``'s happenings on, until the host refuses the link (``app.refusal``, and the app
    closes): connected and lost are told, a take-over goes to ``taken_over``, updates to ``updated``."""
    try:
        while True:
            happening = await app.connection.next()
            if isinstance(happening, Connected):
                notify(app, "Connected to the host.", timeout=3)
            elif isinstance(happening, Lost):
                notify(app, f"Connection lost: {happening.reason}. Trying again\u2026", severity="warning",
                       timeout=min(8, happening.retry_in + 2))
            elif isinstance(happening, TakenOver):
                taken_over(happening.text)
            else:
                updated(happening)
    except LinkRefused as refusal:
        app.refusal = str(refusal)
        app.exit()


def offer_take_back(app: App, text: str, detail: str) -> None:
    """The link was opened on another screen: take it back here (connecting ``app.connection`` again), or
    leave."""
    def chosen(back: bool) -> None:
        if back:
            app.run_worker(app.connection.run(), group="connection")
        else:
            app.exit()
    app.push_screen(ConfirmDialog(text, f"{detail} Take it back here (the other screen will be told), or leave.",
                                  yes="Take it back", no="Leave", default=False), chosen)


def clock_words(status: p.Status, deadline: float | None, connection: Connection) -> str:
    """What a title says after its heading: paused, or the turn's time left; and reconnecting."""
    suffix = ""
    if status.paused:
        suffix = " \u00b7 paused"
    elif deadline is not None:
        left = max(0, int(deadline - time.monotonic() + 0.999))
        suffix = f" \u00b7 {left // 60}:{left % 60:02d} left"
    if not connection.connected:
        suffix += " \u00b7 reconnecting\u2026"
    return suffix


async def answered(connection: Connection, make: Callable[[int], p.Request]) -> str:
    """Send a request and wait: "" once the host has accepted it, else why not (refused, or no link)."""
    try:
        reply = await connection.request(make)
    except NotConnected as error:
        return f"{error}: try again once connected."
    return "" if isinstance(reply, p.Ack) else getattr(reply, "reason", "the host answered otherwise")


class RemoteApp(App[None]):
    CSS_PATH = ["../app.tcss", "../screens/backdrop.tcss"]
    TITLE = "Horizon"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal"), (150, "-wide")]
    BINDINGS = [Binding("f2", "write_message", "Message", tooltip="Write to other seats", id="remote.message")]

    def __init__(self, link: Link) -> None:
        super().__init__()
        self.link = link
        self.connection = Connection(link)
        self.view: SeatView | None = None
        self.status = p.Status()
        self.formulas = False
        """Whether the facilitator's screens show the rules as written (key f)."""
        self.refusal = ""
        """Why the host refused the link, said on the command line after the app closes."""
        self.flow = ConsoleFlow(self) if link.role in (FACILITATOR, CLASS) else SeatFlow(self)
        self._deadline: float | None = None
        self._titles: weakref.WeakKeyDictionary[Screen, str] = weakref.WeakKeyDictionary()

    def get_default_screen(self) -> GameBackdrop:
        return GameBackdrop("Horizon", "")

    def on_mount(self) -> None:
        self.screen.status(f"Connecting to {self.link.base}\u2026")
        self.run_worker(self.connection.run(), group="connection")
        self.run_worker(self._listen(), group="listen")
        self.set_interval(1.0, self._tick)

    async def _listen(self) -> None:
        await follow(self, self._taken_over, lambda update: self._updated(update.view, update.status))

    def _taken_over(self, text: str) -> None:
        """The link was opened on another screen: this one can no longer act; take the seat back, or leave."""
        who = "the facilitator's console" if self.link.role in (FACILITATOR, CLASS) else "this seat"
        if self.link.role in (FACILITATOR, CLASS):  # the host's words speak of a seat
            text = "The facilitator's console was opened on another screen."
        offer_take_back(self, text, f"This screen no longer acts for {who}: the host closed it when the link was "
                                    "opened elsewhere.")

    def _updated(self, view: SeatView, status: p.Status) -> None:
        before, was = self.view, self.status
        self.view, self.status = view, status
        self._deadline = None if status.left is None else time.monotonic() + status.left
        if before is not None:
            self._tell_news(before, was, view, status)
        self.flow.update()
        self._tick()

    def _tell_news(self, before: SeatView, was: p.Status, view: SeatView, status: p.Status) -> None:
        """Notices of what arrived: messages for this seat, a pause, a resume."""
        arrived = [message for message in view.messages[len(before.messages):] if message.sender != self.link.role]
        def sender(message) -> str:
            return "the facilitator" if message.sender == FACILITATOR else view.name(message.sender).name
        if len(arrived) > MESSAGE_NOTICES:  # after a reconnection, say: one notice, not a wall of them
            senders = and_list(list(dict.fromkeys(sender(message) for message in arrived)))
            notify(self, f"From {senders}. The log (l) has them all.", title=f"{len(arrived)} new messages",
                   timeout=12)
            arrived = []
        for message in arrived:
            notify(self, message.text, title=f"Message from {sender(message)}", timeout=12)
        if status.paused != was.paused:
            notify(self, "The facilitator has paused the game." if status.paused else "The game goes on.",
                        severity="warning" if status.paused else "information")

    # -- the turn's countdown in every screen's title --------------------------------------------

    def _tick(self) -> None:
        self._title(self.screen)
        self.flow.settle()

    def retitle(self, screen: Screen, heading: str) -> None:
        """A screen that stays up from turn to turn (the console) gives its new heading."""
        self._titles[screen] = heading
        self._title(screen)

    def _title(self, screen: Screen) -> None:
        base = self._titles.setdefault(screen, screen.sub_title or "")
        screen.sub_title = base + clock_words(self.status, self._deadline, self.connection)

    # -- requests -------------------------------------------------------------------------------

    async def refused(self, make: Callable[[int], p.Request]) -> str:
        """Send a request and wait: "" once the host has accepted it, else why not (refused, or no link)."""
        return await answered(self.connection, make)

    def ask(self, make: Callable[[int], p.Request], done: Callable[[bool], None] | None = None,
            *, said: str = "") -> None:
        """Send a request in a worker; a refusal or a dropped link is told; ``done(accepted)`` follows."""
        async def asking() -> None:
            problem = await self.refused(make)
            if problem:
                notify(self, problem, title="Not done", severity="error", timeout=10)
            elif said:
                notify(self, said, timeout=3)
            if done is not None:
                done(not problem)
        self.run_worker(asking(), group="requests")

    def on_console_screen_ask(self, message: ConsoleScreen.Ask) -> None:
        """The facilitator's console asks the host for something (pause, resume, resolve now)."""
        self.ask(message.make, said=message.said)

    def action_write_message(self) -> None:
        view = self.view
        if view is None or view.over:
            notify(self, "There is no turn open to write in.", severity="warning")
            return
        seats = tuple(seat for seat in view.seats if seat.id != view.seat)
        def send(written: tuple[tuple[str, ...], str] | None) -> None:
            if written is not None:
                recipients, text = written
                names = and_list(view.name(seat).in_sentence() for seat in recipients)
                self.ask(lambda rid: p.SendMessage(rid, recipients, text), said=f"Message sent to {names}.")
        self.push_screen(MessageDialog(seats), send)

    # -- what the game screens' shared keys do here -----------------------------------------------

    def action_leave_game(self) -> None:
        detail = "The host keeps the game (and any order you gave); join again with the same link."
        self.push_screen(ConfirmDialog("Leave this game?", detail, yes="Leave", no="Stay"),
                         lambda sure: self.exit() if sure else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The hot-seat screens' Ctrl+S is not offered: the host keeps the save (the facilitator has it)."""
        return action != "save_as"

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Send a message", "Write to one, several or all seats (F2)", self.action_write_message)
        yield SystemCommand("Leave game", "Close this screen; the host keeps the game", self.action_leave_game)
        if isinstance(screen, ConsoleScreen):
            for form in FORMS.values():
                yield SystemCommand(f"Facilitator: {form.title}",
                                    f"An act of the white cell, with your reason ({form.key} on the console)",
                                    functools.partial(screen.action_act, form.key))
