"""The scenarios the title screen offers: found in folders, loaded, broken ones kept with their reason.

Loading compiles every expression, so the title screen calls this from a
thread worker; a scenario that fails to load is listed with its first problem
rather than hidden, so an author sees why it is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from attrs import frozen

from game.engine.model import Scenario
from game.errors import ScenarioError
from game.scenario import load_scenario

SHIPPED = (
    Path(__file__).resolve().parents[1] / "shipped_scenarios",
    Path(__file__).resolve().parents[2] / "scenarios",
)
"""Where the shipped scenarios are: inside the package (a wheel install carries
them there, see pyproject.toml) or beside it (an editable or source install)."""


@frozen
class ScenarioEntry:
    path: Path
    scenario: Scenario | None
    problem: str = ""
    """The first problem found when ``scenario`` is None."""

    @property
    def title(self) -> str:
        return self.scenario.title if self.scenario else self.path.name

    @property
    def summary(self) -> str:
        return self.scenario.summary if self.scenario else self.problem


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


def load_entry(path: Path) -> ScenarioEntry:
    try:
        return ScenarioEntry(path, load_scenario(path))
    except ScenarioError as error:
        return ScenarioEntry(path, None, error.problems[0] if error.problems else str(error))


def find_scenarios(dirs: Iterable[Path], extra: Iterable[Path] = ()) -> list[ScenarioEntry]:
    """Load every scenario found; good ones first, by title."""
    entries = [load_entry(path) for path in scenario_files(dirs, extra)]
    return sorted(entries, key=lambda e: (e.scenario is None, e.title.lower()))
