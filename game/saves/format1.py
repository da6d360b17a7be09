"""Format 1 of the save body, read only: files written by Horizon before format 2 still load and replay.

The body is one msgpack map (docs/save-format.md, "Format 1"). The reader
checks every value's type, size and range and turns the body into today's
values: the header becomes a :class:`~game.journal.GameHeader` and each turn
a :class:`~game.journal.TurnResolved` (orders given by the seat's controller,
no interventions or messages, which format 1 could not hold). ``codec`` then
checks every reference into the embedded scenario, and the snapshots against
the turns' hashes, so a body that passes both is safe to replay. Reading a
format-1 file never rewrites it; a game played on is saved in format 2.
"""

from __future__ import annotations

import re
from typing import Any

from attrs import evolve

from game import decoding as d
from game.decoding import Invalid, Where
from game.engine.adjudication import MAX_SEED
from game.engine.state import GameState
from game.journal import GameHeader, TurnResolved, controllers, draw, order, parent

VERSION = 1
_KEYS = ("app", "game", "name", "created", "updated", "scenario", "seed", "seats", "parent",
         "turns", "snapshots")
_SCENARIO_KEYS = ("id", "title", "file", "sha256", "text")
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")


def read_fields(document: Any) -> tuple[dict[str, Any], tuple[GameState, ...]]:
    """Check a decoded body's structure; return the :class:`SavedGame` fields it gives, and its snapshots.

    Everything that can be checked without the scenario is checked here. The
    snapshots (seed 0 standing in for the game's) are returned for the caller
    to check against the scenario and the turns' hashes; the last one also
    says whether the game is over.
    """
    body = d.mapping(document, "body", _KEYS, VERSION)
    scenario = d.mapping(body["scenario"], "scenario", _SCENARIO_KEYS, VERSION)
    seats = controllers(body["seats"], "seats")
    by = dict(seats)
    turns = d.items(body["turns"], "turns", lambda value, where: _turn(value, where, by))
    snapshots = d.items(body["snapshots"], "snapshots", _snapshot)
    if turns and snapshots and snapshots[-1].over:
        turns = (*turns[:-1], evolve(turns[-1], over=True))
    header = GameHeader(
        d.pattern(body["game"], "game", d.GAME_ID, "32 hex digits"), d.text(body["name"], "name"),
        d.moment(body["created"], "created"), d.whole(body["seed"], "seed", MAX_SEED), seats,
        None if body["parent"] is None else parent(body["parent"], "parent", VERSION))
    fields = {
        "format": VERSION,
        "app_version": d.text(body["app"], "app", d.MAX_SHORT),
        "header": header,
        "updated": d.moment(body["updated"], "updated"),
        "scenario_id": d.text(scenario["id"], "scenario.id"),
        "title": d.text(scenario["title"], "scenario.title"),
        "scenario_file": d.text(scenario["file"], "scenario.file"),
        "sha256": d.pattern(scenario["sha256"], "scenario.sha256", _SHA256, "64 hex digits"),
        "scenario_text": d.text(scenario["text"], "scenario.text", raw=True),
        "events": turns,
    }
    return fields, snapshots


def _turn(value: Any, where: Where, by: dict[str, str]) -> TurnResolved:
    turn, orders, draws, state = d.array(value, where, 4)
    orders = d.array(orders, (where, "orders"))
    return TurnResolved(d.whole(turn, (where, 0), d.MAX_ITEMS),
                        tuple(order(o, ((where, "orders"), i), by=_controller(o, by)) for i, o in enumerate(orders)),
                        (), (), d.items(draws, (where, "draws"), draw), d.digest(state, (where, "state")).hex())


def _controller(value: Any, by: dict[str, str]) -> str:
    """Who gave a format-1 order: its seat's controller (the seat is checked against the scenario later)."""
    seat = value[0] if isinstance(value, list) and value else None
    return by.get(seat, "human") if isinstance(seat, str) else "human"


def _snapshot(value: Any, where: Where) -> GameState:
    turn, values, fired, ending, over = d.array(value, where, 5)
    values = d.items(values, (where, "values"), d.variable_value)
    fired = d.items(fired, (where, "fired"), d.text)
    ending = d.optional_text(ending, (where, "ending"))
    # Seed 0 stands in for the game's seed, which the caller puts in before hashing.
    return GameState(0, d.whole(turn, (where, 0), d.MAX_ITEMS), values, frozenset(fired), ending,
                     d.flag(over, (where, "over")))


__all__ = ["Invalid", "VERSION", "read_fields"]
