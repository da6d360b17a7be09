"""Save files as bytes: read from any format this Horizon knows, checked against their scenario.

Older formats: a newer Horizon keeps a reader for every format it ever wrote
(``format1``, ``format2`` for formats 2 and 3), reads an older file into today's
:class:`SavedGame`, and never rewrites it just for reading, replaying or
listing it; saving that game again (playing it on) writes the current format.
A file from a newer format is refused with one line asking for a newer
Horizon, never guessed at. Writing is ``format2``'s (and ``journal_file``'s).

Reading trusts nothing: the frame or the frames are checked (``envelope``,
``format2``), every value is decoded within fixed limits and its structure
checked field by field, the embedded scenario goes through the normal
loader, and every reference into it that can be checked without replaying
is checked here; replaying (``Session.restore``) checks the rest.
"""

from __future__ import annotations

import functools
import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from attrs import evolve

from game.decoding import Invalid, unpack
from game.engine.interventions import ARGUED_RULE
from game.engine.model import Scenario, Variable
from game.engine.state import state_hash
from game.errors import ScenarioError
from game.journal import TurnResolved, header_after
from game.saves import format1, format2
from game.saves.envelope import open_envelope
from game.saves.records import FORMAT, SavedGame, SaveError
from game.scenario import parse_scenario


def decode_game(data: bytes, name: str, path: Path | None = None) -> SavedGame:
    """Read a save file's bytes, any format; raises :class:`SaveError` (naming ``name``) for anything amiss."""
    version, body = open_envelope(data, name, FORMAT)
    try:
        with gc_paused():
            if body is not None:
                fields, snapshots = format1.read_fields(unpack(body, "body"))
                dropped = 0
            else:
                fields, dropped = _journal_fields(data, name, version)
                snapshots = ()
    except Invalid as problem:
        raise SaveError(name, f"damaged: invalid content ({problem})") from None
    scenario = _embedded_scenario(fields, name)
    try:
        _check_against(scenario, fields, snapshots)
    except Invalid as problem:
        raise SaveError(name, f"damaged: does not fit its scenario ({problem})") from None
    return SavedGame(**fields, scenario=scenario, path=path, dropped=dropped)


def _journal_fields(data: bytes, name: str, version: int) -> tuple[dict[str, Any], int]:
    """Format 2's or 3's frames, read into :class:`SavedGame` fields, and the bytes of a torn last frame."""
    try:
        frames = format2.read_frames(data)
    except format2.Damaged as damage:
        raise SaveError(name, f"damaged: {damage}") from None
    if not frames.payloads:
        raise SaveError(name, f"truncated: the file ends inside its header frame, after {len(data):,} bytes")
    journal = format2.read_journal(frames, version)
    block = journal.scenario
    header = functools.reduce(header_after, journal.events, journal.header)
    return {"format": version, "app_version": journal.app_version, "header": header,
            "scenario_id": block["id"], "title": block["title"], "scenario_file": block["file"],
            "sha256": block["sha256"], "scenario_text": block["text"], "events": journal.events,
            "updated": journal.updated}, frames.dropped


