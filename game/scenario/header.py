"""A scenario file's header, read in a millisecond: what a list of scenarios shows.

Loading a scenario checks and compiles every rule (tens of milliseconds for
the shipped one). A list needs only the title, the summary, the seats and the
length, which live in ``[scenario]`` and ``[actors]``: this reads those tables
alone, so the title screen can show its list at once and check the files in
the background. It promises nothing about the rest of the file, which may
still fail to load.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.errors import ScenarioError
from game.safe_text import clean
from game.scenario.source_file import read_text

_TABLE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")


@dataclass(frozen=True)
class ScenarioHeader:
    """A dataclass, not attrs: the title screen reads headers before anything else is imported."""

    title: str
    summary: str
    seats: tuple[str, ...]
    """The seats' display names, in seat order."""
    turns: int
    turn_days: int = 7
    start_date: datetime.date | None = None
    source: str = ""


def read_header(path: Path) -> ScenarioHeader:
    """The header of the scenario file at ``path``; :class:`ScenarioError` if even that is unreadable."""
    text = read_text(path)
    try:
        return header_of(text)
    except (tomllib.TOMLDecodeError, AttributeError, KeyError, TypeError, ValueError):
        raise ScenarioError([f"{path}:1: not a scenario Horizon can read (see wargame validate {path})"]) from None


def header_of(text: str) -> ScenarioHeader:
    """The header of scenario ``text``; raises KeyError, TypeError or ValueError if it has none."""
    try:
        data = tomllib.loads(_head_tables(text))
    except tomllib.TOMLDecodeError:  # the cut went wrong (e.g. a "[...]" line inside a long string)
        data = tomllib.loads(text)
    head, actors = data["scenario"], data.get("actors", {})
    seats = head["seats"]
    turns, days, start = head["turns"], head.get("turn_days", 7), head.get("start_date")
    if not (isinstance(turns, int) and isinstance(days, int) and isinstance(seats, list)):
        raise TypeError("not a scenario header")
    return ScenarioHeader(
        title=_text(head["title"], multiline=False),
        summary=_text(head.get("summary", "")),
        seats=tuple(_text(actors.get(seat, {}).get("name", seat), multiline=False) for seat in seats),
        turns=turns,
        turn_days=days,
        start_date=start if isinstance(start, datetime.date) and not isinstance(start, datetime.datetime) else None,
        source=_text(head.get("source", "")),
    )


def _head_tables(text: str) -> str:
    """The lines of ``[scenario]`` and of ``[actors]`` tables (and the format line above them)."""
    kept, keep = [], True
    for line in text.splitlines():
        table = _TABLE.match(line)
        if table:
            name = table.group(1).strip()
            keep = name == "scenario" or name == "actors" or name.startswith("actors.")
        if keep:
            kept.append(line)
    return "\n".join(kept) + "\n"


def _text(value: Any, *, multiline: bool = True) -> str:
    """Author text as the loader gives it: a string, without control characters (``game.safe_text.clean``)."""
    if not isinstance(value, str):
        raise TypeError("not text")
    return clean(value, multiline=multiline)
