"""Changes to the tracks chosen by the words players see: the white cell's label form, for every front end.

A facilitator rules an argued move, writes an inject or sets a track by
picking what should happen from the tracks as the screens name them ("U.S.
access deal in Central Asia \u2192 Termez", "Uzbekistan's receptivity: up by
2"), never by typing a variable's name in the expression language (which stays
for designers, behind the forms' "as an expression" switch). This module
describes those choices from the facilitator's view of the game alone (a
``SeatView``), so the hot-seat console, the networked one, plain mode and a
class console that injects into many tables offer the same form, and turns
what was picked into what the engine takes: effects in the expression language,
or a track and a value. The engine then checks them as it checks the
scenario's own (bounds, what a seat may see, and for a ruling the scenario's
``[arguments]``).

Reuse: ``change_groups(view)`` (every track; ``limits`` for what a ruling may
touch, from ``view.arguing.tracks``) gives one :class:`TrackGroup` per track with
its :class:`Change` choices; a form field of kind ``EFFECTS``
(``facilitator_acts``) holds them, each front end shows them (the TUI as a
list with a filter, plain mode a track and then its change), and
:func:`effects_of` turns the picked values (plus any written as expressions)
into the act's effects, one change per track.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from attrs import frozen

from game.engine.interventions import literal
from game.errors import WargameError
from game.presentation.words import format_value
from game.seat_view.model import SeatView, Track, TrackLimitView

STEPS = (1, 2, 3, 5)
"""How far an inject may move a whole-number track in one pick, up or down (within its range)."""
MAX_LISTED = 40
"""A whole-number track is set to a value picked from a list when its range is at most this wide."""


@frozen
class Change:
    """One pick: its words, the track it changes, and what the engine takes for it."""

    label: str
    """``U.S. access deal in Central Asia → Termez``, ``Uzbekistan's receptivity: up by 2``."""
    track: str
    """The variable's name (never shown)."""
    value: Any
    """An effect in the expression language (``access = 'termez'``), or for setting a track (name, value)."""


@frozen
class TrackGroup:
    """A track and the changes the form offers for it."""

    track: str
    label: str
    """The track's label with its value now: ``U.S. access deal in Central Asia (now none)``."""
    changes: tuple[Change, ...]


def said(track: Track, value: Any) -> str:
    """A value of ``track`` in the words its screens use, an enum's as a choice in a list reads (``Termez``,
    ``Debating point``)."""
    words = format_value(value)
    return words[:1].upper() + words[1:] if track.type == "enum" else words


def change_groups(view: SeatView, limits: Sequence[TrackLimitView] | None = None) -> tuple[TrackGroup, ...]:
    """The changes an inject (or, with ``limits``, a ruling on an argued move) may make, track by track in the
    view's order: a whole-number track up or down (by 1, 2, 3 or 5 within its range, or by 1 to a limit's
    step), an enum or yes/no track to each of its values (those a limit lists)."""
    allowed = None if limits is None else {limit.name: limit for limit in limits}
    groups = []
    for track in view.tracks:
        limit = None if allowed is None else allowed.get(track.name)
        if allowed is not None and limit is None:
            continue
        changes = _moves(track, limit) if track.type == "int" else _settings(track, limit)
        if changes:
            groups.append(TrackGroup(track.name, _now(track), tuple(changes)))
    return tuple(groups)


def set_groups(view: SeatView) -> tuple[TrackGroup, ...]:
    """The values "set a track" offers: each value of an enum or yes/no track, every value of a whole-number
    track whose range is at most :data:`MAX_LISTED` wide (a wider one is set as an expression)."""
    groups = []
    for track in view.tracks:
        if track.type == "int":
            if track.low is None or track.high is None or track.high - track.low > MAX_LISTED:
                continue
            values: Iterable[Any] = range(track.low, track.high + 1)
        else:
            values = (True, False) if track.type == "bool" else track.values
        changes = tuple(Change(f"{track.label} \u2192 {said(track, v)}", track.name, (track.name, v)) for v in values)
        groups.append(TrackGroup(track.name, _now(track), changes))
    return tuple(groups)


def flat(groups: Sequence[TrackGroup]) -> tuple[Change, ...]:
    """Every change of every group, in order (what a list with a filter shows)."""
    return tuple(change for group in groups for change in group.changes)


def effects_of(picked: Iterable[Any], written: str = "") -> tuple[str, ...]:
    """The effects an act makes of what was picked (effect texts) and of what was written as expressions
    (separated by ``;``); one change per track, said in words when two were picked."""
    effects = list(picked or ())
    effects += [text.strip() for text in (written or "").split(";") if text.strip()]
    return tuple(effects)


def check_one_per_track(groups: Sequence[TrackGroup], picked: Iterable[Any]) -> None:
    """Refuse two picks of one track (``up by 1`` and ``up by 2``): say which, by its label."""
    seen: dict[str, str] = {}
    for change in flat(groups):
        if change.value in set(picked or ()):
            if change.track in seen:
                label = next(g.label for g in groups if g.track == change.track).rsplit(" (now", 1)[0]
                raise WargameError(f"Pick one change of {label}: \u201c{seen[change.track]}\u201d and "
                                   f"\u201c{change.label}\u201d were both picked.")
            seen[change.track] = change.label


def _now(track: Track) -> str:
    return f"{track.label} (now {format_value(track.value)})"


def _moves(track: Track, limit: TrackLimitView | None) -> list[Change]:
    span = (track.high - track.low) if track.low is not None and track.high is not None else None
    steps = range(1, limit.step + 1) if limit is not None else [s for s in STEPS if span is None or s <= span]
    ups = [Change(f"{track.label}: up by {n}", track.name, f"{track.name} += {n}") for n in steps]
    downs = [Change(f"{track.label}: down by {n}", track.name, f"{track.name} -= {n}") for n in steps]
    return [*ups, *downs]


def _settings(track: Track, limit: TrackLimitView | None) -> list[Change]:
    every = (True, False) if track.type == "bool" else track.values
    values = every if limit is None else [v for v in every if v in limit.values]
    return [Change(f"{track.label} \u2192 {said(track, v)}", track.name, f"{track.name} = {literal(v)}")
            for v in values]
