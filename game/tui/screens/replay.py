"""The replay viewer: step through a game's turns as any seat or as the facilitator,
and branch a what-if from any point.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.cli.transcript import turn_heading
from game.engine.views import FACILITATOR
from game.session import Session
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.text_prompt import TextPrompt
from game.tui.game_views import entries_of_turn, previous_values, rationales, view_at
from game.tui.widgets.news_feed import NewsFeed
from game.tui.widgets.region_map import RegionMap
from game.tui.widgets.track_meters import TrackMeters


class ReplayScreen(Screen[int | None]):
    """Dismisses with the number of turns to branch after, or None when closed."""

    CSS_PATH = "replay.tcss"
    BINDINGS = [
        # Priority: the panes scroll with these keys too, and stepping matters more here.
        Binding("left,h", "step(-1)", "Back", id="replay.back", priority=True),
        Binding("right,l", "step(1)", "Forward", id="replay.forward", priority=True),
        Binding("home", "go(0)", "Start", id="replay.start", priority=True),
        Binding("end", "go(-1)", "End", id="replay.end", priority=True),
        Binding("j", "jump", "Jump to turn", id="replay.jump"),
        Binding("v", "next_viewer", "View as\u2026", id="replay.viewer"),
        Binding("b", "branch", "Branch from here", id="replay.branch"),
        Binding("escape,q", "close", "Close", id="replay.close"),
    ]

    played: reactive[int] = reactive(0, init=False)
    """How many turns have been played at the point shown (0: the start)."""
    viewer: reactive[str | None] = reactive(FACILITATOR, init=False)
    """Whose view is shown: a seat, or None for the facilitator."""

    def __init__(self, session: Session, *, viewer: str | None = FACILITATOR) -> None:
        super().__init__()
        self.session = session
        self.set_reactive(ReplayScreen.played, len(session.turns))
        self.set_reactive(ReplayScreen.viewer, viewer)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="timeline")
        with Horizontal(id="replay-body"):
            with VerticalScroll(id="replay-situation"):
                yield TrackMeters(id="tracks")
                if self.session.scenario.map is not None:
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
        session, played, viewer = self.session, self.played, self.viewer
        view = view_at(session, played, viewer)
        self.query_one(TrackMeters).show(session.scenario.variables, view.variables,
                                         previous_values(session, played, viewer))
        if session.scenario.map is not None:
            self.query_one(RegionMap).show(session.scenario.map, view.places, view.routes)
        feed = self.query_one(NewsFeed)
        if played:
            turn = session.turns[played - 1].turn
            words = rationales(session, played, viewer)[turn]
            feed.show(session.scenario, entries_of_turn(view, turn), words)
        else:
            feed.show(session.scenario, (), {}, empty="The start of the game: step forward with \u2192.")
        self.query_one("#timeline", Static).update(self.timeline())
        who = session.scenario.actor_name(viewer) if viewer else "the facilitator"
        self.sub_title = f"Replay of {session.name or session.scenario.title} \u00b7 as {who}"

    def timeline(self) -> Content:
        total, played, scenario = len(self.session.turns), self.played, self.session.scenario
        where = turn_heading(scenario, self.session.turns[played - 1].turn) if played else "Start"
        marks = Content.assemble(("\u25a0" * played, "$accent"),
                                 ("\u25a1" * (total - played), "$foreground 40%"))
        who = self.session.scenario.actor_name(self.viewer) if self.viewer else "Facilitator (everything)"
        return Content.assemble(" As ", (who, "b $accent"), " \u00b7 ", (where, "b"),
                                f" ({played} of {total} played)  ", marks)

    def action_step(self, delta: int) -> None:
        self.played = max(0, min(len(self.session.turns), self.played + delta))

    def action_go(self, where: int) -> None:
        self.played = len(self.session.turns) if where < 0 else where

    def action_next_viewer(self) -> None:
        order = [FACILITATOR, *self.session.scenario.seats]
        self.viewer = order[(order.index(self.viewer) + 1) % len(order)]

    def action_jump(self) -> None:
        total = len(self.session.turns)

        def check(text: str) -> str:
            ok = text.isdigit() and 0 <= int(text) <= total
            return "" if ok else f"Give a turn from 0 (the start) to {total}."

        prompt = TextPrompt(f"Jump to after which turn? (0-{total})", check=check, restrict=r"[0-9]*")
        self.app.push_screen(prompt, lambda text: self.action_go(int(text)) if text is not None else None)

    def action_branch(self) -> None:
        question = f"Branch a new game from after turn {self.played}?"
        detail = "The turns so far are kept; you play on from here as a new save. This replay is unchanged."
        self.app.push_screen(ConfirmDialog(question, detail, yes="Branch"),
                             lambda sure: self.dismiss(self.played) if sure else None)

    def action_close(self) -> None:
        self.dismiss(None)
