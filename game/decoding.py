"""Reading decoded msgpack values that trust nothing: every type, size and range checked, with its place.

Saves and journals arrive from disk or the network, so whatever wrote them
may be hostile. The readers built from these checks turn plain values (what
``msgpack.unpackb`` gives) into the game's own, or raise :class:`Invalid`
saying where and what (``turns[3].orders[1].action: expected text``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import msgpack

from game.safe_text import control_character

MAX_TEXT = 2_000_000
"""Longest text read, in bytes: a scenario's text (the loader's own limit)."""
MAX_SHORT = 200
"""Longest date or version string, in characters."""
MAX_ITEMS = 200_000
"""Longest array or map; far above any real game, far below harm."""
GAME_ID = re.compile(r"[0-9a-f]{32}\Z")


class Invalid(Exception):
    """A decoded value is not what its format allows; ``str`` is ``where: what``."""


Where = str | tuple
"""A value's place: a name, or (the parent's place, a key or index).

Built as nested pairs and spelt out (``turns[3].orders[1]``) only for a
message, since a long game has tens of thousands of places and no problem."""


def path(where: Where) -> str:
    keys = []
    while isinstance(where, tuple):
        where, key = where
        keys.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return where + "".join(reversed(keys))


def unpack(data: bytes | memoryview, what: str, *, max_bin: int = 32) -> Any:
    """msgpack-decode ``data`` within the limits above; raises :class:`Invalid` naming ``what``."""
    try:
        return msgpack.unpackb(data, raw=False, strict_map_key=True, max_str_len=MAX_TEXT, max_bin_len=max_bin,
                               max_array_len=MAX_ITEMS, max_map_len=64, max_ext_len=0,
                               object_pairs_hook=_unique_keys)
    except (ValueError, TypeError, OverflowError, msgpack.UnpackException) as error:
        raise Invalid(f"{what}: not valid msgpack ({type(error).__name__})") from None


def _unique_keys(pairs: list[tuple[Any, Any]]) -> dict[Any, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a map repeats a key")
    return result


def mapping(value: Any, where: Where, keys: tuple[str, ...], version: int) -> dict[str, Any]:
    """A map with exactly ``keys`` (format ``version`` is named when they differ)."""
    if not isinstance(value, dict):
        raise Invalid(f"{path(where)}: expected a map")
    if set(value) != set(keys):
        odd = sorted(set(value) ^ set(keys), key=str)
        raise Invalid(f"{path(where)}: keys differ from format {version}'s ({', '.join(map(repr, odd))})")
    return value


def array(value: Any, where: Where, length: int | None = None) -> list[Any]:
    if not isinstance(value, list):
        raise Invalid(f"{path(where)}: expected an array")
    if length is not None and len(value) != length:
        raise Invalid(f"{path(where)}: expected {length} items, found {len(value)}")
    return value


def items(value: Any, where: Where, read: Callable[[Any, Where], Any]) -> tuple[Any, ...]:
    return tuple(read(item, (where, i)) for i, item in enumerate(array(value, where)))


def text(value: Any, where: Where, limit: int = MAX_TEXT, *, raw: bool = False) -> str:
    """A text; without ``raw`` (kept for a scenario's own text, which its loader checks) one holding a
    control character is refused: Horizon never writes one, and it would reach a terminal."""
    if not isinstance(value, str):
        raise Invalid(f"{path(where)}: expected text")
    if len(value) > limit:
        raise Invalid(f"{path(where)}: longer than {limit:,} characters")
    control = None if raw else control_character(value)
    if control is not None:
        raise Invalid(f"{path(where)}: holds the control character U+{ord(control):04X}")
    return value


def optional_text(value: Any, where: Where) -> str | None:
    return None if value is None else text(value, where)


def pattern(value: Any, where: Where, regex: re.Pattern[str], what: str) -> str:
    if not isinstance(value, str) or not regex.match(value):
        raise Invalid(f"{path(where)}: expected {what}")
    return value


def whole(value: Any, where: Where, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
        raise Invalid(f"{path(where)}: expected a whole number from 0 to {high:,}")
    return value


def flag(value: Any, where: Where) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"{path(where)}: expected true/false")
    return value


def fraction(value: Any, where: Where, high: float) -> float:
    if not isinstance(value, float) or not 0.0 <= value <= high:
        raise Invalid(f"{path(where)}: expected a number from 0 to 1")
    return value


def variable_value(value: Any, where: Where) -> int | bool | str:
    """A variable's value; whether it fits its variable is checked against the scenario."""
    if isinstance(value, str):
        return text(value, where)
    if not isinstance(value, int):
        raise Invalid(f"{path(where)}: expected a whole number, true/false or text")
    return value


def digest(value: Any, where: Where, size: int = 32) -> bytes:
    if not isinstance(value, bytes) or len(value) != size:
        raise Invalid(f"{path(where)}: expected a {size}-byte hash")
    return value


EARLIEST = datetime.datetime(1970, 1, 2, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)
"""The moments a file may record: a day inside the calendar's ends, so any time zone can show them."""


def moment(value: Any, where: Where) -> datetime.datetime:
    written = text(value, where, MAX_SHORT)
    try:
        parsed = datetime.datetime.fromisoformat(written)
        if parsed.tzinfo is not None and EARLIEST <= parsed <= LATEST:
            return parsed.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        pass
    raise Invalid(f"{path(where)}: expected a date and time with its UTC offset, from 1970 to 9998")


def time_text(when: datetime.datetime) -> str:
    """How a moment is written: ISO 8601 in UTC, to the microsecond."""
    return when.astimezone(datetime.UTC).isoformat(timespec="microseconds")
