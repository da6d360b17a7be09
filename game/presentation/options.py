"""A seat's options as lines: the list to choose from, and the detail of the one highlighted.

An unavailable option shows why, never odds (it cannot be tried now). Its
condition and its chance as written are formulas: shown only when asked for.
"""

from __future__ import annotations

from game.presentation.spans import MUTED, ODDS, QUOTE, STRONG, WARNING, Line, line
from game.presentation.words import percent, quoted
from game.seat_view.model import OptionView

UNKNOWN_CHANCE = "chance unknown"


def chance_text(option: OptionView) -> str:
    """``48%``, ``chance unknown`` or nothing (no chance, or unavailable)."""
    if option.chance is not None:
        return percent(option.chance)
    return UNKNOWN_CHANCE if option.chance_hidden else ""


def unavailable_text(option: OptionView, *, formulas: bool = False) -> str:
    """Why it cannot be chosen now: the author's words, else the plain fact (with formulas: the condition)."""
    reason = option.reason or "not possible now"
    return f"{reason} [requires {option.requires}]" if formulas and option.requires else reason


def option_prompt(option: OptionView, *, formulas: bool = False) -> list[Line]:
    """The option in a list: its label, odds and private tag; an unavailable one with why, on a second line."""
    chance = chance_text(option)
    first = line(option.label, "  " if chance else "", (chance, ODDS),
                 ("  private", WARNING) if option.private else "")
    if option.available:
        return [first]
    return [first, line((f"unavailable: {unavailable_text(option, formulas=formulas)}", MUTED), indent=2)]


def option_detail(option: OptionView, *, formulas: bool = False) -> list[Line]:
    """What a player may want to know before choosing: what, odds, why not, secrecy, and the source."""
    lines = [line((option.label, STRONG))]
    if option.description:
        lines.append(line(option.description))
    if option.chance is not None:
        lines.append(line(("Chance of success: ", MUTED), (percent(option.chance), STRONG)))
    elif option.chance_hidden:
        lines.append(line(("Chance of success: unknown to you (it depends on what you cannot see)", MUTED)))
    if formulas and option.chance_formula:
        lines.append(line((f"Chance as written: {option.chance_formula}", MUTED)))
    if not option.available:
        lines.append(line((f"Unavailable now: {unavailable_text(option, formulas=formulas)}", WARNING)))
    elif formulas and option.requires:
        lines.append(line((f"Requires: {option.requires}", MUTED)))
    if option.private:
        lines.append(line(("Private: only you will know you did this.", MUTED)))
    if option.source:
        lines.append(line((quoted(option.source), QUOTE)))
    if option.assumption:
        lines.append(line(("Designer's assumption: ", MUTED), (option.assumption, MUTED)))
    return lines
