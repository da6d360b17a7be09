"""Plain mode's setup screen: who plays each seat, the seed, the name, facilitator mode and the passphrase,
as a menu (for a what-if: its seats and name, its seed and lock kept and said)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from game.desk.setup import GameSetup, parse_seed, passphrase_problem, what_if_lock_note
from game.errors import WargameError
from game.journal import MAX_NAME
from game.plain.console import Console
from game.players import policy_names
from game.safe_text import printable
from game.session import HUMAN


def setup_menu(console: Console, scenario, *, name: str, seed: int,
               controllers: Mapping[str, str] | None, facilitator: bool, branch_at: int | None = None,
               locked: bool = False) -> GameSetup | None:
    """The setup screen's choices as a menu (a what-if, ``branch_at``, keeps its seed and its game's lock)."""
    seats = {seat: scenario.actors[seat].name for seat in scenario.seats}
    chosen = {seat: (controllers or {}).get(seat, HUMAN) for seat in scenario.seats}
    passphrase = ""
    while True:
        if branch_at is None:
            console.heading(f"New game of {scenario.title}")
        else:
            console.heading(f"A what-if of {scenario.title} from after turn {branch_at}")
            console.say(f"Nothing of turn {branch_at + 1} has resolved. A seat played by a person gives its "
                        "own order first; choose who plays each seat from here.")
        console.say("Seats:", *(f"  {seats[seat]}: {who_plays(chosen[seat])}." for seat in seats),
                    f"Seed: {seed}." + (" The game's own seed: the turns so far stay as they were."
                                        if branch_at is not None else ""),
                    f"Name: {name}.",
                    f"Facilitator mode: {'on' if facilitator else 'off'} "
                    "(one screen sees everything and steps the game, with no hand-offs).")
        if branch_at is None:
            console.say("Facilitator passphrase: " + ("the one you typed." if passphrase else
                                                     "Horizon makes one and shows it once, if people play."))
        else:
            console.say(what_if_lock_note(locked))
        menu = ["Start the game" if branch_at is None else "Start the what-if", "Change who plays a seat",
                "Change the seed", "Change the name", f"Turn facilitator mode {'off' if facilitator else 'on'}",
                "Set the facilitator passphrase", "Back"]
        if branch_at is not None:
            menu.remove("Change the seed")
            menu.remove("Set the facilitator passphrase")
        action = menu[console.choose("What now?", menu, default=0)]
        if action.startswith("Start"):
            return GameSetup(chosen, seed, name, facilitator, passphrase)
        if action == "Change who plays a seat":
            seat = list(seats)[console.choose("Which seat?", list(seats.values()))]
            players = [HUMAN, *policy_names()]
            chosen[seat] = players[console.choose(f"Who plays {seats[seat]}?", [who_plays(p) for p in players],
                                                  default=players.index(chosen[seat]))]
        elif action == "Change the seed":
            seed = ask_seed(console, seed)
        elif action == "Change the name":
            name = console.read_text(f"The game's name (Enter: keep \u201c{printable(name)}\u201d): ",
                                     MAX_NAME) or name
        elif action.startswith("Turn facilitator mode"):
            facilitator = not facilitator
        elif action == "Set the facilitator passphrase":
            passphrase = ask_new_passphrase(console)
        else:
            return None


def ask_seed(console: Console, seed: int) -> int:
    """A seed typed (Enter: keep ``seed``; r: a new random one), asked until it is one."""
    while True:
        text = console.read(f"Seed, a whole number (Enter: keep {seed}; r: a new random one): ")
        if not text:
            return seed
        if text.lower() == "r":
            return secrets.randbelow(1 << 31)
        try:
            return parse_seed(text)
        except WargameError as error:
            console.say(str(error))


def ask_new_passphrase(console: Console) -> str:
    """The facilitator's passphrase, not echoed at a terminal ("": Horizon makes one)."""
    while True:
        text = console.secret("The facilitator's passphrase (Enter: Horizon makes one): ")
        problem = passphrase_problem(text)
        if not problem:
            return text
        console.say(problem)


def who_plays(controller: str) -> str:
    return "a person at this keyboard" if controller == HUMAN else f"the computer ({controller})"
