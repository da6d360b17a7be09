"""The Textual game: what players and teachers see.

The package renders :class:`~game.engine.views.View`\\ s and sends
:class:`~game.session.Order`\\ s; it never holds a rule. ``app.py`` is the thin
App; ``playthrough.py`` walks a game through its screens; ``screens/``,
``widgets/`` and ``dialogs/`` hold what is drawn, each with its ``.tcss``.
"""
