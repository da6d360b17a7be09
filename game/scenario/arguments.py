"""Reading ``[arguments]``: whether seats may argue moves the white cell rules on, and within what bounds.

A matrix game lets a team do what no listed action foresaw by arguing it: what
it does, the result it wants, why it would work. The white cell sets the odds,
rolls, and rules the consequences. The scenario decides how far that may go:
which seats argue, how many moves a turn, whether an argued move takes the
place of the seat's action or comes beside it, whether it may be secret, and
which tracks a ruling may touch and by how much (so a ruling stays within the
model the author built: docs/scenario-format.md). The loader calls
:func:`read_arguments` with itself, so every problem is ``FILE:LINE`` with the
rest.
"""

from __future__ import annotations

from typing import Any

from game.engine.model import Arguments, TrackLimit
from game.scenario.reading import close

ARGUMENTS_KEYS = {"enabled", "seats", "per_turn", "action", "secret", "tracks"}
ACTION_CHOICES = ("instead", "beside")
MAX_PER_TURN = 3
"""Argued moves a seat may make in one turn, at most: more is a negotiation, not a turn."""


def read_arguments(loader: Any, order: list[str]) -> Arguments | None:
    """The ``[arguments]`` table (``order``: the scenario's seats), or None when the file has none or turns
    argued moves off."""
    if "arguments" not in loader.document:
        return None
    path, what = ("arguments",), "[arguments]"
    table = loader.table(path, loader.document["arguments"], ARGUMENTS_KEYS, what)
    enabled = loader.get(table, path, "enabled", bool, what, True)
    seats = _seats(loader, table, path, what, order)
    per_turn = loader.get(table, path, "per_turn", int, what, 1)
    if per_turn is not None and not 1 <= per_turn <= MAX_PER_TURN:
        loader.problem((*path, "per_turn"), f"per_turn in {what} must be from 1 to {MAX_PER_TURN}, not {per_turn}")
        per_turn = None
    action = loader.get(table, path, "action", str, what, "instead")
    if action is not None and action not in ACTION_CHOICES:
        loader.problem((*path, "action"), f"action in {what} must be \"instead\" or \"beside\", not {action!r}",
                       "instead: an argued move takes the place of the seat's action; beside: it comes as well")
        action = None
    secret = loader.get(table, path, "secret", bool, what, True)
    tracks = _tracks(loader, table, path, what)
    if None in (enabled, seats, per_turn, action, secret, tracks) or not enabled:
        return None
    if not tracks:
        loader.warning(path, f"{what} lets a ruling touch no track: an argued move can change nothing",
                       "list the tracks a ruling may move under [arguments.tracks]")
    return Arguments(tuple(seats), per_turn, action == "instead", secret, tuple(tracks), loader.lines.line(path))


def _seats(loader: Any, table: dict, path: tuple, what: str, order: list[str]) -> list[str] | None:
    """The seats that may argue, in the scenario's seat order (every seat by default)."""
    if "seats" not in table:
        return list(order)
    named = loader.strings(table, path, "seats", what)
    if not named:
        loader.problem((*path, "seats"), f"seats in {what} names no seat", "leave it out to let every seat argue")
        return None
    sound = True
    for index, seat in enumerate(named):
        if seat not in loader.seats:
            loader.problem((*path, "seats", index), f"seats in {what} names {seat!r}, which is not a seat",
                           close(seat, loader.seats) or f"seats: {', '.join(order)}")
            sound = False
    return [seat for seat in order if seat in named] if sound else None


def _tracks(loader: Any, table: dict, path: tuple, what: str) -> list[TrackLimit] | None:
    """``[arguments.tracks]``: variable = the most a ruling moves it (whole numbers), or the values it may set
    (a list), or true (any of its values)."""
    raw = loader.get(table, path, "tracks", dict, what, {})
    if raw is None:
        return None
    limits, sound = [], True
    for name, given in raw.items():
        where = (*path, "tracks", name)
        variable = loader.variables.get(name)
        if variable is None:
            if name not in loader.broken:
                loader.problem(where, f"tracks in {what} names {name!r}, which is no variable",
                               close(name, loader.variables))
            sound = False
            continue
        limit = _limit(loader, where, variable, given)
        if limit is None:
            sound = False
        else:
            limits.append(limit)
    return limits if sound else None


def _limit(loader: Any, where: tuple, variable: Any, given: Any) -> TrackLimit | None:
    name = variable.name
    if variable.type == "int":
        if isinstance(given, bool) or not isinstance(given, int):
            loader.problem(where, f"{name!r} holds whole numbers: give the most a ruling may move it up or down "
                           "(e.g. 2), not " + repr(given))
            return None
        span = variable.high - variable.low
        if not 1 <= given <= span:
            loader.problem(where, f"a ruling may move {name!r} by 1 to {span} (its range), not {given}")
            return None
        return TrackLimit(name, step=given)
    every = (False, True) if variable.type == "bool" else variable.values
    if given is True:
        return TrackLimit(name, values=every)
    if not isinstance(given, list) or not given:
        loader.problem(where, f"give the values a ruling may set {name!r} to (a list), or true for any of them")
        return None
    values = []
    for value in given:
        if value not in every or isinstance(value, bool) != (variable.type == "bool"):
            shown = ", ".join(str(v).lower() if isinstance(v, bool) else repr(v) for v in every)
            loader.problem(where, f"{value!r} is not a value of {name!r}", f"its values: {shown}")
            return None
        if value not in values:
            values.append(value)
    return TrackLimit(name, values=tuple(v for v in every if v in values))
