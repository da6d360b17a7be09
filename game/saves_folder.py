"""Where games are saved unless a command is told otherwise.

One answer for every command and the title screen: the ``HORIZON_SAVES``
environment variable (a classroom machine can point every start of the game
at one shared folder), else ``saves/`` in the working folder. Textual-free and
import-light: it is read before the first frame.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ENVIRONMENT = "HORIZON_SAVES"


def default_saves_folder(given: str | os.PathLike[str] | None = None) -> Path:
    """``given`` (a command's ``--saves``), else ``$HORIZON_SAVES``, else ``saves``; raises a one-line
    :class:`WargameError` if it names something that is there and is not a folder (a file, a device):
    nothing would ever be saved there, and a game would find out only at its first save."""
    if given is not None:
        folder, named = Path(given), f"--saves {given}"
    else:
        folder = Path(os.environ.get(ENVIRONMENT) or "saves")
        named = f"{ENVIRONMENT}={folder}" if os.environ.get(ENVIRONMENT) else str(folder)
    if os.path.exists(folder) and not os.path.isdir(folder):
        from game.errors import WargameError
        from game.safe_text import printable

        raise WargameError(f"{printable(named)}: is not a folder: saves go in a folder (point it at one)")
    return folder


def folder_shown(folder: Path) -> str:
    """``folder`` as a person reads it, ending in ``/``: from the working folder when it lies inside it
    (``saves/``), else from the home folder (``~/class/saves/``), else absolute.

    Short enough for the title screen at 80 columns, and still says which folder is meant wherever
    the game was started from.
    """
    full = folder.absolute()
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            inside = full.relative_to(base)
        except ValueError:
            continue
        return f"{prefix or './'}" if inside == Path() else f"{prefix}{inside}/"
    return f"{str(full).rstrip('/')}/"


def slug(name: str) -> str:
    """A file name made from a game's name (``Period 4: Thursday`` gives ``period-4-thursday``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "game"
