"""The command-line tools a test runs besides Horizon (headless Chromium, poppler): found, or the test skipped.

On a developer's machine a missing tool skips its test with the line that
installs it; in CI (``.ci/run`` sets ``HORIZON_NEED_TOOLS=1`` after
installing them) a missing tool fails the test, so a print test never passes
by being skipped.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

NEED_TOOLS = "HORIZON_NEED_TOOLS"
INSTALL = "apt-get install chromium poppler-utils"


def need(*names: str) -> dict[str, str]:
    """The path of each tool in ``names``; skips (fails under ``HORIZON_NEED_TOOLS=1``) if one is missing."""
    found = {name: shutil.which(name) for name in names}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        why = f"needs {', '.join(missing)} ({INSTALL})"
        if os.environ.get(NEED_TOOLS) == "1":
            pytest.fail(why)
        pytest.skip(why)
    return found


def skip_without(*names: str) -> pytest.MarkDecorator:
    """A mark that skips a test when a tool is missing; in CI the test runs, and its :func:`need` fails it."""
    missing = [name for name in names if shutil.which(name) is None]
    return pytest.mark.skipif(bool(missing) and os.environ.get(NEED_TOOLS) != "1",
                              reason=f"needs {', '.join(missing)} ({INSTALL})")


def headless_chromium(chromium: str, profile: Path) -> list[str]:
    """Chromium headless with a profile folder of its own (two at once under pytest-xdist share nothing)."""
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
