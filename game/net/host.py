"""``wargame host``: start (or resume) the games of one journal and serve them until stopped.

Everything that can be refused is checked before a port is opened: the
scenario, the flags, the journal and every game in it (each rebuilt and
its hashes checked), so a mistake ends in one line. A journal that holds
games still in progress is resumed as it is (same games, seats, seeds and
links); one whose games are all over, or a new one, gets new games. Then
the links are printed on standard output, one ``ROLE URL`` per line, then
the class link (``class URL``: the teacher's console of every game,
``classroom.py``), and the host serves until SIGINT or SIGTERM, letting
every save go and closing the journal on the way out. With ``--roster``
the students are seated (``roster.py``) and the links file is written.
"""

from __future__ import annotations

import asyncio
import secrets
import signal
import socket
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TextIO

from aiohttp import web
from attrs import frozen

from game.atomic import check_target
from game.engine.adjudication import MAX_SEED
from game.engine.model import Scenario
from game.errors import Diverged, WargameError
from game.journal import TurnResolved
from game.net import limits
from game.net.classroom import Classroom
from game.net.hosted_game import HostedGame
from game.net.journal_db import Journal, JournalError, StoredGame
from game.net.links import CLASS, FACILITATOR, Link, base_url, new_token
from game.net.roster import (
    LinkLine,
    Seating,
    Student,
    names_line,
    read_roster,
    seat_students,
    tables_for,
    write_links_file,
)
from game.net.server import link_app
from game.net.turn_timer import Clock
from game.private_files import exposed, private_folder
from game.saves import autosave_path
from game.scenario import load_scenario, parse_scenario
from game.session import HUMAN, Session, parse_seat_options

JOURNAL_NAME = "host-journal.sqlite"
"""The journal's name in the saves folder, unless ``--journal`` says otherwise."""


@frozen
class HostOptions:
    scenario: Path
    games: int | None = None
    bind: str = "127.0.0.1"
    port: int = 8765
    web: int | None = None
    timer: float | None = None
    journal: Path | None = None
    seed: int | None = None
    saves: Path = Path("saves")
    seats: tuple[str, ...] = ()
    public_url: str | None = None
    """Where browsers reach the pages (a proxy's address), if not the web port itself."""
    roster: Path | None = None
    """The class list (``--roster``): who sits where."""
    links_file: Path | None = None
    """Where the seats' links are written as CSV (default with a roster: ``links.csv`` in the saves folder)."""

    @property
    def journal_path(self) -> Path:
        return self.journal if self.journal is not None else self.saves / JOURNAL_NAME

    @property
    def links_path(self) -> Path | None:
        if self.links_file is not None:
            return self.links_file
        return self.saves / LINKS_NAME if self.roster is not None else None


LINKS_NAME = "links.csv"
"""The links file's name in the saves folder, with a roster and without ``--links-file``."""

