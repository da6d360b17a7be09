"""SeatViews as plain msgpack-ready values, and back: what a host sends to a seat.

Compact and deterministic: every class of ``model.py`` becomes the list of its
fields in declaration order (no key names), tuples become lists and mappings
keep the builder's seat order, so one view always packs to the same bytes and
a seat's bytes change only when something it may see changes. Decoding checks
each value against the classes' annotations, so a damaged or hostile message
is refused with :class:`WireError`, never half read.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from game.errors import WargameError
from game.seat_view.model import SeatView

WIRE_FORMAT = 1
"""Changes whenever a field of ``model.py`` is added, removed or reordered."""


class WireError(WargameError):
    """A message that is not a SeatView of this wire format."""


def to_wire(view: SeatView) -> list:
    """``[WIRE_FORMAT, fields...]``: only lists, dicts with str keys, str, int, float, bool and None."""
    return [WIRE_FORMAT, _plain(view)]


def from_wire(data: Any) -> SeatView:
    """The SeatView ``to_wire`` gave ``data`` for; :class:`WireError` for anything else."""
    if not isinstance(data, list | tuple) or len(data) != 2:
        raise WireError("not a seat view: expected [format, view]")
    if data[0] != WIRE_FORMAT:
        raise WireError(f"seat view of wire format {data[0]!r}; this Horizon reads format {WIRE_FORMAT}")
    return _structure(SeatView, data[1], "view")


def _plain(value: Any) -> Any:
    if attrs.has(type(value)):
        return [_plain(getattr(value, f.name)) for f in attrs.fields(type(value))]
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"{type(value).__name__} has no wire form")


@functools.cache
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in attrs.fields(cls))


_SCALARS: dict[Any, tuple[type, ...]] = {str: (str,), bool: (bool,), int: (int,), float: (float, int),
                                         type(None): (type(None),)}


def _structure(hint: Any, data: Any, where: str) -> Any:
    """``data`` read as ``hint`` (a class of the model, a tuple, a mapping, a union or a scalar)."""
    origin = typing.get_origin(hint)
    if hint in _SCALARS:
        if isinstance(data, _SCALARS[hint]) and not (hint is not bool and isinstance(data, bool)):
            return data
    elif origin in (typing.Union, types.UnionType):
        for arm in typing.get_args(hint):
            try:
                return _structure(arm, data, where)
            except WireError:
                continue
    elif origin is tuple and isinstance(data, list | tuple):
        (item, _) = typing.get_args(hint)
        return tuple(_structure(item, value, f"{where}[{i}]") for i, value in enumerate(data))
    elif origin is Mapping and isinstance(data, dict):
        (_, item) = typing.get_args(hint)
        if not all(isinstance(key, str) for key in data):
            raise WireError(f"{where}: a key that is not text")
        return {key: _structure(item, value, f"{where}.{key}") for key, value in data.items()}
    elif attrs.has(hint) and isinstance(data, list | tuple):
        fields = _hints(hint)
        if len(data) != len(fields):
            raise WireError(f"{where}: {len(data)} fields where {hint.__name__} has {len(fields)}")
        return hint(**{name: _structure(kind, value, f"{where}.{name}")
                       for (name, kind), value in zip(fields, data)})
    raise WireError(f"{where}: {type(data).__name__} where {_name(hint)} was expected")


def _name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint)
