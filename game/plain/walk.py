"""``wargame play --plain``: every part of the game the TUI offers, as lines and numbered choices.

The order of screens is the desk's (``game.desk``), as in the TUI: this module only draws each step
as lines and reads the answers. The title; setting up (a game with people in it is locked, its
passphrase shown once); hot-seat hand-offs before a seat sees anything, its briefing or its last
results, its decision and rationale; in facilitator mode (asked for with the passphrase of a locked
unfinished game) the console before each run of turns, with the white cell's acts and what a seat
sees now; the results; the end, the debrief and its export; replaying, as the facilitator or as a
seat, and a what-if from any turn. Save as and leaving (whose default is to stay) wherever a game is
open. The game is kept in its save as it goes, so input that ends mid-game loses nothing.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path

from game.desk import setup as desk_setup
from game.desk import storage, unlock
from game.desk.catalog import check, default_dirs, list_scenarios
from game.desk.facilitator_acts import FORMS, acts_text, argued_text, orders_text
from game.desk.launch import LaunchOptions
from game.desk.local_game import LocalGame
from game.desk.setup import default_name
from game.desk.steps import (
    Argue,
    Beliefs,
    Briefing,
    Console,
    Counter,
    Decide,
    End,
    HandOff,
    Resolve,
    Results,
    Rule,
    Step,
    Unlock,
)
from game.errors import WargameError
from game.journal import MAX_NAME
from game.plain import pages
from game.plain.console import Console as Lines
from game.plain.console import EndOfInput
from game.plain.forms import fill
from game.plain.setting_up import setup_menu
from game.presentation.argued import all_argued_lines, argued_lines, arguing_words
from game.presentation.briefing import briefing_lines
from game.presentation.entries import turn_lines
from game.presentation.words import turn_heading
from game.safe_text import printable
from game.saves_folder import folder_shown
from game.session import MAX_ARGUMENT, MAX_RATIONALE, MAX_REASONS, Argument, Order, Session
from game.whole_numbers import NotAWholeNumber, parse_whole

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
    "A game with people in its seats has a facilitator's passphrase: until the game ends it opens "
    "facilitator mode and any replay of the game.",
    "The game is saved after every turn; Continue the latest game resumes it.",
]


class LeaveGame(Exception):
    """The player chose to leave the game (it stays saved)."""


class PlainGame:
    """The game for one reader at ``console``, with what the command line chose."""

    def __init__(self, console: Lines, options: LaunchOptions,
                 clock: Callable[[], datetime.datetime] = datetime.datetime.now) -> None:
        self.console, self.options, self.clock = console, options, clock
        self.formulas = False
        """The facilitator's choice to see the rules as written."""
        self.game: LocalGame | None = None
        """The game being played, if any."""
        self.saved: Path | None = None
        """Where the last game played was saved."""

    @property
    def path(self) -> Path | None:
        return self.game.saved_to if self.game is not None else self.saved

    # -- the title screen ------------------------------------------------------------------

    def run(self) -> int:
        """Until Quit, or the end of the input (the game in play stays saved)."""
        say = self.console.say
        try:
            say("Horizon, plain mode: every screen as lines of text; type the number of a choice and press Enter.")
            if self.options.session is not None:
                self.play(self.options.session, self.options.load, facilitator=self.options.facilitator)
            elif self.options.scenario is not None:
                self.set_up(self.options.scenario, self.options.controllers, self.options.seed)
            while self.title():
                pass
        except EndOfInput:
            saved = f" The game is saved in {self.path}." if self.path else ""
            say(f"The input ended.{saved}")
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
            self.play(session, path, facilitator=self.options.facilitator)

    # -- setting up ------------------------------------------------------------------------

    def set_up(self, scenario, controllers: Mapping[str, str] | None, seed: int | None) -> None:
        """Who plays each seat, the seed, the name, the passphrase; then the game (or back to the title)."""
        chosen = setup_menu(self.console, scenario, name=default_name(scenario.title, self.clock()),
                            seed=secrets.randbelow(1 << 31) if seed is None else seed, controllers=controllers,
                            facilitator=self.options.facilitator)
        if chosen is not None:
            self.begin(desk_setup.start(scenario, chosen), chosen.facilitator, unlocked=True)

    def begin(self, started: desk_setup.Started, facilitator: bool, *, unlocked: bool) -> None:
        """A game just set up: its passphrase shown once if Horizon made it, then played."""
        if started.shown_passphrase:
            self.console.heading("The facilitator's passphrase for this game")
            self.console.say(started.shown_passphrase,
                             "Note it now: it is shown only this once. Until the game ends it opens facilitator "
                             "mode, the facilitator's acts and any replay of the game; students' seats need none.")
            self.console.wait("go on")
        self.play(started.session, None, facilitator=facilitator, unlocked=unlocked)

    # -- a game ------------------------------------------------------------------------------

    def play(self, session: Session, path: Path | None, *, facilitator: bool, unlocked: bool = False) -> None:
        """Play ``session`` (kept in ``path`` when it was loaded from there) to the end, or until left."""
        game = self.game = LocalGame(session, facilitator=facilitator, saves_dir=self.options.saves_dir, path=path,
                                     unlocked=unlocked)
        self.tell(game.start())
        try:
            while not isinstance(step := game.next_step(), End):
                self.draw(step)
            self.end(step)
        except LeaveGame:
            saved = f" It is saved in {self.path}: Continue the latest game resumes it." if self.path else ""
            self.console.say(f"You left the game.{saved}")
        finally:
            game.let_go()
            self.game, self.saved = None, game.saved_to

    def tell(self, notice: str) -> None:
        if notice:
            self.console.say(notice)

    def draw(self, step: Step) -> None:
        """Show one step as lines, read what is chosen, and report it to the game."""
        console, game = self.console, self.game
        if isinstance(step, Unlock):
            self.tell(game.unlocked(self.ask_passphrase(step.why, game.session)))
        elif isinstance(step, Console):
            self.facilitator_console()
        elif isinstance(step, HandOff):
            who = game.view(step.seat).name(step.seat)
            console.clear()
            console.heading("Hand-off: the game is over" if game.session.over else f"Hand-off: turn {step.turn}")
            console.say(f"Pass the keyboard to the player of {who.in_sentence()}. Everyone else, look away.")
            while console.choose("Ready?", [f"I play {who.in_sentence()}: show my screen", "Leave this game"],
                                 default=0):
                self.leave()  # staying asks again: only the seat's player says when its screen shows
            game.saw(step)
        elif isinstance(step, Briefing):
            view = game.view_for(step)
            console.heading(f"Briefing: {view.name(step.seat).name}")
            console.say(*briefing_lines(view))
            console.wait("begin")
            game.saw(step)
        elif isinstance(step, Results):
            self.results(step)
            game.saw(step)
        elif isinstance(step, Beliefs):
            self.tell(game.believe(step.seat, self.beliefs(step)))
            game.saw(step)
        elif isinstance(step, Decide):
            if label := game.withdrawn_label(step.seat):
                console.say(f"Your order \u201c{label}\u201d is no longer possible after a change by the "
                            "facilitator: choose again.")
            self.tell(game.give(self.decide(step)))
        elif isinstance(step, Counter):
            self.counter(step)
            game.saw(step)
        elif isinstance(step, Argue):
            if not self.argue(step):
                game.saw(step)
        elif isinstance(step, Rule):
            self.rule()
            game.saw(step)
        elif isinstance(step, Resolve):
            console.say(f"Resolving turn {step.turn}\u2026")
            self.tell(game.resolve())

    def counter(self, step: Counter) -> None:
        """The other seats' public argued moves, one counter-argument each (Enter: none)."""
        console, game = self.console, self.game
        view = game.view(step.viewer)
        who = view.name(step.seat)
        console.heading(f"Argued moves to counter, for {who.in_sentence()}" if step.viewer is None
                        else f"{who.name}: the other seats' argued moves")
        console.say("Other seats argued these moves. The white cell weighs your counter-argument before it rules: "
                    "one for each move, or none.")
        for move in (view.argued_move(m) for m in step.moves):
            if move is None:
                continue
            console.lines(argued_lines(view, move))
            while text := console.read_text("Your counter-argument (Enter: none): ", MAX_ARGUMENT):
                try:
                    self.tell(game.counter(step.seat, move.id, text))
                    break
                except WargameError as error:
                    console.say(f"Not sent: {error}")

    def argue(self, step: Argue) -> bool:
        """A move the seat argues, or none (Enter at the first question); whether one was argued and the seat
        may argue another this turn."""
        console, game = self.console, self.game
        view = game.view(step.viewer)
        who = view.name(step.seat)
        console.heading(f"An argued move for {who.in_sentence()}" if step.viewer is None
                        else f"{who.name}: argue a move?")
        console.say(arguing_words(view))
        if others := all_argued_lines(view):
            console.say("Argued so far this turn:")
            console.lines(others, indent=2)
        while True:
            statement = console.read_text("What you do, in a sentence (Enter: no argued move this turn): ",
                                          MAX_ARGUMENT)
            if not statement:
                return False
            wants = console.read_text("The result you want: ", MAX_ARGUMENT)
            reasons = []
            for number in range(1, MAX_REASONS + 1):
                reason = console.read_text(f"Reason {number} (Enter: {'none' if number == 1 else 'no more'}): ",
                                           MAX_ARGUMENT)
                if not reason:
                    break
                reasons.append(reason)
            secret = view.arguing is not None and view.arguing.secret and console.confirm(
                "Public (every seat sees it and may counter it), or secret (only the white cell sees it)?",
                "Secret", "Public")
            try:
                self.tell(game.argue(Argument(step.seat, statement, wants, tuple(reasons), secret)))
            except WargameError as error:
                console.say(f"Not argued: {error}")
                continue
            console.say("Argued: the white cell will rule on it before the turn resolves.")
            return bool(view.arguing and view.arguing.left > 1)

    def rule(self) -> None:
        """The white cell rules on the turn's argued moves (one it leaves lapses)."""
        console = self.console
        while True:
            view = self.game.view(None)
            if all(move.ruled for move in view.argued):
                return
            console.heading("Argued moves to rule on")
            console.say(*argued_text(view, "the console's \u201cRule on an argued move\u201d").splitlines())
            if console.choose("Rule on one now?", ["Rule on an argued move",
                                                   "Resolve the turn: the moves not ruled on lapse"], default=0):
                return
            self.act("a")

    def beliefs(self, step: Beliefs) -> dict[str, int]:
        """The seat's answers to the beliefs it is asked now, one question at a time (a seat may pass)."""
        console, game = self.console, self.game
        who = game.view(step.viewer).name(step.seat)
        prompts = game.prompts(step.seat)
        console.heading(f"What {who.in_sentence()} believes")
        entering = f"The answers of {who.in_sentence()}. " if step.viewer is None else ""
        console.say(entering + "Before the reveal, say what you believe. Your answers stay secret until the "
                    "debrief, where they are set beside the truth.")
        answers = {}
        for number, prompt in enumerate(prompts, 1):
            console.say("", f"Question {number} of {len(prompts)}: {printable(prompt.prompt)}")
            choices = [printable(text) for text in prompt.choices]
            choice = console.choose("Your answer?", [*choices, "Pass: leave it unanswered"],
                                    default=len(choices) if prompt.answer is None else prompt.answer)
            if choice < len(choices):
                answers[prompt.id] = choice
        return answers

    def ask_passphrase(self, why: str, session) -> bool:
        """The facilitator's passphrase, asked until it is right or the reader goes on without it."""
        console = self.console
        console.heading("Facilitator passphrase")
        console.say(why, f"Give {unlock.passphrase_hint(session)}.")
        while True:
            text = console.secret("Passphrase (Enter alone: go on without it): ")
            if not text:
                return False
            if unlock.opens(session.lock, text):
                return True
            console.say(unlock.WRONG)

    def decide(self, step: Decide) -> Order:
        console, game = self.console, self.game
        watching = step.viewer is None
        while True:
            view = game.view(step.viewer, formulas=self.formulas)
            who = view.name(step.seat)
            options = view.options[step.seat]
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
                return Order(step.seat, option.id, rationale)

    def ask_rationale(self) -> str:
        return self.console.read_text("Why? Your rationale, kept for the debrief (Enter: none): ", MAX_RATIONALE)

    def results(self, step: Results) -> None:
        """A turn's results as the step's viewer may know them; the one watching screen may stop here."""
        while True:
            view = self.game.view(step.viewer, formulas=self.formulas)
            self.console.heading(f"{turn_heading(view, step.turn)}: results")
            self.console.lines(pages.results_lines(view, step.turn, formulas=self.formulas, heading=False))
            self.console.say(*pages.situation_lines(view))
            if step.viewer is not None:
                return
            extra = self.game_menu(True)
            go_on = "On to the end of the game" if view.over else f"On to turn {view.turn}"
            choice = self.console.choose("What now?", [go_on, *extra], default=0)
            if choice == 0:
                return
            self.game_action(extra[choice - 1], view)

    # -- the facilitator's console -------------------------------------------------------------

    def facilitator_console(self) -> None:
        """The open turn as the white cell sees it: its acts, a seat's view, and how play goes on."""
        console, game = self.console, self.game
        plays = ["Play this turn", "Play several turns", "Play to the end"]
        acts = {f"{form.title} (an act of the white cell, with your reason)": key for key, form in FORMS.items()}
        while True:
            view = game.view(None, formulas=self.formulas)
            console.heading(f"{turn_heading(view, view.turn)}: the facilitator's console")
            console.say(*pages.situation_lines(view))
            console.say("Orders this turn:", *(f"  {line}" for line in orders_text(view).splitlines()))
            console.say("Your acts this turn:", *(f"  {line}" for line in acts_text(view).splitlines()))
            if view.arguing is not None:
                console.say("Argued moves this turn:", *(f"  {line}" for line in argued_text(
                    view, "the console's \u201cRule on an argued move\u201d").splitlines()))
            extra = self.game_menu(True)
            menu = [*plays, *acts, "What a seat sees now", *extra]
            action = menu[console.choose("What now?", menu, default=0)]
            if action in plays:
                left = game.turns_left()
                turns = 1 if action == plays[0] else left if action == plays[2] else self.ask_count(left)
                if turns:
                    game.play_on(turns)
                    return
            elif action in acts:
                self.act(acts[action])
            elif action == "What a seat sees now":
                self.peek()
            else:
                self.game_action(action, view)

    def ask_count(self, left: int) -> int:
        """How many turns to play (0: back to the console)."""
        while True:
            text = self.console.read(f"How many turns to play, 1 to {left} (Enter: back to the console)? ")
            if not text:
                return 0
            try:
                return parse_whole(text, 1, left)
            except NotAWholeNumber:
                self.console.say(f"Give a number from 1 to {left}.")

    def act(self, key: str) -> None:
        """One of the white cell's acts, as its form asks for it; the game takes it or says why not."""
        console, game, form = self.console, self.game, FORMS[key]
        view = game.view(None)
        console.heading(form.title)
        values = fill(console, form, view)
        if values is None:
            return
        try:
            taken = game.act(form.build(view, values))
        except WargameError as error:
            console.say(f"Not done: {error}")
            return
        self.tell(taken.notice)
        console.say("Done: the act is in this turn's log, with your reason.")
        if taken.withdrawn:
            console.say(f"No longer possible, so withdrawn: the order of {', '.join(taken.withdrawn)} (asked again).")

    def peek(self) -> None:
        """What a seat sees now: its briefing before turn 1, else its last results and situation."""
        game = self.game
        view = game.view(None)
        seats = list(view.seats)
        seat = seats[self.console.choose("Whose view?", [seat.name for seat in seats])].id
        step = game.peek(seat)
        if isinstance(step, Results):
            seat_view = game.view(seat)
            self.console.heading(f"{turn_heading(seat_view, step.turn)}: results, as {seat_view.name(seat).name} "
                                 "sees them")
            self.console.lines(pages.results_lines(seat_view, step.turn, heading=False))
            self.console.say(*pages.situation_lines(seat_view))
        else:
            seat_view = game.view_for(step)
            self.console.heading(f"Briefing: {seat_view.name(seat).name}")
            self.console.say(*briefing_lines(seat_view))
        self.console.wait("go back to the console")

    # -- what every screen of a game offers -----------------------------------------------------

    def game_menu(self, watching: bool) -> list[str]:
        """What a game offers besides its screen's own choices, as the TUI's keys do."""
        menu = ["Read the log of the game so far", "Save as\u2026"]
        if watching:
            menu.append("Hide the rules as written" if self.formulas else "Show the rules as written")
        return [*menu, "Help", "Leave this game"]

    def game_action(self, action: str, view) -> None:
        console = self.console
        if action.startswith("Read the log"):
            whose = "the facilitator" if view.facilitator else view.name(view.seat).name
            console.heading(f"The log, as {whose} saw it")
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
        console, game = self.console, self.game
        name = console.read_text(f"Save this game as (Enter: \u201c{printable(game.session.name)}\u201d): ",
                                 MAX_NAME) or game.session.name
        path = storage.save_path(self.options.saves_dir, name)
        force = False
        while True:
            try:
                game.save_as(name, path, force=force)
            except storage.SaveConflict as conflict:
                if force or not console.confirm(f"Replace that file? {conflict}", yes="Replace it", no="Keep it"):
                    return
                force = True
                continue
            except WargameError as error:
                console.say(f"Not saved: {error}")
                return
            console.say(f"The game goes on in {path} as \u201c{name}\u201d.")
            return

    # -- the end -----------------------------------------------------------------------------

    def end(self, step: End) -> None:
        """How it ended and every score; then the debrief, its export, a replay, or the title screen."""
        from game.analysis.debrief_files import write_debrief
        from game.analysis.report import debrief_markdown

        console, game = self.console, self.game
        session, formulas = game.session, self.formulas and game.mode.watching
        while True:
            view = game.view(None, formulas=formulas)
            console.heading(f"Game over: {view.title}")
            if not step.last_read:
                console.lines(pages.results_lines(view, view.played, formulas=formulas))
            console.lines(pages.end_lines(view, formulas=formulas))
            menu = ["Read the debrief", "Export the debrief (Markdown and HTML, to print)", "Replay the game",
                    "Save as\u2026", "Back to the title screen"]
            choice = console.choose("What now?", menu, default=len(menu) - 1)
            if choice == 0:
                title, *said = pages.speech(debrief_markdown(session))
                console.heading(title)
                console.say(*said)
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

    # -- replaying, and a what-if ------------------------------------------------------------

    def replay(self, session: Session, path: Path | None) -> None:
        """The game turn by turn, as the facilitator or as one seat saw it; a what-if from any turn."""
        console = self.console
        opened = unlock.asks(session.lock, session.over)
        if opened and not self.ask_passphrase(unlock.REPLAY, session):
            console.say("Without the passphrase there is no replay of this game until it is over.")
            return
        total = len(session.turns)
        console.heading(f"Replay of {session.name or session.scenario.title}" + (f" ({path.name})" if path else ""))
        seats = [(None, "the facilitator (everything)"),
                 *((seat, session.scenario.actor_name(seat)) for seat in session.scenario.seats)]
        viewer = seats[console.choose("As whom?", [name for _, name in seats], default=0)][0]
        if total == 0:
            console.say("No turn has been played yet.")
        from game.seat_view.build import seat_view

        turn = 1
        while turn <= total:
            view = seat_view(session, viewer, turn)
            console.lines(pages.results_lines(view, turn))
            menu = [f"Turn {turn + 1}" if turn < total else "End the replay", "Stop the replay",
                    f"Play a what-if from after turn {turn}"]
            choice = console.choose("Next?", menu, default=0)
            if choice == 1 or (choice == 0 and turn == total):
                return
            if choice == 2:
                self.what_if(session, path, turn, opened=opened)
                return
            turn += 1

    def what_if(self, session: Session, path: Path | None, at: int, *, opened: bool) -> None:
        """A new game holding the first ``at`` turns of ``session``, set up and played (its lock said at setup)."""
        try:
            branched = storage.branch(session, at, path)
        except WargameError as error:
            self.console.say(f"Cannot branch: {error}")
            return
        lock = branched.lock
        chosen = setup_menu(self.console, session.scenario, name=branched.name, seed=branched.seed,
                            controllers=branched.controllers, facilitator=self.options.facilitator, branch_at=at,
                            locked=lock is not None)
        if chosen is not None:
            started = desk_setup.start_what_if(branched, chosen)
            self.begin(started, chosen.facilitator, unlocked=opened or started.session.lock is not lock)


def run_plain(options: LaunchOptions, console: Lines) -> int:
    return PlainGame(console, options).run()
