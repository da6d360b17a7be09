"""The end of a game: how it ended, every seat's score with its secret objective revealed,
and the tracks over the whole game. Secrets no longer matter, so this shows the facilitator's view.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Header, Static

from game.presentation.scores import score_rows
from game.seat_view.model import SeatView
from game.tui.screens.formulas import FormulaToggle
from game.tui.text import cell, shown
from game.tui.widgets.track_chart import TrackChart

REPLAY, TITLE, DEBRIEF, EXPORT = "replay", "title", "debrief", "export"


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
            yield DataTable(id="scores", cursor_type="row", zebra_stripes=True)
            yield Static("The tracks over the whole game", classes="pane-title")
            yield TrackChart(id="chart")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Seat", "Played by", "Score", "Objective")
        self.redraw()
        self.query_one(TrackChart).show(self.view.tracks)
        self.query_one("#replay" if self.session_here else "#title").focus()

    def redraw(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in score_rows(self.view, formulas=self.formulas):
            table.add_row(cell(row.seat.name), cell(self.view.controllers.get(row.seat.id, "")), cell(row.score),
                          cell(row.objective))

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
