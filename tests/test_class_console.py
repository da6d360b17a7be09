"""A hosted class: its roster and links file, the class console (pilot and wire), and its acts in each journal.

A class of four tables with a roster (names alone, a table, a table and a
seat) and headless seats; the teacher's console pauses every table and
injects into two, and each table's journal then holds exactly those acts,
as if given at that table's console. Over the wire: the class follows each
table's changes, a class link opens one table's console without taking
over its facilitator's screen, each table answers for itself, and the class
link has one screen at a time. Bad rosters stop the host in one line.
"""

from __future__ import annotations

import stat
from pathlib import Path

import aiohttp
import pytest

from game.cli import main
from game.engine.interventions import Inject
from game.errors import WargameError
from game.journal import Intervened, Paused, TurnResolved
from game.net import limits
from game.net import protocol as p
from game.net.host import Host, HostOptions
from game.net.journal_db import Journal
from game.net.links import CLASS, FACILITATOR
from game.net.roster import read_roster, seat_students
from game.scenario import load_scenario
from game.session import TIMED_OUT
from game.tui.dialogs.act_form import ActFormDialog
from game.tui.remote.class_app import ClassApp
from game.tui.remote.class_screen import ClassScreen
from game.tui.remote.console import ConsoleScreen
from tests.clock import ManualClock
from tests.net_support import RecordingSeat, hosted, link_of
from tests.paths import SHIPPED
from tests.test_net_screens import until

ROSTER = "name,table,seat\nAna\nBen\n\u200fCarla\nDan,2,china\n[b]Eve[/b],3\n=HYPERLINK(\"x\")\n"


def journal_events(host: Host, number: int) -> list:
    journal = host.journal
    return next(game for game in journal.games() if game.number == number).events


