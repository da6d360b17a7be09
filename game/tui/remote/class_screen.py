"""The class console's screen: every table in one row, the one under the cursor in detail, the class's keys.

A row says where a table stands at a glance: its turn, whether it runs
(with its clock), is paused or is over, each seat's student with ✔ once
their order is in (… while they decide, ○ when no screen holds the seat),
and the tracks the scenario marks for the class. Space marks tables; the
acts go to the marked tables, or to every table still playing when none is
marked. Enter opens the table under the cursor on its own console.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from game.net.class_view import ClassInfo, SeatRow, TableRow
from game.presentation.words import and_list
from game.tui.text import cell, plain, shown
from game.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from game.tui.remote.class_app import ClassApp

DECIDED, DECIDING, AWAY, COMPUTER, MARK = "\u2714", "\u2026", "\u25cb", "\u2699", "\u25cf"
LEGEND = (f"{DECIDED} decided \u00b7 {DECIDING} deciding \u00b7 {AWAY} no screen connected \u00b7 {COMPUTER} computer "
          f"\u00b7 {MARK} marked")
KEYS = ("Enter open the table's console \u00b7 space mark \u00b7 a mark all or none \u00b7 p pause \u00b7 c continue "
        "\u00b7 n resolve now \u00b7 t timer \u00b7 i inject \u00b7 b inject from the library \u00b7 F2 message")
TRACK_HEADER = 14
"""Characters of a track's label in its column's header (the legend has them whole)."""


def clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    left = max(0, int(seconds + 0.999))
    return f"{left // 60}:{left % 60:02d}"


def now_text(row: TableRow, left: float | None) -> str:
    """How the table stands: over, paused, its clock, or whom it waits for."""
    if row.over:
        return f"over (turn {row.turn - 1})"
    if row.paused:
        return "paused"
    if left is not None:
        return f"{clock(left)} left"
    waiting = len(row.waiting_for)
    return f"waits for {waiting}" if waiting else "resolving"


def seat_cell(seat: SeatRow, over: bool) -> str:
    if not seat.person:
        return f"{COMPUTER} computer"
    if over:
        return seat.player
    mark = DECIDED if seat.decided else DECIDING
    who = seat.player or ("decided" if seat.decided else "deciding")
    return f"{mark} {who}" + ("" if seat.connected else f" {AWAY}")


def tables_words(tables: Iterable[int]) -> str:
    """``table 3`` or ``tables 1, 2 and 4``."""
    numbers = list(tables)
    if len(numbers) == 1:
        return f"table {numbers[0]}"
    return "tables " + and_list(str(n) for n in numbers)


def detail_text(info: ClassInfo, row: TableRow, left: float | None) -> str:
    """The table under the cursor, in sentences."""
    table = info.table(row.number)
    lines = []
    if row.over:
        lines.append(f"Table {table} is over after turn {row.turn - 1}: {row.ending}")
    else:
        state = "paused" if row.paused else (f"running, {clock(left)} left" if left is not None else "running")
        acts = f"; {row.acts} act{'s' if row.acts != 1 else ''} of the white cell so far" if row.acts else ""
        lines.append(f"Table {table}: turn {row.turn} of {info.turns}, {state}{acts}.")
    for seat in row.seats:
        name = info.seat_name(seat.id)
        if not seat.person:
            lines.append(f"  {name}: the computer")
            continue
        parts = [seat.player or "no student named"]
        if not row.over:
            parts.append("decided" if seat.decided else "deciding")
        parts.append("screen connected" if seat.connected else "no screen connected")
        if seat.reopened:
            parts.append(f"opened on another screen {seat.reopened}\u00d7")
        lines.append(f"  {name}: {', '.join(parts)}")
    lines.append("  Its facilitator's console: " + ("connected" if row.console else "not connected"))
    if row.trouble:
        lines.append(f"  Trouble on the host: {row.trouble}")
    return "\n".join(lines)


def summary_text(info: ClassInfo, rows: Mapping[int, TableRow], marked: set[int]) -> str:
    """The class in one line: how many tables, where they are, how many paused or over, what is marked."""
    playing = [row for row in rows.values() if not row.over]
    turns: dict[int, int] = {}
    for row in playing:
        turns[row.turn] = turns.get(row.turn, 0) + 1
    parts = [f"{len(rows)} table{'s' if len(rows) != 1 else ''}"]
    if turns:
        parts.append(", ".join(f"turn {turn} at {count}" for turn, count in sorted(turns.items())))
    paused = sum(row.paused for row in playing)
    if paused:
        parts.append(f"{paused} paused")
    over = len(rows) - len(playing)
    if over:
        parts.append(f"{over} over")
    chosen = sorted(info.table(number) for number in marked if number in rows)
    parts.append(f"marked: {', '.join(map(str, chosen))}" if chosen else "none marked: acts go to every table")
    return " \u00b7 ".join(parts)


class ClassScreen(Screen[None]):
    """Every table of the class; the app feeds it each change (:meth:`show`)."""

    CSS_PATH = "class.tcss"
    BINDINGS = [
        Binding("space", "mark", "Mark", id="class.mark"),
        Binding("a", "mark_all", "Mark all/none", id="class.mark_all"),
        Binding("p", "app.act('pause')", "Pause", id="class.pause"),
        Binding("c", "app.act('resume')", "Continue", id="class.resume"),
        Binding("n", "app.act('resolve')", "Resolve now", id="class.resolve"),
        Binding("t", "app.act('timer')", "Timer", id="class.timer"),
        Binding("i", "app.act('i')", "Inject", id="class.inject"),
        Binding("b", "app.act('b')", "Library", id="class.library"),
        Binding("escape", "app.leave_game", "Leave", id="game.leave"),
    ]

    def __init__(self, info: ClassInfo, rows: Mapping[int, TableRow]) -> None:
        super().__init__()
        self.info, self.rows = info, dict(rows)
        self.marked: set[int] = set()
        self.order: list[int] = []
        """Game numbers in the table's row order."""
        self.ready = False
        """Composed and mounted: until then a change is only kept (``on_mount`` draws it)."""
        self.sub_title = plain(f"{info.title} \u00b7 the class console")

    @property
    def class_app(self) -> ClassApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="class-body"):
            yield Static(id="class-summary")
            yield DataTable(id="tables", cursor_type="row", zebra_stripes=True)
            yield Static(LEGEND, id="class-legend", markup=False)
            yield Static(id="class-tracks")
            yield Static(id="table-detail")
            yield Static(KEYS, id="class-keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("", key="mark")
        table.add_column("Table", key="table")
        table.add_column("Turn", key="turn")
        table.add_column("Now", key="now")
        for seat, name in self.info.seats:
            table.add_column(cell(name), key=f"seat:{seat}")
        for index, label in enumerate(self.info.tracks):
            short = label if len(label) <= TRACK_HEADER else label[:TRACK_HEADER - 1] + "\u2026"
            table.add_column(cell(short), key=f"track:{index}")
        tracks = [f"{label}" for label in self.info.tracks]
        self.query_one("#class-tracks", Static).update(
            shown("Tracks: " + " \u00b7 ".join(tracks)) if tracks else "")
        self.ready = True
        self.show(self.rows)
        table.focus()

    def show(self, rows: Mapping[int, TableRow], changed: int | None = None) -> None:
        """Draw ``rows`` (only the row of ``changed`` when one table changed and the others are drawn)."""
        self.rows = dict(rows)
        if not self.ready or not self.is_attached:
            return
        table = self.query_one(DataTable)
        if changed is not None and str(changed) in {key.value for key in table.rows}:
            self._row(table, self.rows[changed], update=True)
        else:
            cursor = table.cursor_row
            table.clear()
            self.order = sorted(self.rows)
            for number in self.order:
                self._row(table, self.rows[number], update=False)
            if self.order:
                table.move_cursor(row=min(cursor, len(self.order) - 1))
        self.redraw()

    def _row(self, table: DataTable, row: TableRow, *, update: bool) -> None:
        left = self.class_app.left(row.number)
        cells = [MARK if row.number in self.marked else "", f"{self.info.table(row.number)}",
                 f"{row.turn - 1 if row.over else row.turn}", now_text(row, left),
                 *(seat_cell(seat, row.over) for seat in row.seats), *row.tracks]
        if not update:
            table.add_row(*(cell(text) for text in cells), key=str(row.number))
            return
        for column, text in zip(table.columns, cells):
            table.update_cell(str(row.number), column, cell(text), update_width=True)

    def redraw(self) -> None:
        """The parts that follow the cursor, the marks and the clocks."""
        self.query_one("#class-summary", Static).update(shown(summary_text(self.info, self.rows, self.marked)))
        row = self.current()
        detail = detail_text(self.info, row, self.class_app.left(row.number)) if row is not None else ""
        self.query_one("#table-detail", Static).update(shown(detail, multiline=True))

    def tick(self) -> None:
        """Each second: the clocks of tables whose timer runs."""
        if not self.ready or not self.is_attached:
            return
        table = self.query_one(DataTable)
        for number, row in self.rows.items():
            left = self.class_app.left(number)
            if left is not None and not row.paused and not row.over and str(number) in {k.value for k in table.rows}:
                table.update_cell(str(number), "now", Text(now_text(row, left)))
        self.redraw()

    def current(self) -> TableRow | None:
        table = self.query_one(DataTable)
        if not self.order or not 0 <= table.cursor_row < len(self.order):
            return None
        return self.rows.get(self.order[table.cursor_row])

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.redraw()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.class_app.open_table(int(event.row_key.value))

    def action_mark(self) -> None:
        row = self.current()
        if row is None:
            return
        self.marked ^= {row.number}
        table = self.query_one(DataTable)
        table.update_cell(str(row.number), "mark", Text(MARK if row.number in self.marked else ""))
        if table.cursor_row < len(self.order) - 1:
            table.move_cursor(row=table.cursor_row + 1)
        self.redraw()

    def action_mark_all(self) -> None:
        self.marked = set() if self.marked else set(self.rows)
        self.show(self.rows)

    def targets(self) -> tuple[list[int], list[int]]:
        """(the tables an act goes to, those left out because they are over): the marked ones, or every one."""
        chosen = sorted(self.marked & set(self.rows)) or sorted(self.rows)
        return ([n for n in chosen if not self.rows[n].over], [n for n in chosen if self.rows[n].over])
