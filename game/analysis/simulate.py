"""Monte Carlo runs: many headless games, spread over processes, combined in game order.

The numbers must not depend on how many processes ran them (``parallel.py``
says how they are shared out). So game ``i``'s seed is derived from the base
seed and ``i`` alone; games are cut into chunks of a fixed size whatever the
number of processes; and the chunks' results are put back in game order before
anything is added up. Every game is played on
the engine's fast path (``fast_games.py``), which plays exactly the game
``wargame run --seed`` with the game's seed plays through a Session.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Mapping, Sequence

from attrs import frozen

from game.analysis.fast_games import play_fast
from game.analysis.parallel import play_chunks
from game.engine.model import OutcomeTarget, RecordLine, Scenario
from game.players import get_policy
from game.scenario import parse_scenario

CHUNK = 50
"""Games per task sent to a process: small enough for a smooth progress bar."""

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
    outcomes: tuple[bool, ...] = ()
    """For each of the scenario's ``[[balance.outcomes]]``: whether it came about (after some turn, or at
    the end, as the target says)."""
    record: tuple[bool, ...] = ()
    """For each of the scenario's ``[[class.record]]`` lines: whether the game went as the record did (the
    class debrief sets the share beside the tables')."""


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
    targets = scenario.balance.outcomes
    lines = scenario.classroom.record
    game = play_fast(scenario, seed, [get_policy(controllers[seat]) for seat in scenario.seats],
                     watch=[_watched(t) for t in (*targets, *lines) if t.held != "end"])
    position = {action.id: i for i, action in enumerate(scenario.actions)}
    choices = [0] * len(scenario.actions)
    for orders in game.orders:
        for action in orders:
            choices[position[action]] += 1
    final = [game.turns + 1, *game.values]
    during = iter(game.held)
    outcomes = tuple(bool(t.when.evaluate(final)) if t.held == "end" else
                     next(during) != (t.held == "always") for t in targets)
    record = tuple(bool(line.when.evaluate(final)) if line.held == "end" else
                   next(during) != (line.held == "always") for line in lines)
    return GameResult(seed, game.ending or "", game.turns, game.scores, tuple(choices), outcomes, record)


def _watched(target: OutcomeTarget | RecordLine) -> Callable[[Sequence], bool]:
    """What to watch after every turn: the condition, or for ``always`` its failing (held always = never failed)."""
    if target.held == "always":
        return lambda env: not target.when.evaluate(env)
    return target.when.evaluate


def run_games(scenario: Scenario, runs: int, seed: int, controllers: Mapping[str, str], *,
              jobs: int = 1, progress: Progress | None = None) -> list[GameResult]:
    """Play ``runs`` games on up to ``jobs`` processes (``parallel.py``); the results are in game order."""
    return run_matchups(scenario, runs, seed, [[controllers]], jobs=jobs, progress=progress)[0]


def run_matchups(scenario: Scenario, runs: int, seed: int, matchups: Sequence[Rotation], *,
                 jobs: int = 1, progress: Progress | None = None) -> list[list[GameResult]]:
    """``runs`` games of each matchup (a rotation of controllers), sharing one set of processes.

    Game ``i`` has the same seed in every matchup, so two matchups differ only
    by their players (common random numbers: the differences are less noisy).
    """
    tasks = [(m, start, min(start + CHUNK, runs)) for m in range(len(matchups)) for start in range(0, runs, CHUNK)]
    played: list[list[GameResult]] = [[] for _ in tasks]
    total, count = runs * len(matchups), 0

    def done(index: int, rows: list[GameResult]) -> None:
        nonlocal count
        played[index] = rows
        count += len(rows)
        if progress is not None:
            progress(count, total)

    origin = scenario.origin
    plain = [[dict(c) for c in m] for m in matchups]
    play_chunks(tasks, functools.partial(_play_task, scenario, seed, plain), jobs,
                (_start_worker, (origin.text, origin.path, seed, plain)), done)
    results: list[list[GameResult]] = [[] for _ in matchups]
    for (m, _, _), rows in zip(tasks, played):
        results[m] += rows
    return results


def _play_task(scenario: Scenario, seed: int, matchups: Sequence[Rotation],
               task: tuple[int, int, int]) -> list[GameResult]:
    """Games ``start..end`` of matchup ``m``: game ``i`` with the rotation's ``i``-th controllers."""
    m, start, end = task
    rotation = matchups[m]
    return [play_game(scenario, game_seed(seed, i), rotation[i % len(rotation)]) for i in range(start, end)]


def _start_worker(text: str, path: str, seed: int, matchups: list[list[dict[str, str]]]) -> Callable:
    """In a worker process: the scenario parsed from the parent's text, and the function playing a task."""
    return functools.partial(_play_task, parse_scenario(text, path), seed, matchups)
