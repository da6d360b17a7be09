"""The Textual game: what players and teachers see.

The package renders :class:`~game.engine.views.View`\\ s and sends
:class:`~game.session.Order`\\ s; it never holds a rule. ``app.py`` is the thin
App; ``playthrough.py`` walks a game through its screens; ``screens/``,
``widgets/`` and ``dialogs/`` hold what is drawn, each with its ``.tcss``.
"""


def _footer_keys_built_as_their_footer_shows_them() -> None:
    """Textual 8 makes every FooterKey compact (its reactive's default) and the footer's data binding
    then makes each key the footer shows not compact: every key restyled twice each time a footer is
    rebuilt (on every focus change), most of the style work a screen does. A key bound to its footer
    starts as the footer is; the command palette's key (not bound) stays compact, as Textual draws it.
    A later Textual without this reactive or these defaults is left alone."""
    from textual.reactive import Initialize, Reactive
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    key, footer = vars(FooterKey).get("compact"), vars(Footer).get("compact")
    if not (isinstance(key, Reactive) and isinstance(footer, Reactive) and key._default is True):
        return

    def as_bound(widget) -> bool:
        parent, _ = (getattr(widget, "_reactive_connect", None) or {}).get("compact", (None, None))
        return True if parent is None else bool(parent.compact)

    key._default = Initialize(as_bound)


_footer_keys_built_as_their_footer_shows_them()
