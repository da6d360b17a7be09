"""The Horizon app: holds what the command line chose and routes the main actions.

Screens do the drawing, the lobby runs the flows between them (set up, load,
replay, save as) and ``Playthrough`` walks a game; the app only decides which
flow runs. Slow work (loading scenarios, reading and writing saves, resolving
turns) happens in workers so the UI never freezes.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Coroutine, Iterable
from pathlib import Path

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from game.desk.launch import LaunchOptions
from game.tui.lobby import Lobby
from game.tui.screens.title import TitleScreen
from game.tui.text import notify
from game.tui.themes import THEMES, theme_name


class HorizonApp(App[None]):
    CSS_PATH = ["app.tcss", "screens/title.tcss"]
    """The title screen's sheet too: Textual loads a screen's own CSS_PATH only for pushed screens."""
    TITLE = "Horizon"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal"), (150, "-wide")]
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("escape", "leave_field", "Leave the field", show=False, priority=True, id="app.leave_field"),
        Binding("p", "pause_run", "Pause the run", tooltip="Stop the run of turns at the console after this turn",
                id="game.pause"),
    ]

    def __init__(self, options: LaunchOptions | None = None, *,
                 clock: Callable[[], datetime.datetime] = datetime.datetime.now) -> None:
        super().__init__()
        self.options = options or LaunchOptions()
        self.lobby = Lobby(self, self.options, clock)
        for theme in THEMES.values():
            self.register_theme(theme)
        if self.options.theme:
            self.theme = theme_name(self.options.theme)
        """The game flows; ``clock`` gives their dates (fixed in snapshot tests)."""
        self.formulas = False
        """Whether screens in facilitator mode show the rules as written (key f), from screen to screen."""

    def get_default_screen(self) -> TitleScreen:
        """The title screen is the bottom of the stack: the first frame, and where games return.

        Its list, read from the files' headers (a few ms), is in that first frame; the full check of
        every file comes after it (``on_mount``), in a thread that would otherwise compete with it.
        """
        from game.desk.catalog import default_dirs, list_scenarios

        extra = [Path(self.options.scenario.origin.path)] if self.options.scenario else []
        return TitleScreen(list_scenarios(self.options.scenario_dirs or default_dirs(), extra),
                           saves=self.options.saves_dir)

    def on_mount(self) -> None:
        title = self.screen_stack[0]
        self.call_after_refresh(self.check_catalog, title.entries)
        options = self.options
        if options.session is not None:
            self.start(self.lobby.play, options.session, options.facilitator, options.load)
        elif options.scenario is not None:
            self.start(self.lobby.set_up, options.scenario, options.seed, options.controllers)

    @work(thread=True, group="catalog")
    def check_catalog(self, entries: list) -> None:
        """Load every listed scenario in full, then show the list again with the broken ones marked."""
        from game.desk.catalog import check_all

        self.call_from_thread(self.show_catalog, check_all(entries))

    def show_catalog(self, entries: list) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.show_entries(entries)

    async def on_event(self, event: events.Event) -> None:
        """Keys typed while the app closes (its screens already gone) are dropped, not a crash."""
        if isinstance(event, events.Key) and not self.screen_stack:
            return
        await super().on_event(event)

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        """Keys that arrive while a screen is still being pushed act on nothing rather than on half a screen."""
        if not self.screen.is_mounted:
            return False
        return await super().run_action(action, default_namespace, namespaces)

    def action_command_palette(self) -> None:
        from game.tui.palette import Palette, is_open

        if not is_open(self.screen_stack):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from game.tui.palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Search for themes\u2026"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and how to play (F1)", self.action_help)
        yield SystemCommand("New game", "Set up a game of the selected scenario", self.action_new_game)
        yield SystemCommand("Continue", "Resume the latest saved game", self.action_continue_game)
        yield SystemCommand("Load game", "Choose a saved game to resume", self.action_load_game)
        yield SystemCommand("Replay game", "Step through a saved game as any seat", self.action_replay_game)
        if self.playthrough is not None:
            yield SystemCommand("Save as", "Save this game under a name (Ctrl+S)", self.action_save_as)
            yield SystemCommand("Leave game", "Back to the title screen; the game is saved",
                                self.action_leave_game)
        if self.playthrough is not None and self.playthrough.facilitating and not self.playthrough.session.over:
            from game.desk.facilitator_acts import FORMS

            for form in FORMS.values():
                yield SystemCommand(f"Facilitator: {form.title}",
                                    f"An act of the white cell, with your reason ({form.key} on the console)",
                                    functools.partial(self.playthrough.act, form.key))
            yield SystemCommand("Facilitator: what a seat sees now", "Look at the game as one seat sees it (v)",
                                self.playthrough.peek)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_field":  # a dialog's field is the dialog: Escape there cancels it
            return isinstance(self.focused, Input) and not isinstance(self.screen, ModalScreen)
        if action == "pause_run":  # offered (in every footer) only while the facilitator's run of turns goes on
            return self.playthrough is not None and self.playthrough.running > 1
        return super().check_action(action, parameters)

    def action_leave_field(self) -> None:
        """Escape in a text field leaves the field (what was typed stays), never the screen."""
        self.screen.focus_previous()

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- the main actions: each starts a flow of the lobby ------------------------------

    @property
    def playthrough(self):
        """The game being played, if any (``game.tui.playthrough.Playthrough``)."""
        return self.lobby.playthrough

    def start(self, flow: Callable[..., Coroutine], *args) -> None:
        """Run a game flow (``flow(*args)``) as the one "game" worker, unless one is already under way.

        Two flows at once (``n`` then ``c`` typed before the setup screen showed) would push
        their screens over each other; only leaving a game cancels its flow. The worker is given the
        flow to call, not a coroutine made in advance: one cancelled before it starts leaves none unawaited.
        """
        if any(worker.group == "game" and not worker.is_finished for worker in self.workers):
            return
        self.run_worker(functools.partial(flow, *args), group="game")

    def at_title(self) -> TitleScreen | None:
        """The title screen when it is the one showing, else None (with a note why nothing happens)."""
        if isinstance(self.screen, TitleScreen):
            return self.screen
        notify(self, "Leave the current game first (Escape).", severity="warning")
        return None

    def action_new_game(self) -> None:
        title = self.at_title()
        if title is None:
            return
        entry = title.selected
        if entry is not None and entry.scenario is None and not entry.broken:
            from game.desk.catalog import check

            entry = check(entry)  # chosen before the background check reached it
        if entry is None or entry.scenario is None:
            notify(self, "Choose a scenario that loads first.", severity="warning")
            return
        self.start(self.lobby.set_up, entry.scenario, None, None)

    def action_continue_game(self) -> None:
        if self.at_title() is not None:
            self.start(functools.partial(self.lobby.open_save, None, replay=False))

    def action_load_game(self) -> None:
        if self.at_title() is not None:
            self.start(functools.partial(self.lobby.choose_save, "Load a saved game", replay=False))

    def action_replay_game(self) -> None:
        if self.at_title() is not None:
            self.start(functools.partial(self.lobby.choose_save, "Replay a saved game", replay=True))

    def on_facilitator_screen_act(self, message) -> None:
        """The console's act keys: the game being played opens the act's form."""
        if self.playthrough is not None:
            self.playthrough.act(message.key)

    def on_facilitator_screen_peek(self, message) -> None:
        if self.playthrough is not None:
            self.playthrough.peek()

    def action_pause_run(self) -> None:
        """Stop a run of turns the facilitator started, at the console after the turn being played."""
        if self.playthrough is not None:
            self.playthrough.pause()

    def action_save_as(self) -> None:
        if self.playthrough is None:
            notify(self, "There is no game to save here.", severity="warning")
            return
        # the worker calls the flow: a Save as superseded before it starts leaves no coroutine unawaited
        self.run_worker(functools.partial(self.lobby.save_as, self.playthrough), group="save", exclusive=True)

    def action_leave_game(self) -> None:
        from game.tui.dialogs.confirm import ConfirmDialog
        from game.tui.screens.turn import TurnScreen

        detail = "The game is saved as it goes: Continue resumes it where it stopped, with the orders given."
        playthrough = self.playthrough
        if playthrough is not None and playthrough.facilitating and isinstance(self.screen, TurnScreen):
            from game.tui.dialogs.seat_choice import SeatChoice

            def chosen(choice: str | None) -> None:
                if choice == "console":  # once this dialog is gone: the callback comes before it is popped
                    self.call_after_refresh(playthrough.back_to_console)
                elif choice == "leave":
                    self.leave_game()

            choices = [("Back to the console (this turn waits; a run of turns stops)", "console"),
                       ("Leave this game for the title screen", "leave"), ("Stay here", "stay")]
            self.push_screen(SeatChoice("Where to?", choices, detail=detail), chosen)
            return
        question = ConfirmDialog("Leave this game for the title screen?", detail, yes="Leave", no="Stay",
                                 default=False)
        self.push_screen(question, lambda sure: self.leave_game() if sure else None)

    def leave_game(self) -> None:
        self.workers.cancel_group(self, "game")
        self.lobby.playthrough = None
        while not isinstance(self.screen, TitleScreen):
            self.pop_screen()
