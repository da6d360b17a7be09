"""Networked play: one host process owns the games, every seat plays from its own screen.

``wargame host`` (``host.py``) keeps one :class:`~game.session.Session` per
game, journals every event it accepts in SQLite before acknowledging it
(``journal_db.py``), and sends each seat only its own
:class:`~game.seat_view.SeatView` over a websocket (``protocol.py``), behind
a token per seat (``links.py``). ``wargame join`` (``client.py``) connects to
a seat's or the facilitator's link, in the terminal (``game.tui.remote``) or
headless with a computer policy (``headless.py``); ``web.py`` runs the same
terminal app in a browser tab. Nothing here but ``game.tui.remote`` imports
Textual.
"""
