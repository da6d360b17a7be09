"""Save files as bytes: written in the current format, read from any format this Horizon knows.

Older formats: a newer Horizon keeps a reader for every format it ever wrote
(``_FORMATS``), reads an older file into today's :class:`SavedGame`, and
never rewrites it just for reading, replaying or listing it; saving that game
again (resuming it) writes the current format. A file from a newer format is
refused with one line asking for a newer Horizon, never guessed at.

Reading trusts nothing: the frame is checked (``envelope``), the body is
decoded within fixed limits and its structure checked field by field
(``format1``), the embedded scenario goes through the normal loader, and
every reference into it is checked here, so whatever passes can be replayed
without the engine ever meeting a value it did not expect.
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

from game.engine.model import Scenario, Variable
from game.engine.state import state_hash
from game.errors import ScenarioError
from game.saves import format1
from game.saves.envelope import open_envelope, seal
from game.saves.records import FORMAT, SavedGame, SaveError
from game.scenario import parse_scenario
from game.scenario.author_text import clean

_FORMATS = {1: format1}
"""Every format this Horizon reads, by version: each module offers ``unpack`` and
``read_fields``, and the current one ``encode`` too."""


def encode_game(game: SavedGame) -> bytes:
    """The complete file for ``game``, in the current format."""
    return seal(FORMAT, _FORMATS[FORMAT].encode(game))


def decode_game(data: bytes, name: str, path: Path | None = None) -> SavedGame:
    """Read a save file's bytes; raises :class:`SaveError` (naming ``name``) for anything amiss."""
    version, body = open_envelope(data, name, FORMAT)
    reader = _FORMATS[version]
    try:
        with gc_paused():
            fields = reader.read_fields(reader.unpack(body))
    except format1.Invalid as problem:
        raise SaveError(name, f"damaged: invalid content ({problem})") from None
    scenario = _embedded_scenario(fields, name)
    try:
        fields["snapshots"] = _check_against(scenario, fields)
    except format1.Invalid as problem:
        raise SaveError(name, f"damaged: does not fit its scenario ({problem})") from None
    return SavedGame(**fields, scenario=scenario, path=path)


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
        # the file name is the save's to claim: it reaches the terminal in every problem's FILE:LINE
        scenario = _parse(text, clean(fields["scenario_file"], multiline=False) or "scenario.toml")
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


def _check_against(scenario: Scenario, fields: dict[str, Any]) -> tuple:
    """Check every reference into ``scenario``; return the snapshots with the game's seed put in."""
    if tuple(fields["controllers"]) != scenario.seats:
        raise format1.Invalid(f"seats: expected {', '.join(scenario.seats)}")
    turns = fields["turns"]
    if len(turns) > scenario.turns:
        raise format1.Invalid(f"turns: {len(turns)} turns, but the scenario lasts {scenario.turns}")
    rules = {a.id for a in scenario.actions} | {e.id for e in scenario.events}
    for index, turn in enumerate(turns):
        _check_turn(scenario, turn, index + 1, rules)
    parent = fields["parent"]
    if parent is not None and parent.turn > len(turns):
        raise format1.Invalid(f"parent.turn: {parent.turn}, but the game has {len(turns)} turns")
    return _check_snapshots(scenario, fields["snapshots"], fields["seed"], turns)


def _check_turn(scenario: Scenario, turn: Any, number: int, rules: set[str]) -> None:
    if turn.turn != number:
        raise format1.Invalid(f"turns[{number - 1}]: numbered {turn.turn}, expected {number}")
    if tuple(order.seat for order in turn.orders) != scenario.seats:
        raise format1.Invalid(f"turns[{number - 1}].orders: expected one order per seat, in seat order")
    for order in turn.orders:
        action = scenario.action(order.action)
        if action is None or action.actor != order.seat:
            raise format1.Invalid(f"turns[{number - 1}].orders: {order.seat!r} has no action "
                                  f"{order.action!r}")
    for draw in turn.draws:
        if draw.rule not in rules:
            raise format1.Invalid(f"turns[{number - 1}].draws: no action or event {draw.rule!r}")


def _check_snapshots(scenario: Scenario, snapshots: tuple, seed: int, turns: tuple) -> tuple:
    expected_last = len(turns) + 1 if turns else None
    if (snapshots[-1].turn if snapshots else None) != expected_last:
        raise format1.Invalid("snapshots: the state after the last turn is missing")
    once = {e.id for e in scenario.events if e.once}
    endings = {e.id for e in scenario.endings}
    seeded, previous = [], 1
    for index, snapshot in enumerate(snapshots):
        where = f"snapshots[{index}]"
        if not previous < snapshot.turn <= len(turns) + 1:
            raise format1.Invalid(f"{where}: turn {snapshot.turn} out of order")
        _check_values(scenario.variables, snapshot.values, where)
        if not snapshot.fired <= once or snapshot.ending is not None and snapshot.ending not in endings:
            raise format1.Invalid(f"{where}: names an event or ending the scenario lacks")
        state = evolve(snapshot, seed=seed)
        if state_hash(state) != turns[snapshot.turn - 2].state_hash:
            raise format1.Invalid(f"{where}: does not match turn {snapshot.turn - 1}'s state hash")
        seeded.append(state)
        previous = snapshot.turn
    return tuple(seeded)


def _check_values(variables: tuple[Variable, ...], values: tuple, where: str) -> None:
    if len(values) != len(variables):
        raise format1.Invalid(f"{where}.values: expected {len(variables)} values")
    for variable, value in zip(variables, values, strict=True):
        if not _fits(variable, value):
            raise format1.Invalid(f"{where}.values: {value!r} does not fit variable {variable.name!r}")


def _fits(variable: Variable, value: Any) -> bool:
    if variable.type == "bool":
        return isinstance(value, bool)
    if variable.type == "enum":
        return isinstance(value, str) and value in variable.values
    return (isinstance(value, int) and not isinstance(value, bool)
            and (variable.low is None or value >= variable.low)
            and (variable.high is None or value <= variable.high))