async def test_the_class_console_pauses_every_table_and_injects_into_two(tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    async with hosted(tmp_path, games=4, roster=roster) as host:
        links = (tmp_path / "saves" / "links.csv")
        assert stat.S_IMODE(links.stat().st_mode) == 0o600
        lines = links.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "name,table,seat,link" and len(lines) == 1 + 4 * 3
        assert lines[1].startswith("Ana,1,United States,http") and "Dan,2,China," in links.read_text()
        assert "'=HYPERLINK" in links.read_text()  # a spreadsheet shows it as text, never runs it
        assert host.names[2] == {"us": "=HYPERLINK(\"x\")", "china": "Dan"}
        async with RecordingSeat(link_of(host, "us", 1)) as seat:
            await seat.update()
            assert (await seat.ask(lambda rid: p.OrderByPolicy(rid, "random"))) == p.Ack(1)
            app = ClassApp(host.class_link())
            async with app.run_test(size=(120, 40)) as pilot:
                await until(pilot, lambda: isinstance(app.screen, ClassScreen), "the class console")
                board = app.screen
                table = board.query_one("#tables")
                await until(pilot, lambda: table.row_count == 4, "every table's row")
                first = " ".join(str(table.get_cell_at((0, column))) for column in range(len(table.columns)))
                assert "\u2714 Ana" in first and "\u2026 Ben \u25cb" in first  # Ana decided, Ben has no screen
                assert "\u27e8U+200F\u27e9Carla" in first  # the mark shown, not obeyed
                assert "[b]Eve[/b]" in str(table.get_cell_at((2, 4)))  # markup is a name like any other
                await pilot.press("p")
                await until(pilot, lambda: all(g.session.paused for g in host.games.values()), "every table paused")
                await until(pilot, lambda: all(row.paused for row in app.rows.values()), "the rows paused")
                await pilot.press("down", "space", "space")  # tables 2 and 3
                await pilot.press("i")
                await until(pilot, lambda: isinstance(app.screen, ActFormDialog), "the inject form")
                assert "tables 2 and 3" in str(app.screen.query_one(".dialog-title").render())
                await pilot.press(*"Car bomb in Kabul", "tab", "tab", *"Terrorist threat: up by 1", "enter", "enter",
                                  "tab", *"a jolt", "ctrl+o")  # the change picked by its words, as at one table
                await until(pilot, lambda: app.screen is board, "the form closed")
                acts = {number: game.session.open_interventions for number, game in host.games.items()}
                inject = Inject("Car bomb in Kabul", None, ("threat += 1",), "a jolt")
                assert acts == {1: (), 2: (inject,), 3: (inject,), 4: ()}
                await until(pilot, lambda: app.rows[2].acts == 1, "the act on the row")
                await pilot.press("up", "up", "enter")
                await until(pilot, lambda: isinstance(app.screen, ConsoleScreen), "table 2's console")
                assert app.screen.sub_title.startswith("Table 2 \u00b7 Turn 1/")
                assert "Car bomb in Kabul" in str(app.screen.query_one("#acts").render())
                await pilot.press("escape")
                await until(pilot, lambda: app.screen is board, "back to the class")
    for number in range(1, 5):  # each table's journal, read again from the file
        events = journal_events_after(tmp_path, number)
        assert [type(e) for e in events if isinstance(e, Paused)] == [Paused]
        assert [e.act for e in events if isinstance(e, Intervened)] == ([inject] if number in (2, 3) else [])


def journal_events_after(tmp_path: Path, number: int) -> tuple:
    journal = Journal.open(tmp_path / "saves" / "host-journal.sqlite")
    try:
        return next(game for game in journal.games() if game.number == number).events
    finally:
        journal.close()


async def test_the_class_over_the_wire_each_table_answering_for_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "REFUSAL_DELAY", 0)  # the wrong links' 404s at once
    clock = ManualClock()
    async with hosted(tmp_path, clock=clock, games=3) as host:
        token = host.classroom.token
        async with RecordingSeat(link_of(host, FACILITATOR, 2)) as chair, ClassSocket(host) as room:
            whole = room.whole
            assert sorted(whole.tables) == [1, 2, 3] and whole.info.first == 1
            assert [seat for seat, _ in whole.info.seats] == ["us", "russia", "china"]
            assert whole.tables[2].console  # table 2's facilitator is connected
            async with RecordingSeat(link_of(host, "us", 3)) as seat:
                await seat.update()
                await seat.ask(lambda rid: p.OrderByPolicy(rid, "random"))
                row = await room.row_where(lambda row: row.number == 3 and row.seats[0].decided)
                assert row.seats[0].connected and not row.seats[1].decided
            # the class's link to table 2 opens its console; table 2's facilitator keeps the screen
            async with RecordingSeat(host.class_link().table(2)) as teacher:
                assert (await teacher.update()).view.seat is None  # the facilitator's view
                assert chair.taken is None
                assert (await teacher.ask(lambda rid: p.Pause(rid))) == p.Ack(1)
            assert host.games[2].session.paused
            done = await room.ask(lambda rid: p.ToTables(rid, (1, 2, 3), p.Pause(0)))
            assert done == p.Done(1, ((1, ""), (2, ""), (3, "")))  # pausing a paused table changes nothing
            assert all(game.session.paused for game in host.games.values())
            assert await room.ask(lambda rid: p.ToTables(rid, (1, 9), p.Resume(0))) == \
                p.Refused(2, "this host has no table 9")
            done = await room.ask(lambda rid: p.ToTables(rid, (1, 2, 3), p.Resume(0)))
            assert done == p.Done(3, ((1, ""), (2, ""), (3, "")))
            done = await room.ask(lambda rid: p.ToTables(rid, (1, 3), p.SetTimer(0, 90)))
            assert done == p.Done(4, ((1, ""), (3, "")))
            await room.row_where(lambda row: row.number == 3 and row.left == 90)
            clock.advance(91)
            await room.row_where(lambda row: row.number == 3 and row.turn == 2)
            for number in (1, 3):
                (resolved,) = [e for e in journal_events(host, number) if isinstance(e, TurnResolved)]
                assert {order.by for order in resolved.orders if order.seat != "us" or number == 1} == {TIMED_OUT}
            assert host.games[2].session.turn == 1  # no timer there
            # a seat's link cannot act for the class, nor its facilitator's for other tables
            async with RecordingSeat(link_of(host, "russia", 1)) as student:
                await student.update()
                refused = await student.ask(lambda rid: p.ToTables(rid, (1,), p.Pause(0)))
                assert isinstance(refused, p.Refused) and not host.games[1].session.paused
            async with ClassSocket(host) as again:  # one screen per link: the first is told and closed
                await room.taken_out()
                assert host.classroom.reopened == 1 and sorted(again.whole.tables) == [1, 2, 3]
        async with aiohttp.ClientSession() as http:
            wrong = token[:-1] + ("y" if token.endswith("x") else "x")  # a token may end in x itself
            for path in (f"/class/{wrong}", f"/class/{token}/", f"/1/class/{wrong}"):
                async with http.get(host.base + path) as response:
                    assert response.status == 404