@contextmanager
def gc_paused() -> Iterator[None]:
    """For work that builds many acyclic objects and keeps them (decoding, replaying).

    The collector would scan them again and again and find nothing to free;
    pausing it halves a long replay.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _embedded_scenario(fields: dict[str, Any], name: str) -> Scenario:
    text = fields["scenario_text"]
    if hashlib.sha256(text.encode()).hexdigest() != fields["sha256"]:
        raise SaveError(name, "damaged: the scenario text does not match its SHA-256")
    try:
        scenario = _parse(text, fields["scenario_file"] or "scenario.toml")
    except ScenarioError as error:
        more = len(error.problems) - 1
        more = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise SaveError(name, f"scenario text invalid: {error.problems[0]}{more}") from None
    if (scenario.id, scenario.title) != (fields["scenario_id"], fields["title"]):
        raise SaveError(name, "damaged: the scenario's id or title differs from the header's")
    return scenario


@functools.lru_cache(maxsize=8)
def _parse(text: str, filename: str) -> Scenario:
    """Saves of one scenario share its text: listing a folder of them parses it once."""
    return parse_scenario(text, filename)


def _check_against(scenario: Scenario, fields: dict[str, Any], snapshots: tuple) -> None:
    """Check what can be checked of a journal against ``scenario`` without replaying it."""
    header = fields["header"]
    if tuple(seat for seat, _ in header.controllers) != scenario.seats:
        raise Invalid(f"seats: expected {', '.join(scenario.seats)}")
    turns = [event for event in fields["events"] if isinstance(event, TurnResolved)]
    if len(turns) > scenario.turns:
        raise Invalid(f"turns: {len(turns)} turns, but the scenario lasts {scenario.turns}")
    rules = {a.id for a in scenario.actions} | {e.id for e in scenario.events}
    for index, turn in enumerate(turns):
        _check_turn(scenario, turn, index + 1, rules)
    if any(turn.over for turn in turns[:-1]):
        raise Invalid("turns: the game goes on after it was over")
    parent = header.parent
    if parent is not None and parent.turn > len(turns):
        raise Invalid(f"parent.turn: {parent.turn}, but the game has {len(turns)} turns")
    if fields["format"] == 1:
        _check_snapshots(scenario, snapshots, header.seed, turns)


def _check_turn(scenario: Scenario, turn: TurnResolved, number: int, rules: set[str]) -> None:
    if turn.turn != number:
        raise Invalid(f"turns[{number - 1}]: numbered {turn.turn}, expected {number}")
    if tuple(order.seat for order in turn.orders) != scenario.seats:
        raise Invalid(f"turns[{number - 1}].orders: expected one order per seat, in seat order")
    for order in turn.orders:
        action = scenario.action(order.action)
        if action is None or action.actor != order.seat:
            raise Invalid(f"turns[{number - 1}].orders: {order.seat!r} has no action {order.action!r}")
    for draw in turn.draws:
        if draw.rule not in rules and not draw.rule.startswith(ARGUED_RULE):
            raise Invalid(f"turns[{number - 1}].draws: no action or event {draw.rule!r}")


def _check_snapshots(scenario: Scenario, snapshots: tuple, seed: int, turns: list[TurnResolved]) -> None:
    """Format 1's snapshots: each must hash to its turn's state hash (the last says whether it is over)."""
    expected_last = len(turns) + 1 if turns else None
    if (snapshots[-1].turn if snapshots else None) != expected_last:
        raise Invalid("snapshots: the state after the last turn is missing")
    once = {e.id for e in scenario.events if e.once}
    endings = {e.id for e in scenario.endings}
    previous = 1
    for index, snapshot in enumerate(snapshots):
        where = f"snapshots[{index}]"
        if not previous < snapshot.turn <= len(turns) + 1:
            raise Invalid(f"{where}: turn {snapshot.turn} out of order")
        _check_values(scenario.variables, snapshot.values, where)
        if not snapshot.fired <= once or snapshot.ending is not None and snapshot.ending not in endings:
            raise Invalid(f"{where}: names an event or ending the scenario lacks")
        if state_hash(evolve(snapshot, seed=seed)) != turns[snapshot.turn - 2].state_hash:
            raise Invalid(f"{where}: does not match turn {snapshot.turn - 1}'s state hash")
        previous = snapshot.turn


def _check_values(variables: tuple[Variable, ...], values: tuple, where: str) -> None:
    if len(values) != len(variables):
        raise Invalid(f"{where}.values: expected {len(variables)} values")
    for variable, value in zip(variables, values, strict=True):
        if not _fits(variable, value):
            raise Invalid(f"{where}.values: {value!r} does not fit variable {variable.name!r}")


def _fits(variable: Variable, value: Any) -> bool:
    if variable.type == "bool":
        return isinstance(value, bool)
    if variable.type == "enum":
        return isinstance(value, str) and value in variable.values
    return (isinstance(value, int) and not isinstance(value, bool)
            and (variable.low is None or value >= variable.low)
            and (variable.high is None or value <= variable.high))
