"""The footer of every screen: the keys that work there, whole, whatever the width and the app's focus.

Textual's footer draws its keys only once the app has had focus, so in a
browser tab that has not been clicked yet (``wargame serve``) it stayed empty;
and it runs off the right edge when a screen has more keys than fit, so at
80 columns a facilitator read "v Seat's view  E" (issue 24); and it offers
"l Log" while the rationale field has the focus, where l types an l. This one
draws the keys as soon as the screen's bindings are known, compact; leaves out
the keys a focused text field takes for itself; and never goes past its width:
when they do not all fit it leaves out the palette's own key (Ctrl+P, in the
help), then the keys of ``SPARED`` in order (each also in the help, F1, and
the command palette). tests/test_tui_footer_keys.py checks that every key a
footer shows fits and does what it says, on every screen at 80, 120 and 200
columns.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

SPARED = ("turn.map", "game.formulas", "game.save_as", "app.help")
"""Binding ids a footer short of room leaves out first, first first (the keys still work)."""
MARGIN = 1
"""Cells between two keys of a compact footer."""


class Footer(TextualFooter):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, compact=True)
        self._width = 0

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.recompose)

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._width = self.size.width
            self.call_after_refresh(self.recompose)

    def shown(self) -> tuple[list[tuple[Binding, bool, str]], Binding | None]:
        """The keys this footer shows at its width (one per action), and the palette's if it has room."""
        keys, seen = [], set()
        typing = self.screen.focused
        for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen:
                continue
            if typing is not None and not binding.priority and typing.check_consume_key(key, key_to_character(key)):
                continue  # a text field has the focus: this key types itself there
            seen.add(binding.action)
            keys.append((binding, enabled, tooltip or ""))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE:
            found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            palette = found[1] if found is not None else None
        room = self.size.width or self.app.size.width
        if palette is not None and self._cells(b for b, _, _ in keys) + self._cells([palette]) > room:
            palette = None
        for spared in SPARED:
            if self._cells(binding for binding, _, _ in keys) <= room:
                break
            keys = [key for key in keys if key[0].id != spared]
        return keys, palette

    def _cells(self, bindings: Iterable[Binding]) -> int:
        display = self.app.get_key_display
        return sum(len(display(b)) + 1 + len(b.description) + MARGIN for b in bindings)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        keys, palette = self.shown()
        for binding, enabled, tooltip in keys:
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                            disabled=not enabled, tooltip=tooltip).data_bind(compact=Footer.compact)
        if palette is not None:
            yield FooterKey(palette.key, self.app.get_key_display(palette), palette.description, palette.action,
                            classes="-command-palette", tooltip=palette.tooltip or palette.description)
