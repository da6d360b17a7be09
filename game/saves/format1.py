"""Format 1 of the save body: its layout, its writer, and a reader that trusts nothing.

The body is one msgpack map (see docs/save-format.md for the table). Repeated
records (turns, orders, draws, snapshots) are arrays, so a long game costs a
few dozen bytes a turn; the header fields are a map, so they read plainly in
any msgpack tool. The reader checks every value's type, size and range
(``codec`` then checks every reference into the embedded scenario), so a
body that passes both is safe to replay, whatever wrote it. Problems are
reported as ``where: what`` (``turns[3].orders[1].action: expected text``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import msgpack

from game.engine.state import GameState
from game.saves.records import Draw, SavedGame, SavedTurn
from game.session import Order, Parent

VERSION = 1
MAX_TEXT = 2_000_000
"""Longest text in a body, in bytes: the scenario text (the loader's own limit). Names, ids and
rationales get no tighter limit, so that whatever a session holds can be saved and read back."""
MAX_SHORT = 200
"""Longest date or version string, in characters: the only texts the writer makes itself."""
MAX_ITEMS = 200_000
"""Longest array or map a body may declare; far above any real game, far below harm."""
_GAME_ID = re.compile(r"[0-9a-f]{32}\Z")
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_KEYS = ("app", "game", "name", "created", "updated", "scenario", "seed", "seats", "parent",
         "turns", "snapshots")
_SCENARIO_KEYS = ("id", "title", "file", "sha256", "text")
_PARENT_KEYS = ("game", "name", "file", "turn", "state")


class Invalid(Exception):
    """A body value is not what format 1 allows; ``str`` is ``where: what``."""


Where = str | tuple
"""A value's place in the body: a name, or (the parent's place, a key or index).

Built as nested pairs and spelt out (``turns[3].orders[1]``) only for a
message, since a long game has tens of thousands of places and no problem."""


def _path(where: Where) -> str:
    keys = []
    while isinstance(where, tuple):
        where, key = where
        keys.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return where + "".join(reversed(keys))


def encode(game: SavedGame) -> bytes:
    """The body of ``game`` in format 1."""
    scenario = {"id": game.scenario_id, "title": game.title, "file": game.scenario_file,
                "sha256": game.sha256, "text": game.scenario_text}
    parent = game.parent
    body = {
        "app": game.app_version, "game": game.game_id, "name": game.name,
        "created": _time_text(game.created), "updated": _time_text(game.updated),
        "scenario": scenario, "seed": game.seed,
        "seats": [[seat, controller] for seat, controller in game.controllers.items()],
        "parent": None if parent is None else {
            "game": parent.game_id, "name": parent.name, "file": parent.file, "turn": parent.turn,
            "state": bytes.fromhex(parent.state_hash)},
        "turns": [_turn_record(turn) for turn in game.turns],
        "snapshots": [[s.turn, list(s.values), sorted(s.fired), s.ending, s.over] for s in game.snapshots],
    }
    return msgpack.packb(body, use_bin_type=True)


def _turn_record(turn: SavedTurn) -> list[Any]:
    return [turn.turn, [[o.seat, o.action, o.rationale] for o in turn.orders],
            [[d.rule, d.chance, d.roll] for d in turn.draws], bytes.fromhex(turn.state_hash)]


def _time_text(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def unpack(body: bytes | memoryview) -> Any:
    """msgpack-decode a body within format 1's limits; raises :class:`Invalid`."""
    try:
        return msgpack.unpackb(body, raw=False, strict_map_key=True, max_str_len=MAX_TEXT, max_bin_len=32,
                               max_array_len=MAX_ITEMS, max_map_len=64, max_ext_len=0,
                               object_pairs_hook=_unique_keys)
    except (ValueError, TypeError, OverflowError, msgpack.UnpackException) as error:
        raise Invalid(f"body: not valid msgpack ({type(error).__name__})") from None


