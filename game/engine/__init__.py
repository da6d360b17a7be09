"""The pure rules engine: no Textual, no files, the same output for the same input.

The public surface is re-exported here; the modules say why each piece exists.
"""

from game.engine.adjudication import (
    Resolution,
    check_orders,
    legal_actions,
    new_game,
    resolve_turn,
    scores,
    unavailable_reason,
)
from game.engine.log import Change, LogEntry
from game.engine.model import Action, Actor, Ending, Event, Objective, Scenario, Variable
from game.engine.state import GameState, state_hash
from game.engine.views import FACILITATOR, Option, View, view_for

__all__ = [
    "FACILITATOR",
    "Action",
    "Actor",
    "Change",
    "Ending",
    "Event",
    "GameState",
    "LogEntry",
    "Objective",
    "Option",
    "Resolution",
    "Scenario",
    "Variable",
    "View",
    "check_orders",
    "legal_actions",
    "new_game",
    "resolve_turn",
    "scores",
    "state_hash",
    "unavailable_reason",
    "view_for",
]
