"""What changed between two views of one seat, as plain values, and the newer view made from the older.

A networked seat is sent its whole view once, on joining, then only what
changed (``game.net.protocol``'s ``delta``): new entries and messages, the
tracks' new values, the options and open-turn fields that moved. A change
follows the model's types (the annotations of ``model.py``, as ``wire.py``'s
readers do) and is one of:

- ``[0, value]`` (``REPLACE``): the new value, in wire form;
- ``[1, keep, [item, ...]]`` (``EXTEND``): a tuple's first ``keep`` items, then these;
- ``[2, [[index, change], ...]]`` (``ITEMS``): a tuple of the same length, these items changed;
- ``[3, {key: change, ...}]`` (``KEYS``): a mapping with the same keys in the same order, these values changed;
- ``[4, {field: change, ...}]`` (``FIELDS``): a record, these fields changed.

A view's changes are a ``FIELDS`` change's mapping. :func:`changes` costs
work in proportion to what changed (histories share their storage,
``shared.py``), and depends only on the two views: what is kept from a seat
cannot change the bytes it is sent, as it cannot change its views. :func:`patched`
trusts nothing: each value is read by the model's checked readers, each
index and ``keep`` bounded by the view it changes, and anything else is a
:class:`~game.seat_view.wire.WireError`. A change of a field this Horizon
does not know is ignored (a newer host's addition: ``wire.py``).
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from game.decoding import path
from game.seat_view.shared import SharedTuple, common_prefix
from game.seat_view.wire import WireError, plain, reader

REPLACE, EXTEND, ITEMS, KEYS, FIELDS = range(5)

Change = list
"""One of the forms above."""
R = TypeVar("R")
"""A record of plain values, whose fields' annotations say their types (as ``model.py``'s)."""


def changes(old: R, new: R) -> dict[str, Change]:
    """What changed from ``old`` to ``new`` (two views of the same viewer: a ``SeatView``, or any record
    of the model's kind, such as a later console's own view), field by field; {} if nothing."""
    return _fields(type(new), old, new)


def patched(old: R, changed: Any) -> R:
    """``old`` with ``changed`` (what :func:`changes` gave) applied; :class:`WireError` if it does not fit."""
    return _patch_fields(type(old), old, changed, "delta")


# -- what changed --------------------------------------------------------------------------------
# (A host finds what changed for every screen on every event, so these are written to skip equal values
# at the cost of an identity check: views made from the same state share their unchanged parts.)


def _diff(hint: Any, old: Any, new: Any) -> Change | None:
    """The change from ``old`` to ``new`` (of type ``hint``), or None when they are equal."""
    if old is new:
        return None
    kind = _kind(hint)
    if kind == "tuple":
        return _sequence(_item(hint), old, new)
    if kind == "record" and type(old) is type(new):
        found = _fields(hint, old, new)
        return [FIELDS, found] if found else None
    if type(old) is type(new) and old == new:  # (by type too: True == 1, and 1 == 1.0)
        return None
    if kind == "mapping" and list(old) == list(new):
        item = typing.get_args(hint)[1]
        found = {key: change for key in new if (change := _diff(item, old[key], new[key])) is not None}
        return [KEYS, found] if found else None
    if kind == "optional" and old is not None and new is not None:
        return _diff(_arm(hint), old, new)
    return [REPLACE, plain(new)]


def _fields(hint: Any, old: Any, new: Any) -> dict[str, Change]:
    found = {}
    for name, kind, scalar in _plan(hint):
        before, after = getattr(old, name), getattr(new, name)
        if before is after:
            continue
        if scalar:
            if type(before) is not type(after) or before != after:
                found[name] = [REPLACE, after]
            continue
        change = _diff(kind, before, after)
        if change is not None:
            found[name] = change
    return found


def _sequence(item: Any, old: Any, new: Any) -> Change | None:
    keep = common_prefix(old, new)
    if keep == len(old) == len(new):
        return None
    if len(old) != len(new) or _kind(item) != "record":
        return [EXTEND, keep, [plain(value) for value in new[keep:]]]
    found = [[index, change] for index in range(keep, len(new))
             if (change := _diff(item, old[index], new[index])) is not None]
    return [ITEMS, found]


# -- applying it, checked ------------------------------------------------------------------------


def _patch(hint: Any, old: Any, change: Any, where: Any) -> Any:
    if not isinstance(change, list | tuple) or not change or type(change[0]) is not int:
        raise WireError(f"{path(where)}: not a change")
    form, kind = change[0], _kind(hint)
    if form == REPLACE and len(change) == 2:
        return reader(hint)(change[1], where)
    if kind == "optional" and old is not None:
        return _patch(_arm(hint), old, change, where)
    if form == FIELDS and kind == "record" and len(change) == 2:
        return _patch_fields(hint, old, change[1], where)
    if form == EXTEND and kind == "tuple" and len(change) == 3:
        return _extended(_item(hint), old, change[1], change[2], where)
    if form == ITEMS and kind == "tuple" and len(change) == 2:
        return _items(_item(hint), old, change[1], where)
    if form == KEYS and kind == "mapping" and len(change) == 2:
        return _keys(typing.get_args(hint)[1], old, change[1], where)
    raise WireError(f"{path(where)}: a change that does not fit a {_name(hint)}")


def _patch_fields(hint: Any, old: Any, changed: Any, where: Any) -> Any:
    if not isinstance(changed, dict) or not all(isinstance(name, str) for name in changed):
        raise WireError(f"{path(where)}: expected the changes of a {hint.__name__}, by field")
    known = dict(_hints(hint))
    updates = {name: _patch(known[name], getattr(old, name), change, (where, name))
               for name, change in changed.items() if name in known}
    return attrs.evolve(old, **updates) if updates else old


def _extended(item: Any, old: Any, keep: Any, items: Any, where: Any) -> SharedTuple:
    if type(keep) is not int or not 0 <= keep <= len(old) or not isinstance(items, list | tuple):
        raise WireError(f"{path(where)}: keeps {keep!r} of {len(old)} items, or adds no list")
    read = reader(item)
    return _shared(old).replaced_after(keep, [read(value, (where, keep + i)) for i, value in enumerate(items)])


def _items(item: Any, old: Any, changed: Any, where: Any) -> SharedTuple:
    if not isinstance(changed, list | tuple) or not changed:
        raise WireError(f"{path(where)}: expected changed items")
    patches: dict[int, Any] = {}
    for pair in changed:
        if not isinstance(pair, list | tuple) or len(pair) != 2 or type(pair[0]) is not int \
                or not 0 <= pair[0] < len(old) or pair[0] in patches:
            raise WireError(f"{path(where)}: an item's change that is not [index, change] of its {len(old)} items")
        patches[pair[0]] = pair[1]
    first = min(patches)
    new = [_patch(item, old[index], patches[index], (where, index)) if index in patches else old[index]
           for index in range(first, len(old))]
    return _shared(old).replaced_after(first, new)


def _keys(item: Any, old: Any, changed: Any, where: Any) -> dict:
    if not isinstance(changed, dict) or not all(key in old for key in changed):
        raise WireError(f"{path(where)}: changes to keys the mapping does not have")
    return {key: _patch(item, value, changed[key], (where, key)) if key in changed else value
            for key, value in old.items()}


def _shared(old: Any) -> SharedTuple:
    return old if isinstance(old, SharedTuple) else SharedTuple(old)


# -- the model's types ---------------------------------------------------------------------------


@functools.cache
def _kind(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is tuple:
        return "tuple"
    if origin is Mapping:
        return "mapping"
    if origin in (typing.Union, types.UnionType):
        return "optional" if _arm(hint) is not None else "scalar"
    return "record" if attrs.has(hint) else "scalar"


@functools.cache
def _arm(hint: Any) -> Any:
    """The one non-None arm of ``X | None`` when X is a record, tuple or mapping (else None)."""
    arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
    if len(arms) == 1 and type(None) in typing.get_args(hint) and _kind(arms[0]) != "scalar":
        return arms[0]
    return None


@functools.cache
def _item(hint: Any) -> Any:
    """The item type of ``tuple[X, ...]``."""
    return typing.get_args(hint)[0]


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """Each field of a record: its name, its type, and whether it is a plain scalar (str, int, float, bool)."""
    return tuple((name, hint, hint in (str, int, float, bool)) for name, hint in _hints(cls))


@functools.cache
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in attrs.fields(cls))


def _name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint)
