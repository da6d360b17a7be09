"""The command palette, made to survive keys typed faster than it can follow.

Textual 8.2.8's palette, driven by fast keys, can: page its command list
before the list is laid out (``KeyError`` in ``OptionList._move_page``);
be opened a second time under the same id when a game screen was pushed
over it; be dismissed when it is no longer on top (popping the screen over
it); and go on filling its list in a worker, or showing and hiding it,
after its widgets were removed. This subclass, used for every palette the
app opens, does none of these (each override is a guard around Textual's own).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.command import CommandList, CommandPalette
from textual.screen import Screen

from game.tui.dismissal import DismissOnce


class Palette(DismissOnce, CommandPalette):
    def _action_command_list(self, action: str) -> None:
        commands = self.query(CommandList)
        if commands and (not action.startswith("page_") or commands.first().scrollable_content_region):
            super()._action_command_list(action)

    def _gather_commands(self, search_value: str) -> None:
        if self.is_attached and self.query(CommandList):
            super()._gather_commands(search_value)

    def _watch__list_visible(self) -> None:
        if self.query(CommandList):
            super()._watch__list_visible()

    async def _watch__show_busy(self) -> None:
        if self.query(CommandList):
            await super()._watch__show_busy()

    def on_unmount(self) -> None:
        self.workers.cancel_node(self)


def is_open(screens: Iterable[Screen]) -> bool:
    """Whether a command palette is anywhere in ``screens`` (a game screen may have been pushed over it)."""
    return any(isinstance(screen, CommandPalette) for screen in screens)
