"""The class console on the host: every game it serves, one row each, and acts on many games at once.

A teacher runs ten tables of three, not one game. The class link
(``/class/TOKEN``) opens one console that sees every table side by side
(``class_view.TableRow``: turn, who has decided, whose screen is connected,
who sits where, a few tracks, the pause, the clock, the ending) and acts on
all tables or some: pause and resume, the timer, "resolve now", an inject, a
message. An act on several tables is carried out at each table exactly as
that table's facilitator's console would have it (``HostedGame.perform``
with the facilitator's role): the same checks, the same events in each
game's journal and save, each table answering for itself (``protocol.Done``).

Rows are built from each game as it stands (no view is built: a row costs
a few attribute reads) whenever the game has published a change, and sent
only when they differ from the one the console holds, so a class of thirty
tables costs the console one small message per change, not thirty.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from game.engine.model import Scenario
from game.net import protocol as p
from game.net.class_view import ClassInfo, SeatRow, TableRow
from game.net.hosted_game import HostedGame, Say
from game.net.links import CLASS, FACILITATOR, same_token
from game.net.peer import Peer
from game.presentation.words import format_value
from game.seat_view.build import seat_view
from game.session import HUMAN, Session

DEFAULT_TRACKS = 3
"""Tracks shown when the scenario marks none for the class: its first ones every seat sees."""


def class_tracks(scenario: Scenario) -> tuple[str, ...]:
    """The variables a class row shows: the scenario's ``[class] tracks``, else its first few that every seat
    sees (what any student at the table could read off their own screen)."""
    if scenario.classroom.tracks:
        return scenario.classroom.tracks
    public = [v.name for v in scenario.variables if v.visible_to is None][:DEFAULT_TRACKS]
    return tuple(public)


def table_row(game: HostedGame, names: Mapping[str, str], tracks: tuple[str, ...]) -> TableRow:
    """How ``game`` stands now, as its class row (``names``: seat -> the student there)."""
    session = game.session
    scenario = session.scenario
    state = session.state
    open_links = game.links_open()
    decided = session.decided()
    left, _ = game.time_left()
    seats = tuple(SeatRow(seat, controller == HUMAN, names.get(seat, ""), seat in decided, seat in open_links,
                          game.reopened.get(seat, 0))
                  for seat, controller in session.header.controllers)
    values = tuple(format_value(state.values[scenario.index_of(name)]) for name in tracks)
    ending = ""
    if state.over:
        reached = next((e for e in scenario.endings if e.id == state.ending), None)
        ending = reached.text if reached is not None else scenario.end_text
    return TableRow(game.number, session.turn, state.over, ending, session.paused, left, seats, values,
                    FACILITATOR in open_links, len(session.open_interventions), game.trouble)


class Classroom:
    """The class console's side of the host: its token, its screens, each game's row."""

    def __init__(self, games: Mapping[int, HostedGame], token: str, names: Mapping[int, Mapping[str, str]], *,
                 say: Say) -> None:
        self.games = games
        self.token = token
        self.names = names
        """game -> seat -> the student the roster put there."""
        self._say = say
        scenario = next(iter(games.values())).session.scenario
        self.scenario = scenario
        self.tracks = class_tracks(scenario)
        self._info: ClassInfo | None = None
        self._peers: set[Peer] = set()
        self._sent: dict[int, tuple[TableRow, object]] = {}
        """Per game: the quiet form of the row last sent, and its timer's deadline."""
        self.reopened = 0
        """How many times the class link was opened on another screen while one held it."""
        for game in games.values():
            game.watchers.append(self._changed)

    def admits(self, token: str) -> bool:
        return same_token(self.token, token)

    # -- connections -------------------------------------------------------------------------

    async def connect(self, peer: Peer) -> None:
        """Serve ``peer``; a screen that held the class link is told and closed (one screen per link)."""
        for earlier in list(self._peers):
            self._peers.discard(earlier)
            earlier.finish(p.encode(p.Taken()))
            self.reopened += 1
            self._say("the class link was opened on another screen; the earlier screen was told and closed")
        self._peers.add(peer)
        peer.reply(p.encode(p.Hello(p.PROTOCOL, CLASS, 0)))
        await self._whole(peer)

    async def disconnect(self, peer: Peer) -> None:
        await peer.close()
        self._peers.discard(peer)

    async def _whole(self, peer: Peer) -> None:
        if self._info is None:
            self._info = await asyncio.to_thread(self._class_info)
        rows = {number: self._row(game) for number, game in sorted(self.games.items())}
        for number, row in rows.items():
            self._sent[number] = (row.quiet(), self.games[number].time_left()[1])
        peer.reply(p.encode(p.ClassWhole(self._info, rows)))

    def _class_info(self) -> ClassInfo:
        """What does not change while the host runs (in a worker thread: it builds one view)."""
        scenario = self.scenario
        first = next(iter(self.games.values())).session
        fresh = Session(scenario, first.seed, dict.fromkeys(scenario.seats, HUMAN))
        return ClassInfo(scenario.title, scenario.turns,
                         tuple((seat, scenario.actor_name(seat)) for seat in scenario.seats),
                         tuple(scenario.variable(name).label or name for name in self.tracks),
                         seat_view(fresh, None), min(self.games))

    # -- requests ----------------------------------------------------------------------------

    async def request(self, peer: Peer, request: p.Request) -> None:
        if not peer.current:
            peer.reply(p.encode(p.Refused(request.rid, p.Taken().text)))
            return
        match request:
            case p.Resync(rid):
                peer.reply(p.encode(p.Ack(rid)))
                await self._whole(peer)
            case p.ToTables(rid, tables, inner):
                unknown = [number for number in tables if number not in self.games]
                if unknown:
                    peer.reply(p.encode(p.Refused(rid, f"this host has no table {unknown[0]}")))
                    return
                results = await asyncio.gather(*(self.games[number].perform(FACILITATOR, inner)
                                                 for number in tables))
                peer.reply(p.encode(p.Done(rid, tuple(zip(tables, results)))))
            case _:
                peer.reply(p.encode(p.Refused(request.rid, "the class console acts on tables: say which")))

    # -- rows --------------------------------------------------------------------------------

    def _row(self, game: HostedGame) -> TableRow:
        return table_row(game, self.names.get(game.number, {}), self.tracks)

    def _changed(self, game: HostedGame) -> None:
        """A game published a change: its row to the class's screen, if the row is not the one it holds."""
        if not self._peers:
            self._sent.clear()
            return
        row = self._row(game)
        key = (row.quiet(), game.time_left()[1])
        if self._sent.get(game.number) == key:
            return
        self._sent[game.number] = key
        data = p.encode(p.TableChanged(row))
        for peer in self._peers:
            peer.reply(data)
