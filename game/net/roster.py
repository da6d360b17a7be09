"""A class list for a hosted class: who sits at which table and seat, and the links file handed out.

``wargame host SCENARIO --roster class.csv`` reads one student a line: the
name alone (seated in the order given: table 1's people's seats in the
scenario's order, then table 2's...), or ``name,table`` (any free seat of
that table), or ``name,table,seat`` (the seat by its id or its name). A
first line ``name,table,seat`` (or ``name``) is a header and skipped, as are
blank lines and lines starting with ``#``; a spreadsheet's UTF-8 byte-order
mark and quoting are understood. Without ``--games``, the class has as many
tables as the students need.

A bad roster stops the host before anything is written, in one line naming
the file and the line: a line with two fields or more than three, a table
the class does not have, a seat that is not a person's, two students on one
seat, a name given twice, a name with a control character. Everything read
is bounded (the file, the lines, the names). Names are data: any other
character is kept as written and shown harmlessly wherever it appears
(``safe_text.printable`` on screens; the links file guards spreadsheet
formulas).

The host writes the links file (``name,table,seat,link``: one line per
person's seat, a seat no student was given with an empty name) for a
learning platform or a printer, private (0600) as every file holding links
is. It holds the seats' links only: the facilitators' and the class link
stay on the host's standard output.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from attrs import frozen

from game.atomic import write_atomically
from game.engine.model import Scenario
from game.errors import WargameError
from game.file_reading import Refused, read_bounded
from game.net.class_view import MAX_NAME
from game.safe_text import control_character, printable

MAX_BYTES = 1024 * 1024
MAX_STUDENTS = 2000
"""More than a lecture hall; a host serves a few hundred seats."""
MAX_LINE = 1000
HEADER = ("name", "table", "seat")

Seating = dict[int, dict[str, str]]
"""table -> seat -> the student's name."""


class RosterError(WargameError):
    """A roster that cannot be read or does not fit the class: ``FILE:LINE: what``, one line."""


@frozen
class Student:
    name: str
    table: int | None
    seat: str | None
    line: int


