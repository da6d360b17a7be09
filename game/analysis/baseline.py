"""Who plays people's seats in the debrief's "how unusual was this run": the scenario's sensible lines.

Random play is no baseline for a scenario whose random seats do what no one
would (leave Ukraine in most games): an ending "rare among random games" says
nothing about the players. By default each person's seat plays the scenario's
own ``[[strategies]]`` for it, game by game in rotation (every combination of
the people's seats' strategies in turn), or greedy where the scenario has none;
a named policy can be asked for instead. Computer seats keep their policies.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.analysis.simulate import Rotation
from game.engine.model import Scenario
from game.players import check_policy, combinations
from game.players.scripted_policy import PREFIX
from game.session import HUMAN

STRATEGIES = "strategies"
"""The default baseline: the scenario's strategies for each person's seat, in rotation."""
FALLBACK = "greedy"
"""The policy of a person's seat that the scenario gives no strategy."""
MAX_ROTATION = 1000
"""Most combinations of the people's seats' strategies one simulation plays in turn (an evenly spread
selection beyond: ten seats of twelve strategies would make 12^10)."""


def baseline_rotation(scenario: Scenario, controllers: Mapping[str, str],
                      baseline: str = STRATEGIES) -> tuple[Rotation, dict[str, str]]:
    """The controllers of each simulated game in turn, and how each seat was played, in words."""
    people = [seat for seat in scenario.seats if controllers[seat] == HUMAN]
    if baseline != STRATEGIES:
        for seat in people:
            check_policy(scenario, seat, baseline)
        played = {seat: baseline if seat in people else controllers[seat] for seat in scenario.seats}
        return [played], dict(played)
    lines = {seat: [PREFIX + s.id for s in scenario.strategies_for(seat)] or [FALLBACK] for seat in people}
    rotation = [dict(controllers) | dict(zip(people, combination))
                for combination in combinations.spread([lines[seat] for seat in people], MAX_ROTATION)]
    labels = {seat: _label(lines[seat]) if seat in people else controllers[seat] for seat in scenario.seats}
    return rotation, labels


def _label(line: list[str]) -> str:
    if line == [FALLBACK]:
        return FALLBACK
    return "its strategies in turn (" + ", ".join(name.removeprefix(PREFIX) for name in line) + ")"
