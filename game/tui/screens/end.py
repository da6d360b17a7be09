"""The end of a game: how it ended, every seat's score with its secret objective revealed,
and the tracks over the whole game. Secrets no longer matter, so this shows everything.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from game.cli.transcript import format_score
from game.engine.views import FACILITATOR
from game.session import HUMAN, Session
from game.tui.game_views import view_at
from game.tui.widgets.track_chart import TrackChart

REPLAY, TITLE, DEBRIEF = "replay", "title", "debrief"


def ending_text(session: Session) -> str:
    view = session.view(FACILITATOR)
    if view.ending is not None:
        return view.ending.text
    return session.scenario.end_text


def track_history(session: Session) -> list[tuple[object, list[object]]]:
    """Each variable and its value at the start and after each turn."""
    scenario = session.scenario
    return [(v, [state.values[i] for state in session.states]) for i, v in enumerate(scenario.variables)]


class EndScreen(Screen[str]):
    """Dismisses with REPLAY, DEBRIEF or TITLE."""

    CSS_PATH = "end.tcss"
    BINDINGS = [
        Binding("r", "finish('replay')", "Replay", id="end.replay"),
        Binding("d", "finish('debrief')", "Debrief", id="end.debrief"),
        Binding("ctrl+s", "app.save_as", "Save as", id="game.save_as"),
        Binding("escape,t", "finish('title')", "Title screen", id="end.title"),
    ]

    def __init__(self, session: Session, *, debrief: bool) -> None:
        super().__init__()
        self.session, self.debrief = session, debrief
        self.sub_title = f"{session.scenario.title}: game over after turn {len(session.turns)}"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="end-body"):
            yield Static("Game over", classes="pane-title")
            yield Static(ending_text(self.session), id="ending", markup=False)
            with Horizontal(id="end-buttons"):
                yield Button("Replay", variant="primary", id="replay", compact=True)
                if self.debrief:
                    yield Button("Debrief", id="debrief", compact=True)
                yield Button("Save as\u2026", id="save", compact=True)
                yield Button("Title screen", id="title", compact=True)
            yield Static("Scores and objectives (revealed)", classes="pane-title")
            yield DataTable(id="scores", cursor_type="row", zebra_stripes=True)
            yield Static("The tracks over the whole game", classes="pane-title")
            yield TrackChart(id="chart")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Seat", "Played by", "Score", "Objective")
        view = view_at(self.session, len(self.session.turns), FACILITATOR)
        for seat, score in (view.scores or {}).items():
            objective = view.objectives.get(seat)
            controller = self.session.controllers[seat]
            played_by = "human" if controller == HUMAN else controller
            table.add_row(self.session.scenario.actor_name(seat), played_by, format_score(score),
                          objective.text or objective.score.text if objective else "")
        self.query_one(TrackChart).show(track_history(self.session))
        self.query_one("#replay").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "finish" and parameters == (DEBRIEF,):
            return self.debrief
        return True

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.app.action_save_as()
        else:
            self.action_finish(event.button.id)

    def action_finish(self, choice: str) -> None:
        self.dismiss(choice)
