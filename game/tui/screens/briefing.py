"""A seat's private briefing, and its own objective, before its first turn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from game.seat_view.model import SeatView
from game.tui.dismissal import DismissOnce


def briefing_markdown(view: SeatView) -> str:
    """The briefing as Markdown: the scenario's summary, the seat's briefing and its objective."""
    seat = view.seat
    parts = [f"# {view.name(seat).name}", view.summary, "## Your briefing",
             view.briefings.get(seat) or "_The scenario gives this seat no briefing._"]
    objective = view.objectives.get(seat)
    if objective is not None:
        parts += ["## Your objective (secret)",
                  objective.text or "_The scenario does not put your objective in words; your score is "
                                    "revealed at the end._"]
    parts += [f"_{view.turns} turns of {view.turn_days} days. Press Enter to begin._"]
    return "\n\n".join(part for part in parts if part)


class BriefingScreen(DismissOnce, Screen[None]):
    """Shown only to ``view.seat``, after its hand-off."""

    CSS_PATH = "briefing.tcss"
    BINDINGS = [
        Binding("enter", "done", "Begin", key_display="Enter"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, view: SeatView) -> None:
        super().__init__()
        self.view = view
        self.sub_title = f"Briefing \u00b7 {view.name(view.seat).name}"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="briefing"):
            yield Static(self.view.title, id="briefing-title", markup=False)
            yield Markdown(briefing_markdown(self.view))
        yield Footer()

    def action_done(self) -> None:
        self.dismiss(None)
