"""The saves in the saves folder, newest first; damaged ones are listed with why, never opened."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from game.desk.storage import SaveSummary, list_saves
from game.saves_folder import folder_shown
from game.tui.dismissal import DismissOnce
from game.tui.text import cell, notify, shown
from game.tui.widgets.footer import Footer

NAME_WIDTH = 28
"""The game column's width: a longer name wraps rather than pushing the other columns off an 80-column
dialog (issue 9.5)."""
SEATS_WIDTH = 24
"""Who plays each seat, one a line, wrapped to this ("Russia: computer (planner, hard)" is longer)."""


def row(summary: SaveSummary) -> tuple[Content | Text, ...]:
    """A save as one table row of a few lines (nothing cut at 80 columns): its name over its file, its
    scenario and turn; who plays each seat, one a line; the date over the time. A damaged one shows why in
    place of what it holds."""
    when = f"{summary.updated.astimezone():%Y-%m-%d\n%H:%M}"
    name = shown(wrapped(summary.name), multiline=True)
    file = shown(wrapped(summary.file), "$text-muted", multiline=True)
    if summary.damaged:
        why = shown(wrapped(f"damaged: {summary.damaged}"), "$error", multiline=True)
        return (Content("\n").join([name, file, why]), cell(""), cell(when))
    seats = "\n".join(line for name, who in summary.played_by
                      for line in textwrap.wrap(f"{name}: {who}", SEATS_WIDTH, subsequent_indent="  "))
    turn = f"turn {summary.played} of {summary.turns}" + (", over" if summary.over else "")
    return (Content("\n").join([name, file, shown(wrapped(summary.title), multiline=True),
                                shown(turn, "$text-muted")]), cell(seats), cell(when))


def wrapped(text: str) -> str:
    return "\n".join(textwrap.wrap(text, NAME_WIDTH)) or " "


class SavesDialog(DismissOnce, ModalScreen[Path | None]):
    """Lists the saves in ``folder``; dismisses with the chosen path, or None."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, folder: Path) -> None:
        super().__init__()
        self.title_text, self.folder = title, folder
        self.summaries: Sequence[SaveSummary] = ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(shown(self.title_text), classes="dialog-title")
            yield Static(f"Looking in {folder_shown(self.folder)}\u2026", id="saves-status", classes="dialog-detail",
                         markup=False)
            yield DataTable(id="saves", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Game", width=NAME_WIDTH)  # measured from the header otherwise: its cells are Content
        table.add_column("Seats", width=SEATS_WIDTH)
        table.add_column("Saved")
        self.scan()

    @work(thread=True, exclusive=True)
    def scan(self) -> None:
        self.app.call_from_thread(self.show_saves, list_saves(self.folder))

    def show_saves(self, summaries: Sequence[SaveSummary]) -> None:
        """List ``summaries`` (newest first, as ``list_saves`` gives them)."""
        self.summaries = summaries
        table = self.query_one(DataTable)
        table.clear()
        for summary in self.summaries:
            table.add_row(*row(summary), height=None)
        count = len(self.summaries)
        folder = folder_shown(self.folder)
        status = f"{count} save{'s' if count != 1 else ''} in {folder}" if count else \
            f"No saves in {folder} yet: finish a turn and the game saves itself."
        self.query_one("#saves-status", Static).update(shown(status))
        table.focus()

    @on(DataTable.RowSelected)
    def chosen(self, event: DataTable.RowSelected) -> None:
        summary = self.summaries[event.cursor_row]
        if summary.damaged:
            notify(self, f"{summary.path} cannot be opened: {summary.damaged}", severity="error")
            return
        self.dismiss(Path(summary.path))

    def action_cancel(self) -> None:
        self.dismiss(None)
