"""Monte Carlo runs: many headless games, spread over processes, combined in game order.

The numbers must not depend on how many processes ran them. So game ``i``'s
seed is derived from the base seed and ``i`` alone; games are cut into chunks
of a fixed size whatever the number of processes; and the chunks' results are
put back in game order before anything is added up. Every game is played by
:class:`~game.session.Session`, exactly as ``wargame run --seed`` with the
game's seed would play it.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Mapping, Sequence

from attrs import frozen

from game.engine.model import Scenario
from game.scenario import parse_scenario
from game.session import Session

CHUNK = 50
"""Games per task sent to a process: small enough for a smooth progress bar."""

MAX_RUNS = 10_000_000

Progress = Callable[[int, int], None]
"""Called with (games done, games in all) as chunks finish."""

Rotation = Sequence[Mapping[str, str]]
"""Who plays each seat, game by game: game ``i`` of a run is played with ``rotation[i % len(rotation)]``."""


@frozen
class GameResult:
    """What one game left behind that the statistics need."""

    seed: int
    ending: str
    """Id of the ending reached, or "" when the last turn was played."""
    turns: int
    scores: tuple[float, ...]
    """Final score of each seat, in seat order."""
    choices: tuple[int, ...]
    """How many times each of the scenario's actions was chosen, in ``scenario.actions`` order."""


def game_seed(seed: int, index: int) -> int:
    """The seed of game ``index`` of a run with base ``seed``: 63 bits, as the engine accepts."""
    digest = hashlib.blake2b(f"{seed}:{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def play_game(scenario: Scenario, seed: int, controllers: Mapping[str, str]) -> GameResult:
    session = Session(scenario, seed, controllers)
    session.play_to_end()
    position = {action.id: i for i, action in enumerate(scenario.actions)}
    choices = [0] * len(scenario.actions)
    for record in session.turns:
        for order in record.orders:
            choices[position[order.action]] += 1
    final = session.scores()
    return GameResult(seed, session.state.ending or "", len(session.turns),
                      tuple(final[seat] for seat in scenario.seats), tuple(choices))


def run_games(scenario: Scenario, runs: int, seed: int, controllers: Mapping[str, str], *,
              jobs: int = 1, progress: Progress | None = None) -> list[GameResult]:
    """Play ``runs`` games on ``jobs`` processes; the results are in game order."""
    return run_matchups(scenario, runs, seed, [[controllers]], jobs=jobs, progress=progress)[0]


def run_matchups(scenario: Scenario, runs: int, seed: int, matchups: Sequence[Rotation], *,
                 jobs: int = 1, progress: Progress | None = None) -> list[list[GameResult]]:
    """``runs`` games of each matchup (a rotation of controllers), all on one pool of ``jobs`` processes.

    Game ``i`` has the same seed in every matchup, so two matchups differ only
    by their players (common random numbers: the differences are less noisy).
    """
    tasks = [(m, start, min(start + CHUNK, runs)) for m in range(len(matchups)) for start in range(0, runs, CHUNK)]
    results: list[list[GameResult]] = [[] for _ in matchups]
    total, done = runs * len(matchups), 0
    if jobs <= 1 or len(tasks) <= 1:
        for m, start, end in tasks:
            results[m] += _play_chunk(scenario, seed, matchups[m], (start, end))
            done += end - start
            _report(progress, done, total)
        return results
    # spawn, not fork: the UI may call this from a thread, and forking a threaded process can hang.
    context = multiprocessing.get_context("spawn")
    origin = scenario.origin
    plain = [[dict(c) for c in m] for m in matchups]
    with context.Pool(min(jobs, len(tasks)), initializer=_start_worker,
                      initargs=(origin.text, origin.path, seed, plain)) as pool:
        for (m, start, end), rows in zip(tasks, pool.imap(_worker_chunk, tasks)):
            results[m] += rows
            done += end - start
            _report(progress, done, total)
    return results


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _play_chunk(scenario: Scenario, seed: int, rotation: Rotation, chunk: tuple[int, int]) -> list[GameResult]:
    return [play_game(scenario, game_seed(seed, i), rotation[i % len(rotation)]) for i in range(*chunk)]


_worker: tuple[Scenario, int, list[list[dict[str, str]]]] | None = None
"""In a worker process: the scenario (parsed from the parent's text), base seed and matchups."""


def _start_worker(text: str, path: str, seed: int, matchups: list[list[dict[str, str]]]) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _worker = (parse_scenario(text, path), seed, matchups)


def _worker_chunk(task: tuple[int, int, int]) -> list[GameResult]:
    scenario, seed, matchups = _worker
    matchup, start, end = task
    return _play_chunk(scenario, seed, matchups[matchup], (start, end))
