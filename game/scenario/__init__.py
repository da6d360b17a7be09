"""Scenario files: reading format 1 into a checked, compiled :class:`~game.engine.Scenario`.

The loader is imported on first use of a name below, not with the package, so
that ``game.scenario.header`` (a list's titles and seats) loads without the
engine and the expression compiler.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMAT", "load_scenario", "parse_scenario"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from game.scenario import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'game.scenario' has no attribute {name!r}")
