"""Sharing chunks of games with workers: every chunk handed on once, whoever played it."""

import time

from game.analysis import parallel
from tests.parallel_support import worker_setup


def test_every_chunk_is_handed_on_once_and_workers_take_part(monkeypatch):
    monkeypatch.setattr(parallel, "WORTH_STARTING", 0.0)
    monkeypatch.setattr(parallel, "idle_cores", lambda: 1)
    chunks = [(i * 10, i * 10 + 10) for i in range(60)]

    def slowly_here(chunk):
        time.sleep(0.05)  # slower than a worker, so the worker has time to start and take chunks
        return [("here", i) for i in range(*chunk)]

    handed = {}

    def done(index, rows):
        assert index not in handed
        handed[index] = rows

    parallel.play_chunks(chunks, slowly_here, 2, (worker_setup, ("worker",)), done)
    assert sorted(handed) == list(range(60))
    for index, rows in handed.items():
        assert [i for _, i in rows] == list(range(*chunks[index]))
    assert {tag for rows in handed.values() for tag, _ in rows} == {"here", "worker"}


def test_a_short_run_or_a_busy_machine_starts_no_worker(monkeypatch):
    def no_process(*args, **kwargs):
        raise AssertionError("a worker was started")

    monkeypatch.setattr(parallel, "_shared", no_process)
    for worth, idle in ((60.0, 1), (0.0, 0)):
        monkeypatch.setattr(parallel, "WORTH_STARTING", worth)
        monkeypatch.setattr(parallel, "idle_cores", lambda idle=idle: idle)
        handed = []
        parallel.play_chunks([(0, 1), (1, 2), (2, 3)], lambda c: [c], 2, (worker_setup, ("w",)),
                             lambda i, rows, handed=handed: handed.append(i))
        assert handed == [0, 1, 2]
