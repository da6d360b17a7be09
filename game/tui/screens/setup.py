"""Setting up a new game: who plays each seat, the seed (shown and editable), a name."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, Input, Static

from game.desk.setup import GameSetup, passphrase_problem, seed_problem, what_if_lock_note
from game.engine.model import Scenario
from game.players import policy_names
from game.session import HUMAN
from game.tui.dismissal import DismissOnce
from game.tui.text import notify, shown
from game.tui.widgets.controller_picker import ControllerPicker
from game.tui.widgets.footer import Footer


class SetupScreen(DismissOnce, Screen[GameSetup | None]):
    """Dismisses with a :class:`GameSetup`, or None to go back."""

    CSS_PATH = "setup.tcss"
    BINDINGS = [
        Binding("f5", "start", "Start game", id="setup.start"),
        Binding("ctrl+r", "reseed", "New seed", id="setup.reseed"),
        Binding("escape", "back", "Back", id="setup.back"),
        # Priority: the form scrolls with the arrows too, and would take them from the rows (issue 24: ↓ then
        # → changed the seat above the one meant).
        Binding("down", "app.focus_next", "Next row", show=False, priority=True),
        Binding("up", "app.focus_previous", "Previous row", show=False, priority=True),
    ]

    def __init__(self, scenario: Scenario, *, name: str, seed: int | None = None,
                 controllers: Mapping[str, str] | None = None, facilitator: bool = False,
                 branch_at: int | None = None, locked: bool = False) -> None:
        super().__init__()
        self.scenario, self.game_name, self.facilitator = scenario, name, facilitator
        self.seed = secrets.randbelow(1 << 31) if seed is None else seed
        self.controllers = dict(controllers or dict.fromkeys(scenario.seats, HUMAN))
        self.branch_at = branch_at
        """Set for a what-if from after this turn: the seed is the game's (the shared turns stay the same)."""
        self.locked = locked
        """A what-if of a game with a lock: it opens with that game's passphrase (said on the screen)."""
        self.sub_title = f"New game \u00b7 {scenario.title}" if branch_at is None else \
            f"What-if from turn {branch_at} \u00b7 {scenario.title}"

    def compose(self) -> ComposeResult:
        choices = [HUMAN, *policy_names()]
        yield Header()
        with VerticalScroll(id="setup"):
            yield Static(self.scenario.title, id="setup-title", markup=False)
            yield Static(self.scenario.summary, id="setup-summary", markup=False)
            if self.branch_at is not None:
                yield Static(f"A what-if from after turn {self.branch_at}: nothing of turn {self.branch_at + 1} "
                             "has resolved. A seat played by a person gives its own order first; choose who "
                             "plays each seat from here.", id="setup-branch", markup=False)
            yield Static("Seats (\u2191 \u2193 to move between them, \u2190 \u2192 to change who plays)",
                         classes="pane-title")
            for seat in self.scenario.seats:
                yield ControllerPicker(seat, self.scenario.actor_name(seat), choices, self.controllers[seat],
                                       id=f"seat-{seat}")
            yield Static("Seed (the same seed and orders replay the same game)", classes="pane-title")
            with Horizontal(classes="field-row"):
                yield Input(str(self.seed), restrict=r"[0-9]*", id="seed", compact=True,
                            disabled=self.branch_at is not None)
                if self.branch_at is None:
                    yield Button("New seed", id="reseed", compact=True)
            yield Static("" if self.branch_at is None else "The game's own seed: the turns so far stay as they were.",
                         id="seed-problem", classes="problem")
            yield Static("Name of this game", classes="pane-title")
            yield Input(self.game_name, id="name", compact=True)
            yield Checkbox("Facilitator mode: one screen sees everything, no hand-offs",
                           self.facilitator, id="facilitator", compact=True)
            if self.branch_at is None:
                yield Static("Facilitator passphrase (empty: one is made and shown once)", classes="pane-title")
                yield Input(password=True, id="passphrase", compact=True)
                yield Static("", id="passphrase-problem", classes="problem")
            else:  # a what-if keeps the lock of the game it comes from (game.desk.setup)
                yield Static(what_if_lock_note(self.locked), id="setup-lock", markup=False)
            yield Button("Start game" if self.branch_at is None else "Start the what-if", variant="primary",
                         id="start", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ControllerPicker).focus()

    @on(Button.Pressed, "#reseed")
    def action_reseed(self) -> None:
        if self.branch_at is not None:
            notify(self, "A what-if keeps its game's seed, so the turns so far stay as they were.")
            return
        self.query_one("#seed", Input).value = str(secrets.randbelow(1 << 31))

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        seed = self.query_one("#seed", Input).value
        problem = seed_problem(seed)
        if problem:
            self.query_one("#seed-problem", Static).update(shown(problem))
            self.query_one("#seed", Input).focus()
            return
        passphrase = self.query_one("#passphrase", Input).value if self.branch_at is None else ""
        problem = passphrase_problem(passphrase)
        if problem:
            self.query_one("#passphrase-problem", Static).update(shown(problem))
            self.query_one("#passphrase", Input).focus()
            return
        controllers = {picker.seat: picker.value for picker in self.query(ControllerPicker)}
        name = self.query_one("#name", Input).value.strip() or self.game_name
        self.dismiss(GameSetup(controllers, int(seed), name, self.query_one(Checkbox).value, passphrase))

    def action_back(self) -> None:
        self.dismiss(None)