class Host:
    """The games of one journal, once :meth:`prepare` has rebuilt or made them."""

    def __init__(self, options: HostOptions, *, out: TextIO = sys.stdout, err: TextIO = sys.stderr,
                 clock: Clock | None = None) -> None:
        self.options = options
        self.clock = clock
        """What the turn timers count on (default: the event loop's clock; tests move a clock of their own)."""
        self.out, self.err = out, err
        self.journal: Journal | None = None
        self.games: dict[int, HostedGame] = {}
        self.classroom: Classroom | None = None
        self.names: dict[int, dict[str, str]] = {}
        """game -> seat -> the student the roster put there."""
        self.base = ""
        """``http://HOST:PORT`` of the links, once listening."""
        self.web_base: str | None = None
        self._stop = asyncio.Event()

    def say(self, text: str) -> None:
        self.err.write(f"wargame host: {text}\n")
        self.err.flush()

    # -- before any port is opened ----------------------------------------------------------

    def prepare(self) -> None:
        """Load, check and rebuild everything; raises :class:`WargameError` (one line) on any mistake."""
        options = self.options
        scenario = load_scenario(options.scenario)
        for reserved in (FACILITATOR, CLASS):
            if reserved in scenario.seats:
                raise WargameError(f"{options.scenario}: a seat is called {reserved!r}, the name of the "
                                   f"{reserved}'s link: rename it")
        controllers = parse_seat_options(scenario, options.seats, HUMAN)
        people = [seat for seat in scenario.seats if controllers[seat] == HUMAN]
        students = read_roster(options.roster, scenario, people) if options.roster is not None else None
        seating: Seating | None = None
        if students is not None:  # refused before the journal is touched
            count = options.games or tables_for(students, people)
            seating = seat_students(options.roster, students, list(range(1, count + 1)), people, scenario)
        if options.links_path is not None:
            _check_links_file(options.links_path, default=options.links_file is None)
        journal = Journal.open(options.journal_path)
        try:
            stored = journal.games()
            running = [(game, self._rebuilt(game)) for game in stored if not _over(game)]
            if running:
                self._check_resumable(scenario, controllers, [session for _, session in running])
                if students is not None:
                    self._check_roster(students, people, scenario, running)
                self.say(f"resuming {_games(len(running))} from {journal.path}")
            else:
                first = max((game.number for game in stored), default=0) + 1
                running = self._new_games(journal, scenario, controllers, first, seating)
            token = self._class_token(journal, min(game.number for game, _ in running))
        except BaseException:
            journal.close()
            raise
        self.journal = journal
        for path, what in ((journal.path, "journal"), *((Path(game.save), "save") for game, _ in running)):
            warning = exposed(path, what)
            if warning:
                self.say(warning)
        for game, session in running:
            self.names[game.number] = dict(game.names)
            self.games[game.number] = HostedGame(game.number, session, journal, Path(game.save), game.tokens,
                                                 timer=options.timer, say=self.say, clock=self.clock,
                                                 class_token=token)
        self.classroom = Classroom(self.games, token, self.names, say=self.say)
        if students is not None:
            self.say(names_line(self.names, people))

    def _class_token(self, journal: Journal, first: int) -> str:
        """The class link's token of the games from ``first`` on: the journal's, or a new one recorded."""
        latest = journal.class_token()
        if latest is not None and latest[0] <= first:
            return latest[1]
        token = new_token()
        journal.add_class(first, token)
        return token

    def _check_roster(self, students: list[Student], people: list[str], scenario: Scenario,
                      running: list[tuple[StoredGame, Session]]) -> None:
        """A roster given again on a resume must seat the students as the journal has them."""
        numbers = [game.number for game, _ in running]
        wanted = seat_students(self.options.roster, students, list(range(1, len(numbers) + 1)), people, scenario)
        held = {index: dict(game.names) for index, (game, _) in enumerate(running, 1)}
        if wanted != held:
            raise WargameError(f"{self.options.journal_path}: its games seat the students otherwise than "
                               f"{self.options.roster} does: resume without --roster, or give another --journal")

    def _rebuilt(self, game: StoredGame) -> Session:
        """The session a stored game holds, every turn recomputed; one line if it does not replay."""
        where = f"{self.options.journal_path}: game {game.number}"
        try:
            scenario = parse_scenario(game.scenario_text, game.scenario_file)
            session = Session.restore(scenario, game.header, game.events)
        except Diverged as error:
            raise JournalError(f"{where}: {error}") from None
        except WargameError as error:
            raise JournalError(f"{where}: cannot be rebuilt ({error})") from None
        roles = {*session.humans(), FACILITATOR}
        if set(game.tokens) != roles:  # a link printed once must keep working, and only those
            raise JournalError(f"{where}: damaged (links for {', '.join(sorted(game.tokens)) or 'nobody'}, "
                               f"not for {', '.join(sorted(roles))})")
        return session

    def _check_resumable(self, scenario: Scenario, controllers: dict[str, str], held: list[Session]) -> None:
        """Flags given again on a resume must say what the journal holds."""
        options, journal = self.options, self.options.journal_path
        if held[0].scenario.origin.sha256 != scenario.origin.sha256:
            raise WargameError(f"{journal} holds games of another scenario, or another version of it "
                               f"({held[0].scenario.title}): host that one, or give another --journal to start anew")
        if options.games is not None and options.games != len(held):
            raise WargameError(f"{journal} holds {_games(len(held))} in progress, not {options.games} "
                               "(--games): resume them as they are, or give another --journal")
        if options.seats and held[0].controllers != controllers:
            raise WargameError(f"{journal}: its games' seats are {_seats(held[0].controllers)}, not as --seat says")
        if options.seed is not None and held[0].seed != options.seed:
            raise WargameError(f"{journal}: its first game's seed is not {options.seed} (--seed)")

    def _new_games(self, journal: Journal, scenario: Scenario, controllers: dict[str, str], first: int,
                   seating: Seating | None) -> list[tuple[StoredGame, Session]]:
        """``--games`` new games numbered from ``first`` (with a roster: its tables), each recorded with its links
        and its students before it is served; their class is recorded with them."""
        options = self.options
        count = len(seating) if seating else options.games or 1
        seating = seating or {}
        if options.seed is not None and options.seed + count - 1 > MAX_SEED:
            raise WargameError(f"--seed {options.seed} with {count} games passes the largest seed, {MAX_SEED}")
        made = []
        for index in range(count):
            seed = options.seed + index if options.seed is not None else secrets.randbelow(MAX_SEED + 1)
            session = Session(scenario, seed, controllers, name=f"Table {index + 1}")
            roles = [*session.humans(), FACILITATOR]
            game = StoredGame(first + index, session.header, Path(scenario.origin.path).name, scenario.origin.text,
                              str(autosave_path(session, options.saves)), {role: new_token() for role in roles}, (),
                              seating.get(index + 1, {}))
            journal.add_game(game)
            made.append((game, session))
        journal.add_class(first, new_token())
        return made

    # -- serving ------------------------------------------------------------------------------

    async def serve(self, ready: asyncio.Event | None = None) -> None:
        """Listen, print the links, and serve until :meth:`stop` (or SIGINT/SIGTERM)."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self.stop)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not the main thread (tests): stop() is called directly
        # Requests wait in worker threads for their journal commit, saves for their flush: enough threads
        # that those waits never hold up the building of views (asyncio's default is 6 or so).
        loop.set_default_executor(ThreadPoolExecutor(max_workers=min(128, 16 + 4 * len(self.games)),
                                                     thread_name_prefix="host"))
        runners: list[web.AppRunner] = []
        try:
            for game in self.games.values():
                await game.start()
            pages = None
            if self.options.web is not None:
                from game.net.web import Pages

                pages = Pages(self.games, self._link, self.classroom)
                listening = await _listen(pages.app, self.options.bind, self.options.web, runners)
                self.web_base = self.options.public_url or listening
            app = link_app(self.games, lambda request: pages.page_url(request, self.web_base) if pages else None,
                           lambda: self.base, self.classroom)
            self.base = await _listen(app, self.options.bind, self.options.port, runners)
            self._write_links_file()
            self._print_links()
            if ready is not None:
                ready.set()
            await self._stop.wait()
        finally:
            for runner in reversed(runners):
                await runner.cleanup()
            for game in self.games.values():
                await game.close()
            if self.journal is not None:
                self.journal.close()
                self.journal = None

    def stop(self) -> None:
        self._stop.set()

    def _link(self, number: int, role: str) -> Link:
        """The link of game ``number``'s ``role`` on the game port (game 0: the class link)."""
        if role == CLASS:
            return self.class_link() if number == 0 else self.class_link().table(number)
        return Link(self.base, number, role, self.games[number].tokens[role])

    def class_link(self) -> Link:
        """The class console's link: every game of the host."""
        return Link(self.base, 0, CLASS, self.classroom.token)

    def table(self, number: int) -> int:
        """A game's table in the class (1 for its first game), as the class console, the roster and the links
        file count them."""
        return number - min(self.games) + 1

    def links(self) -> list[tuple[str, Link]]:
        """(role, link) of every game, in game order: the seats in the scenario's order, then the facilitator."""
        return [(role, Link(self.base, number, role, game.tokens[role]))
                for number, game in sorted(self.games.items())
                for role in (*game.session.scenario.seats, FACILITATOR) if role in game.tokens]

    def _print_links(self) -> None:
        for role, link in self.links():
            self.out.write(f"{role} {link.url}\n")
        self.out.write(f"{CLASS} {self.class_link().url}\n")
        self.out.flush()
        pages = f"; browser pages on {self.web_base} (each link opens its page)" if self.web_base else ""
        self.say(f"serving {_games(len(self.games))} on {self.base}{pages}; journal {self.options.journal_path}; "
                 "Ctrl-C stops the host (restart it with the same command to go on)")


    def _write_links_file(self) -> None:
        """The seats' links as CSV (name, table, seat, link), private (0600), when a roster or ``--links-file``
        asks for it; it is written again on every start (the same links)."""
        path = self.options.links_path
        if path is None:
            return
        lines = [LinkLine(self.names.get(link.game, {}).get(role, ""), self.table(link.game),
                          self.games[link.game].session.scenario.actor_name(role), link.url)
                 for role, link in self.links() if role != FACILITATOR]
        write_links_file(path, lines)
        warning = exposed(path, "links file")
        self.say(warning or f"the seats' links are in {path} (name, table, seat, link; readable by you only)")


