"""The text of a game, Textual-free: one rendering for the terminal app, the command line and the host.

Everything renders from a :class:`~game.seat_view.SeatView`, so it can show
nothing the viewer may not know. Lines are made of spans, each a piece of text
with a *role* (a seat's name, good or bad news, a quote...): the command line
prints the text, the Textual app styles each role (``game/tui/spans.py``).
Students read plain sentences; formulas appear only when asked for (the
facilitator's toggle, ``--formulas``), and a view holds only those its viewer
may know.
"""
