"""Scenario files: reading format 1 into a checked, compiled :class:`~game.engine.Scenario`."""

from game.scenario.loader import FORMAT, load_scenario, parse_scenario

__all__ = ["FORMAT", "load_scenario", "parse_scenario"]
