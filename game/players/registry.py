"""The policies a seat can be given, by name."""

from __future__ import annotations

from typing import Protocol

from game.engine.model import Scenario
from game.engine.views import Knowledge
from game.errors import WargameError
from game.players.cautious_policy import CautiousPolicy
from game.players.greedy_policy import GreedyPolicy
from game.players.random_policy import RandomPolicy


class Policy(Protocol):
    name: str
    description: str

    def choose(self, scenario: Scenario, knowledge: Knowledge, roll: float) -> str:
        """The id of one of ``knowledge.legal``; ``roll`` is a draw in [0, 1) from the game's seed.

        ``knowledge`` is all the seat may know (``game.engine.views.Knowledge``);
        ``scenario`` gives the public rules.
        """


POLICIES: dict[str, Policy] = {
    policy.name: policy for policy in (RandomPolicy(), GreedyPolicy(), CautiousPolicy())
}


def policy_names() -> list[str]:
    return list(POLICIES)


def get_policy(name: str) -> Policy:
    try:
        return POLICIES[name]
    except KeyError:
        raise WargameError(f"unknown policy {name!r} (policies: {', '.join(POLICIES)})") from None
