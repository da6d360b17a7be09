"""The hot wash: a seat says what it believes, one question at a time, before the reveal.

Shown only to the seat asked (after its hand-off at a shared keyboard), or to
the facilitator entering a table's answers. Each of the scenario's beliefs
asked of the seat now comes as its prompt and its choices: Enter answers and
moves on, Escape passes (the belief stays unanswered; the debrief says so).
The screen dismisses with the answers given (belief id: the index of the
choice). Nothing of the truth, and nothing of another seat's answers, is here.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from game.seat_view.model import BeliefPrompt, SeatName
from game.tui.dismissal import DismissOnce
from game.tui.text import shown
from game.tui.widgets.footer import Footer

INTRO = ("Before the reveal, say what you believe. Your answers stay secret until the debrief, "
         "where they are set beside the truth.")


class BeliefsScreen(DismissOnce, Screen[dict[str, int]]):
    """``seat``'s beliefs asked now; ``facilitator``: the facilitator enters them for the seat."""

    CSS_PATH = "beliefs.tcss"
    BINDINGS = [
        Binding("escape", "skip", "Pass", tooltip="Leave this one unanswered", id="beliefs.pass"),
    ]

    def __init__(self, seat: SeatName, prompts: tuple[BeliefPrompt, ...], *, facilitator: bool = False) -> None:
        super().__init__()
        self.seat, self.prompts = seat, prompts
        self.index = 0
        self.answers: dict[str, int] = {}
        self.facilitator = facilitator
        self.sub_title = f"What {seat.in_sentence()} believes"

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="beliefs"):
            who = f"The answers of {self.seat.in_sentence()}. " if self.facilitator else ""
            yield Static(who + INTRO, id="beliefs-intro", markup=False)
            yield Static(id="beliefs-count", markup=False)
            yield Static(id="beliefs-prompt", markup=False)
            yield OptionList(id="beliefs-choices")
            yield Static("\u2191\u2193 to move, Enter to answer, Escape to pass.", id="beliefs-keys")
        yield Footer()

    def on_mount(self) -> None:
        self.ask()

    def ask(self) -> None:
        """Show the current prompt, its choices, the seat's answer so far highlighted."""
        prompt = self.prompts[self.index]
        self.query_one("#beliefs-count", Static).update(shown(f"Question {self.index + 1} of {len(self.prompts)}"))
        self.query_one("#beliefs-prompt", Static).update(shown(prompt.prompt, multiline=True))
        choices = self.query_one("#beliefs-choices", OptionList)
        choices.clear_options()
        choices.add_options([Option(shown(f"{number}. {text}"), id=str(number - 1))
                             for number, text in enumerate(prompt.choices, 1)])
        choices.highlighted = prompt.answer if prompt.answer is not None else 0
        choices.focus()

    @on(OptionList.OptionSelected, "#beliefs-choices")
    def answer(self, event: OptionList.OptionSelected) -> None:
        self.answers[self.prompts[self.index].id] = int(event.option_id)
        self.next()

    def action_skip(self) -> None:
        self.next()

    def next(self) -> None:
        self.index += 1
        if self.index < len(self.prompts):
            self.ask()
        else:
            self.dismiss(self.answers)
