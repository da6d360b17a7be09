"""Save files (``.wgsave``): exact replay, verification, branching, and nothing ever lost.

A save is the journal of a game plus what is needed to replay it anywhere:
the scenario's full text, the seed and the seats, and every event the
session accepted (each turn with its orders, the facilitator's acts, the
messages, its chance draws and state hash), appended frame by frame, each
chained by SHA-256 to everything before it (docs/save-format.md).
Everything here raises :class:`SaveError` (a :class:`~game.errors.WargameError`)
for a user's or a file's fault, with one line naming the file; anything
else is a bug.

Typical use::

    keeper = autosave(session)                 # from now on every event is appended
    saved = load_save(path)                    # checks frames, chain, structure, scenario, and replays
                                               # every event through play's checks (the one check)
    session = restore_session(saved)           # a live copy of the replayed game
    what_if = branch_session(saved, at=5)      # a new game from turn 5, parent recorded
"""

from game.saves.files import (
    DEFAULT_FOLDER,
    SUFFIX,
    autosave,
    autosave_path,
    list_saves,
    load_save,
    read_save,
    save_session,
)
from game.saves.journal_file import MAX_SAVE_BYTES, SaveFile
from game.saves.records import (
    FORMAT,
    SaveConflict,
    SavedGame,
    SaveDiverged,
    SaveError,
    SaveSummary,
)
from game.saves.replay import branch_session, restore_session, verify

__all__ = [
    "DEFAULT_FOLDER",
    "FORMAT",
    "MAX_SAVE_BYTES",
    "SUFFIX",
    "SaveConflict",
    "SaveDiverged",
    "SaveError",
    "SaveFile",
    "SaveSummary",
    "SavedGame",
    "autosave",
    "autosave_path",
    "branch_session",
    "list_saves",
    "load_save",
    "read_save",
    "restore_session",
    "save_session",
    "verify",
]
