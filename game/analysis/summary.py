"""The statistics of a Monte Carlo run: endings, score distributions, and what each action was worth.

A :class:`Summary` is built from the games' results in game order, so the same
games always give the same numbers, and it holds everything the ``simulate``
table, its JSON file and the debrief's "how unusual was this run" need.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Mapping, Sequence

from attrs import asdict, field, frozen

from game.analysis.simulate import GameResult
from game.engine.model import Scenario

TIME_UP = ""
"""The ending id of a game that ran to its last turn."""


@frozen
class ScoreStats:
    mean: float
    sd: float
    """Standard deviation of the population of games."""
    low: float
    q1: float
    median: float
    q3: float
    high: float


@frozen
class SeatSummary:
    seat: str
    name: str
    policy: str
    stats: ScoreStats
    scores: tuple[float, ...] = field(eq=False, repr=False)
    """Every game's final score, sorted: for percentiles, left out of JSON."""

    def share_below(self, score: float) -> float:
        """The share of games this seat finished below ``score``."""
        return bisect.bisect_left(self.scores, score) / len(self.scores)


@frozen
class EndingSummary:
    id: str
    text: str
    games: int


@frozen
class ActionSummary:
    id: str
    seat: str
    label: str
    games: int
    """Games in which the seat chose it at least once."""
    times: int
    """Times it was chosen, over all games."""
    mean_score: float | None
    """The seat's mean final score in the games where it was chosen (None: never chosen)."""
    mean_score_without: float | None
    """The seat's mean final score in the other games (None: chosen in every game)."""


@frozen
class Summary:
    scenario: str
    title: str
    runs: int
    seed: int
    controllers: Mapping[str, str]
    endings: tuple[EndingSummary, ...]
    seats: tuple[SeatSummary, ...]
    actions: tuple[ActionSummary, ...]

    def ending(self, ending_id: str) -> EndingSummary:
        return next(e for e in self.endings if e.id == ending_id)

    def seat(self, seat: str) -> SeatSummary:
        return next(s for s in self.seats if s.seat == seat)

    def to_json(self) -> dict:
        """The same numbers as the table, as plain data."""
        data = asdict(self, filter=lambda attribute, _: attribute.name != "scores")
        data["controllers"] = dict(self.controllers)
        return data


def summarise(scenario: Scenario, results: Sequence[GameResult], seed: int,
              controllers: Mapping[str, str]) -> Summary:
    """The statistics of ``results`` (in game order) of games of ``scenario``."""
    return Summary(
        scenario=scenario.id,
        title=scenario.title,
        runs=len(results),
        seed=seed,
        controllers=dict(controllers),
        endings=_endings(scenario, results),
        seats=tuple(_seat(scenario, i, seat, controllers[seat], results)
                    for i, seat in enumerate(scenario.seats)),
        actions=tuple(_action(scenario, i, results) for i in range(len(scenario.actions))),
    )


def _endings(scenario: Scenario, results: Sequence[GameResult]) -> tuple[EndingSummary, ...]:
    counts = {ending.id: 0 for ending in scenario.endings} | {TIME_UP: 0}
    for result in results:
        counts[result.ending] += 1
    texts = {ending.id: ending.text for ending in scenario.endings} | {TIME_UP: scenario.end_text}
    return tuple(EndingSummary(ending_id, texts[ending_id], games) for ending_id, games in counts.items())


def _seat(scenario: Scenario, index: int, seat: str, policy: str,
          results: Sequence[GameResult]) -> SeatSummary:
    scores = sorted(result.scores[index] for result in results)
    return SeatSummary(seat, scenario.actor_name(seat), policy, score_stats(scores), tuple(scores))


def score_stats(scores: Sequence[float]) -> ScoreStats:
    """Mean, spread and quartiles of ``scores`` (sorted, at least one)."""
    if len(scores) == 1:
        (only,) = scores
        return ScoreStats(float(only), 0.0, only, only, only, only, only)
    q1, median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    mean, sd = statistics.fmean(scores), statistics.pstdev(scores)
    return ScoreStats(mean, sd, scores[0], q1, median, q3, scores[-1])


def _action(scenario: Scenario, index: int, results: Sequence[GameResult]) -> ActionSummary:
    action = scenario.actions[index]
    seat = scenario.seats.index(action.actor)
    chosen = [r.scores[seat] for r in results if r.choices[index]]
    other = [r.scores[seat] for r in results if not r.choices[index]]
    return ActionSummary(
        id=action.id, seat=action.actor, label=action.label, games=len(chosen),
        times=sum(r.choices[index] for r in results),
        mean_score=statistics.fmean(chosen) if chosen else None,
        mean_score_without=statistics.fmean(other) if other else None,
    )
