"""Horizon: a terminal wargame for policy training and classroom discussion."""

__version__ = "0.1.0"
