"""A seat argues a move, or counters the others' (a matrix-game turn), before its decision.

:class:`ArgueScreen`: what the seat does, the result it wants, up to three
reasons, and (where the scenario allows) whether it is secret; the other
seats' public moves of the turn are shown above for reference.
:class:`CounterScreen`: the other seats' public moves not yet countered, each
with a box for one counter-argument. Both are handed to whoever holds the game
(the session at this screen, or the host) before they close: a refusal is said
on the screen with nothing typed lost. Escape passes: the seat is not offered
the step again that turn. The facilitator may enter them for a seat at a
screen the room shares.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, Input, Static

from game.errors import WargameError
from game.presentation.argued import all_argued_lines, argued_lines, arguing_words
from game.seat_view.model import SeatView
from game.session import MAX_REASONS, Argument
from game.tui.dismissal import DismissOnce
from game.tui.taking import taken
from game.tui.text import shown
from game.tui.widgets.footer import Footer
from game.tui.widgets.lines_pane import LinesPane


class ArgueScreen(DismissOnce, Screen[Argument | None]):
    """``seat`` argues a move; ``take`` gives it to the game and says why it was refused ("" once taken).
    Dismisses with the move argued, or None when the seat passes."""

    CSS_PATH = "argued.tcss"
    BINDINGS = [Binding("escape", "pass_", "No argued move", tooltip="Pass: argue nothing this turn",
                        id="argue.pass"),
                Binding("ctrl+o", "submit", "Argue it", id="argue.submit")]

    def __init__(self, view: SeatView, seat: str, take: Callable[[Argument], Awaitable[str]], *,
                 facilitator: bool = False) -> None:
        super().__init__()
        self.view, self.seat, self.take, self.facilitator = view, seat, take, facilitator
        self.taking = False
        name = view.name(seat)
        self.sub_title = f"{name.name} argues a move" + (" (entered by the facilitator)" if facilitator else "")

    def compose(self) -> ComposeResult:
        view = self.view
        yield Header()
        with Center(), VerticalScroll(id="argue"):
            yield Static(shown(arguing_words(view)), id="argue-intro")
            others = [move for move in view.argued if move.seat != self.seat]
            if others:
                yield Static("Argued so far this turn", classes="pane-title")
                yield LinesPane(all_argued_lines(view), id="argue-others")
            yield Static("What you do (a sentence)", classes="argue-label")
            yield Input(id="statement", placeholder="e.g. Offer Tashkent security aid for a drone lease at Termez",
                        max_length=1000)
            yield Static("The result you want", classes="argue-label")
            yield Input(id="wants", placeholder="what should come of it", max_length=1000)
            for number in range(1, MAX_REASONS + 1):
                yield Static(shown(f"Reason {number} (optional)" if number > 1 else "Why it would work"),
                             classes="argue-label")
                yield Input(id=f"reason-{number}", placeholder="a reason", max_length=1000)
            if view.arguing is not None and view.arguing.secret:
                yield Checkbox("Secret: only the white cell sees it (the other seats never learn of it)",
                               id="secret", compact=True)
            yield Static("", id="argue-problem", classes="dialog-problem")
            with Horizontal(classes="argue-buttons"):
                yield Button("Argue it", variant="primary", id="argue-it")
                yield Button("No argued move this turn", id="pass")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#statement", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "argue-it":
            self.action_submit()
        else:
            self.action_pass_()

    def action_pass_(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        if not self.taking:
            self.submit()

    def argument(self) -> Argument:
        value = lambda key: self.query_one(f"#{key}", Input).value.strip()  # noqa: E731
        statement = value("statement")
        if not statement:
            raise WargameError("Say what you do, in a sentence.")
        reasons = tuple(text for number in range(1, MAX_REASONS + 1) if (text := value(f"reason-{number}")))
        secret = bool(self.query("#secret")) and self.query_one("#secret", Checkbox).value
        return Argument(self.seat, statement, value("wants"), reasons, secret)

    @work(group="take")
    async def submit(self) -> None:
        argued: list[Argument] = []

        async def attempt() -> str:
            argued.append(self.argument())
            return await self.take(argued[0])
        if await taken(self, attempt, "#argue-problem"):
            self.dismiss(argued[0])


class CounterScreen(DismissOnce, Screen[bool]):
    """``seat`` may counter each of ``moves`` (ids of the other seats' public argued moves); ``take(move, text)``
    gives a counter-argument to the game ("" once taken). Dismisses with whether any was sent."""

    CSS_PATH = "argued.tcss"
    BINDINGS = [Binding("escape", "pass_", "No counter-argument", tooltip="Pass: counter none of them",
                        id="counter.pass"),
                Binding("ctrl+o", "submit", "Send", id="counter.submit")]

    def __init__(self, view: SeatView, seat: str, moves: tuple[str, ...],
                 take: Callable[[str, str], Awaitable[str]], *, facilitator: bool = False) -> None:
        super().__init__()
        self.view, self.seat, self.take, self.facilitator = view, seat, take, facilitator
        self.moves = tuple(move for move in (view.argued_move(m) for m in moves) if move is not None)
        self.sent: set[str] = set()
        self.taking = False
        self.sub_title = f"{view.name(seat).name}: the other seats' argued moves" + (
            " (entered by the facilitator)" if facilitator else "")

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), VerticalScroll(id="counter"):
            yield Static("Other seats argued these moves. The white cell weighs your counter-argument before it "
                         "rules: one for each move, or none.", id="counter-intro")
            for index, move in enumerate(self.moves):
                yield LinesPane(argued_lines(self.view, move), classes="counter-move")
                yield Input(id=f"counter-{index}", placeholder="your counter-argument (optional)", max_length=1000)
            yield Static("", id="counter-problem", classes="dialog-problem")
            with Horizontal(classes="argue-buttons"):
                yield Button("Send", variant="primary", id="send")
                yield Button("No counter-argument", id="pass")
        yield Footer()

    def on_mount(self) -> None:
        if self.moves:
            self.query_one("#counter-0", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "send":
            self.action_submit()
        else:
            self.action_pass_()

    def action_pass_(self) -> None:
        self.dismiss(bool(self.sent))

    def action_submit(self) -> None:
        if not self.taking:
            self.submit()

    @work(group="take")
    async def submit(self) -> None:
        async def attempt() -> str:
            for index, move in enumerate(self.moves):
                text = self.query_one(f"#counter-{index}", Input).value.strip()
                if text and move.id not in self.sent:
                    problem = await self.take(move.id, text)
                    if problem:
                        return problem
                    self.sent.add(move.id)
            return ""
        if await taken(self, attempt, "#counter-problem"):
            self.dismiss(bool(self.sent))
