"""The facilitator's acts as questions (plain mode): each field of an act's form (``game.desk.facilitator_acts``)
asked in turn, as numbered choices or a line of text."""

from __future__ import annotations

from typing import Any

from game.desk.facilitator_acts import CHECKS, CHOICE, ActForm, Field
from game.plain.console import Console
from game.seat_view.model import SeatView
from game.whole_numbers import NotAWholeNumber, parse_whole


def fill(console: Console, form: ActForm, view: SeatView) -> dict[str, Any] | None:
    """The answers to ``form``'s fields, or None when the facilitator cancels (or there is nothing to choose)."""
    values: dict[str, Any] = {}
    for field in form.fields(view):
        if field.kind == CHOICE:
            if not field.choices:
                console.say(f"{field.label}: there is none to choose now.")
                return None
            labels = [label for label, _ in field.choices]
            index = console.choose(f"{field.label}?", [*labels, "Cancel"])
            if index == len(labels):
                return None
            values[field.key] = field.choices[index][1]
            if field.details:  # what the author says of the choice: an inject's guidance, audience and source
                console.say(*field.detail(values[field.key]).splitlines())
        elif field.kind == CHECKS:
            values[field.key] = checks(console, field)
        else:
            values[field.key] = console.read(f"{field.label} ({field.placeholder}): " if field.placeholder
                                             else f"{field.label}: ")
    return values


def checks(console: Console, field: Field) -> tuple:
    """Any of a field's choices: numbers separated by spaces (Enter: those chosen at first)."""
    labels = [label for label, _ in field.choices]
    initial = [index for index, (_, value) in enumerate(field.choices) if value in (field.initial or ())]
    console.say(f"{field.label}:", *(f"  {number}. {label}" for number, label in enumerate(labels, 1)))
    default = " ".join(str(index + 1) for index in initial)
    while True:
        text = console.read(f"Type the numbers, separated by spaces (Enter: {default or 'none'}): ") or default
        try:
            numbers = [parse_whole(n, 1, len(labels)) for n in text.replace(",", " ").split()]
        except NotAWholeNumber:
            numbers = None
        if numbers is not None:
            return tuple(field.choices[n - 1][1] for n in dict.fromkeys(numbers))
        console.say(f"Type numbers from 1 to {len(labels)}, separated by spaces.")
