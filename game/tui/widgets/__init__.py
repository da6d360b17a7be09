"""Widgets that draw one part of a view: tracks, the map, decisions, news, charts."""
