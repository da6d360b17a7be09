"""Shared test set-up: hypothesis profiles, the order tests run in, paths to the scenarios.

Profiles: ``default`` keeps the whole suite within a few minutes on a
2-core machine; ``thorough`` (HYPOTHESIS_PROFILE=thorough) runs far more
examples for a deeper search before a release. The example database
(``.hypothesis/``) is safe under pytest-xdist: each test runs in one worker,
and examples are written by atomic renames (docs/testing.md).
"""

from __future__ import annotations

import inspect
import os
import unittest

import pytest
from hypothesis import HealthCheck, settings

from tests.paths import FIXTURES, SHIPPED

settings.register_profile(
    "default", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", deadline=None, max_examples=1000, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests first: the app or a host driven in an event loop (coroutines), the snapshots, and
    the hypothesis state machines (unittest cases here) that play whole games.

    Under pytest-xdist (``--dist worksteal``, pyproject) the workers then share out the long tests
    early and finish on short ones, rather than one worker starting a long pilot test as the other
    runs out of work. The order is otherwise kept (a stable sort); tests never depend on it.
    """
    def long(item: pytest.Item) -> bool:
        return (inspect.iscoroutinefunction(getattr(item, "obj", None))
                or "snap_compare" in getattr(item, "fixturenames", ())
                or isinstance(getattr(item, "cls", None), type) and issubclass(item.cls, unittest.TestCase))

    items.sort(key=lambda item: not long(item))


@pytest.fixture(scope="session")
def shipped():
    from game.scenario import load_scenario

    return load_scenario(SHIPPED)


@pytest.fixture(scope="session")
def mini():
    from game.scenario import load_scenario

    return load_scenario(FIXTURES / "mini.toml")


@pytest.fixture
def processes():
    """Start processes with ``processes.start(...)``; every one is killed by its PID when the test ends."""
    from tests.net_support import Processes

    started = Processes()
    try:
        yield started
    finally:
        started.kill_all()
