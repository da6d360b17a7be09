"""The replay viewer: step through a game's turns as any seat or as the facilitator,
and branch a what-if from any point.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Header, Static

from game.presentation.words import turn_heading
from game.seat_view.model import SeatView
from game.tui.dialogs.text_prompt import TextPrompt
from game.tui.screens.formulas import FormulaToggle
from game.tui.widgets.footer import Footer
from game.tui.widgets.news_feed import NewsFeed
from game.tui.widgets.region_map import RegionMap
from game.tui.widgets.track_meters import TrackMeters
from game.whole_numbers import NotAWholeNumber, parse_whole

ViewAt = Callable[..., SeatView]
"""``view_at(viewer, played, formulas=...)``: the game as ``viewer`` saw it after ``played`` turns."""


class ReplayScreen(FormulaToggle[int | None]):
    """Dismisses with the number of turns to branch after, or None when closed."""

    CSS_PATH = "replay.tcss"
    BINDINGS = [
        # Priority: the panes scroll with these keys too, and stepping matters more here.
        Binding("left,h", "step(-1)", "Back", id="replay.back", priority=True),
        Binding("right,l", "step(1)", "Forward", id="replay.forward", priority=True),
        # Home and End are in the help, not the footer: at 80 columns it has room for the rest only.
        Binding("home", "go(0)", "Start", id="replay.start", priority=True, show=False),
        Binding("end", "go(-1)", "End", id="replay.end", priority=True, show=False),
        Binding("j", "jump", "Jump", tooltip="Jump to a turn", id="replay.jump"),
        Binding("v", "next_viewer", "View as", tooltip="As another seat, or the facilitator", id="replay.viewer"),
        Binding("b", "branch", "Branch", tooltip="A what-if from this point", id="replay.branch"),
        Binding("escape,q", "close", "Close", id="replay.close"),
    ]

    played: reactive[int] = reactive(0, init=False)
    """How many turns have been played at the point shown (0: the start)."""
    viewer: reactive[str | None] = reactive(None, init=False)
    """Whose view is shown: a seat, or None for the facilitator."""

    def __init__(self, view_at: ViewAt, total: int, *, viewer: str | None = None,
                 formulas_allowed: bool = False) -> None:
        super().__init__(formulas_allowed=formulas_allowed)
        self.view_at, self.total = view_at, total
        self.set_reactive(ReplayScreen.played, total)
        self.set_reactive(ReplayScreen.viewer, viewer)
        self.view = view_at(viewer, total)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="timeline")
        with Horizontal(id="replay-body"):
            with VerticalScroll(id="replay-situation"):
                yield TrackMeters(id="tracks")
                if self.view.map is not None:
                    yield RegionMap(id="map")
            with VerticalScroll(id="replay-news"):
                yield NewsFeed(id="feed")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()

    def watch_played(self) -> None:
        self.redraw()

    def watch_viewer(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        view = self.view = self.view_at(self.viewer, self.played, formulas=self.formulas)
        self.query_one(TrackMeters).show(view.tracks)
        if view.map is not None:
            self.query_one(RegionMap).show(view.map)
        feed = self.query_one(NewsFeed)
        if self.played:
            feed.show(view, view.entries_of(self.played), formulas=self.formulas)
        else:
            feed.show(view, (), empty="The start of the game: step forward with \u2192.")
        self.query_one("#timeline", Static).update(self.timeline())
        self.sub_title = f"Replay of {view.game_name or view.title} \u00b7 as {self.who()}"

    def who(self, *, title: bool = False) -> str:
        if self.viewer is None:
            return "Facilitator (everything)" if title else "the facilitator"
        seat = self.view.name(self.viewer)
        return seat.name if title else seat.in_sentence()

    def timeline(self) -> Content:
        where = turn_heading(self.view, self.played) if self.played else "Start"
        marks = Content.assemble(("\u25a0" * self.played, "$accent"),
                                 ("\u25a1" * (self.total - self.played), "$foreground 40%"))
        return Content.assemble(" As ", (self.who(title=True), "b $accent"), " \u00b7 ", (where, "b"),
                                f" ({self.played} of {self.total} played)  ", marks)

    def action_step(self, delta: int) -> None:
        self.played = max(0, min(self.total, self.played + delta))

    def action_go(self, where: int) -> None:
        self.played = self.total if where < 0 else where

    def action_next_viewer(self) -> None:
        order = [None, *(seat.id for seat in self.view.seats)]
        self.viewer = order[(order.index(self.viewer) + 1) % len(order)]

    def action_jump(self) -> None:
        total = self.total
        prompt = TextPrompt(f"Jump to after which turn? (0-{total})", check=lambda text: turn_problem(text, total),
                            restrict=r"[0-9]*")
        self.app.push_screen(prompt, lambda text: self.action_go(int(text)) if text is not None else None)

    def action_branch(self) -> None:
        """On to the what-if's setup (who plays each seat from here), which can still go back."""
        self.dismiss(self.played)

    def action_close(self) -> None:
        self.dismiss(None)


def turn_problem(text: str, total: int) -> str:
    """Why ``text`` is not a turn to jump to, or "" when it is (pasted: 5,000 digits are out of range, not a crash)."""
    try:
        parse_whole(text, 0, total)
    except NotAWholeNumber:
        return f"Give a turn from 0 (the start) to {total}."
    return ""
