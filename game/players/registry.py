"""The policies a seat can be given, by name."""

from __future__ import annotations

from typing import Protocol

from game.engine.model import Scenario
from game.engine.views import Knowledge
from game.errors import WargameError
from game.players.cautious_policy import CautiousPolicy
from game.players.greedy_policy import GreedyPolicy
from game.players.planner_policy import planners
from game.players.random_policy import RandomPolicy
from game.players.scripted_policy import PREFIX, ScriptedPolicy, strategy_of


class Policy(Protocol):
    name: str
    label: str
    """How a setup screen or a list of saves names it, in "computer (...)"."""
    description: str

    def choose(self, scenario: Scenario, knowledge: Knowledge, roll: float) -> str:
        """The id of one of ``knowledge.legal``; ``roll`` is a draw in [0, 1) from the game's seed.

        ``knowledge`` is all the seat may know (``game.engine.views.Knowledge``);
        ``scenario`` gives the public rules.
        """


POLICIES: dict[str, Policy] = {
    policy.name: policy for policy in (RandomPolicy(), GreedyPolicy(), CautiousPolicy(), *planners())
}


def policy_names() -> list[str]:
    """The policies any scenario offers (a scenario's own strategies come on top: ``strategy:ID``)."""
    return list(POLICIES)


HUMAN_LABEL = "a person"


def controller_label(controller: str, scenario: Scenario | None = None) -> str:
    """Who plays a seat, as people read it: "a person", "computer (planner, hard)", "computer (“Stay in the
    Gulf”)" (a strategy by its label when ``scenario`` is given)."""
    if controller == "human":
        return HUMAN_LABEL
    if controller.startswith(PREFIX) and scenario is not None:
        strategy = scenario.strategy(controller.removeprefix(PREFIX))
        if strategy is not None:
            return f"computer (\u201c{strategy.label}\u201d)"
    policy = POLICIES.get(controller)
    return f"computer ({policy.label if policy is not None else controller.removeprefix(PREFIX)})"


def get_policy(name: str) -> Policy:
    if name.startswith(PREFIX) and len(name) > len(PREFIX):
        return ScriptedPolicy(name.removeprefix(PREFIX))
    try:
        return POLICIES[name]
    except KeyError:
        raise WargameError(f"unknown policy {name!r} (policies: {', '.join(POLICIES)}, "
                           f"or {PREFIX}ID for a strategy of the scenario)") from None


def check_policy(scenario: Scenario, seat: str, name: str) -> None:
    """Raise a one-line error unless ``name`` is a policy ``seat`` of ``scenario`` can be given."""
    get_policy(name)
    if name.startswith(PREFIX):
        strategy_of(scenario, seat, name)
