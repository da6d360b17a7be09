"""The debrief's two files for the class: Markdown to edit, HTML to print (the handout is page 1).

One writer for every shell that exports (the End screen, the debrief screen, plain mode); each
tells its user in its own way what was written or why not.
"""

from __future__ import annotations

from pathlib import Path

from game.analysis.report_html import debrief_html
from game.atomic import write_atomically
from game.errors import FileError
from game.private_files import private_folder
from game.saves_folder import slug
from game.session import Session


def debrief_stem(session: Session, folder: Path) -> Path:
    """``folder/NAME-debrief``: the files are named after the game."""
    return folder / f"{slug(session.name or session.scenario.id)}-debrief"


def write_debrief(session: Session, markdown: str, folder: Path) -> tuple[Path, Path]:
    """Write ``markdown`` and the game's printable HTML into ``folder``; returns both paths.

    Raises :class:`FileError` (one line naming the folder or file) when they cannot be written.
    """
    stem = debrief_stem(session, folder)
    paths = stem.with_suffix(".md"), stem.with_suffix(".html")
    try:
        private_folder(folder)
    except OSError as error:
        raise FileError(str(folder), error.strerror or "cannot create the folder") from None
    write_atomically(paths[0], markdown.encode())
    write_atomically(paths[1], debrief_html(session).encode())
    return paths
