"""Help (F1 or ?): the keys, and how to play, over whatever screen is showing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from game.tui.dismissal import DismissOnce
from game.tui.widgets.footer import Footer

HOW_TO_PLAY = """\
# How to play

Each player takes a seat: one of the actors the scenario makes playable. Every turn each
seat chooses **one decision** in secret; then they resolve in seat order, events
fire, and everyone sees what they may know of the result.

* **Hot-seat:** when several people share the keyboard, a *hand-off* screen hides
  everything between seats. Pass the keyboard, let the others look away, press Enter.
* **Tracks** are the situation. A dot (\u25cf) marks a track that other seats cannot
  see; \u25b2/\u25bc show last turn's change.
* **Decisions** that cannot be chosen now are dimmed with the reason. A percentage
  is the decision's chance of success, when your seat can know it.
* On the **map** each kind of place has its own marker shape (the legend names them), filled when
  someone is known to hold the place.
* **Themes:** `wargame --theme high-contrast` or `--theme colour-blind` (or Ctrl+P, then themes);
  `wargame play --plain` plays the game as lines of text, for a screen reader.
* Write a **rationale**: it is kept with the game for the debrief.
* Every change in the results says **why**: the rule that made it and its source.
* The **footer** shows the keys of the screen you are on; on a narrow terminal it leaves out
  Ctrl+P (the command palette), then Ctrl+S, f and m: they still work, and this table lists them.
* The game is **saved as it goes** (every order, every act of the facilitator);
  *Continue* on the title screen resumes the latest game where it stopped.
* **The facilitator** (facilitator mode, with the game's passphrase) sees everything
  and opens each turn on a console: the computer seats' intended orders, the acts of
  the white cell, each with a reason kept for the debrief (no seat sees it).

# Keys

| key | where | does |
|---|---|---|
| F1, ? | anywhere | this help |
| Ctrl+P | anywhere | command palette (all main actions, themes) |
| \u2191 \u2193, Enter | lists | move, choose |
| Tab, Shift+Tab | anywhere | next, previous field |
| Enter | rationale field | confirm your order |
| Shift+\u2191 \u2193 | turn screen | scroll a long decision's description and quote |
| s, m | turn screen, narrow terminal | the situation and the map, over the decisions (s, m or Escape closes) |
| Ctrl+S | in a game | save as... |
| Escape | in a game | back / leave to the title screen |
| \u2190 \u2192 Home End, j | replay | previous, next, first, last turn, jump to a turn |
| v | replay | view as another seat or the facilitator |
| b | replay | branch: play on from here as a new game |
| e i r o t | facilitator's console | fire an event, inject, rule on a chance, replace a computer order, set a track |
| v | facilitator's console | what a seat sees now |
| Enter, n, End | facilitator's console | play this turn, several turns, to the end |
| p | during a run of turns | pause: the console opens after the turn being played |
| Escape | a seat's turn in facilitator mode | back to the console now (the turn waits), or leave the game |
| Enter | networked facilitator's console | resolve now (undecided seats hold) |
| Ctrl+Q | anywhere | quit (the game so far is saved) |
"""


class HelpScreen(DismissOnce, ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HOW_TO_PLAY, open_links=False)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
