"""What shows between a game's screens: the game's name and what it is doing, no secrets."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from game.tui.text import shown
from game.tui.widgets.footer import Footer


class GameBackdrop(Screen[None]):
    """The bottom screen of a game in progress; hand-offs and turns are pushed over it.

    It holds nothing animated: a covered screen that animates makes Textual
    repaint the screen on top at the animation's rate.
    """

    CSS_PATH = "backdrop.tcss"
    BINDINGS = [
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, title: str, name: str) -> None:
        super().__init__()
        self.game_title, self.game_name = title, name
        self.sub_title = name

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center(), Vertical(id="backdrop"):
            yield Static(shown(self.game_title), id="backdrop-title")
            yield Static("", id="backdrop-status")
        yield Footer()

    def status(self, text: str) -> None:
        if self.is_mounted:
            self.query_one("#backdrop-status", Static).update(shown(text, multiline=True))
