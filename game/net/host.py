"""``wargame host``: start (or resume) the games of one journal and serve them until stopped.

Everything that can be refused is checked before a port is opened: the
scenario, the flags, the journal and every game in it (each rebuilt and
its hashes checked), so a mistake ends in one line. A journal that holds
games still in progress is resumed as it is (same games, seats, seeds and
links); one whose games are all over, or a new one, gets new games. Then
the links are printed on standard output, one ``ROLE URL`` per line, and
the host serves until SIGINT or SIGTERM, letting every save go and
closing the journal on the way out.
"""

from __future__ import annotations

import asyncio
import secrets
from concurrent.futures import ThreadPoolExecutor
import signal
import socket
import sys
from pathlib import Path
from typing import TextIO

from aiohttp import web
from attrs import frozen

from game.engine.adjudication import MAX_SEED
from game.engine.model import Scenario
from game.errors import Diverged, WargameError
from game.journal import TurnResolved
from game.net import limits
from game.net.hosted_game import HostedGame
from game.net.journal_db import Journal, JournalError, StoredGame
from game.net.links import FACILITATOR, Link, base_url, new_token
from game.net.server import link_app
from game.net.turn_timer import Clock
from game.private_files import exposed
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

    @property
    def journal_path(self) -> Path:
        return self.journal if self.journal is not None else self.saves / JOURNAL_NAME


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
        if FACILITATOR in scenario.seats:
            raise WargameError(f"{options.scenario}: a seat is called {FACILITATOR!r}, the name of the "
                               "facilitator's link: rename it")
        controllers = parse_seat_options(scenario, options.seats, HUMAN)
        journal = Journal.open(options.journal_path)
        try:
            stored = journal.games()
            running = [(game, self._rebuilt(game)) for game in stored if not _over(game)]
            if running:
                self._check_resumable(scenario, controllers, [session for _, session in running])
                self.say(f"resuming {_games(len(running))} from {journal.path}")
            else:
                first = max((game.number for game in stored), default=0) + 1
                running = self._new_games(journal, scenario, controllers, first)
        except BaseException:
            journal.close()
            raise
        self.journal = journal
        for path, what in ((journal.path, "journal"), *((Path(game.save), "save") for game, _ in running)):
            warning = exposed(path, what)
            if warning:
                self.say(warning)
        for game, session in running:
            self.games[game.number] = HostedGame(game.number, session, journal, Path(game.save), game.tokens,
                                                 timer=options.timer, say=self.say, clock=self.clock)

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

    def _new_games(self, journal: Journal, scenario: Scenario, controllers: dict[str, str],
                   first: int) -> list[tuple[StoredGame, Session]]:
        """``--games`` new games numbered from ``first``, each recorded with its links before it is served."""
        options = self.options
        count = options.games or 1
        if options.seed is not None and options.seed + count - 1 > MAX_SEED:
            raise WargameError(f"--seed {options.seed} with {count} games passes the largest seed, {MAX_SEED}")
        made = []
        for index in range(count):
            seed = options.seed + index if options.seed is not None else secrets.randbelow(MAX_SEED + 1)
            session = Session(scenario, seed, controllers)
            roles = [*session.humans(), FACILITATOR]
            game = StoredGame(first + index, session.header, Path(scenario.origin.path).name, scenario.origin.text,
                              str(autosave_path(session, options.saves)), {role: new_token() for role in roles}, ())
            journal.add_game(game)
            made.append((game, session))
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

                pages = Pages(self.games, lambda number, role: Link(self.base, number, role,
                                                                   self.games[number].tokens[role]))
                listening = await _listen(pages.app, self.options.bind, self.options.web, runners)
                self.web_base = self.options.public_url or listening
            app = link_app(self.games, lambda request: pages.page_url(request, self.web_base) if pages else None,
                           lambda: self.base)
            self.base = await _listen(app, self.options.bind, self.options.port, runners)
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

    def links(self) -> list[tuple[str, Link]]:
        """(role, link) of every game, in game order: the seats in the scenario's order, then the facilitator."""
        return [(role, Link(self.base, number, role, game.tokens[role]))
                for number, game in sorted(self.games.items())
                for role in (*game.session.scenario.seats, FACILITATOR) if role in game.tokens]

    def _print_links(self) -> None:
        for role, link in self.links():
            self.out.write(f"{role} {link.url}\n")
        self.out.flush()
        pages = f"; browser pages on {self.web_base} (each link opens its page)" if self.web_base else ""
        self.say(f"serving {_games(len(self.games))} on {self.base}{pages}; journal {self.options.journal_path}; "
                 "Ctrl-C stops the host (restart it with the same command to go on)")


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
