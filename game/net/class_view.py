"""What the class console is sent: every table in one row, and what the class's acts need.

A teacher with ten tables watches them side by side: each table's turn, who
has decided, whose screen is connected, who sits where (the roster's names),
a few tracks the scenario marks for the class (``[class] tracks``), the
pause, the clock, and the ending. A :class:`TableRow` is that, for one game,
as plain values; :class:`ClassInfo` is what does not change while the host
runs (the scenario's title and seats, the tracks' labels, and a facilitator's
view of a game not yet begun, from which the console builds the acts' forms:
the seats to tell, the scenario's injects).

The host sends the whole class on joining (``protocol.ClassWhole``), then a
table's row each time something in it changes (``protocol.TableChanged``):
rows are small, so a row is always sent whole. Every value read from the
wire is checked (``game.decoding``), as a seat's view is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import evolve, field, frozen

from game import decoding as d
from game.seat_view.model import SeatView
from game.seat_view.wire import WireError, from_wire, to_wire

MAX_TABLES = 500
"""More tables than one host serves (its ``--games`` bound)."""
MAX_NAME = 100
"""A student's name, in characters (the roster's bound)."""
MAX_TRACKS = 4
"""Tracks a scenario may mark for the class view: a row must fit beside its seats."""


@frozen
class SeatRow:
    """One seat of one table, as the class console shows it."""

    id: str
    person: bool
    """A person's seat (else a computer plays it)."""
    player: str = ""
    """The student the roster put there ("" if none)."""
    decided: bool = False
    """A person's seat: its order for the open turn is in."""
    connected: bool = False
    """A person's seat: a screen holds its link now."""
    reopened: int = 0
    """How many times its link was opened on another screen while a screen held it."""


@frozen
class TableRow:
    """One game of the class: where it stands."""

    number: int
    turn: int
    """The open turn (one past the last once the game is over)."""
    over: bool = False
    ending: str = ""
    """How it ended (its ending's text), once over."""
    paused: bool = False
    left: float | None = None
    """Seconds left on the turn's timer (None: no timer, or over)."""
    seats: tuple[SeatRow, ...] = field(default=(), converter=tuple)
    tracks: tuple[str, ...] = field(default=(), converter=tuple)
    """The class tracks' values, as a reader says them, in ``ClassInfo.tracks`` order."""
    console: bool = False
    """The table's facilitator's console is connected."""
    acts: int = 0
    """The white cell's acts in the open turn."""
    trouble: str = ""
    """What is wrong on the host for this game (a save that cannot be written)."""

    def quiet(self) -> TableRow:
        """The row without what changes as time passes (the countdown): two rows with the same quiet form and
        the same deadline need not be sent again."""
        return evolve(self, left=None)

    @property
    def waiting_for(self) -> tuple[str, ...]:
        """The people's seats the turn still waits for."""
        return () if self.over else tuple(s.id for s in self.seats if s.person and not s.decided)


@frozen
class ClassInfo:
    """What the class console needs once: the scenario's title, seats and class tracks, and the forms' view."""

    title: str
    turns: int
    seats: tuple[tuple[str, str], ...] = field(converter=tuple)
    """(id, name) of every seat, in the scenario's order."""
    tracks: tuple[str, ...] = field(converter=tuple)
    """The labels of the tracks each row shows."""
    forms: SeatView
    """The facilitator's view of a game of the scenario before its first turn: the acts' forms are built from
    it (the seats to tell, the scenario's library of injects), the same for every table."""
    first: int = 1
    """The number of the class's first game on the host: its table 1."""

    def seat_name(self, seat: str) -> str:
        return next((name for id_, name in self.seats if id_ == seat), seat)

    def table(self, number: int) -> int:
        """Game ``number``'s table in the class (1, 2, ...), as the roster and the links file count them."""
        return number - self.first + 1


# -- the wire ------------------------------------------------------------------------------


def row_to_wire(row: TableRow) -> list[Any]:
    return [row.number, row.turn, row.over, row.ending, row.paused, row.left,
            [[s.id, s.person, s.player, s.decided, s.connected, s.reopened] for s in row.seats],
            list(row.tracks), row.console, row.acts, row.trouble]


