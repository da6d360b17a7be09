"""The after-action debrief of a finished game, when this build has one (``game.analysis``).

The debrief is written by the analysis package as Markdown, the same document
``wargame report`` prints; this screen only shows it, and can export it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown

from game.session import Session
from game.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from textual.app import App
from game.tui.dismissal import DismissOnce

DebriefWriter = Callable[[Session], str]


def export_debrief(app: App, session: Session, markdown: str, folder: Path) -> None:
    """Write the debrief's files (:func:`~game.analysis.debrief_files.write_debrief`), telling the user either
    way. Blocks (the HTML renders the whole game): call it from a thread worker."""
    from game.analysis.debrief_files import write_debrief
    from game.errors import WargameError

    try:
        markdown_path, html_path = write_debrief(session, markdown, folder)
    except WargameError as error:
        app.call_from_thread(app.notify, str(error), title="Not exported", severity="error")
        return
    app.call_from_thread(app.notify, f"Wrote {markdown_path} and {html_path.name} (open it in a browser to print)",
                         title="Exported")


class DebriefScreen(DismissOnce, Screen[None]):
    """Shows ``write(session)``; written in a thread, as it reads the whole game."""

    CSS_PATH = "debrief.tcss"
    BINDINGS = [
        Binding("e", "export", "Export (Markdown, HTML)", id="debrief.export"),
        Binding("escape,q", "close", "Back", id="debrief.close"),
    ]

    def __init__(self, session: Session, write: DebriefWriter, folder: Path) -> None:
        super().__init__()
        self.session, self.write, self.folder = session, write, folder
        self.text = ""
        self.sub_title = f"Debrief \u00b7 {session.name or session.scenario.title}"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="debrief"):
            yield Markdown("_Writing the debrief\u2026_", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#debrief").focus()
        self.compose_debrief()

    @work(thread=True, exclusive=True)
    def compose_debrief(self) -> None:
        text = self.write(self.session)
        self.app.call_from_thread(self.show, text)

    def show(self, text: str) -> None:
        self.text = text
        self.query_one(Markdown).update(text)

    def action_export(self) -> None:
        if self.text:
            self.export(self.text)

    @work(thread=True, exclusive=True, group="export")
    def export(self, text: str) -> None:
        export_debrief(self.app, self.session, text, self.folder)

    def action_close(self) -> None:
        self.dismiss(None)
