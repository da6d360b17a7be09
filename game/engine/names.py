""""Did you mean …?": the known name closest to an unknown one, in bounded time however many names there are.

A scenario of two megabytes may hold thousands of variables and tens of
thousands of unknown names; comparing each unknown name with every known one
(``difflib``) would take hours. So for a large collection only a bounded pool
is compared: the names of about the same length starting with the same
letter (a typo rarely changes either), found through an index built once per
collection and kept for the next question about it.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

MAX_COMPARED = 200
"""Most known names compared with one unknown name."""
MAX_LENGTH = 64
"""Longer unknown names get no suggestion (comparing is quadratic in the length)."""
_KEPT = 8
_indexes: dict[int, tuple[Collection[str], int, dict[tuple[str, int], list[str]]]] = {}


def closest(name: str, candidates: Collection[str]) -> str | None:
    """The candidate most like ``name``, if one is close enough to be a likely meaning; else None."""
    if not candidates or len(name) > MAX_LENGTH:
        return None
    found = difflib.get_close_matches(name, _pool(name, candidates), n=1)
    return found[0] if found else None


def _pool(name: str, candidates: Collection[str]) -> list[str]:
    if len(candidates) <= MAX_COMPARED:
        return sorted(candidates)
    index = _index(candidates)
    pool: list[str] = []
    for length in (len(name), len(name) - 1, len(name) + 1, len(name) - 2, len(name) + 2):
        pool += index.get((name[:1], length), ())[: MAX_COMPARED - len(pool)]
        if len(pool) >= MAX_COMPARED:
            break
    return pool


def _index(candidates: Collection[str]) -> dict[tuple[str, int], list[str]]:
    """The candidates by first letter and length, built once for a collection (while it keeps its size)."""
    kept = _indexes.get(id(candidates))
    if kept is not None and kept[0] is candidates and kept[1] == len(candidates):
        return kept[2]
    index: dict[tuple[str, int], list[str]] = {}
    for candidate in sorted(candidates):
        if len(candidate) <= MAX_LENGTH + 2:
            index.setdefault((candidate[:1], len(candidate)), []).append(candidate)
    if len(_indexes) >= _KEPT:
        _indexes.pop(next(iter(_indexes)))
    _indexes[id(candidates)] = (candidates, len(candidates), index)
    return index
