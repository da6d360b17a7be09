"""Save files (``.wgsave``): exact replay, verification, branching, and nothing ever lost.

A save is the order log of a game plus what is needed to replay it anywhere:
the scenario's full text, the seed and the seats, with each turn's chance
draws and state hash to check the replay against, inside a checksummed
msgpack frame (docs/save-format.md). Everything here raises
:class:`SaveError` (a :class:`~game.errors.WargameError`) for a user's or a
file's fault, with one line naming the file; anything else is a bug.

Typical use::

    path = autosave(session)                   # after every resolved turn
    saved = load_save(path)                    # checks frame, checksum, structure, scenario
    session = restore_session(saved)           # replays, checking every state hash
    what_if = branch_session(saved, at=5)      # a new game from turn 5, parent recorded
"""

from game.saves.files import (
    DEFAULT_FOLDER,
    MAX_SAVE_BYTES,
    SUFFIX,
    autosave,
    autosave_path,
    list_saves,
    load_save,
    save_session,
)
from game.saves.records import (
    FORMAT,
    SNAPSHOT_EVERY,
    Draw,
    SaveConflict,
    SavedGame,
    SaveDiverged,
    SavedTurn,
    SaveError,
    SaveSummary,
)
from game.saves.replay import ReplayedTurn, branch_session, replay_turn, restore_session

__all__ = [
    "DEFAULT_FOLDER",
    "FORMAT",
    "SNAPSHOT_EVERY",
    "MAX_SAVE_BYTES",
    "SUFFIX",
    "Draw",
    "ReplayedTurn",
    "SaveConflict",
    "SaveDiverged",
    "SaveError",
    "SaveSummary",
    "SavedGame",
    "SavedTurn",
    "autosave",
    "autosave_path",
    "branch_session",
    "list_saves",
    "load_save",
    "replay_turn",
    "restore_session",
    "save_session",
]
