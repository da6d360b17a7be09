"""The engine must stay a pure core: no Textual, no files, no shell."""

import subprocess
import sys


def test_importing_the_engine_loads_no_textual():
    code = "import sys, game.engine, game.scenario; print(sorted(m for m in sys.modules if m.startswith('textual')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
