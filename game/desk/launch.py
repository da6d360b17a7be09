"""What the ``wargame`` command hands the app: the choices made on the command line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.saves_folder import default_saves_folder

if TYPE_CHECKING:
    from game.engine.model import Scenario
    from game.session import Session

@dataclass(frozen=True)
class LaunchOptions:
    """Everything the command line decided before the first frame.

    A dataclass rather than attrs: it is imported before the first frame,
    and attrs is not needed there.

    The command line loads what it is given before the app starts, so a
    broken scenario or save ends there in one line. A given ``scenario``
    opens its setup screen prefilled with ``controllers`` and ``seed``; a
    ``session`` (restored from the save at ``load``) resumes straight away;
    with neither, the title screen opens.
    """

    scenario: Scenario | None = None
    controllers: Mapping[str, str] | None = None
    seed: int | None = None
    session: Session | None = None
    load: Path | None = None
    """The save ``session`` was restored from."""
    facilitator: bool = False
    scenario_dirs: tuple[Path, ...] = ()
    """Folders searched for scenarios on the title screen."""
    saves_dir: Path = field(default_factory=default_saves_folder)
    theme: str = ""
    """A theme's name (``high-contrast``, ``colour-blind``, or one of Textual's); "" keeps Textual's default."""
