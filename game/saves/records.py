"""What a save holds, as plain frozen values, and the errors reading one can raise.

A :class:`SavedGame` is the whole content of a ``.wgsave`` file, whatever
its format: who began it, the scenario's text, the game's header (id, name,
seed, seats, lock) and its journal: every event the session accepted, each
resolved turn with its orders, the facilitator's acts, the messages, the
chance draws and the state hash after it. The journal is the truth;
everything else is recomputed from it by replaying.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import field, frozen

from game.engine.adjudication import new_game
from game.engine.model import Scenario
from game.engine.state import state_hash
from game.errors import FileError
from game.journal import Event, GameHeader, HeaderFields, Parent, TurnResolved
from game.safe_text import printable

if TYPE_CHECKING:
    from game.session import Session

FORMAT = 3
"""The save format this Horizon writes (it reads every format from 1 up to this one)."""


TORN_TAIL = "the last frame was cut short (a write interrupted by a crash) and was dropped; it was never acknowledged"
"""What a reader says of a save whose last frame was dropped (``SavedGame.dropped``)."""


class SaveError(FileError):
    """A save file cannot be read, written or replayed; ``str`` is one line naming the file.

    ``file`` is how the file was named (its path, as given) and ``reason`` the
    rest of the line, for screens that show the file name elsewhere.
    """


class SaveConflict(SaveError):
    """Writing would replace another game's save, or drop turns of this one; ``force`` overrides."""


class SaveDiverged(SaveError):
    """Replaying a save's orders did not give the states it recorded.

    The file itself is intact (its checksum holds): the rules that replay it
    differ from the ones that wrote it, or it was forged. ``turn`` is the
    first turn whose replay differs; the CLI exits 1 for this, 2 for the rest.
    """

    def __init__(self, file: str, reason: str, turn: int) -> None:
        super().__init__(file, reason)
        self.turn = turn

    def __reduce__(self):
        return type(self), (self.file, self.reason, self.turn)


@frozen
class SavedGame(HeaderFields):
    """The content of one save file, in any format, as today's values.

    ``header`` is the game's header as its journal leaves it (any renaming,
    change of seats or new lock applied); ``events`` the journal, in order (a
    format-1 file's turns become :class:`~game.journal.TurnResolved`
    events). ``scenario`` is loaded from ``scenario_text`` by the normal loader
    (so it is as valid as any scenario file), and ``path`` is where it was
    read from; neither takes part in equality. It holds no log entries:
    :func:`~game.saves.restore_session` replays the journal into a session.
    ``load_save`` gives it ``verified``: every event was taken again through
    the session's one door, the open turn's too.
    """

    format: int
    app_version: str
    """The Horizon version that began the file."""
    header: GameHeader
    scenario_id: str
    title: str
    scenario_file: str
    """The scenario's file name (no folders) when the game started."""
    sha256: str
    """Hex SHA-256 of ``scenario_text`` in UTF-8."""
    scenario_text: str
    events: tuple[Event, ...]
    updated: datetime.datetime
    """When the file was last written to (UTC); outside the state hash, inside the checksums."""
    scenario: Scenario = field(eq=False, repr=False)
    path: Path | None = field(default=None, eq=False)
    dropped: int = field(default=0, eq=False)
    """Bytes of a torn last frame (a write cut off by a crash) that reading left out."""
    verified: Session | None = field(default=None, eq=False, repr=False)
    """The game as replayed by :func:`~game.saves.replay.verify`, every event through play's own
    checks (None: only read, not replayed); ``restore_session`` hands out copies of it."""

    @cached_property
    def turns(self) -> tuple[TurnResolved, ...]:
        """Every resolved turn, in order."""
        return tuple(e for e in self.events if isinstance(e, TurnResolved))

    @property
    def played(self) -> int:
        """How many turns have been resolved."""
        return len(self.turns)

    @property
    def over(self) -> bool:
        return bool(self.turns) and self.turns[-1].over

    def state_hash_after(self, turn: int) -> str:
        """The recorded state hash after ``turn`` (0: the initial state)."""
        if turn == 0:
            return state_hash(new_game(self.scenario, self.seed))
        return self.turns[turn - 1].state_hash


@frozen
class SaveSummary:
    """One line of a save listing; ``damaged`` is the one-line reason when the file cannot load.

    For a damaged file only ``path``, ``name`` (the file's stem), ``updated``
    (the file's modification time) and ``damaged`` are meaningful.
    """

    path: Path
    name: str
    updated: datetime.datetime
    damaged: str | None = None
    game_id: str = ""
    scenario_id: str = ""
    title: str = ""
    played: int = 0
    """Turns resolved so far."""
    turns: int = 0
    """Turns the scenario lasts at most."""
    over: bool = False
    controllers: Mapping[str, str] = field(factory=dict)
    created: datetime.datetime | None = None
    parent: Parent | None = None
    locked: bool = False
    """The game has a facilitator passphrase."""
    played_by: tuple[tuple[str, str], ...] = ()
    """(seat's name, who plays it in words) in seat order: "United States", "a person"."""
    dropped: int = 0
    """Bytes of a torn last frame left out (``TORN_TAIL``)."""

    @property
    def file(self) -> str:
        """The file's name as shown: whatever the file system allows, every invisible character made visible."""
        return printable(self.path.name)