async def _listen(app: web.Application, bind: str, port: int, runners: list[web.AppRunner]) -> str:
    """Serve ``app`` on ``bind:port`` (0: any free port); the base URL of its links."""
    runner = web.AppRunner(app, access_log=None, handle_signals=False, keepalive_timeout=limits.HELLO_DEADLINE,
                           max_line_size=limits.MAX_HEADER, max_field_size=limits.MAX_HEADER)
    await runner.setup()
    runners.append(runner)
    site = web.TCPSite(runner, bind, port)
    try:
        await site.start()
    except OSError as error:
        raise WargameError(f"cannot listen on {bind}:{port}: {error.strerror or error}") from None
    actual = site._server.sockets[0].getsockname()[1]
    shown = socket.getfqdn() if bind in ("0.0.0.0", "::", "") else bind
    return base_url(shown, actual)


def _check_links_file(path: Path, *, default: bool) -> None:
    """Refuse, before anything is made, a links file that cannot be written (its folder, made 0700 when it is
    the saves folder)."""
    if default:
        try:
            private_folder(path.parent)
        except OSError as error:
            raise WargameError(f"{path.parent}: cannot create the folder: {error.strerror}") from None
    elif not path.parent.is_dir():
        raise WargameError(f"{path}: no such folder {str(path.parent)!r}")
    check_target(path)


def _over(game: StoredGame) -> bool:
    """Whether the journal says the game ended (read from its last turn, without replaying)."""
    return any(isinstance(event, TurnResolved) and event.over for event in game.events)


def _games(count: int) -> str:
    return f"{count} game" + ("s" if count != 1 else "")


def _seats(controllers: dict[str, str]) -> str:
    return ", ".join(f"{seat}={who}" for seat, who in controllers.items())


def run_host(options: HostOptions) -> int:
    """Prepare, then serve until stopped: the command's whole life."""
    host = Host(options)
    host.prepare()
    asyncio.run(host.serve())
    return 0
