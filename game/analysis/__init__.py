"""Analysis over many games: Monte Carlo runs, scenario lint and the after-action debrief.

Nothing here touches Textual or the terminal; the CLI and the UI call these functions.
"""