class ClassSocket:
    """A bare websocket of the class link: the whole class, then rows and answers as they come."""

    def __init__(self, host: Host) -> None:
        self.link = host.class_link()
        self.rid = 0
        self.backlog: list[p.HostMessage] = []
        """What came while waiting for an answer (a table's rows come before the class's answer)."""

    async def __aenter__(self) -> ClassSocket:
        self._http = aiohttp.ClientSession()
        self._socket = await self._http.ws_connect(self.link.websocket)
        assert await self._read() == p.Hello(p.PROTOCOL, CLASS, 0)
        self.whole = await self._read()
        assert isinstance(self.whole, p.ClassWhole)
        return self

    async def __aexit__(self, *exc) -> None:
        await self._socket.close()
        await self._http.close()

    async def _read(self) -> p.HostMessage:
        message = await self._socket.receive(timeout=30)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        return p.decode_host(message.data)

    async def row_where(self, test):
        while True:
            message = self.backlog.pop(0) if self.backlog else await self._read()
            if isinstance(message, p.TableChanged) and test(message.row):
                return message.row

    async def ask(self, make):
        self.rid += 1
        await self._socket.send_bytes(p.encode(make(self.rid)))
        while not isinstance(message := await self._read(), p.Done | p.Refused | p.Ack) or message.rid != self.rid:
            self.backlog.append(message)
        return message

    async def taken_out(self) -> None:
        while not isinstance(self.backlog.pop(0) if self.backlog else await self._read(), p.Taken):
            pass


BAD = [
    ("Ana,1\nBen,2,us,extra\n", "class.csv:2: 4 fields"),
    ("Ana,9\n", "class.csv:1: the class has no table 9"),
    ("Ana,1,us\nBen,1,United States\n", "class.csv:2: United States of table 1 is already \u201cAna\u201d's (line 1)"),
    ("Ana\n\nAna\n", "class.csv:3: \u201cAna\u201d is also on line 1"),
    ("Ana,1,mexico\n", "class.csv:1: \u201cmexico\u201d is not a seat"),
    ("Ana,1,china\n", "class.csv:1: China is played by the computer"),
    ("Ana\u001b[2J\n", "class.csv:1: the name holds the control character U+001B"),
    ("\u202eAna\n", "class.csv:1: the name holds the control character U+202E"),
    ("Ana,,us\n", "class.csv:1: a seat without a table"),
    ("Ana,one\n", "class.csv:1: the table \u201cone\u201d is not a table's number"),
    ("A,1\nB,1\nC,1\n", "class.csv:3: table 1 has no free seat left"),
    ("x" * 101 + "\n", "class.csv:1: a name longer than 100 characters"),
    ("# nobody\n\n", "class.csv: no student in it"),
    (b"Ana\n\xff\n", "class.csv:2: not UTF-8 text"),
]


@pytest.fixture(scope="module")
def shipped():
    return load_scenario(SHIPPED)


@pytest.mark.parametrize(("text", "said"), BAD)
def test_a_bad_roster_is_refused_in_one_line_naming_its_line(tmp_path, shipped, text, said):
    roster = tmp_path / "class.csv"
    roster.write_bytes(text if isinstance(text, bytes) else text.encode())
    people = ["us", "russia"]  # china is the computer's
    with pytest.raises(WargameError) as raised:
        seat_students(roster, read_roster(roster, shipped, people), [1, 2], people, shipped)
    assert said in str(raised.value) and "\n" not in str(raised.value)


def test_a_bad_roster_stops_the_host_before_anything_is_written(tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text(BAD[1][0])
    host = Host(HostOptions(SHIPPED, games=2, port=0, saves=tmp_path / "saves", seats=("china=random",),
                            roster=roster))
    with pytest.raises(WargameError) as raised:
        host.prepare()
    assert BAD[1][1] in str(raised.value)
    assert not (tmp_path / "saves").exists()


def test_a_roster_with_more_students_than_seats_is_refused_by_the_command(tmp_path, capsys):
    roster = tmp_path / "class.csv"
    roster.write_text("".join(f"Student {n}\n" for n in range(7)))
    assert main(["host", str(SHIPPED), "--games", "2", "--roster", str(roster), "--saves",
                 str(tmp_path / "saves"), "--port", "0"]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert said == [f"wargame host: {roster}:7: no seat left for \u201cStudent 6\u201d: 2 tables of 3 people's seats "
                    "hold 6 students (give more --games)"]
