"""The title screen: the scenarios found, and New game, Continue, Load and Replay."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from game.saves_folder import folder_shown
from game.tui.widgets.footer import Footer

if TYPE_CHECKING:  # loading the catalog's module compiles scenarios' machinery: not before the first frame
    from game.desk.catalog import ScenarioEntry

TAGLINE = "A terminal wargame for policy training and classroom discussion"
MENU = (
    ("n", "New game of the selected scenario", "new_game"),
    ("c", "Continue the latest game", "continue_game"),
    ("o", "Load a saved game\u2026", "load_game"),
    ("r", "Replay a saved game\u2026", "replay_game"),
    ("F1", "Help", "help"),
    ("q", "Quit", "quit"),
)
"""The main actions: key, label, app action. A list rather than buttons: cheaper before the first frame."""


def entry_prompt(entry: ScenarioEntry) -> Content:
    header = entry.header
    if entry.broken or header is None:
        return Content.assemble((entry.title, "$error b"), "\n",
                                ("does not load: see why on the right", "$error i"))
    facts = f"{len(header.seats)} seats \u00b7 {header.turns} turns \u00b7 {entry.path.name}"
    return Content.assemble((entry.title, "b"), "\n", (facts, "$text-muted"))


def entry_detail(entry: ScenarioEntry) -> Content:
    header = entry.header
    if entry.broken or header is None:
        return Content.assemble(("This scenario does not load:\n", "$error b"), entry.problem)
    start = f", from {header.start_date:%d %B %Y}" if header.start_date else ""
    lines = [Content.styled(header.title, "b $accent"), Content(header.summary), Content(""),
             Content.assemble(("Seats: ", "b"), ", ".join(header.seats)),
             Content.assemble(("Length: ", "b"), f"{header.turns} turns of {header.turn_days} days{start}")]
    if header.source:
        lines.append(Content.assemble(("Source: ", "b"), (header.source, "i")))
    return Content("\n").join(lines)


def saves_line(folder: Path) -> Content:
    return Content.assemble(("Saves: ", "b"), (folder_shown(folder), "$text-muted"),
                            ("  (--saves DIR or HORIZON_SAVES to change)", "$text-muted i"))


class TitleScreen(Screen[None]):
    """Lists ``entries`` once the app has found them (``show_entries``), and again once they are checked."""

    CSS_PATH = "title.tcss"
    BINDINGS = [
        Binding("n", "app.new_game", "New game", id="title.new"),
        Binding("c", "app.continue_game", "Continue", id="title.continue"),
        Binding("o", "app.load_game", "Load", id="title.load"),
        Binding("r", "app.replay_game", "Replay", id="title.replay"),
        Binding("q", "app.quit", "Quit", id="title.quit"),
    ]

    def __init__(self, entries: Sequence[ScenarioEntry] = (), saves: Path | None = None) -> None:
        super().__init__()
        self.entries: list[ScenarioEntry] = list(entries)
        self.saves = saves
        """The folder games are saved in, shown so a teacher started elsewhere sees which one is used."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="title-banner"):
            yield Static("H O R I Z O N", id="title-name")
            yield Static(TAGLINE, id="title-tagline", markup=False)
        with Horizontal(id="title-body"):
            with Vertical(id="title-left"):
                yield Static("Scenarios", classes="pane-title")
                yield OptionList(*self._options(), id="scenarios")
                with VerticalScroll(id="scenario-detail-pane", can_focus=False):
                    yield Static(id="scenario-detail")
            with Vertical(id="title-right"):
                yield OptionList(*(Option(Content.assemble((f" {key:>2} ", "$accent b"), f" {label}"),
                                          id=action) for key, label, action in MENU), id="menu")
                if self.saves is not None:
                    yield Static(saves_line(self.saves), id="saves-folder")
        yield Footer()

    def on_mount(self) -> None:
        if self.entries:
            scenarios = self.query_one("#scenarios", OptionList)
            scenarios.highlighted = 0
            scenarios.focus()

    def _options(self) -> list[Option]:
        if not self.entries:
            return [Option("No scenarios found: put .toml files in scenarios/ or run wargame play FILE",
                           disabled=True)]
        return [Option(entry_prompt(e), id=str(i)) for i, e in enumerate(self.entries)]

    def show_entries(self, entries: Sequence[ScenarioEntry]) -> None:
        """Show ``entries`` (the list once checked): the same scenario stays highlighted."""
        was = self.selected
        self.entries = list(entries)
        scenarios = self.query_one("#scenarios", OptionList)
        scenarios.clear_options()
        scenarios.add_options(self._options())
        paths = [entry.path for entry in entries]
        if paths:
            scenarios.highlighted = paths.index(was.path) if was is not None and was.path in paths else 0

    @property
    def selected(self) -> ScenarioEntry | None:
        index = self.query_one("#scenarios", OptionList).highlighted
        return self.entries[index] if self.entries and index is not None else None

    @on(OptionList.OptionHighlighted, "#scenarios")
    def describe(self) -> None:
        entry = self.selected
        if entry is not None:
            self.query_one("#scenario-detail", Static).update(entry_detail(entry))

    @on(OptionList.OptionSelected, "#scenarios")
    async def start(self) -> None:
        await self.run_action("app.new_game")

    @on(OptionList.OptionSelected, "#menu")
    async def act(self, event: OptionList.OptionSelected) -> None:
        await self.run_action(f"app.{event.option_id}")