def read_roster(path: Path, scenario: Scenario, people: Sequence[str]) -> list[Student]:
    """The students of the roster at ``path``; ``people`` are the seats students may take (the people's)."""
    try:
        data = read_bounded(path, MAX_BYTES)
    except Refused as refused:
        raise RosterError(f"{path}: {refused.reason}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise RosterError(f"{path}:{line}: not UTF-8 text (save the class list as UTF-8 CSV)") from None
    students: list[Student] = []
    seen: dict[str, int] = {}
    header_done = False
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise RosterError(f"{path}:{line}: not a line of CSV ({error})") from None
        where = f"{path}:{line}"
        if reader.line_num - line > 20 or sum(len(cell) for cell in row) > MAX_LINE:
            raise RosterError(f"{where}: longer than {MAX_LINE} characters: not a line of a class list")
        cells = [cell.strip() for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells or cells[0].startswith("#"):
            continue
        if not header_done:
            header_done = True
            if tuple(cell.lower() for cell in cells) == HEADER[:len(cells)]:
                continue
        if len(students) >= MAX_STUDENTS:
            raise RosterError(f"{where}: more than {MAX_STUDENTS} students: not one class")
        student = _student(where, line, cells, scenario, people)
        if student.name in seen:
            raise RosterError(f"{where}: {_quoted(student.name)} is also on line {seen[student.name]}: give each "
                              "student a name of their own (add an initial)")
        seen[student.name] = line
        students.append(student)
    if not students:
        raise RosterError(f"{path}: no student in it (one name a line, or name,table,seat)")
    return students


def _student(where: str, line: int, cells: list[str], scenario: Scenario, people: Sequence[str]) -> Student:
    if len(cells) > 3:
        raise RosterError(f"{where}: {len(cells)} fields: give a name, or name,table or name,table,seat")
    name = cells[0]
    if not name:
        raise RosterError(f"{where}: no name before the table")
    if len(name) > MAX_NAME:
        raise RosterError(f"{where}: a name longer than {MAX_NAME} characters")
    control = control_character(name)
    if control is not None:
        raise RosterError(f"{where}: the name holds the control character U+{ord(control):04X}: remove it")
    table = seat = None
    if len(cells) >= 2:
        if not cells[1]:
            raise RosterError(f"{where}: a seat without a table: give name,table,seat")
        if not cells[1].isascii() or not cells[1].isdigit() or not 1 <= int(cells[1]) <= 10**6:
            raise RosterError(f"{where}: the table {_quoted(cells[1])} is not a table's number (1, 2, ...)")
        table = int(cells[1])
    if len(cells) == 3:
        seat = _seat(where, cells[2], scenario, people)
    return Student(name, table, seat, line)


def _seat(where: str, given: str, scenario: Scenario, people: Sequence[str]) -> str:
    wanted = given.casefold()
    found = next((seat for seat in scenario.seats
                  if wanted in (seat.casefold(), scenario.actor_name(seat).casefold())), None)
    names = ", ".join(f"{seat} ({scenario.actor_name(seat)})" for seat in people)
    if found is None:
        raise RosterError(f"{where}: {_quoted(given)} is not a seat of {_quoted(scenario.title)}: its people's "
                          f"seats are {names}")
    if found not in people:
        raise RosterError(f"{where}: {scenario.actor_name(found)} is played by the computer (--seat): "
                          f"students sit at {names}")
    return found


def tables_for(students: Sequence[Student], people: Sequence[str]) -> int:
    """How many tables the students need: enough seats for all, and every table a line names."""
    named = max((s.table for s in students if s.table is not None), default=1)
    return max(named, math.ceil(len(students) / max(1, len(people))))


def seat_students(path: Path, students: Sequence[Student], tables: Sequence[int], people: Sequence[str],
                  scenario: Scenario) -> Seating:
    """Where each student sits: those a line seats first, then those given a table, then the rest in order,
    table by table; :class:`RosterError` (``FILE:LINE``) for a student who does not fit."""
    seating: Seating = {table: {} for table in tables}
    placed: dict[tuple[int, str], int] = {}
    for student in students:
        if student.table is not None and student.table not in seating:
            raise RosterError(f"{path}:{student.line}: the class has no table {student.table} (tables "
                              f"{tables[0]} to {tables[-1]}; give --games)")
    for student in (s for s in students if s.seat is not None):
        key = (student.table, student.seat)
        if key in placed:
            raise RosterError(f"{path}:{student.line}: {scenario.actor_name(student.seat)} of table {student.table} "
                              f"is already {_quoted(seating[student.table][student.seat])}'s (line {placed[key]})")
        placed[key] = student.line
        seating[student.table][student.seat] = student.name
    for student in (s for s in students if s.table is not None and s.seat is None):
        free = next((seat for seat in people if seat not in seating[student.table]), None)
        if free is None:
            raise RosterError(f"{path}:{student.line}: table {student.table} has no free seat left")
        seating[student.table][free] = student.name
    free_seats = [(table, seat) for table in tables for seat in people if seat not in seating[table]]
    unplaced = [s for s in students if s.table is None]
    if len(unplaced) > len(free_seats):
        first = unplaced[len(free_seats)]
        raise RosterError(f"{path}:{first.line}: no seat left for {_quoted(first.name)}: {len(tables)} tables of "
                          f"{len(people)} people's seats hold {len(tables) * len(people)} students (give more --games)")
    for student, (table, seat) in zip(unplaced, free_seats):
        seating[table][seat] = student.name
    return seating


def _quoted(text: str) -> str:
    return f"\u201c{printable(text)}\u201d"


# -- the links file --------------------------------------------------------------------------


@frozen
class LinkLine:
    name: str
    table: int
    seat: str
    """The seat's name, as the students read it."""
    link: str


def write_links_file(path: Path, lines: Sequence[LinkLine]) -> None:
    """``name,table,seat,link`` for every person's seat, written whole and private (0600)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*HEADER, "link"])
    for line in lines:
        writer.writerow([_cell(line.name), line.table, _cell(line.seat), line.link])
    write_atomically(path, out.getvalue().encode("utf-8"))


def _cell(text: str) -> str:
    """A text a spreadsheet will show as text: one starting with = + - @ (a formula to Excel or Sheets) is
    written with a leading apostrophe, and invisible characters made visible."""
    text = printable(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def names_line(seating: Mapping[int, Mapping[str, str]], people: Sequence[str]) -> str:
    """How many seats have a student, for the host's operator."""
    seats = sum(len(people) for _ in seating)
    taken = sum(len(names) for names in seating.values())
    empty = sorted(table for table, names in seating.items() if len(names) < len(people))
    where = f" (table{'s' if len(empty) > 1 else ''} {', '.join(map(str, empty))})" if empty else ""
    return f"the roster seats {taken} students in {seats} people's seats" + (
        f"; {seats - taken} wait for a student{where}: they can join with their link, or a computer can play "
        "them (--seat)" if taken < seats else "")
