"""What people and scenario authors wrote, as Textual shows it: always literal, never markup.

Textual reads a plain ``str`` given to most widgets (``Static``, ``Label``,
``Button``, an ``OptionList``'s prompts, a ``DataTable``'s cells, tooltips,
notifications) as *content markup*: ``[b]`` styles, ``[/]`` that closes
nothing raises ``MarkupError`` and kills the app, and ``[@click=app.quit]…``
binds an action that one click runs, on whichever screen shows the text (a
facilitator's console included). A message, a rationale, a seat's name, a
headline or a file name is data: it reaches a screen only through this module,
which gives Textual a :class:`~textual.content.Content` (never parsed) of
:func:`game.safe_text.printable` (control, bidi and zero-width characters made
visible). ``tests/test_tui_text_is_data.py`` checks that every markup-taking
call in ``game/tui`` gets a literal, a ``Content`` or ``markup=False``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual.content import Content

from game.safe_text import printable

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget


def shown(text: str | Content, style: str = "", *, multiline: bool = False) -> Content:
    """``text`` as literal content in ``style`` (a Textual style such as ``"b $accent"``).

    Content passes through as it is (it was built from literals or from this
    function), so a pane can be given either. Line breaks are kept when
    ``multiline`` and shown as ``␤`` otherwise (for one-line places: a table
    cell, an option, a title).
    """
    if isinstance(text, Content):
        return text.stylize(style) if style else text
    safe = printable(text, multiline=multiline)
    return Content.styled(safe, style) if style else Content(safe)


def cell(text: str) -> Text:
    """A DataTable's cell, literal: the table sizes its columns by measuring Rich text (it cannot measure Content)."""
    return Text(printable(text, multiline=True), end="")


def choice(text: str) -> Text:
    """A ``Select``'s option, literal: Select's type-to-search reads only Rich text or str prompts (it skips Content)."""
    return Text(printable(text), end="")


def plain(text: str) -> str:
    """``text`` for the places that take a ``str`` and show it literally (a screen's title and sub-title)."""
    return printable(text)


def notify(where: App | Widget, message: str, *, title: str = "",
           severity: Literal["information", "warning", "error"] = "information",
           timeout: float | None = None) -> None:
    """A notification whose message and title are shown as written, never read as markup."""
    where.notify(printable(message, multiline=True), title=printable(title), severity=severity,
                 timeout=timeout, markup=False)
