"""Screens that are dismissed once, and only while they are the one showing.

Textual's ``Screen.dismiss`` pops whatever screen is on top. Keys come faster
than screens appear: a second Enter queued behind the first, or an Enter
that arrives while a screen is still being pushed, would dismiss it twice
(popping the screen under it, or settling a finished wait again) or before
it was built (its ``on_mount`` then finds no widgets). Every screen of the
app takes this mixin first, so such a key does nothing instead.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


class DismissOnce:
    """Mix into a ``Screen`` (before it): ``dismiss`` acts only on the mounted screen on top."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self.is_mounted and self.app.screen is self:
            return super().dismiss(result)
        return AwaitComplete.nothing()
