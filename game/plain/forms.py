"""The facilitator's acts as questions (plain mode): each field of an act's form (``game.desk.facilitator_acts``)
asked in turn, as numbered choices or a line of text. Changes to the tracks are picked by their words, a track
and then its change (``game.desk.effect_form``); a designer may write them as expressions instead."""

from __future__ import annotations

from typing import Any

from game.desk.facilitator_acts import CHECKS, CHOICE, EFFECTS, ActForm, Field
from game.plain.console import Console
from game.seat_view.model import SeatView
from game.whole_numbers import NotAWholeNumber, parse_whole


def fill(console: Console, form: ActForm, view: SeatView) -> dict[str, Any] | None:
    """The answers to ``form``'s fields, or None when the facilitator cancels (or there is nothing to choose)."""
    values: dict[str, Any] = {}
    for field in form.fields(view):
        if field.expert:
            values.setdefault(field.key, "")  # written only when asked for, from the changes' question
        elif field.kind == EFFECTS:
            values[field.key] = effects(console, field, values)
        elif field.kind == CHOICE:
            if not field.choices:
                console.say(f"{field.label}: there is none to choose now.")
                return None
            labels = [label for label, _ in field.choices]
            initial = next((i for i, (_, value) in enumerate(field.choices) if value == field.initial), None)
            index = console.choose(f"{field.label}?", [*labels, "Cancel"], default=initial)
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


WRITE = "Write it as an expression instead (for designers)"


def effects(console: Console, field: Field, values: dict[str, Any]) -> tuple:
    """Changes to the tracks, a track then its change, until done (one change per track; with ``single``, one
    change in all); a designer may write them as expressions instead (kept under ``field.expressions``)."""
    groups = field.groups
    picked: dict[str, Any] = {}
    labels: dict[str, str] = {}
    while True:
        so_far = "; ".join(labels.values())
        console.say(f"{field.label}" + (f". Picked so far: {so_far}." if so_far else "."))
        if field.single and picked:
            return tuple(picked.values())
        finish = "Done" if picked else "None" if field.optional else None
        options = [group.label for group in groups] + ([finish] if finish else []) + (
            [WRITE] if field.expressions else [])
        index = console.choose("Which track?", options, default=len(groups) if finish else None)
        if index < len(groups):
            group = groups[index]
            changes = [change.label for change in group.changes]
            which = console.choose(f"{group.label}: what happens to it?", [*changes, "Back to the tracks"])
            if which < len(changes):
                picked[group.track] = group.changes[which].value
                labels[group.track] = changes[which]
        elif options[index] == WRITE:
            values[field.expressions] = console.read("As expressions, separated by ; (e.g. threat += 2): ")
            return tuple(picked.values())
        else:
            return tuple(picked.values())


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
