"""Computer players: policies that choose a seat's action from that seat's view.

A policy sees only the :class:`~game.engine.views.Knowledge` of its own seat, never the
state, so it cannot cheat; and it draws randomness only from the ``roll`` it is
handed (a draw from the game's seeded generator), so games replay exactly.
"""

from game.players.registry import POLICIES, Policy, check_policy, get_policy, policy_names

__all__ = ["POLICIES", "Policy", "check_policy", "get_policy", "policy_names"]
