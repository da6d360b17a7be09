"""A tuple whose earlier items are shared with other tuples: how a view of a long game stays cheap.

A game's history only grows: the entries, messages and track values of a
resolved turn never change. A :class:`SharedTuple` is an immutable sequence
made of the first ``length`` items of a list shared with other
``SharedTuple``\\ s (which only ever grows at its end), then a short ``tail``
of its own (the open turn's part, which may still change). Making one that
keeps a prefix and adds a few items costs the few items, not the game, and
so does comparing two that share their store: that is how a view after a
change costs work in proportion to the change (``build.py`` on a host or
in a hot-seat game, ``delta.py`` on a joined seat).

It behaves as a tuple of its items: equal to a tuple with the same items,
hashed as one, sliced into one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

T = TypeVar("T")

FLUSH = 64
"""A tail longer than this moves into the store (all but its last ``KEEP_OPEN`` items)."""
KEEP_OPEN = 16
"""Items left in the tail when it is flushed: what a later change near the end may still replace."""


class SharedTuple(Sequence[T]):
    __slots__ = ("_store", "_length", "_tail")

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._store: list[T] = list(items)
        self._length = len(self._store)
        self._tail: tuple[T, ...] = ()

    @classmethod
    def over(cls, store: list[T], length: int, tail: Iterable[T] = ()) -> SharedTuple[T]:
        """The first ``length`` items of ``store`` (a list its owner only ever appends to), then ``tail``."""
        made = cls.__new__(cls)
        made._store, made._length, made._tail = store, length, tuple(tail)
        return made

    def replaced_after(self, keep: int, items: Iterable[T]) -> SharedTuple[T]:
        """This tuple's first ``keep`` items, then ``items``: at the cost of the items after ``keep``.

        Items kept from the store stay shared; a tail grown long moves into
        the store when this tuple ends it (otherwise it is copied into a new
        store: a rare fork, such as a change before an earlier view's end).
        """
        if not 0 <= keep <= len(self):
            raise ValueError(f"keep {keep} of {len(self)} items")
        if keep <= self._length:
            length, tail = keep, tuple(items)
        else:
            length, tail = self._length, (*self._tail[:keep - self._length], *items)
        if len(tail) <= FLUSH:
            return SharedTuple.over(self._store, length, tail)
        moved = len(tail) - KEEP_OPEN
        store = self._store
        if len(store) != length:
            store = store[:length]  # the store holds items this one replaced: fork it
        store.extend(tail[:moved])
        return SharedTuple.over(store, len(store), tail[moved:])

    def __len__(self) -> int:
        return self._length + len(self._tail)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step == 1:
                return tuple(self._between(start, stop))
            return tuple(self[i] for i in range(start, stop, step))
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("SharedTuple index out of range")
        return self._store[index] if index < self._length else self._tail[index - self._length]

    def _between(self, start: int, stop: int) -> Iterator[T]:
        length = self._length
        if start < length:
            yield from self._store[start:min(stop, length)]
        if stop > length:
            yield from self._tail[max(0, start - length):stop - length]

    def __iter__(self) -> Iterator[T]:
        return self._between(0, len(self))

    def __reversed__(self) -> Iterator[T]:
        yield from reversed(self._tail)
        for index in range(self._length - 1, -1, -1):
            yield self._store[index]

    def common_prefix(self, other: Sequence[T]) -> int:
        """How many first items this and ``other`` have in common: compares only past a shared store's part."""
        start = 0
        if isinstance(other, SharedTuple) and other._store is self._store:
            start = min(self._length, other._length)
        count = min(len(self), len(other))
        for index, (mine, theirs) in enumerate(zip(self._between(start, count), _items(other, start, count)),
                                                start):
            if mine != theirs:
                return index
        return count

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SharedTuple | tuple):
            return NotImplemented
        return len(self) == len(other) and self.common_prefix(other) == len(self)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __add__(self, other: Iterable[T]) -> SharedTuple[T]:
        return self.replaced_after(len(self), other)

    def __repr__(self) -> str:
        return f"SharedTuple({tuple(self)!r})"


def _items(sequence: Sequence[T], start: int, stop: int) -> Iterator[T]:
    if isinstance(sequence, SharedTuple):
        return sequence._between(start, stop)
    return iter(sequence[start:stop])


def common_prefix(old: Sequence[Any], new: Sequence[Any]) -> int:
    """How many first items ``old`` and ``new`` share (cheap when both share a store)."""
    if isinstance(new, SharedTuple):
        return new.common_prefix(old)
    if isinstance(old, SharedTuple):
        return old.common_prefix(new)
    count = min(len(old), len(new))
    return next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), count)
