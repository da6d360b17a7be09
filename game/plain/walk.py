"""``wargame play --plain``: every part of the game the TUI offers, as lines and numbered choices.

The order of things is the TUI's (``game.tui.lobby`` and ``game.tui.playthrough``): the title,
setting up, hot-seat hand-offs before a seat sees anything, its briefing or its last results, its
decision and rationale, the results, the end, the debrief and its export, replaying; Save as and
leaving (whose default is to stay) wherever a game is open. Saves are the TUI's: the game is kept in
its file as it goes, so input that ends mid-game loses nothing.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path

from game.errors import WargameError
from game.plain import pages
from game.plain.console import Console, EndOfInput
from game.players import policy_names
from game.presentation.briefing import briefing_markdown
from game.presentation.entries import turn_lines
from game.presentation.words import turn_heading
from game.saves_folder import folder_shown
from game.seat_view.build import seat_view
from game.session import HUMAN, MAX_RATIONALE, Order, Session
from game.desk import storage
from game.desk.setup import default_name, parse_seed
from game.desk.catalog import check, default_dirs, list_scenarios
from game.desk.launch import LaunchOptions

HOW_TO_PLAY = [
    "How to play in plain mode.",
    "Every question lists numbered choices: type a number and press Enter. Where a question says "
    "\u201cEnter: 1\u201d, Enter alone chooses 1.",
    "Each player takes a seat. Every turn each seat chooses one decision in secret; then they resolve "
    "and everyone reads what they may know of the result.",
    "When several people share the keyboard, a hand-off comes before each seat: pass the keyboard and "
    "let the others look away.",
    f"A track marked \u201c{pages.SECRET}\u201d is known to your seat only; each change says by how much "
    "it moved since last turn.",
    "A decision that cannot be chosen now says why. A percentage is its chance of success, when your "
    "seat can know it.",
    "Your rationale is kept with the game for the debrief.",
    "The game is saved after every turn; Continue the latest game resumes it.",
]


class LeaveGame(Exception):
    """The player chose to leave the game (it stays saved)."""


class PlainGame:
    """The game for one reader at ``console``, with what the command line chose."""

    def __init__(self, console: Console, options: LaunchOptions,
                 clock: Callable[[], datetime.datetime] = datetime.datetime.now) -> None:
        self.console, self.options, self.clock = console, options, clock
        self.formulas = False
        """The facilitator's choice to see the rules as written."""
        self.session: Session | None = None
        self.keeper: storage.SaveFile | None = None
        self.path: Path | None = None

    # -- the title screen ------------------------------------------------------------------

    def run(self) -> int:
        """Until Quit, or the end of the input (the game in play stays saved)."""
        say = self.console.say
        try:
            say("Horizon, plain mode: every screen as lines of text; type the number of a choice and press Enter.")
            if self.options.session is not None:
                self.play(self.options.session, self.options.load)
            elif self.options.scenario is not None:
                self.set_up(self.options.scenario, self.options.controllers, self.options.seed)
            while self.title():
                pass
        except EndOfInput:
            saved = f" The game is saved in {self.path}." if self.path else ""
            say(f"The input ended.{saved}")
        finally:
            self.let_go()
        return 0

    def title(self) -> bool:
        """The title screen once; False when the reader quits."""
        console = self.console
        extra = [Path(self.options.scenario.origin.path)] if self.options.scenario else []
        entries = list_scenarios(self.options.scenario_dirs or default_dirs(), extra)
        console.heading("Horizon: a wargame for policy training and classroom discussion")
        console.say(f"Saves are kept in {folder_shown(self.options.saves_dir)} "
                    "(--saves DIR or HORIZON_SAVES to change).")
        if not entries:
            console.say("No scenarios found: put .toml files in scenarios/ or run wargame play FILE --plain.")
        menu = [pages.scenario_choice(entry) for entry in entries]
        menu += ["Continue the latest game", "Load a saved game", "Replay a saved game", "Help", "Quit"]
        choice = console.choose("What now?", menu)
        if choice < len(entries):
            entry = check(entries[choice])
            console.say(*pages.scenario_lines(entry))
            if entry.scenario is not None:
                self.set_up(entry.scenario, None, None)
            return True
        action = menu[choice]
        if action == "Quit":
            return False
        if action == "Help":
            console.heading("Help")
            console.say(*HOW_TO_PLAY)
        elif action == "Continue the latest game":
            latest = storage.latest(self.options.saves_dir)
            if latest is None:
                console.say(f"No saved game in {folder_shown(self.options.saves_dir)} yet.")
            else:
                self.open_save(Path(latest.path), replay=False)
        else:
            path = self.choose_save(action)
            if path is not None:
                self.open_save(path, replay=action.startswith("Replay"))
        return True

    def choose_save(self, title: str) -> Path | None:
        console = self.console
        console.heading(title)
        summaries = storage.list_saves(self.options.saves_dir)
        folder = folder_shown(self.options.saves_dir)
        if not summaries:
            console.say(f"No saves in {folder} yet: finish a turn and the game saves itself.")
            return None
        console.say(f"{len(summaries)} save{'s' if len(summaries) != 1 else ''} in {folder}, newest first.")
        choice = console.choose("Which one?", [*map(pages.save_choice, summaries), "Back"],
                                default=len(summaries))
        if choice == len(summaries):
            return None
        if summaries[choice].damaged:
            console.say(f"{summaries[choice].path} cannot be opened: {summaries[choice].damaged}")
            return None
        return Path(summaries[choice].path)

    def open_save(self, path: Path, *, replay: bool) -> None:
        try:
            session = storage.restore(path)
        except WargameError as error:
            self.console.say(f"Cannot open the save: {error}")
            return
        if replay:
            self.replay(session, path)
        else:
            self.play(session, path)

    # -- setting up ------------------------------------------------------------------------

    def set_up(self, scenario, controllers: Mapping[str, str] | None, seed: int | None) -> None:
        """Who plays each seat, the seed and the name, then the game (or back to the title)."""
        console = self.console
        seats = {seat: scenario.actors[seat].name for seat in scenario.seats}
        chosen = {seat: (controllers or {}).get(seat, HUMAN) for seat in scenario.seats}
        seed = secrets.randbelow(1 << 31) if seed is None else seed
        name = default_name(scenario.title, self.clock())
        facilitator = self.options.facilitator
        while True:
            console.heading(f"New game of {scenario.title}")
            console.say("Seats:", *(f"  {seats[seat]}: {who_plays(chosen[seat])}." for seat in seats),
                        f"Seed: {seed}.", f"Name: {name}.",
                        f"Facilitator mode: {'on' if facilitator else 'off'} "
                        "(one screen sees everything and steps the game, with no hand-offs).")
            menu = ["Start the game", "Change who plays a seat", "Change the seed", "Change the name",
                    f"Turn facilitator mode {'off' if facilitator else 'on'}", "Back to the title screen"]
            choice = console.choose("What now?", menu, default=0)
            if choice == 0:
                self.play(Session(scenario, seed, chosen, name=name), None, facilitator=facilitator)
                return
            if choice == 1:
                seat = list(seats)[console.choose("Which seat?", list(seats.values()))]
                players = [HUMAN, *policy_names()]
                chosen[seat] = players[console.choose(f"Who plays {seats[seat]}?", [who_plays(p) for p in players],
                                                      default=players.index(chosen[seat]))]
            elif choice == 2:
                seed = self.ask_seed(seed)
            elif choice == 3:
                name = console.read(f"The game's name (Enter: keep \u201c{name}\u201d): ") or name
            elif choice == 4:
                facilitator = not facilitator
            else:
                return

    def ask_seed(self, seed: int) -> int:
        while True:
            text = self.console.read(f"Seed, a whole number (Enter: keep {seed}; r: a new random one): ")
            if not text:
                return seed
            if text.lower() == "r":
                return secrets.randbelow(1 << 31)
            try:
                return parse_seed(text)
            except WargameError as error:
                self.console.say(str(error))

    # -- a game ------------------------------------------------------------------------------

    def play(self, session: Session, path: Path | None, *, facilitator: bool | None = None) -> None:
        """Play ``session`` (kept in ``path`` when it was loaded from there) to the end, or until left."""
        self.session, self.path = session, path
        facilitator = self.options.facilitator if facilitator is None else facilitator
        watching = facilitator or not session.humans()
        hot_seat = not watching and len(session.humans()) > 1
        self.keep()
        try:
            while not session.over:
                orders = {seat: self.seat_turn(seat, watching=watching, hot_seat=hot_seat)
                          for seat in session.humans()}
                self.resolve(orders)
                if watching and not session.over:
                    self.watched_results()
            self.end(watching=watching)
        except LeaveGame:
            saved = f" It is saved in {self.path}: Continue the latest game resumes it." if self.path else ""
            self.console.say(f"You left the game.{saved}")
        finally:
            self.let_go()
            self.session = None

    def keep(self) -> None:
        try:
            self.keeper = storage.keep(self.session, self.options.saves_dir, self.path)
            self.path = self.keeper.path
        except WargameError as error:
            self.console.say(f"Autosave failed: {error}. The game goes on unsaved: use Save as.")

    def let_go(self) -> None:
        if self.keeper is not None:
            self.keeper.release()
            self.keeper = None

    def resolve(self, orders: dict[str, Order]) -> None:
        self.console.say(f"Resolving turn {self.session.turn}\u2026")
        try:
            self.session.play_turn(orders)
        except storage.SaveError as error:
            self.console.say(f"Autosave failed: {error}. The game goes on unsaved: use Save as.")
            self.let_go()
            self.session.play_turn(orders)

    def seat_turn(self, seat: str, *, watching: bool, hot_seat: bool) -> Order:
        """The hand-off, then the briefing or last turn's results, then the seat's decision."""
        console = self.console
        view = seat_view(self.session, None if watching else seat)
        who = view.name(seat)
        if hot_seat:
            console.clear()
            console.heading(f"Hand-off: turn {view.turn}")
            console.say(f"Pass the keyboard to the player of {who.in_sentence()}. Everyone else, look away.")
            while console.choose("Ready?", [f"I play {who.in_sentence()}: show my screen", "Leave this game"],
                                 default=0):
                self.leave()  # staying asks again: only the seat's player says when its screen shows
        if not watching:
            if not view.played:
                console.heading(f"Briefing: {who.name}")
                console.say(briefing_markdown(view).replace(" Press Enter to begin.", ""))
                console.wait("begin")
            else:
                self.results(view, view.played)
        return self.decide(seat, watching=watching)

    def decide(self, seat: str, *, watching: bool) -> Order:
        console = self.console
        while True:
            view = seat_view(self.session, None if watching else seat, formulas=self.formulas)
            who = view.name(seat)
            options = view.options[seat]
            heading = f"Decision for {who.in_sentence()}" if watching else f"{who.name}: your decision"
            console.heading(f"{turn_heading(view, view.turn)}: {heading}")
            console.say(*pages.situation_lines(view))
            console.say(f"Decisions for {who.in_sentence()}:")
            extra = self.game_menu(watching)
            choice = console.choose("Which decision?", [*(pages.option_choice(o, formulas=self.formulas)
                                                          for o in options), *extra])
            if choice >= len(options):
                self.game_action(extra[choice - len(options)], view)
                continue
            option = options[choice]
            console.lines(pages.option_lines(option, formulas=self.formulas), indent=2)
            if not option.available:
                console.say("That decision cannot be chosen now: choose another.")
                continue
            rationale = self.ask_rationale()
            if console.choose(f"Send the order \u201c{option.label}\u201d for {who.in_sentence()}?",
                              ["Send it", "Choose again"], default=0) == 0:
                return Order(seat, option.id, rationale)

    def ask_rationale(self) -> str:
        while True:
            text = self.console.read("Why? Your rationale, kept for the debrief (Enter: none): ")
            if len(text) <= MAX_RATIONALE:
                return text
            self.console.say(f"That is {len(text)} characters: keep it under {MAX_RATIONALE}.")

    def game_menu(self, watching: bool) -> list[str]:
        """What a game offers besides its screen's own choices, as the TUI's keys do."""
        menu = ["Read the log of the game so far", "Save as\u2026"]
        if watching:
            menu.append("Hide the rules as written" if self.formulas else "Show the rules as written")
        return [*menu, "Help", "Leave this game"]

    def game_action(self, action: str, view) -> None:
        console = self.console
        if action.startswith("Read the log"):
            console.heading(f"The log, as {'the facilitator' if view.facilitator else view.name(view.seat).name} saw it")
            if not view.played:
                console.say("Nothing has happened yet.")
            for turn in range(1, view.played + 1):
                console.lines(turn_lines(view, turn, formulas=self.formulas))
        elif action == "Save as\u2026":
            self.save_as()
        elif action.endswith("the rules as written"):
            self.formulas = not self.formulas
        elif action == "Help":
            console.heading("Help")
            console.say(*HOW_TO_PLAY)
        else:
            self.leave()

    def leave(self) -> None:
        saved = f"It is saved in {self.path}." if self.path else "It is not saved: use Save as first to keep it."
        if self.console.confirm(f"Leave this game? {saved}", yes="Leave the game", no="Stay in the game"):
            raise LeaveGame

    def save_as(self) -> None:
        """The game goes on in a file named after the name given, as the TUI's Save as does."""
        console, session = self.console, self.session
        name = console.read(f"Save this game as (Enter: \u201c{session.name}\u201d): ") or session.name
        path = storage.save_path(self.options.saves_dir, name)
        force = False
        while True:
            kept, self.keeper = self.keeper, None
            try:
                self.keeper = storage.save_as(session, name, path, kept, force=force)
            except storage.SaveConflict as conflict:
                self.keep_again(kept)
                if force or not console.confirm(f"Replace that file? {conflict}", yes="Replace it", no="Keep it"):
                    return
                force = True
                continue
            except WargameError as error:
                self.keep_again(kept)
                console.say(f"Not saved: {error}")
                return
            self.path = path
            console.say(f"The game goes on in {path} as \u201c{name}\u201d.")
            return

    def keep_again(self, kept: storage.SaveFile | None) -> None:
        """Back in the file the game was kept in before a Save as that failed."""
        if kept is not None:
            self.path = kept.path
            self.keep()

    def results(self, view, turn: int) -> None:
        self.console.heading(f"{turn_heading(view, turn)}: results")
        self.console.lines(pages.results_lines(view, turn, formulas=self.formulas))
        self.console.say(*pages.situation_lines(view))

    def watched_results(self) -> None:
        """The facilitator's (or a spectator's) results of the turn just played, then on to the next."""
        while True:
            view = seat_view(self.session, None, formulas=self.formulas)
            self.results(view, view.played)
            extra = self.game_menu(True)
            choice = self.console.choose("What now?", [f"On to turn {view.turn}", *extra], default=0)
            if choice == 0:
                return
            self.game_action(extra[choice - 1], view)

    # -- the end -----------------------------------------------------------------------------

    def end(self, *, watching: bool) -> None:
        """How it ended and every score; then the debrief, its export, a replay, or the title screen."""
        from game.analysis.debrief_files import write_debrief
        from game.analysis.report import debrief_markdown

        console, session = self.console, self.session
        while True:
            view = seat_view(session, None, formulas=self.formulas and watching)
            console.heading(f"Game over: {view.title}")
            console.lines(pages.results_lines(view, view.played, formulas=self.formulas and watching))
            console.lines(pages.end_lines(view, formulas=self.formulas and watching))
            menu = ["Read the debrief", "Export the debrief (Markdown and HTML, to print)", "Replay the game",
                    "Save as\u2026", "Back to the title screen"]
            choice = console.choose("What now?", menu, default=len(menu) - 1)
            if choice == 0:
                console.heading("Debrief")
                console.say(debrief_markdown(session))
            elif choice == 1:
                try:
                    markdown_path, html_path = write_debrief(session, debrief_markdown(session),
                                                             self.options.saves_dir)
                except WargameError as error:
                    console.say(f"Not exported: {error}")
                else:
                    console.say(f"Wrote {markdown_path} and {html_path} (open it in a browser to print).")
            elif choice == 2:
                self.replay(session, self.path)
            elif choice == 3:
                self.save_as()
            else:
                return

    def replay(self, session: Session, path: Path | None) -> None:
        """The game turn by turn as the facilitator saw it (branching: ``wargame branch``)."""
        console = self.console
        total = len(session.turns)
        console.heading(f"Replay of {session.name or session.scenario.title}"
                        + (f" ({path.name})" if path else ""))
        for turn in range(1, total + 1):
            view = seat_view(session, None, turn)
            console.lines(pages.results_lines(view, turn))
            if turn < total and console.choose("Next?", [f"Turn {turn + 1}", "Stop the replay"], default=0):
                return
        if total == 0:
            console.say("No turn has been played yet.")


def who_plays(controller: str) -> str:
    return "a person at this keyboard" if controller == HUMAN else f"the computer ({controller})"


def run_plain(options: LaunchOptions, console: Console) -> int:
    return PlainGame(console, options).run()
