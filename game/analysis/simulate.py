"""Monte Carlo runs: many headless games, spread over processes, combined in game order.

The numbers must not depend on how many processes ran them. So game ``i``'s
seed is derived from the base seed and ``i`` alone; games are cut into chunks
of a fixed size whatever the number of processes; and the chunks' results are
put back in game order before anything is added up. Every game is played on
the engine's fast path (``fast_games.py``), which plays exactly the game
``wargame run --seed`` with the game's seed plays through a Session.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Mapping

from attrs import frozen

from game.analysis.fast_games import play_fast
from game.engine.model import Scenario
from game.players import get_policy
from game.scenario import parse_scenario

CHUNK = 50
"""Games per task sent to a process: small enough for a smooth progress bar."""

MAX_RUNS = 10_000_000

Progress = Callable[[int, int], None]
"""Called with (games done, games in all) as chunks finish."""


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
    game = play_fast(scenario, seed, [get_policy(controllers[seat]) for seat in scenario.seats])
    position = {action.id: i for i, action in enumerate(scenario.actions)}
    choices = [0] * len(scenario.actions)
    for orders in game.orders:
        for action in orders:
            choices[position[action]] += 1
    return GameResult(seed, game.ending or "", game.turns, game.scores, tuple(choices))


def run_games(scenario: Scenario, runs: int, seed: int, controllers: Mapping[str, str], *,
              jobs: int = 1, progress: Progress | None = None) -> list[GameResult]:
    """Play ``runs`` games on ``jobs`` processes; the results are in game order."""
    chunks = [(start, min(start + CHUNK, runs)) for start in range(0, runs, CHUNK)]
    results: list[GameResult] = []
    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            results += _play_chunk(scenario, seed, controllers, chunk)
            _report(progress, len(results), runs)
        return results
    # spawn, not fork: the UI may call this from a thread, and forking a threaded process can hang.
    context = multiprocessing.get_context("spawn")
    origin = scenario.origin
    with context.Pool(min(jobs, len(chunks)), initializer=_start_worker,
                      initargs=(origin.text, origin.path, seed, dict(controllers))) as pool:
        for rows in pool.imap(_worker_chunk, chunks):
            results += rows
            _report(progress, len(results), runs)
    return results


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _play_chunk(scenario: Scenario, seed: int, controllers: Mapping[str, str],
                chunk: tuple[int, int]) -> list[GameResult]:
    return [play_game(scenario, game_seed(seed, i), controllers) for i in range(*chunk)]


_worker: tuple[Scenario, int, dict[str, str]] | None = None
"""In a worker process: the scenario (parsed from the parent's text), base seed and seats."""


def _start_worker(text: str, path: str, seed: int, controllers: dict[str, str]) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _worker = (parse_scenario(text, path), seed, controllers)


def _worker_chunk(chunk: tuple[int, int]) -> list[GameResult]:
    scenario, seed, controllers = _worker
    return _play_chunk(scenario, seed, controllers, chunk)
