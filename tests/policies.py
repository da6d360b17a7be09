"""Computer policies for property tests: every registered one, with the planner on a tiny budget.

The planner's code is the same at every level, only the number of imagined
games differs; a property test asks a policy thousands of times, so it gives
the planner 4 games per decision instead of hundreds.
"""

from game.players import get_policy, policy_names
from game.players.planner_policy import LEVELS, PlannerPolicy

QUICK_ITERATIONS = 4


def quick_policy(name: str):
    """The policy ``name``, or for a planner level the planner with ``QUICK_ITERATIONS``."""
    return PlannerPolicy(name, QUICK_ITERATIONS) if name in LEVELS else get_policy(name)


def cheap_policy_names() -> list[str]:
    """The registered policies but the planner levels (for tests that play games through a Session)."""
    return [name for name in policy_names() if name not in LEVELS]
