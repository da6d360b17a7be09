"""What a spawned worker runs in tests/test_analysis_parallel.py (importable by a fresh interpreter)."""


def worker_setup(tag):
    return lambda chunk: [(tag, i) for i in range(*chunk)]
