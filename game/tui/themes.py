"""Themes for every student: high contrast, and a palette safe for colour-blind readers.

Colour never carries meaning alone in this game (a hidden track has its dot and the help says so,
a change its arrow and number, an outcome its word, a place kind its marker shape), so a theme only
has to be easy to read: ``horizon-high-contrast`` is white and bright yellow on black;
``horizon-colour-blind`` takes the Okabe-Ito colours, which readers with any common colour-vision
deficiency tell apart (good is blue, bad is vermillion, never green against red).
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="horizon-high-contrast",
    primary="#FFFFFF",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFB000",
    error="#FF6060",
    success="#00FFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#262626",
    dark=True,
    text_alpha=1.0,
    variables={"text-muted": "#E0E0E0", "text-disabled": "#BDBDBD", "footer-key-foreground": "#FFFF00",
               "block-cursor-background": "#FFFF00",
               "block-cursor-foreground": "#000000", "input-selection-background": "#FFFF00 50%"},
)

COLOUR_BLIND = Theme(
    name="horizon-colour-blind",
    primary="#56B4E9",
    secondary="#CC79A7",
    accent="#E69F00",
    warning="#F0E442",
    error="#D55E00",
    success="#56B4E9",
    foreground="#F2F2F2",
    background="#121212",
    surface="#1C1C1C",
    panel="#262626",
    dark=True,
)

THEMES = {"high-contrast": HIGH_CONTRAST, "colour-blind": COLOUR_BLIND}
"""What ``--theme`` accepts (besides any of Textual's own theme names), and the palette offers."""


def theme_name(choice: str) -> str:
    """The registered name of ``--theme``'s ``choice``: ours by short name, else Textual's own."""
    return THEMES[choice].name if choice in THEMES else choice


def theme_problem(choice: str) -> str:
    """Why ``--theme``'s ``choice`` names no theme (ours by short name, or Textual's own), or "" when it does."""
    from textual.theme import BUILTIN_THEMES

    if choice in THEMES or choice in BUILTIN_THEMES:
        return ""
    return (f"no such theme (try {', '.join(THEMES)}, or one of {', '.join(sorted(BUILTIN_THEMES))})")
