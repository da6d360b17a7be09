"""The saves in the saves folder, newest first; damaged ones are listed with why, never opened."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from game.tui.dismissal import DismissOnce
from game.tui.storage import SaveSummary, list_saves


def row(summary: SaveSummary) -> tuple[str | Content, ...]:
    """A save as one table row; a damaged one shows why in place of what it holds."""
    when = f"{summary.updated.astimezone():%Y-%m-%d %H:%M}"
    if summary.damaged:
        return (summary.name, summary.path.name, Content.styled(f"damaged: {summary.damaged}", "$error"),
                "", "", when)
    seats = ", ".join(f"{seat}: {controller}" for seat, controller in summary.controllers.items())
    turn = f"{summary.played}/{summary.turns}" + (" (over)" if summary.over else "")
    return (summary.name or summary.path.stem, summary.path.name, summary.title, turn, seats, when)


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
            yield Static(self.title_text, classes="dialog-title")
            yield Static(f"Looking in {self.folder}/\u2026", id="saves-status", classes="dialog-detail",
                         markup=False)
            yield DataTable(id="saves", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Name", "File", "Scenario", "Turn", "Seats", "Saved")
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
            table.add_row(*row(summary))
        count = len(self.summaries)
        status = f"{count} save{'s' if count != 1 else ''} in {self.folder}/" if count else \
            f"No saves in {self.folder}/ yet: finish a turn and the game saves itself."
        self.query_one("#saves-status", Static).update(status)
        table.focus()

    @on(DataTable.RowSelected)
    def chosen(self, event: DataTable.RowSelected) -> None:
        summary = self.summaries[event.cursor_row]
        if summary.damaged:
            self.notify(f"{summary.path} cannot be opened: {summary.damaged}", severity="error")
            return
        self.dismiss(Path(summary.path))

    def action_cancel(self) -> None:
        self.dismiss(None)
