"""The saves in the saves folder, newest first; damaged ones are listed with why, never opened."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from game.errors import WargameError
from game.tui import storage


def when(summary: object) -> str:
    date = getattr(summary, "date", None)
    return f"{date:%Y-%m-%d %H:%M}" if hasattr(date, "strftime") else str(date or "")


def row(summary: object) -> tuple[str, ...]:
    damaged = getattr(summary, "damaged", None)
    seats = getattr(summary, "seats", ())
    seats_text = ", ".join(f"{s}={c}" for s, c in seats.items()) if hasattr(seats, "items") else str(seats)
    return (summary.name, summary.title, str(summary.turn), seats_text, when(summary),
            f"DAMAGED: {damaged}" if damaged else "ok")


class SavesDialog(ModalScreen[Path | None]):
    """Lists the saves in ``folder``; dismisses with the chosen path, or None."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, folder: Path) -> None:
        super().__init__()
        self.title_text, self.folder = title, folder
        self.summaries: Sequence[object] = ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(f"Looking in {self.folder}/\u2026", id="saves-status", classes="dialog-detail",
                         markup=False)
            yield DataTable(id="saves", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Name", "Scenario", "Turn", "Seats", "Saved", "State")
        self.scan()

    @work(thread=True, exclusive=True)
    def scan(self) -> None:
        try:
            summaries = storage.list_saves(self.folder)
        except WargameError as error:
            self.app.call_from_thread(self.show_problem, str(error))
            return
        self.app.call_from_thread(self.show_saves, summaries)

    def show_problem(self, problem: str) -> None:
        self.query_one("#saves-status", Static).update(problem)

    def show_saves(self, summaries: Sequence[object]) -> None:
        self.summaries = sorted(summaries, key=lambda s: str(getattr(s, "date", "")), reverse=True)
        table = self.query_one(DataTable)
        for summary in self.summaries:
            table.add_row(*row(summary))
        count = len(self.summaries)
        status = f"{count} save{'s' if count != 1 else ''} in {self.folder}/" if count else \
            f"No saves in {self.folder}/ yet: finish a turn and the game saves itself."
        self.show_problem(status)
        table.focus()

    @on(DataTable.RowSelected)
    def chosen(self, event: DataTable.RowSelected) -> None:
        summary = self.summaries[event.cursor_row]
        if getattr(summary, "damaged", None):
            self.notify(f"{summary.path} cannot be opened: {summary.damaged}", severity="error")
            return
        self.dismiss(Path(summary.path))

    def action_cancel(self) -> None:
        self.dismiss(None)
