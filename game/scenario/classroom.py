"""Reading ``[class]``: what a teacher with many tables is shown.

``tracks`` names the few variables the class console shows beside each table
(the teacher reads ten tables at a glance: three or four numbers each, not
the whole situation); ``[[class.record]]`` says what really happened as
conditions on a game's states, so the class debrief can say "7 of 10 tables
ended with no basing deal, as in 2021". Kept apart from the loader's core
sections because only the class console and the class debrief read them;
every problem is reported at its ``FILE:LINE`` with the rest.
"""

from __future__ import annotations

from typing import Any

from game.engine.model import ClassSpec, RecordLine

CLASS_KEYS = {"tracks", "record"}
RECORD_KEYS = {"label", "when", "held"}
HELD = ("end", "always", "ever")
MAX_CLASS_TRACKS = 4
"""A row of the class console holds the table, its seats and these: more would not fit beside them."""
MAX_RECORD = 8


def read_class(loader: Any) -> ClassSpec:
    """The ``[class]`` table, its sound parts; problems go to ``loader``."""
    raw = loader.document.get("class", {})
    table = loader.table(("class",), raw, CLASS_KEYS, "[class]")
    return ClassSpec(tuple(_tracks(loader, table)), tuple(_record(loader, table)))


def _tracks(loader: Any, table: dict) -> list[str]:
    names = loader.strings(table, ("class",), "tracks", "[class]")
    if len(names) > MAX_CLASS_TRACKS:
        loader.problem(("class", "tracks"), f"[class] tracks names {len(names)} tracks, more than "
                       f"{MAX_CLASS_TRACKS}", "a row of the class console shows the table's seats beside them")
        return []
    tracks: list[str] = []
    for index, name in enumerate(names):
        where = ("class", "tracks", index)
        if name not in loader.variables:
            if name not in loader.broken:
                known = ", ".join(sorted(loader.variables)) or "none"
                loader.problem(where, f"[class] tracks names {name!r}, which is not a variable", f"variables: {known}")
        elif name in tracks:
            loader.problem(where, f"[class] tracks names {name!r} twice")
        else:
            tracks.append(name)
    return tracks


def _record(loader: Any, table: dict) -> list[RecordLine]:
    value = table.get("record", [])
    if not isinstance(value, list):
        loader.problem(("class", "record"), "[class] record must be an array of tables, written [[class.record]]")
        return []
    if len(value) > MAX_RECORD:
        loader.problem(("class", "record"), f"more than {MAX_RECORD} [[class.record]] lines",
                       "the class debrief sets each beside the tables: keep the few that matter")
        return []
    lines = []
    for index, raw in enumerate(value):
        path = ("class", "record", index)
        entry = loader.table(path, raw, RECORD_KEYS, "a [[class.record]] line")
        label = loader.author_text(entry, path, "label", "a [[class.record]] line")
        if label is not None and not label.strip():
            loader.problem((*path, "label"), "the label of a [[class.record]] line is empty")
            label = None
        when = loader.condition(entry, path, "a [[class.record]] line", after_play=True)
        if "when" not in entry:
            loader.problem(path, "a [[class.record]] line is missing the required key 'when'")
        held = loader.get(entry, path, "held", str, "a [[class.record]] line", "end")
        if held is not None and held not in HELD:
            loader.problem((*path, "held"), f"held must be one of {', '.join(HELD)}, not {held!r}",
                           "end: at the end of the game; always: after every turn; ever: after some turn")
            held = None
        if label is None or when is None or held is None:
            continue
        lines.append(RecordLine(label.strip(), when, held, loader.lines.line(path)))
    return lines
