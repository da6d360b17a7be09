"""Who plays the seats in the debrief's "how unusual was this run": sensible lines, at a bounded cost.

Random play is no baseline for a scenario whose random seats do what no one
would (leave Ukraine in most games): an ending "rare among random games" says
nothing about the players. By default each person's seat plays the scenario's
own ``[[strategies]]`` for it, game by game in rotation (every combination of
the seats' strategies in turn), or greedy where the scenario has none; a named
policy can be asked for instead.

A computer seat keeps its policy when that policy costs next to nothing a game
(random play, a strategy). One that thinks (greedy, cautious, the planner) is
played by its strategies too: hundreds of games of a planner take minutes,
and the report must come in seconds whatever played the seats. The debrief
says so. Policies are named in words here, for the class.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.analysis.simulate import Rotation
from game.engine.model import Scenario
from game.players import check_policy, combinations
from game.players.planner_policy import LEVELS
from game.players.scripted_policy import PREFIX
from game.session import HUMAN

STRATEGIES = "strategies"
"""The default baseline: the scenario's strategies for each person's seat, in rotation."""
FALLBACK = "greedy"
"""The policy of a seat that the scenario gives no strategy."""
MAX_ROTATION = 1000
"""Most combinations of the seats' strategies one simulation plays in turn (an evenly spread
selection beyond: ten seats of twelve strategies would make 12^10)."""
QUICK = ("random",)
"""Computer policies the comparison games keep (with every strategy): they cost next to nothing a game."""
PLANNER_LEVELS = {"planner-easy": "easy", "planner": "normal", "planner-hard": "hard"}
POLICY_WORDS = {"random": "choosing at random", "greedy": "looking one turn ahead",
                "cautious": "guarding against the worst the others could do"}


def quick(policy: str) -> bool:
    return policy in QUICK or policy.startswith(PREFIX)


def baseline_rotation(scenario: Scenario, controllers: Mapping[str, str],
                      baseline: str = STRATEGIES) -> tuple[Rotation, dict[str, str]]:
    """The controllers of each simulated game in turn, and how each seat was played, in words."""
    people = [seat for seat in scenario.seats if controllers[seat] == HUMAN]
    if baseline != STRATEGIES:
        for seat in people:
            check_policy(scenario, seat, baseline)
    lined = [seat for seat in scenario.seats if seat in people and baseline == STRATEGIES
             or seat not in people and not quick(controllers[seat]) and _stand_in(scenario, seat, controllers[seat])]
    lines = {seat: [PREFIX + s.id for s in scenario.strategies_for(seat)] or [FALLBACK] for seat in lined}
    fixed = {seat: baseline if seat in people else controllers[seat] for seat in scenario.seats}
    rotation = [fixed | dict(zip(lined, combination))
                for combination in combinations.spread([lines[seat] for seat in lined], MAX_ROTATION)]
    words = {}
    for seat in scenario.seats:
        if seat in lined:
            words[seat] = _lines_words(scenario, lines[seat])
            if seat not in people:
                words[seat] += (f", standing in for its computer player "
                                f"({policy_words(scenario, controllers[seat])}), too slow to play so many games")
        else:
            words[seat] = policy_words(scenario, fixed[seat])
    return rotation, words


def _stand_in(scenario: Scenario, seat: str, policy: str) -> bool:
    """Whether a computer seat's policy is replaced: by its strategies, or by greedy if it has none."""
    return bool(scenario.strategies_for(seat)) or policy != FALLBACK


def _lines_words(scenario: Scenario, line: list[str]) -> str:
    if line == [FALLBACK]:
        return policy_words(scenario, FALLBACK)
    labels = ", ".join(f"\u201c{scenario.strategy(name.removeprefix(PREFIX)).label}\u201d" for name in line)
    return f"the scenario's sensible lines for it, in turn ({labels})"


def policy_words(scenario: Scenario, name: str) -> str:
    """A computer policy as a class reads it: what it does, never its id."""
    if name.startswith(PREFIX):
        strategy = scenario.strategy(name.removeprefix(PREFIX))
        return f"following the line \u201c{strategy.label}\u201d" if strategy else "following a scripted line"
    if name in LEVELS:
        return f"planning ahead ({PLANNER_LEVELS.get(name, name)})"
    return POLICY_WORDS.get(name, "a computer player")
