"""SeatViews as plain msgpack-ready values, and back: what a host sends to a seat.

Compact and deterministic: every class of ``model.py`` becomes the list of its
fields in declaration order (no key names), tuples become lists and mappings
keep the builder's seat order, so one view always packs to the same bytes and
a seat's bytes change only when something it may see changes. Decoding checks
each value against the classes' annotations, so a damaged or hostile message
is refused with :class:`WireError`, never half read.

Growing the model without a new format: a field is only ever added at the
end of its class, with a default. A record with fewer fields than its class
takes the defaults of the missing last ones (it came from a Horizon that did
not know them); one with more has the extra ones ignored (a newer Horizon's
additions, which this one cannot show anyway). Removing, reordering or
retyping a field is a new ``WIRE_FORMAT``. (``delta.py``'s changes follow the
same rule: an unknown field's change is ignored.)
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from game.decoding import path
from game.errors import WargameError
from game.seat_view.model import SeatView
from game.seat_view.shared import SharedTuple

WIRE_FORMAT = 3
"""Changes when a field of ``model.py`` is removed, reordered or changes type (not when one is added at
the end of its class with a default: see above)."""


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


def plain(value: Any) -> Any:
    """A value of the model (a view, a record, a tuple of them...) in wire form, without the format."""
    return _plain(value)


def reader(hint: Any) -> Reader:
    """The checked reader of values of the type ``hint`` (a class of the model, a tuple, a mapping...)."""
    return _reader(hint)


def _plain(value: Any) -> Any:
    """By exact type first: a host encodes every seat's whole view on each event, so this is its hot loop."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    names = _field_names(kind)
    if names is not None:
        return [_plain(getattr(value, name)) for name in names]
    if isinstance(value, tuple | list | SharedTuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, str | int | float):
        return value
    raise TypeError(f"{kind.__name__} has no wire form")


_AS_IS = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The fields of an attrs class in declaration order; None for any other type."""
    return tuple(f.name for f in attrs.fields(cls)) if attrs.has(cls) else None


@functools.cache
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in attrs.fields(cls))


_SCALARS: dict[Any, tuple[type, ...]] = {str: (str,), bool: (bool,), int: (int,), float: (float, int),
                                         type(None): (type(None),)}

Reader = Callable[[Any, Any], Any]
"""Reads ``data`` at a place (a name, or (the parent's place, a key)) as one hint, or raises WireError."""


def _structure(hint: Any, data: Any, where: str) -> Any:
    """``data`` read as ``hint`` (a class of the model, a tuple, a mapping, a union or a scalar)."""
    return _reader(hint)(data, where)


@functools.cache
def _reader(hint: Any) -> Reader:
    """The reader of ``hint``, made once: a seat decodes a view per update, tens of thousands of values."""
    origin = typing.get_origin(hint)
    if hint in _SCALARS:
        return _scalar(hint)
    if origin in (typing.Union, types.UnionType):
        return _union(hint)
    if origin is tuple:
        return _sequence(hint)
    if origin is Mapping:
        return _mapping(hint)
    if attrs.has(hint):
        return _record(hint)
    raise TypeError(f"{hint!r} has no wire form")


def _accepts(hint: Any) -> Callable[[Any], bool]:
    accepted, strict = _SCALARS[hint], hint is not bool
    return lambda data: isinstance(data, accepted) and not (strict and isinstance(data, bool))


def _scalar(hint: Any) -> Reader:
    accepts = _accepts(hint)

    def scalar(data: Any, where: Any) -> Any:
        if accepts(data):
            return data
        raise _mismatch(hint, data, where)
    return scalar


def _union(hint: Any) -> Reader:
    """Scalar arms are tried as plain checks (no exception per miss); other arms in order."""
    arms = typing.get_args(hint)
    checks = [_accepts(arm) for arm in arms if arm in _SCALARS]
    others = [_reader(arm) for arm in arms if arm not in _SCALARS]

    def union(data: Any, where: Any) -> Any:
        if any(accepts(data) for accepts in checks):
            return data
        for arm in others:
            try:
                return arm(data, where)
            except WireError:
                continue
        raise _mismatch(hint, data, where)
    return union


def _sequence(hint: Any) -> Reader:
    (item, _) = typing.get_args(hint)
    read = _reader(item)

    def sequence(data: Any, where: Any) -> tuple:
        if not isinstance(data, list | tuple):
            raise _mismatch(hint, data, where)
        return tuple(read(value, (where, i)) for i, value in enumerate(data))
    return sequence


def _mapping(hint: Any) -> Reader:
    (_, item) = typing.get_args(hint)
    read = _reader(item)

    def mapping(data: Any, where: Any) -> dict:
        if not isinstance(data, dict):
            raise _mismatch(hint, data, where)
        if not all(isinstance(key, str) for key in data):
            raise WireError(f"{path(where)}: a key that is not text")
        return {key: read(value, (where, key)) for key, value in data.items()}
    return mapping


def _record(hint: Any) -> Reader:
    """Fields in order; missing last ones take their defaults, extra ones are ignored (see above)."""
    fields = tuple((name, _reader(kind)) for name, kind in _hints(hint))
    needed = sum(1 for f in attrs.fields(hint) if f.default is attrs.NOTHING)

    def record(data: Any, where: Any) -> Any:
        if not isinstance(data, list | tuple):
            raise _mismatch(hint, data, where)
        if len(data) < needed:
            raise WireError(f"{path(where)}: {len(data)} fields where {hint.__name__} needs {needed}")
        return hint(**{name: read(value, (where, name)) for (name, read), value in zip(fields, data)})
    return record


def _mismatch(hint: Any, data: Any, where: Any) -> WireError:
    return WireError(f"{path(where)}: {type(data).__name__} where {_name(hint)} was expected")


def _name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint)
