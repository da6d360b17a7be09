"""What a save holds, as plain frozen values, and the errors reading one can raise.

A :class:`SavedGame` is the whole content of a ``.wgsave`` file: the header
(who wrote it, which game, which scenario text, seed and seats), the order log
of every resolved turn with its chance draws and the state hash after it, and
a few state snapshots that only make showing a late turn fast. The order log
is the truth; a snapshot is accepted only if it hashes to its turn's
recorded state hash.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath

from attrs import field, frozen

from game import __version__
from game.engine.adjudication import new_game
from game.engine.log import LogEntry
from game.engine.model import Scenario
from game.engine.state import GameState, state_hash
from game.errors import WargameError
from game.session import Order, Parent, Session, utc_now

FORMAT = 1
"""The save format this Horizon writes (it reads every format from 1 up to this one)."""
SNAPSHOT_EVERY = 50
"""A save keeps the state after every this many turns, and after its last turn."""


class SaveError(WargameError):
    """A save file cannot be read, written or replayed; ``str`` is one line naming the file.

    ``file`` is how the file was named (its path, as given) and ``reason`` the
    rest of the line, for screens that show the file name elsewhere.
    """

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

    def __reduce__(self):  # so the error survives pickling, e.g. out of a worker process
        return type(self), (self.file, self.reason)


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
class Draw:
    """One chance drawn in a turn: for which rule, at what probability, and the roll."""

    rule: str
    chance: float
    roll: float

    @property
    def success(self) -> bool:
        return self.roll < self.chance


def draws_of(entries: tuple[LogEntry, ...]) -> tuple[Draw, ...]:
    """The chance draws a turn's log entries record, in resolution order."""
    return tuple(Draw(e.rule, e.chance, e.roll) for e in entries if e.roll is not None)


@frozen
class SavedTurn:
    """One resolved turn as saved: every seat's order, the chances drawn, the state hash after it."""

    turn: int
    orders: tuple[Order, ...]
    draws: tuple[Draw, ...]
    state_hash: str
    """Hex SHA-256 of the state after this turn (``game.engine.state_hash``)."""


@frozen
class SavedGame:
    """The content of one save file; equal saves hold the same game, byte for byte.

    ``scenario`` is loaded from ``scenario_text`` by the normal loader (so it
    is as valid as any scenario file), and ``path`` is where it was read from;
    neither takes part in equality. Not hashable (``controllers`` is a dict).
    It holds no log entries: :func:`~game.saves.restore_session` replays the
    orders and gives a session whose turns carry them.
    """

    format: int
    app_version: str
    """The Horizon version that wrote the file."""
    game_id: str
    """32 hex digits; every game and every branch gets its own."""
    name: str
    scenario_id: str
    title: str
    scenario_file: str
    """The scenario's file name (no folders) when the game started."""
    sha256: str
    """Hex SHA-256 of ``scenario_text`` in UTF-8."""
    scenario_text: str
    seed: int
    controllers: Mapping[str, str]
    """Seat -> ``"human"`` or a computer policy's name, in the scenario's seat order."""
    parent: Parent | None
    created: datetime.datetime
    updated: datetime.datetime
    """When the file was last written (UTC); outside the state hash, inside the checksum."""
    turns: tuple[SavedTurn, ...]
    snapshots: tuple[GameState, ...]
    """States after some turns (every ``SNAPSHOT_EVERY`` and the last), for speed only."""
    scenario: Scenario = field(eq=False, repr=False)
    path: Path | None = field(default=None, eq=False)

    @classmethod
    def of(cls, session: Session, updated: datetime.datetime | None = None) -> SavedGame:
        """What saving ``session`` now writes (``updated`` defaults to now)."""
        scenario = session.scenario
        return cls(
            format=FORMAT, app_version=__version__, game_id=session.game_id, name=session.name,
            scenario_id=scenario.id, title=scenario.title, scenario_file=PurePath(scenario.origin.path).name,
            sha256=scenario.origin.sha256, scenario_text=scenario.origin.text, seed=session.seed,
            controllers={seat: session.controllers[seat] for seat in scenario.seats},
            parent=session.parent, created=session.created, updated=updated or utc_now(),
            turns=tuple(SavedTurn(r.turn, r.orders, draws_of(r.entries), r.state_hash)
                        for r in session.turns),
            snapshots=snapshots_of(session.states), scenario=scenario,
        )

    @property
    def played(self) -> int:
        """How many turns have been resolved."""
        return len(self.turns)

    @property
    def final_state(self) -> GameState:
        """The state after the last saved turn (checked against its hash when loaded)."""
        if self.snapshots and self.snapshots[-1].turn == self.played + 1:
            return self.snapshots[-1]
        return new_game(self.scenario, self.seed)

    @property
    def over(self) -> bool:
        return self.final_state.over

    def state_hash_after(self, turn: int) -> str:
        """The recorded state hash after ``turn`` (0: the initial state)."""
        if turn == 0:
            return state_hash(new_game(self.scenario, self.seed))
        return self.turns[turn - 1].state_hash


def snapshots_of(states: Sequence[GameState]) -> tuple[GameState, ...]:
    """The states a save keeps: after every ``SNAPSHOT_EVERY``-th turn, and after the last."""
    last = len(states) - 1
    kept = [*range(SNAPSHOT_EVERY, last, SNAPSHOT_EVERY), last] if last else []
    return tuple(states[k] for k in kept)


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
