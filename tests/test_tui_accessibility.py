"""Themes for every student (issue 9.13): a high-contrast theme and a colour-blind-safe one, chosen with
``--theme`` or ``HORIZON_THEME``; the palette's colours are checked, not trusted."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from game.cli import build_parser
from game.cli.play import options_from
from game.desk.launch import LaunchOptions
from game.errors import WargameError
from game.tui.app import HorizonApp

ROLES = ("foreground", "text-muted", "accent", "primary", "success", "error", "warning")
"""The colours the game's text is drawn in (game/tui/spans.py and the .tcss files)."""

DEUTERANOPIA = ((0.29275, 0.70725, 0.0), (0.29275, 0.70725, 0.0), (-0.02234, 0.02234, 1.0))
PROTANOPIA = ((0.11238, 0.88762, 0.0), (0.11238, 0.88762, 0.0), (0.00401, -0.00401, 1.0))
"""How a reader with either common red-green deficiency sees a colour (Viénot, Brettel and Mollon 1999,
in linear RGB)."""


def linear(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: Color) -> float:
    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG 2's contrast ratio."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def seen_with(matrix, color: Color) -> tuple[float, ...]:
    rgb = [linear(color.r), linear(color.g), linear(color.b)]
    return tuple(sum(m * c for m, c in zip(row, rgb)) for row in matrix)


async def colours(theme: str) -> dict[str, Color]:
    app = HorizonApp(LaunchOptions(saves_dir=Path("unused"), theme=theme))
    async with app.run_test(size=(80, 24)):
        variables = app.get_css_variables()
        background = Color.parse(variables["background"])
        shown = {"background": background}
        for role in ROLES:
            if not variables[role].startswith("auto"):  # "auto": Textual picks a contrasting one itself
                color = Color.parse(variables[role])
                shown[role] = background.blend(color, color.a) if color.a < 1 else color
        return shown


@pytest.mark.parametrize(("theme", "least"), [("high-contrast", 7.0), ("colour-blind", 4.5)])
async def test_every_colour_of_text_reads_against_the_background(theme, least):
    """7:1 is WCAG's AAA level (high contrast), 4.5:1 its AA level."""
    shown = await colours(theme)
    for role, color in shown.items():
        if role != "background":
            assert contrast(color, shown["background"]) >= least, (theme, role)


async def test_good_and_bad_stay_apart_for_red_green_colour_blind_readers():
    """Success and failure also have words; still, their colours must not merge for the commonest
    deficiencies (Textual's default green and red come close to merging)."""
    shown = await colours("colour-blind")
    for matrix in (DEUTERANOPIA, PROTANOPIA):
        good, bad = seen_with(matrix, shown["success"]), seen_with(matrix, shown["error"])
        assert sum((g - b) ** 2 for g, b in zip(good, bad)) ** 0.5 > 0.25


def test_the_theme_comes_from_the_flag_or_the_environment(monkeypatch):
    monkeypatch.setenv("HORIZON_THEME", "colour-blind")
    play = build_parser(["play"])
    assert options_from(play.parse_args(["play"])).theme == "colour-blind"
    assert options_from(play.parse_args(["play", "--theme", "high-contrast"])).theme == "high-contrast"
    assert options_from(play.parse_args(["play", "--theme", "nord"])).theme == "nord"
    with pytest.raises(WargameError, match=r"^--theme neon: no such theme \(try high-contrast, colour-blind"):
        options_from(play.parse_args(["play", "--theme", "neon"]))


async def test_the_app_opens_in_the_theme_and_the_palette_offers_ours():
    app = HorizonApp(LaunchOptions(saves_dir=Path("unused"), theme="high-contrast"))
    async with app.run_test(size=(80, 24)):
        assert app.theme == "horizon-high-contrast"
        assert {"horizon-high-contrast", "horizon-colour-blind"} <= set(app.available_themes)
