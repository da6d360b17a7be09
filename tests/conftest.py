"""Shared test set-up: hypothesis profiles and paths to the scenarios.

Profiles: ``default`` keeps the whole suite within a few minutes on a
2-core machine; ``thorough`` (HYPOTHESIS_PROFILE=thorough) runs far more
examples for a deeper search before a release.
"""

from __future__ import annotations

import os

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
