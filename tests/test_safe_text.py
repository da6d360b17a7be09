"""What may reach a terminal from data: ``game.safe_text``, the one definition every front end uses."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from game.safe_text import clean, control_character, printable

_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


@given(st.text())
def test_printable_leaves_nothing_invisible_or_steering(text):
    """Every control, format, line- or paragraph-separator character is made visible (a line break is
    kept only where lines are allowed)."""
    for multiline in (False, True):
        shown = printable(text, multiline=multiline)
        for char in shown:
            if char == "\n" and multiline:
                continue
            assert unicodedata.category(char) not in _INVISIBLE, (text, shown)


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cf", "Zl", "Zp", "Cs", "Cn", "Mn"))))
def test_printable_leaves_ordinary_text_as_it_is(text):
    assert printable(text) == text


def test_printable_says_what_it_replaced():
    assert printable("a\x1b[2Jb") == "a\u241b[2Jb"
    assert printable("x\u202ey") == "x\u27e8U+202E\u27e9y"
    assert printable("one\ntwo") == "one\u2424two"
    assert printable("one\ntwo", multiline=True) == "one\ntwo"
    assert printable("a\u200bb\x7f") == "a\u27e8U+200B\u27e9b\u2421"


@given(st.text())
def test_clean_leaves_no_control_character(text):
    assert control_character(clean(text, multiline=True)) is None
    assert "\n" not in clean(text, multiline=False)
