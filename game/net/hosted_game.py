"""One game on the host: its session, its journal rows and save, its timer, and who is connected.

Every request of a seat or the facilitator becomes a call on the
:class:`~game.session.Session`, which hands the event to :class:`_Record`
before it changes: the row is committed to the journal (the truth), and only
then is the request acknowledged. The game's ``.wgsave`` is a copy that
follows the journal, appended by a task of its own after the acknowledgement
and the new views are on their way, outside the game's lock (so a turn, and
the next request, wait for one flush to disk, not two); if it cannot be
written the game goes on, the facilitator is told, and the save is written
whole again at the next event. When every person's seat has decided (and the game is
not paused), or the timer runs out, or the facilitator says "resolve now",
the turn resolves, and every connected screen gets what changed in its view:
each seat its own :class:`~game.seat_view.SeatView`, never anyone else's,
whole on joining, then as deltas from the last one it was sent.

The class console (``classroom.py``) asks a game for what its facilitator
could (:meth:`HostedGame.perform`), and is told after each change
(``watchers``); the class link also opens the game's own console, as a
link of its own (``links.CLASS``).

One screen per link: a link opened while another screen holds it takes it
over. The earlier screen is told (``protocol.Taken``) and closed, anything it
still sends is refused, and the facilitator's console counts it
(``Status.reopened``); the host's operator is told too.

Session calls, view building and the journal's waits run in worker threads
so the event loop stays free; one lock per game keeps them in order.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from pathlib import Path

from attrs import evolve

from game.errors import WargameError
from game.journal import Event
from game.net import limits
from game.net import protocol as p
from game.net.journal_db import Journal
from game.net.links import CLASS, FACILITATOR, same_token
from game.net.peer import Peer
from game.net.turn_timer import Clock, TurnTimer
from game.private_files import private_folder
from game.saves import SaveError, SaveFile
from game.seat_view.build import seat_view
from game.seat_view.delta import changes
from game.session import TIMED_OUT, Argument, Message, Order, Session

Say = Callable[[str], None]
"""Where the host tells its operator what happens (standard error)."""


class HostedGame:
    def __init__(self, number: int, session: Session, journal: Journal, save: Path, tokens: dict[str, str], *,
                 timer: float | None, say: Say, clock: Clock | None = None, class_token: str | None = None) -> None:
        self.number = number
        self.session = session
        self.tokens = tokens
        """role -> token: every person's seat, and the facilitator."""
        self.class_token = class_token
        """The class link's token, which also opens this game's console (as the link ``class``)."""
        self.watchers: list[Callable[[HostedGame], None]] = []
        """Called (in the event loop, under the game's lock) after anything that may change how the game
        stands: the class console's row of it."""
        self._journal = journal
        self._save_path = save
        self._save: SaveFile | None = None
        self._unsaved: deque[Event] = deque()
        """Events in the journal and not yet in the save (appended under the game's lock, taken by the save's
        own task)."""
        self._saving: asyncio.Task | None = None
        """The task appending ``_unsaved`` to the save, while it runs."""
        self.trouble = ""
        """What the facilitator must know is wrong (the save cannot be written)."""
        self._say = say
        self._lock = asyncio.Lock()
        self._peers: set[Peer] = set()
        self._messages: dict[str, limits.Bucket] = {}
        """Per link: its allowance of messages (``limits.MESSAGES``)."""
        self.reopened: dict[str, int] = {}
        """Per link: how many times it was opened on another screen while one held it."""
        self._clock = clock
        self._timer = TurnTimer(timer, self._time_ran_out, clock) if timer else None
        session.attach(_Record(self._journal, number, self._unsaved))

    # -- starting --------------------------------------------------------------------------

    async def start(self) -> None:
        """Keep the save, start the turn's timer, and resolve a turn a crash left complete."""
        await asyncio.to_thread(self._keep_save)
        async with self._lock:
            opened = self.session.turn
            await self._settle()
            self._sync_timer(opened, fresh=True)
            await self._follow_save()

    def admits(self, role: str, token: str) -> bool:
        """Whether ``token`` is the one of ``role`` (a wrong role costs the same time as a wrong token)."""
        expected = self.class_token if role == CLASS else self.tokens.get(role)
        return same_token(expected if expected is not None else "\0" * len(token), token) and expected is not None

    # -- connections -----------------------------------------------------------------------

    async def connect(self, peer: Peer) -> None:
        """Serve ``peer`` from now on; a screen that held its link is told and closed (one screen per link)."""
        async with self._lock:
            for earlier in [other for other in self._peers if other.link == peer.link]:
                self._peers.discard(earlier)
                earlier.finish(p.encode(p.Taken()))
                self.reopened[peer.link] = self.reopened.get(peer.link, 0) + 1
                self._say(f"game {self.number}: the link of {peer.link} was opened on another screen; "
                          "the earlier screen was told and closed")
            self._peers.add(peer)
            peer.reply(p.encode(p.Hello(p.PROTOCOL, peer.link, self.number)))
            await self._publish({peer.role, FACILITATOR})

    async def disconnect(self, peer: Peer) -> None:
        await peer.close()
        if peer not in self._peers:
            return  # taken over: the screen that holds the link now is connected
        self._peers.discard(peer)
        async with self._lock:
            await self._publish({FACILITATOR})

    async def close(self) -> None:
        """Stop the timer, let the save catch up and go (the journal is the host's to close)."""
        if self._timer is not None:
            self._timer.stop()
        await self._saved()
        if self._save is not None:
            self._save.release()
            self._save = None

    # -- requests --------------------------------------------------------------------------

    async def request(self, peer: Peer, request: p.Request) -> None:
        """Carry out ``request``; acknowledge it once durable, or refuse it in one line."""
        async with self._lock:
            if not peer.current:
                peer.reply(p.encode(p.Refused(request.rid, p.Taken().text)))
                return
            if isinstance(request, p.Resync):
                peer.view = None  # its next update is whole
                peer.reply(p.encode(p.Ack(request.rid)))
                await self._publish({peer.role})
                return
            if isinstance(request, p.SendMessage) and not self._messages.setdefault(
                    peer.role, limits.Bucket(limits.MESSAGES, 1 / limits.MESSAGE_EVERY)).take():
                peer.reply(p.encode(p.Refused(request.rid, "too many messages at once: wait a moment and send it "
                                                           "again")))
                return
            rid = request.rid
            await self._perform(peer.role, request, lambda problem: peer.reply(
                p.encode(p.Refused(rid, problem) if problem else p.Ack(rid))))

    async def perform(self, role: str, request: p.Request) -> str:
        """Carry out ``request`` as ``role`` would from its own screen (the class console acts as each table's
        facilitator): "" once durable, else why not, in one line."""
        answers: list[str] = []
        async with self._lock:
            await self._perform(role, request, answers.append)
        return answers[0]

    async def _perform(self, role: str, request: p.Request, answer: Callable[[str], None]) -> None:
        """Under the game's lock: carry out ``request``, ``answer`` (before any update showing what it did),
        resolve the turn if it is complete, and send what changed."""
        opened = self.session.turn
        try:
            if isinstance(request, p.SetTimer):
                self._set_timer(role, request.seconds)
            else:
                await asyncio.to_thread(self._carry_out, role, request)
        except WargameError as error:
            answer(str(error))
        else:
            answer("")
            await self._settle()
        self._sync_timer(opened)
        await self._publish()
        await self._follow_save()

    def _set_timer(self, role: str, seconds: float | None) -> None:
        """The time per turn from now on: the open turn's countdown starts again with it (None: none)."""
        if role != FACILITATOR:
            raise WargameError("only the facilitator can do that")
        if self.session.over:
            raise WargameError("the game is over")
        if seconds is None:
            if self._timer is not None:
                self._timer.stop()
            self._timer = None
            return
        if self._timer is None:
            self._timer = TurnTimer(seconds, self._time_ran_out, self._clock)
        self._timer.seconds = seconds
        self._timer.start()

    def _carry_out(self, role: str, request: p.Request) -> None:
        session = self.session
        facilitator = role == FACILITATOR
        match request:
            case p.SendMessage(_, recipients, text):
                session.send(Message(session.turn, role, recipients, text))
            case p.GiveOrder(_, action, rationale) if not facilitator:
                session.submit(Order(role, action, rationale))
            case p.OrderByPolicy(_, policy) if not facilitator:
                session.submit(session.computer_order(role, policy))
            case p.Withdraw() if not facilitator:
                session.withdraw(role)
            case p.Believe(_, belief, choice) if not facilitator:
                session.believe(role, belief, choice)
            case p.ArgueMove(_, statement, wants, reasons, secret) if not facilitator:
                session.argue(Argument(role, statement, wants, reasons, secret))
            case p.CounterMove(_, move, text) if not facilitator:
                session.counter(role, move, text)
            case p.Pause() if facilitator:
                session.pause()
            case p.Resume() if facilitator:
                session.resume()
            case p.ResolveNow() if facilitator:
                self._resolve(FACILITATOR)
            case p.Intervene(_, act) if facilitator:
                session.intervene(act)
            case _:
                raise WargameError("only the facilitator can do that" if not facilitator
                                   else "the facilitator gives no order of a seat's own")

    def _sync_timer(self, opened: int, *, fresh: bool = False) -> None:
        """The timer follows the session: full time for a new turn, held while paused, off once over."""
        timer, session = self._timer, self.session
        if timer is None:
            return
        if session.over:
            timer.stop()
            return
        if fresh or session.turn != opened:
            timer.start()
        if session.paused:
            timer.pause()
        else:
            timer.resume()

    # -- resolving -------------------------------------------------------------------------

    async def _settle(self) -> None:
        """Resolve the turn if every person's seat has decided and the white cell has ruled on every argued move
        (and the game is neither paused nor over)."""
        session = self.session
        humans = session.humans()
        if humans and not session.over and not session.paused and set(humans) <= session.decided() \
                and not session.unruled():
            await asyncio.to_thread(self._resolve, None)

    def _resolve(self, hold_missing: str | None) -> None:
        """Resolve the open turn (in a worker thread); seats without an order hold when ``hold_missing``."""
        session = self.session
        undecided = [seat for seat in session.humans() if seat not in session.decided()]
        record = session.resolve(hold_missing=hold_missing)
        held = f"; {', '.join(undecided)} held" if hold_missing and undecided else ""
        why = {TIMED_OUT: " (time ran out)", FACILITATOR: " (by the facilitator)"}.get(hold_missing, "")
        self._say(f"game {self.number}: turn {record.turn} resolved{why}{held}")
        if session.over:
            self._say(f"game {self.number}: over after turn {record.turn}; saved in {self._save_path}")

    def _time_ran_out(self) -> None:
        asyncio.get_running_loop().create_task(self._expire(self.session.turn))

    async def _expire(self, turn: int) -> None:
        async with self._lock:
            session = self.session
            if session.over or session.paused or session.turn != turn:
                return
            await asyncio.to_thread(self._resolve, TIMED_OUT)
            self._sync_timer(turn)
            await self._publish()
            await self._follow_save()

    # -- what each screen is sent ---------------------------------------------------------------

    async def _publish(self, roles: set[str] | None = None) -> None:
        """Send each connected peer (of ``roles``, default all) what changed in its view and status, if
        anything did: the whole view to a peer that has none yet, a delta from its last one otherwise."""
        for watcher in self.watchers:
            watcher(self)
        peers = [peer for peer in self._peers if roles is None or peer.role in roles]
        if not peers:
            return
        timer, session = self._timer, self.session
        connected = tuple(seat for seat in session.scenario.seats if any(peer.role == seat for peer in self._peers))
        left = timer.left() if timer is not None and not session.over else None
        moved = timer.deadline if timer is not None else None
        deciding = tuple(seat for seat in session.humans() if seat not in session.decided()) if not session.over else ()
        status = p.Status(session.paused, left, deciding, connected, self.trouble, dict(self.reopened))
        updates = await asyncio.to_thread(self._updates, peers, status, moved)
        for peer, view, shown, version, data, whole in updates:
            if peer in self._peers:
                peer.update(view, shown, version, data, whole=whole)

    def _updates(self, peers: list[Peer], status: p.Status, moved: object) -> list[tuple]:
        """For each peer that has something new: (the peer, its view, what its status shows, the update's
        number, the update's bytes, whether it is whole). Only the facilitator's status says who is connected
        and what is wrong."""
        out, views = [], {}
        for peer in peers:
            facilitator = peer.role == FACILITATOR
            view = views.get(peer.role)
            if view is None:
                view = views[peer.role] = seat_view(self.session, None if facilitator else peer.role)
            shown = status if facilitator else p.Status(status.paused, status.left, status.deciding)
            key = (evolve(shown, left=None), moved)
            version = peer.version + 1
            if peer.view is None:
                out.append((peer, view, key, version, p.encode(p.Whole(version, view, shown)), True))
                continue
            changed = changes(peer.view, view)
            if changed or key != peer.shown:
                out.append((peer, view, key, version, p.encode(p.Delta(peer.version, version, changed, shown)),
                            False))
        return out

    # -- how it stands, for the class console ---------------------------------------------------

    def links_open(self) -> set[str]:
        """The links a screen holds now (seats' ids, ``facilitator``, ``class``)."""
        return {peer.link for peer in self._peers}

    def time_left(self) -> tuple[float | None, object]:
        """Seconds left on the turn's timer (None: none, or the game is over), and what moves when the
        countdown is moved rather than as time passes."""
        timer = self._timer
        if timer is None or self.session.over:
            return None, None
        return timer.left(), timer.deadline

    # -- the save -------------------------------------------------------------------------------

    def _keep_save(self) -> None:
        """Own the game's save, writing it whole (at start, or again after a write failed); its folder is made
        (0700) if missing."""
        folder = self._save_path.parent
        try:
            private_folder(folder)
            self._save = SaveFile.own(self.session, self._save_path)
        except OSError as error:
            self._trouble(f"its save cannot be written: cannot create the folder {folder}: {error.strerror}")
            return
        except SaveError as error:
            self._trouble(f"its save {self._save_path.name} cannot be written in {folder}: {error.reason}")
            return
        self.session.detach(self._save)  # it follows the journal (``_write_save``), never refuses an event
        self._unsaved.clear()  # written whole: everything accepted is in it
        if self.trouble:
            self._say(f"game {self.number}: the save is written again: {self._save_path}")
        self.trouble = ""

    async def _follow_save(self) -> None:
        """Under the game's lock, after an event: have the save follow the journal. Appending runs in a task
        of its own; a save that could not be written is written whole again here (it reads the session)."""
        if self._save is None:
            await self._saved()
            await asyncio.to_thread(self._keep_save)
        elif self._unsaved and (self._saving is None or self._saving.done()):
            self._saving = asyncio.create_task(self._append_unsaved(), name=f"save-{self.number}")

    async def _saved(self) -> None:
        """Wait until the save's task has appended what it had."""
        if self._saving is not None:
            await self._saving
            self._saving = None

    async def _append_unsaved(self) -> None:
        while self._unsaved and self._save is not None:
            await asyncio.to_thread(self._write_save)

    def _write_save(self) -> None:
        """Append to the save what the journal has and it lacks (in a worker thread, one at a time)."""
        try:
            while self._unsaved:
                self._save.accept(self._unsaved[0])
                self._unsaved.popleft()
        except SaveError as error:
            self._save.release()
            self._save = None
            self._unsaved.clear()  # the save is written whole again at the next event
            self._trouble(f"its save {self._save_path.name} cannot be written in {self._save_path.parent}: "
                          f"{error.reason}")

    def _trouble(self, what: str) -> None:
        """Tell the facilitator (the console and the host's terminal) once, not again at every later try."""
        if what != self.trouble:
            self._say(f"game {self.number}: {what} (the host's journal has every event; play goes on)")
        self.trouble = what


class _Record:
    """The game's sink: the journal row, committed, is what makes an event accepted; then it waits in
    ``unsaved`` (the game's own list, handed over) for the save to follow."""

    def __init__(self, journal: Journal, number: int, unsaved: deque[Event]) -> None:
        self.journal, self.number, self.unsaved = journal, number, unsaved

    def accept(self, event: Event) -> None:
        self.journal.append(self.number, event)
        self.unsaved.append(event)
