"""The app of the class link: every table on one screen, acts on many tables, any table's console in one key.

The class connection brings the whole class, then each table's row as it
changes (``game.net.classroom``); the app keeps them and the tables'
countdowns, and draws them on the :class:`ClassScreen`. An act (pause,
continue, resolve now, the timer, an inject, a message) goes to the marked
tables, or to every table still playing, as one request the host carries out
at each table as that table's facilitator's console would (each table's
journal has it); each table's answer comes back, and refusals are told.

Enter opens the table under the cursor on its own console: a second
connection, by the class link's own link to that game (``links.CLASS``: it
never takes over the screen of the table's facilitator), drawing the
networked console's screen (``console.py``) over the class. Escape comes
back to the class. The app offers the console screen what a joined
facilitator's app does (``retitle``, ``refused``, the ``Ask`` messages, F2).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable

from attrs import evolve
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker

from game.desk.facilitator_acts import FORMS
from game.engine.interventions import Intervention
from game.net import protocol as p
from game.net.class_view import ClassInfo, TableRow
from game.net.client import ClassUpdated, Connection, LinkRefused, Lost, NotConnected, TakenOver, Updated
from game.net.links import Link
from game.net.turn_timer import duration_words, parse_duration
from game.tui.dialogs.act_form import ActFormDialog
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.message import MessageDialog
from game.tui.dialogs.text_prompt import TextPrompt
from game.tui.remote.app import answered, clock_words, follow, offer_take_back
from game.tui.remote.class_screen import ClassScreen, tables_words
from game.tui.remote.console import NO_TIMER, ConsoleScreen, timer_problem
from game.tui.screens.backdrop import GameBackdrop
from game.tui.screens.end import EndScreen
from game.tui.text import notify

INJECTS = ("i", "b")
"""The white cell's acts the class console sends to many tables: an inject of one's own, one of the
scenario's library (when this Horizon has it). They do not depend on a table's state; the others do."""


class ClassApp(App[None]):
    CSS_PATH = ["../app.tcss", "../screens/backdrop.tcss"]
    TITLE = "Horizon"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal"), (150, "-wide")]
    BINDINGS = [Binding("f2", "write_message", "Message", tooltip="Write to the seats of the tables",
                        id="remote.message")]

    def __init__(self, link: Link) -> None:
        super().__init__()
        self.link = link
        self.connection = Connection(link)
        self.info: ClassInfo | None = None
        self.rows: dict[int, TableRow] = {}
        self.board: ClassScreen | None = None
        self.table: TableConsole | None = None
        """The table whose console is open over the class, if any."""
        self.formulas = False
        self.refusal = ""
        self._deadlines: dict[int, float] = {}
        self._titles: weakref.WeakKeyDictionary[Screen, str] = weakref.WeakKeyDictionary()

    def get_default_screen(self) -> GameBackdrop:
        return GameBackdrop("Horizon", "the class console")

    def on_mount(self) -> None:
        self.screen.status(f"Connecting to {self.link.base}\u2026")
        self.run_worker(self.connection.run(), group="connection")
        self.run_worker(self._listen(), group="listen")
        self.set_interval(1.0, self._tick)

    async def _listen(self) -> None:
        await follow(self, self._taken_over, self._class_updated)

    def _taken_over(self, text: str) -> None:
        offer_take_back(self, text, "This screen no longer acts for the class: the host closed it when the class "
                                    "link was opened elsewhere.")

    def _class_updated(self, update: ClassUpdated) -> None:
        self.info, self.rows = update.info, update.tables
        now = time.monotonic()
        for number, row in self.rows.items():
            if update.changed in (None, number):
                if row.left is None:
                    self._deadlines.pop(number, None)
                else:
                    self._deadlines[number] = now + row.left
        if self.board is None:
            self.board = ClassScreen(update.info, update.tables)
            self.push_screen(self.board)
        else:
            self.board.show(update.tables, update.changed)

    def left(self, number: int) -> float | None:
        """Seconds left on table ``number``'s clock (None: no timer, paused or over)."""
        deadline = self._deadlines.get(number)
        row = self.rows.get(number)
        if deadline is None or row is None or row.paused or row.over:
            return None
        return max(0.0, deadline - time.monotonic())

    def _tick(self) -> None:
        if self.board is not None:
            self.board.tick()
        self._title(self.screen)

    # -- acts on tables ---------------------------------------------------------------------

    def action_act(self, kind: str) -> None:
        """An act of the class console on its targets: the marked tables, or every table still playing."""
        board, info = self.board, self.info
        if board is None or info is None or self.screen is not board:
            return
        targets, left_out = board.targets()
        if not targets:
            notify(self, "Every table chosen is over: nothing to do there.", severity="warning")
            return
        where = tables_words(info.table(n) for n in targets)
        if left_out:
            where += f" ({tables_words(info.table(n) for n in left_out)}: over, left out)"
        match kind:
            case "pause":
                self._send(targets, p.Pause(0), "Paused")
            case "resume":
                self._send(targets, p.Resume(0), "Going on at")
            case "resolve":
                question = ConfirmDialog(f"Resolve the turn now at {where}?",
                                         "Seats that have not decided hold; each table's log says so.",
                                         yes="Resolve", no="Back")
                self.push_screen(question, lambda sure: self._send(targets, p.ResolveNow(0), "Resolved at")
                                 if sure else None)
            case "timer":
                self.push_screen(TextPrompt(f"Time per turn at {where}, from now on", placeholder="5m, 90s, "
                                            "1m30s; 0 for no timer", check=timer_problem), lambda text: self._timer(
                    targets, text))
            case _ if kind in INJECTS:
                form = FORMS.get(kind)
                if form is None:
                    notify(self, "This Horizon has no library of injects.", severity="warning")
                    return
                self.push_screen(ActFormDialog(evolve(form, title=f"{form.title}, to {where}"), info.forms,
                                               lambda act: self._inject(targets, act)))

    def _timer(self, targets: list[int], text: str | None) -> None:
        if text is None:
            return
        seconds = None if text.strip() in NO_TIMER else parse_duration(text)
        said = f"Time per turn now {duration_words(seconds)} at" if seconds else "No timer now at"
        self._send(targets, p.SetTimer(0, seconds), said)

    async def _inject(self, targets: list[int], act: Intervention) -> str:
        """The inject to every target table; "" once at least one took it (the others' refusals are told),
        else why the first refused (the form stays open)."""
        problem, results = await self._ask_tables(targets, p.Intervene(0, act))
        if problem:
            return problem
        if all(reason for _, reason in results):
            table, reason = results[0]
            return f"Table {self.info.table(table)}: {reason}"
        self._told("Injected at", results)
        return ""

    def _send(self, targets: list[int], request: p.Request, verb: str) -> None:
        async def sending() -> None:
            problem, results = await self._ask_tables(targets, request)
            if problem:
                notify(self, problem, title="Not done", severity="error", timeout=10)
            else:
                self._told(verb, results)
        self.run_worker(sending(), group="requests")

    async def _ask_tables(self, targets: list[int], request: p.Request) -> tuple[str, list[tuple[int, str]]]:
        """(why nothing was done, or ""; each table's answer)."""
        try:
            reply = await self.connection.request(lambda rid: p.ToTables(rid, tuple(targets), request))
        except NotConnected as error:
            return f"{error}: try again once connected.", []
        if isinstance(reply, p.Refused):
            return reply.reason, []
        if not isinstance(reply, p.Done):
            return "the host answered otherwise than expected", []
        return "", list(reply.results)

    def _told(self, verb: str, results: list[tuple[int, str]]) -> None:
        info = self.info
        done = [info.table(table) for table, reason in results if not reason]
        refused = [f"table {info.table(table)}: {reason}" for table, reason in results if reason]
        lines = [f"{verb} {tables_words(done)}."] if done else []
        if refused:
            lines.append("Not done at " + "; ".join(refused))
        notify(self, "\n".join(lines), severity="warning" if refused else "information", timeout=8 if refused else 4)

    # -- one table's console ------------------------------------------------------------------

    def open_table(self, number: int) -> None:
        if self.table is not None or self.info is None:
            return
        self.table = TableConsole(self, number, self.link.table(number))
        self.board.loading = True

    def close_table(self) -> None:
        """Back to the class: the table's screens closed, its connection ended."""
        table, self.table = self.table, None
        if table is None:
            return
        table.stop()
        if self.board is not None:
            self.board.loading = False
            while len(self.screen_stack) > 1 and self.screen is not self.board:
                self.pop_screen()

    # -- what the console screen asks of its app (as a joined facilitator's app does) -------------

    def retitle(self, screen: Screen, heading: str) -> None:
        if self.table is not None and self.info is not None:
            heading = f"Table {self.info.table(self.table.number)} \u00b7 {heading}"
        self._titles[screen] = heading
        self._title(screen)

    def _title(self, screen: Screen) -> None:
        table = self.table
        if table is None or screen not in self._titles:
            return
        screen.sub_title = self._titles[screen] + clock_words(table.status, table.deadline, table.connection)

    async def refused(self, make: Callable[[int], p.Request]) -> str:
        """The open table's console sends a request: "" once its host took it, else why not."""
        if self.table is None:
            return "No table is open."
        return await answered(self.table.connection, make)

    def on_console_screen_ask(self, message: ConsoleScreen.Ask) -> None:
        async def asking() -> None:
            problem = await self.refused(message.make)
            if problem:
                notify(self, problem, title="Not done", severity="error", timeout=10)
            elif message.said:
                notify(self, message.said, timeout=3)
        self.run_worker(asking(), group="requests")

    def action_write_message(self) -> None:
        """F2: on a table's console, to that table's seats; on the class, to the seats of the tables acted on."""
        if self.table is not None and self.table.view is not None:
            view = self.table.view
            if view.over:
                notify(self, "That game is over.", severity="warning")
                return

            def send(written: tuple[tuple[str, ...], str] | None) -> None:
                if written is not None:
                    recipients, text = written
                    self.on_console_screen_ask(ConsoleScreen.Ask(lambda rid: p.SendMessage(rid, recipients, text),
                                                                 said="Message sent."))
            self.push_screen(MessageDialog(view.seats), send)
            return
        if self.board is None or self.screen is not self.board:
            return
        targets, _ = self.board.targets()
        if not targets:
            notify(self, "Every table chosen is over.", severity="warning")
            return

        def send_all(written: tuple[tuple[str, ...], str] | None) -> None:
            if written is not None:
                recipients, text = written
                self._send(targets, p.SendMessage(0, recipients, text), "Message sent at")
        self.push_screen(MessageDialog(self.info.forms.seats), send_all)

    def action_leave_game(self) -> None:
        if self.table is not None:
            self.close_table()
            return
        detail = "The host keeps every game going; open the class link again to come back."
        self.push_screen(ConfirmDialog("Leave the class console?", detail, yes="Leave", no="Stay"),
                         lambda sure: self.exit() if sure else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "save_as"

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


class TableConsole:
    """One table's console inside the class app: its own connection, its view, the screen drawing it."""

    def __init__(self, app: ClassApp, number: int, link: Link) -> None:
        self.app, self.number, self.link = app, number, link
        self.connection = Connection(link)
        self.view = None
        self.status = p.Status()
        self.deadline: float | None = None
        self.screen: ConsoleScreen | EndScreen | None = None
        self._workers: list[Worker] = [app.run_worker(self.connection.run(), group="table"),
                                       app.run_worker(self._listen(), group="table")]

    def stop(self) -> None:
        for worker in self._workers:
            worker.cancel()

    async def _listen(self) -> None:
        app = self.app
        try:
            while True:
                happening = await self.connection.next()
                if isinstance(happening, Updated):
                    self._updated(happening)
                elif isinstance(happening, Lost):
                    notify(app, f"Table's connection lost: {happening.reason}. Trying again\u2026",
                           severity="warning", timeout=min(8, happening.retry_in + 2))
                elif isinstance(happening, TakenOver):
                    notify(app, f"{happening.text} Back to the class.", severity="warning")
                    app.close_table()
                    return
        except LinkRefused as refusal:
            notify(app, str(refusal), title="Cannot open the table", severity="error")
            app.close_table()

    def _updated(self, update: Updated) -> None:
        app = self.app
        if app.table is not self:
            return
        view, status = update.view, update.status
        self.view, self.status = view, status
        self.deadline = None if status.left is None else time.monotonic() + status.left
        if isinstance(self.screen, ConsoleScreen) and not view.over:
            self.screen.show(view, status)
            return
        if self.screen is not None and (isinstance(self.screen, EndScreen) or app.screen is not self.screen):
            return
        if self.screen is not None:
            app.pop_screen()
        if app.board is not None:
            app.board.loading = False
        if view.over:
            self.screen = EndScreen(view, formulas_allowed=True, session_here=False)
            app.push_screen(self.screen, lambda _: app.close_table())
        else:
            self.screen = ConsoleScreen(view, status)
            app.push_screen(self.screen)