def info_to_wire(info: ClassInfo) -> list[Any]:
    return [info.title, info.turns, [list(pair) for pair in info.seats], list(info.tracks), to_wire(info.forms),
            info.first]


def row_from_wire(value: Any, where: d.Where = "table") -> TableRow:
    """A row from the host; :class:`decoding.Invalid` for anything else (extra last items are a newer host's)."""
    items = d.array(value, where)
    if len(items) < 11:
        raise d.Invalid(f"{d.path(where)}: expected 11 items, found {len(items)}")
    number, turn, over, ending, paused, left, seats, tracks, console, acts, trouble, *_ = items
    if left is not None and (not isinstance(left, float | int) or isinstance(left, bool) or not 0 <= left <= 1e7):
        raise d.Invalid(f"{d.path((where, 'left'))}: expected seconds")
    if len(d.array(seats, (where, "seats"))) > 64 or len(d.array(tracks, (where, "tracks"))) > MAX_TRACKS:
        raise d.Invalid(f"{d.path(where)}: too many seats or tracks")
    return TableRow(d.whole(number, (where, "number"), 10**9), d.whole(turn, (where, "turn"), 10**6),
                    d.flag(over, (where, "over")), d.text(ending, (where, "ending"), 4000),
                    d.flag(paused, (where, "paused")), None if left is None else float(left),
                    d.items(seats, (where, "seats"), _seat_from_wire),
                    d.items(tracks, (where, "tracks"), lambda v, w: d.text(v, w, 200)),
                    d.flag(console, (where, "console")), d.whole(acts, (where, "acts"), 10**6),
                    d.text(trouble, (where, "trouble"), 1000))


def _seat_from_wire(value: Any, where: d.Where) -> SeatRow:
    items = d.array(value, where)
    if len(items) < 6:
        raise d.Invalid(f"{d.path(where)}: expected 6 items, found {len(items)}")
    seat, person, player, decided, connected, reopened, *_ = items
    return SeatRow(d.text(seat, (where, "id"), 64), d.flag(person, (where, "person")),
                   d.text(player, (where, "player"), MAX_NAME), d.flag(decided, (where, "decided")),
                   d.flag(connected, (where, "connected")), d.whole(reopened, (where, "reopened"), 2**31))


def info_from_wire(value: Any, where: d.Where = "class") -> ClassInfo:
    items = d.array(value, where)
    if len(items) < 6:
        raise d.Invalid(f"{d.path(where)}: expected 6 items, found {len(items)}")
    title, turns, seats, tracks, forms, first, *_ = items
    if len(d.array(seats, (where, "seats"))) > 64 or len(d.array(tracks, (where, "tracks"))) > MAX_TRACKS:
        raise d.Invalid(f"{d.path(where)}: too many seats or tracks")
    try:
        view = from_wire(forms)
    except WireError as error:
        raise d.Invalid(f"{d.path((where, 'forms'))}: {error}") from None
    return ClassInfo(d.text(title, (where, "title"), 1000), d.whole(turns, (where, "turns"), 10**6),
                     d.items(seats, (where, "seats"), lambda v, w: tuple(
                         d.text(part, (w, i), 1000) for i, part in enumerate(d.array(v, w, 2)))),
                     d.items(tracks, (where, "tracks"), lambda v, w: d.text(v, w, 200)), view,
                     d.whole(first, (where, "first"), 10**9))


def rows_from_wire(value: Any, where: d.Where = "tables") -> dict[int, TableRow]:
    if len(d.array(value, where)) > MAX_TABLES:
        raise d.Invalid(f"{d.path(where)}: more than {MAX_TABLES} tables")
    rows = d.items(value, where, row_from_wire)
    return {row.number: row for row in rows}


class ClassMirror:
    """The class console's copy of the class: the whole on (re)joining, then rows replaced one by one."""

    def __init__(self) -> None:
        self.info: ClassInfo | None = None
        self.rows: dict[int, TableRow] = {}

    def whole(self, info: ClassInfo, rows: Mapping[int, TableRow]) -> None:
        self.info, self.rows = info, dict(sorted(rows.items()))

    def changed(self, row: TableRow) -> bool:
        """Replace a table's row; False (ignored) for a table the class does not hold."""
        if self.info is None or row.number not in self.rows:
            return False
        self.rows[row.number] = row
        return True
