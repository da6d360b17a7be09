"""The end of a game: how it ended, every seat's score with its secret objective revealed,
and the tracks over the whole game. Secrets no longer matter, so this shows the facilitator's view.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Header, Static

from game.presentation.scores import score_rows
from game.presentation.spans import MUTED, SEAT, STRONG, line
from game.seat_view.model import SeatView
from game.tui.screens.formulas import FormulaToggle
from game.tui.spans import wrapped
from game.tui.text import shown
from game.tui.widgets.footer import Footer
from game.tui.widgets.track_chart import TrackChart

REPLAY, TITLE, DEBRIEF, EXPORT = "replay", "title", "debrief", "export"


class Scores(Widget):
    """Each seat's score, who played it and its objective in words, wrapped to the pane (never cut, as a
    table's cells were: "…keep Congr")."""

    DEFAULT_CSS = """
    Scores { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: SeatView | None = None
        self.formulas = False

    def show(self, view: SeatView, *, formulas: bool = False) -> None:
        self.view, self.formulas = view, formulas
        self.refresh(layout=True)

    def render(self) -> Content:
        if self.view is None:
            return Content("")
        lines = []
        for row in score_rows(self.view, formulas=self.formulas):
            who = self.view.played_by.get(row.seat.id, "")
            lines.append(line((row.seat.name, SEAT), "  score ", (row.score, STRONG),
                              (f"  \u00b7 played by {who}" if who else "", MUTED)))
            lines.append(line(("Objective: ", MUTED), row.objective, indent=4))
        return Content("\n").join(wrapped(lines, self.content_region.width or 80))


class EndScreen(FormulaToggle[str]):
    """Shows the facilitator's ``view`` of a finished game; dismisses with REPLAY, DEBRIEF, EXPORT (the debrief
    as Markdown and HTML files) or TITLE."""

    CSS_PATH = "end.tcss"
    BINDINGS = [
        Binding("r", "finish('replay')", "Replay", id="end.replay"),
        Binding("d", "finish('debrief')", "Debrief", id="end.debrief"),
        Binding("x", "finish('export')", "Export debrief", id="end.export"),
        Binding("ctrl+s", "app.save_as", "Save as", id="game.save_as"),
        Binding("escape,t", "finish('title')", "Title screen", id="end.title"),
    ]

    def __init__(self, view: SeatView, *, formulas_allowed: bool = False, session_here: bool = True) -> None:
        super().__init__(formulas_allowed=formulas_allowed)
        self.view = view
        self.session_here = session_here
        """Replay, debrief and save need the game's session: not on a seat joined to a host."""
        self.sub_title = f"{view.title}: game over after turn {view.turn - 1}"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="end-body"):
            yield Static("Game over", classes="pane-title")
            yield Static(shown(self.view.ending, multiline=True), id="ending")
            with Horizontal(id="end-buttons"):
                if self.session_here:
                    yield Button("Replay", variant="primary", id="replay", compact=True)
                    yield Button("Debrief", id="debrief", compact=True)
                    yield Button("Export debrief", id="export", compact=True)
                    yield Button("Save as\u2026", id="save", compact=True)
                yield Button("Title screen" if self.session_here else "Close", id="title", compact=True)
            yield Static("Scores and objectives (revealed)", classes="pane-title")
            yield Scores(id="scores")
            yield Static("The tracks over the whole game", classes="pane-title")
            yield TrackChart(id="chart")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()
        self.query_one(TrackChart).show(self.view.tracks)
        self.query_one("#replay" if self.session_here else "#title").focus()

    def redraw(self) -> None:
        self.query_one(Scores).show(self.view, formulas=self.formulas)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "finish" and parameters in ((REPLAY,), (DEBRIEF,), (EXPORT,)):
            return self.session_here
        return super().check_action(action, parameters)

    @on(Button.Pressed)
    async def pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            await self.run_action("app.save_as")
        else:
            self.action_finish(event.button.id)

    def action_finish(self, choice: str) -> None:
        self.dismiss(choice)
