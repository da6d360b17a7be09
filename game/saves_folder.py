"""Where games are saved unless a command is told otherwise.

One answer for every command and the title screen: the ``HORIZON_SAVES``
environment variable (a classroom machine can point every start of the game
at one shared folder), else ``saves/`` in the working folder. Textual-free and
import-light: it is read before the first frame.
"""

from __future__ import annotations

import os
from pathlib import Path

ENVIRONMENT = "HORIZON_SAVES"


def default_saves_folder() -> Path:
    return Path(os.environ.get(ENVIRONMENT) or "saves")
