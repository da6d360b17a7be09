"""The scenarios the title screen offers: found in folders, listed from their headers, then checked.

Listing reads only each file's header (``game.scenario.header``: title,
summary, seats, length), so the list is on screen at once; then every file
is loaded in full, in the background, and a scenario that fails to load is
kept with its first problem rather than hidden, so an author sees why it
cannot be played.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import ScenarioError
from game.scenario.header import ScenarioHeader, read_header

if TYPE_CHECKING:
    from game.engine.model import Scenario

SHIPPED = (
    Path(__file__).resolve().parents[1] / "shipped_scenarios",
    Path(__file__).resolve().parents[2] / "scenarios",
)
"""Where the shipped scenarios are: inside the package (a wheel install carries
them there, see pyproject.toml) or beside it (an editable or source install)."""


@dataclass(frozen=True)
class ScenarioEntry:
    """One file of the list; a dataclass, as it is made before the engine is imported."""

    path: Path
    header: ScenarioHeader | None
    """None when even the header cannot be read (``problem`` says why)."""
    scenario: Scenario | None = None
    """Set once the file has been loaded in full and found good."""
    problem: str = ""
    """The first problem found, when the file does not load."""

    @property
    def title(self) -> str:
        return self.header.title if self.header else self.path.name

    @property
    def broken(self) -> bool:
        return bool(self.problem)


def default_dirs() -> tuple[Path, ...]:
    """``scenarios/`` in the working folder, then the shipped ones."""
    return (Path("scenarios"), *SHIPPED)


def scenario_files(dirs: Iterable[Path], extra: Iterable[Path] = ()) -> list[Path]:
    """Every ``*.toml`` in ``dirs`` plus ``extra``, each file once, in a stable order."""
    found: dict[Path, Path] = {}
    for path in extra:
        found.setdefault(path.resolve(), path)
    for folder in dirs:
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                found.setdefault(path.resolve(), path)
    return list(found.values())


def list_scenarios(dirs: Iterable[Path], extra: Iterable[Path] = ()) -> list[ScenarioEntry]:
    """Every scenario found, from its header alone; good ones first, by title."""
    return _ordered(_listed(path) for path in scenario_files(dirs, extra))


def check_all(entries: Iterable[ScenarioEntry]) -> list[ScenarioEntry]:
    """The entries once each file is loaded in full (slow: call it from a worker)."""
    return _ordered(check(entry) for entry in entries)


def check(entry: ScenarioEntry) -> ScenarioEntry:
    if entry.broken:
        return entry
    from game.scenario import load_scenario

    try:
        return replace(entry, scenario=load_scenario(entry.path))
    except ScenarioError as error:
        return replace(entry, problem=error.problems[0] if error.problems else str(error))


def _listed(path: Path) -> ScenarioEntry:
    try:
        return ScenarioEntry(path, read_header(path))
    except ScenarioError as error:
        return ScenarioEntry(path, None, problem=error.problems[0] if error.problems else str(error))


def _ordered(entries: Iterable[ScenarioEntry]) -> list[ScenarioEntry]:
    return sorted(entries, key=lambda e: (e.broken, e.title.lower()))
