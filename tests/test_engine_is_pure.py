"""The engine must stay a pure core: no Textual, no files, no shell."""

import subprocess
import sys


def test_importing_the_engine_loads_no_textual():
    code = "import sys, game.engine, game.scenario; print(sorted(m for m in sys.modules if m.startswith('textual')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_seat_view_and_its_text_load_no_textual_and_no_session():
    """What a networked seat's client needs to decode and show a view: no toolkit, no session."""
    code = ("import sys, game.seat_view, game.presentation.entries, game.presentation.options, "
            "game.presentation.scores; print(sorted(m for m in sys.modules if m.startswith('textual') "
            "or m == 'game.session'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
