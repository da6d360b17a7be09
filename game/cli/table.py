"""Plain-text tables with aligned columns, for the analysis commands."""

from __future__ import annotations

from collections.abc import Sequence


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> list[str]:
    """Rows under headers; ``align`` holds one ``<`` or ``>`` per column."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    return [
        "  ".join(f"{cell:{a}{w}}" for cell, a, w in zip(line, align, widths)).rstrip()
        for line in (headers, *rows)
    ]


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"
