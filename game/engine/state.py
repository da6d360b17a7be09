"""The state of a game between turns: small, frozen and hashable.

The state holds only what the rules need to go on: the seed, the turn about
to be played, the variables' values, which one-shot events have fired, and how
the game ended. The log of what happened lives beside it (see ``log.py``).
"""

from __future__ import annotations

import hashlib

import msgpack
from attrs import frozen

from game.engine.model import Scenario


@frozen
class GameState:
    seed: int
    turn: int
    """The turn about to be played, from 1; ``turns + 1`` after the last one."""
    values: tuple[int | bool | str, ...]
    """One value per scenario variable, in file order."""
    fired: frozenset[str] = frozenset()
    """Ids of ``once`` events that have fired."""
    ending: str | None = None
    """Id of the ending that ended the game, if one did."""
    over: bool = False


def initial_state(scenario: Scenario, seed: int) -> GameState:
    return GameState(seed, 1, tuple(v.initial for v in scenario.variables))



def state_hash(state: GameState) -> str:
    """SHA-256 of a canonical encoding of ``state``, the same on every machine."""
    canonical = [state.seed, state.turn, list(state.values), sorted(state.fired), state.ending, state.over]
    return hashlib.sha256(msgpack.packb(canonical)).hexdigest()