def _unique_keys(pairs: list[tuple[Any, Any]]) -> dict[Any, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a map repeats a key")
    return result


def read_fields(document: Any) -> dict[str, Any]:
    """Check a decoded body's structure and return the :class:`SavedGame` fields it gives.

    Everything that can be checked without the scenario is checked here; the
    scenario text is returned as text for the normal loader, and the
    cross-references to it are checked by the caller once it is loaded.
    """
    body = _map(document, "body", _KEYS)
    scenario = _map(body["scenario"], "scenario", _SCENARIO_KEYS)
    return {
        "format": VERSION,
        "app_version": _text(body["app"], "app", MAX_SHORT),
        "game_id": _pattern(body["game"], "game", _GAME_ID, "32 hex digits"),
        "name": _text(body["name"], "name", MAX_TEXT),
        "created": _time(body["created"], "created"),
        "updated": _time(body["updated"], "updated"),
        "scenario_id": _text(scenario["id"], "scenario.id", MAX_TEXT),
        "title": _text(scenario["title"], "scenario.title", MAX_TEXT),
        "scenario_file": _text(scenario["file"], "scenario.file", MAX_TEXT),
        "sha256": _pattern(scenario["sha256"], "scenario.sha256", _SHA256, "64 hex digits"),
        "scenario_text": _text(scenario["text"], "scenario.text", MAX_TEXT),
        "seed": _int(body["seed"], "seed", (1 << 63) - 1),
        "controllers": _controllers(body["seats"]),
        "parent": None if body["parent"] is None else _parent(body["parent"]),
        "turns": _items(body["turns"], "turns", _turn),
        "snapshots": _items(body["snapshots"], "snapshots", _snapshot),
    }


def _controllers(value: Any) -> dict[str, str]:
    pairs = _items(value, "seats", lambda v, where: _array(v, where, 2))
    controllers = {_text(seat, (("seats", i), 0), MAX_TEXT): _text(who, (("seats", i), 1), MAX_TEXT)
                   for i, (seat, who) in enumerate(pairs)}
    if len(controllers) != len(pairs):
        raise Invalid("seats: a seat is listed twice")
    return controllers


def _parent(value: Any) -> Parent:
    fields = _map(value, "parent", _PARENT_KEYS)
    return Parent(_pattern(fields["game"], "parent.game", _GAME_ID, "32 hex digits"),
                  _text(fields["name"], "parent.name", MAX_TEXT),
                  _text(fields["file"], "parent.file", MAX_TEXT),
                  _int(fields["turn"], "parent.turn", MAX_ITEMS),
                  _hash(fields["state"], "parent.state"))


def _turn(value: Any, where: Where) -> SavedTurn:
    turn, orders, draws, state = _array(value, where, 4)
    return SavedTurn(_int(turn, (where, 0), MAX_ITEMS),
                     _items(orders, (where, "orders"), _order),
                     _items(draws, (where, "draws"), _draw),
                     _hash(state, (where, "state")))


def _order(value: Any, where: Where) -> Order:
    seat, action, rationale = _array(value, where, 3)
    return Order(_text(seat, (where, "seat"), MAX_TEXT), _text(action, (where, "action"), MAX_TEXT),
                 _text(rationale, (where, "rationale"), MAX_TEXT))


def _draw(value: Any, where: Where) -> Draw:
    rule, chance, roll = _array(value, where, 3)
    return Draw(_text(rule, (where, "rule"), MAX_TEXT), _fraction(chance, (where, "chance"), 1.0),
                _fraction(roll, (where, "roll"), 1.0 - 2**-53))


def _snapshot(value: Any, where: Where) -> GameState:
    turn, values, fired, ending, over = _array(value, where, 5)
    values = _items(values, (where, "values"), _value)
    fired = _items(fired, (where, "fired"), lambda v, w: _text(v, w, MAX_TEXT))
    if ending is not None:
        ending = _text(ending, (where, "ending"), MAX_TEXT)
    if not isinstance(over, bool):
        raise Invalid(f"{_path(where)}.over: expected true/false")
    # Seed 0 stands in for the game's seed, which the caller puts in before hashing.
    return GameState(0, _int(turn, (where, 0), MAX_ITEMS), values, frozenset(fired), ending, over)


def _value(value: Any, where: Where) -> int | bool | str:
    """A variable's value; whether it fits its variable is checked against the scenario."""
    if isinstance(value, str):
        return _text(value, where, MAX_TEXT)
    if not isinstance(value, int):
        raise Invalid(f"{_path(where)}: expected a whole number, true/false or text")
    return value


def _map(value: Any, where: Where, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid(f"{_path(where)}: expected a map")
    if set(value) != set(keys):
        odd = sorted(set(value) ^ set(keys), key=str)
        raise Invalid(f"{_path(where)}: keys differ from format {VERSION}'s ({', '.join(map(repr, odd))})")
    return value


def _array(value: Any, where: Where, length: int | None = None) -> list[Any]:
    if not isinstance(value, list):
        raise Invalid(f"{_path(where)}: expected an array")
    if length is not None and len(value) != length:
        raise Invalid(f"{_path(where)}: expected {length} items, found {len(value)}")
    return value


def _items(value: Any, where: Where, read: Callable[[Any, str], Any]) -> tuple[Any, ...]:
    return tuple(read(item, (where, i)) for i, item in enumerate(_array(value, where)))


def _text(value: Any, where: Where, limit: int) -> str:
    if not isinstance(value, str):
        raise Invalid(f"{_path(where)}: expected text")
    if len(value) > limit:
        raise Invalid(f"{_path(where)}: longer than {limit:,} characters")
    return value


def _pattern(value: Any, where: Where, pattern: re.Pattern[str], what: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise Invalid(f"{_path(where)}: expected {what}")
    return value


def _int(value: Any, where: Where, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
        raise Invalid(f"{_path(where)}: expected a whole number from 0 to {high:,}")
    return value


def _fraction(value: Any, where: Where, high: float) -> float:
    if not isinstance(value, float) or not 0.0 <= value <= high:
        raise Invalid(f"{_path(where)}: expected a number from 0 to 1")
    return value


def _hash(value: Any, where: Where) -> str:
    if not isinstance(value, bytes) or len(value) != 32:
        raise Invalid(f"{_path(where)}: expected a 32-byte hash")
    return value.hex()


def _time(value: Any, where: Where) -> datetime.datetime:
    text = _text(value, where, MAX_SHORT)
    try:
        moment = datetime.datetime.fromisoformat(text)
        if moment.tzinfo is not None:
            return moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        pass
    raise Invalid(f"{_path(where)}: expected a date and time with its UTC offset")
