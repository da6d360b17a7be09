"""Chunks of simulated games shared between this process and spawned workers.

Three rules keep ``--jobs`` from ever being slower than one process. This
process always plays too: it takes chunks from the same counter as the
workers, so while they start (a fresh interpreter importing Horizon and
parsing the scenario, some tenths of a second) the run goes on here, and
with ``jobs`` cores busy there are ``jobs - 1`` workers. It never waits for a
worker: once no chunk is left to take, it plays the chunks still out with
workers itself, and whichever copy ends first counts (games are
deterministic, so both are the same). And workers start only when it pays:
the first chunk is played here and timed, and a run whose remaining work is
shorter than ``WORTH_STARTING`` stays in this process, as does a run on a
machine whose cores are already busy (``idle_cores``).

Workers are ``spawn``ed, not forked: the UI may call this from a thread, and
forking a threaded process can hang. Each loads the scenario from its text.
Chunks come back in any order and are put back in game order by the caller.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import time
from collections.abc import Callable, Sequence
from typing import Any

WORTH_STARTING = 1.0
"""Seconds of work left, as measured on the first chunk, below which no worker is started."""

Chunk = tuple[int, ...]
"""A task: its numbers are for the caller's play function (e.g. the first and last game)."""
PlayChunk = Callable[[Chunk], list[Any]]
Done = Callable[[int, list[Any]], None]
"""Called with (chunk index, its results) as each chunk is played, here or in a worker."""


def play_chunks(chunks: Sequence[Chunk], play: PlayChunk, jobs: int, worker: tuple[Callable, tuple],
                done: Done) -> None:
    """Play every chunk with ``play`` here and, when worth it, with ``jobs - 1`` workers.

    ``worker`` is ``(setup, args)``: in each worker process, ``setup(*args)``
    returns the function that plays a chunk there (it must be importable).
    """
    if not chunks:
        return
    started = time.perf_counter()
    done(0, play(chunks[0]))
    left = (time.perf_counter() - started) * (len(chunks) - 1)
    workers = min(jobs - 1, len(chunks) - 1, idle_cores())
    if workers < 1 or left < WORTH_STARTING:
        for index in range(1, len(chunks)):
            done(index, play(chunks[index]))
        return
    _shared(chunks, play, workers, worker, done)


def idle_cores() -> int:
    """Cores not busy with other work, this process's own excluded (from the load average).

    A worker on a core that is not free only takes time from this process:
    on a machine already busy, a run stays here rather than get slower.
    """
    try:
        load = os.getloadavg()[0]
    except OSError:  # not available here: trust the count of cores
        load = 0.0
    return int((os.cpu_count() or 1) - 1 - load + 0.5)


def _shared(chunks: Sequence[Chunk], play: PlayChunk, workers: int, worker: tuple[Callable, tuple],
            done: Done) -> None:
    context = multiprocessing.get_context("spawn")
    following = context.Value("i", 1)  # the next chunk anyone may take; chunk 0 is played
    results = context.Queue()
    processes = [context.Process(target=_work, args=(worker, chunks, following, results), daemon=True)
                 for _ in range(workers)]
    for process in processes:
        process.start()
    finished = [True] + [False] * (len(chunks) - 1)

    def hand_on(index: int, rows: list[Any]) -> None:
        if not finished[index]:  # a chunk this process played too may come back from a worker later
            finished[index] = True
            done(index, rows)

    try:
        while (index := _take(following, len(chunks))) is not None:
            hand_on(index, play(chunks[index]))
            _collect(results, hand_on)
        # Chunks still with a worker are played here too, whichever copy ends first counts:
        # this process never waits for a worker slower than itself.
        for index in range(len(chunks)):
            _collect(results, hand_on)
            if not finished[index]:
                hand_on(index, play(chunks[index]))
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()


def _take(following: Any, count: int) -> int | None:
    with following.get_lock():
        index = following.value
        if index >= count:
            return None
        following.value = index + 1
        return index


def _collect(results: Any, hand_on: Done) -> None:
    """Hand on the chunks workers have sent so far, without waiting."""
    while True:
        try:
            index, rows = results.get_nowait()
        except queue.Empty:
            return
        if isinstance(rows, BaseException):
            raise rows
        hand_on(index, rows)


def _work(worker: tuple[Callable, tuple], chunks: Sequence[Chunk], following: Any, results: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    setup, args = worker
    play = setup(*args)
    while (index := _take(following, len(chunks))) is not None:
        try:
            results.put((index, play(chunks[index])))
        except Exception as error:  # a bug: the parent raises it
            results.put((index, error))
            return
