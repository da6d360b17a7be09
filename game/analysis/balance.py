"""The balance report: do a scenario's sensible lines of play make a real dilemma?

Every seat's ``[[strategies]]`` are played against every combination of the
other seats' strategies, ``runs`` games per matchup with the same seeds in
every matchup (common random numbers: two matchups differ only by their
players, so the differences between them are far less noisy than the scores).
From that table the report checks four targets (docs/balance.md):

- **no dominant line**: at least ``MIN_RESPONSES`` of a seat's strategies are
  each the best response to some mix of the other seats' strategies;
- **influence**: each seat's choice of strategy moves each other seat's mean
  score measurably, whatever the others play;
- **decisions over dice**: for the seats the scenario names (all by default),
  the spread of mean score across the seat's sensible strategies (its best
  responses) exceeds the standard deviation the dice give one matchup;
- **no idle action**: every action is chosen by some purposeful computer
  policy playing its seat against the other seats' strategies, or the
  scenario says why not (``[balance.unchosen]``).

and the scenario's own targets: ``[[balance.lines]]`` (a named strategy, such
as the line the real actors took, must be a best response somewhere, or within
some points of its seat's best) and ``[[balance.outcomes]]`` (how often
something may happen in the games of the strategies, or with a computer policy
in every seat: ``outcome_runs`` games each).
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Mapping, Sequence

from attrs import frozen

from game.analysis.simulate import GameResult, Progress, Rotation, run_matchups
from game.engine.model import OutcomeTarget, Scenario
from game.errors import WargameError
from game.players import POLICIES, combinations
from game.players.scripted_policy import PREFIX
from game.scenario.strategies import STRATEGIES

DEFAULT_RUNS = 100
POLICY_RUNS = 20
OUTCOME_RUNS = 40
"""Games with one computer policy in every seat, per policy an outcome target names."""
PURPOSEFUL = ("greedy", "cautious", "planner")
"""The computer policies that must between them choose every action (random would, blindly), each
playing one seat against the others' strategies in rotation."""
MAX_PROFILES = 2000
"""Most matchups (one strategy per seat) the report plays, ``runs`` games each: beyond, it refuses
rather than build and play an astronomical table (ten seats of twelve strategies make 12^10)."""
MIN_RESPONSES = 3
MIN_EFFECT = 0.5
"""Points: a smaller move of another seat's mean score is not worth calling influence."""
Z = 2.0
"""A margin or an effect counts only when it is at least this many standard errors."""
_HEDGE_ROUNDS = 3000

Profile = tuple[str, ...]
"""One strategy id per seat, in seat order."""


@frozen
class BestResponse:
    """How well one strategy does against the mix of the others' strategies that favours it most."""

    seat: str
    strategy: str
    margin: float | None
    """Its mean score minus that of the best other strategy, against ``mix`` (negative: never best;
    None: the seat has no other strategy)."""
    se: float
    rival: str
    """The other strategy closest to it against ``mix``."""
    mix: tuple[tuple[Profile, float], ...]
    """The other seats' strategies (``None`` at the seat's own place) and their weights."""

    @property
    def best(self) -> bool:
        return self.margin is None or self.margin > 0 and self.margin >= Z * self.se


@frozen
class Influence:
    """How much ``seat``'s choice of strategy moves ``other``'s mean score."""

    seat: str
    other: str
    means: tuple[tuple[str, float], ...]
    """``other``'s mean score under each of ``seat``'s strategies (the rest averaged over)."""
    effect: float
    """The mean, over the other seats' combinations of strategies, of the gap ``seat``'s choice makes."""
    se: float

    @property
    def measurable(self) -> bool:
        return self.effect >= MIN_EFFECT and self.effect >= Z * self.se


@frozen
class Decisiveness:
    seat: str
    decision: float
    """The spread (best minus worst) of the seat's mean score across its sensible strategies (those
    that are a best response to some mix), averaged over the other seats' matchups; 0 with fewer
    than two."""
    dice: float
    """The standard deviation of the seat's score within one matchup, averaged over matchups."""
    required: bool

    @property
    def met(self) -> bool:
        return self.decision > self.dice


@frozen
class ActionUse:
    action: str
    seat: str
    chosen_by: tuple[str, ...]
    """The purposeful policies that chose it, playing its seat against the others' strategies."""
    reason: str
    """The scenario's reason why no policy is expected to choose it ("" if none given)."""


@frozen
class LineResult:
    """How a strategy the scenario names in ``[[balance.lines]]`` fares."""

    seat: str
    strategy: str
    mean: float
    """Its mean score over every matchup."""
    best_strategy: str
    """The seat's strategy with the highest mean score over every matchup."""
    best_mean: float
    best_response: bool
    """It is a best response to some mix of the others' strategies."""
    need_best_response: bool
    within: float | None
    text: str = ""

    @property
    def gap(self) -> float:
        """Points below the seat's best strategy, on average over every matchup (0 when it is the best)."""
        return self.best_mean - self.mean

    @property
    def met(self) -> bool:
        return ((self.best_response or not self.need_best_response)
                and (self.within is None or self.gap <= self.within + 1e-9))


@frozen
class OutcomeResult:
    """How often one ``[[balance.outcomes]]`` came about in one kind of game."""

    id: str
    label: str
    players: str
    """``strategies`` or the computer policy in every seat."""
    played_by: str
    """Who really played: the policy, or the stand-in the run used for it."""
    games: int
    """The games counted (those in which ``given`` was chosen, when the target names one)."""
    happened: int
    bounds: str
    met: bool
    given: str = ""

    @property
    def share(self) -> float:
        return self.happened / self.games if self.games else 0.0


@frozen
class BalanceReport:
    scenario: str
    runs: int
    policy_runs: int
    seed: int
    profiles: tuple[Profile, ...]
    means: tuple[tuple[float, ...], ...]
    """Each profile's mean score per seat."""
    responses: tuple[BestResponse, ...]
    influences: tuple[Influence, ...]
    decisiveness: tuple[Decisiveness, ...]
    actions: tuple[ActionUse, ...]
    seats: tuple[str, ...]
    policies: tuple[str, ...]
    """The computer policies whose choices the actions check counts."""
    lines: tuple[LineResult, ...] = ()
    outcomes: tuple[OutcomeResult, ...] = ()
    outcome_runs: int = 0

    def findings(self) -> list[str]:
        """Each target not met, as one sentence."""
        found = []
        for seat in self.seats:
            best = [r.strategy for r in self.responses if r.seat == seat and r.best]
            if len(best) < MIN_RESPONSES:
                found.append(f"{seat}: only {len(best)} strateg{'y is' if len(best) == 1 else 'ies are'} "
                             f"a best response to some mix of the others' ({', '.join(best) or 'none'}); "
                             f"the target is {MIN_RESPONSES}")
        found += [f"{i.seat}: its choice of strategy does not measurably move {i.other}'s mean score "
                  f"({i.effect:.2f} \u00b1 {i.se:.2f})" for i in self.influences if not i.measurable]
        found += [f"{d.seat}: the dice ({d.dice:.2f}) outweigh its decisions ({d.decision:.2f})"
                  for d in self.decisiveness if d.required and not d.met]
        if self.policy_runs:
            found += [f"{a.action}: never chosen by {', '.join(self.policies)} and no reason given in "
                      "[balance.unchosen]" for a in self.actions if not a.chosen_by and not a.reason]
        for line in self.lines:
            if line.need_best_response and not line.best_response:
                found.append(f"{line.seat}: {line.strategy} is a best response to no mix of the others' strategies")
            if line.within is not None and line.gap > line.within + 1e-9:
                found.append(f"{line.seat}: {line.strategy} averages {line.gap:.2f} points below {line.best_strategy}; "
                             f"the target is within {line.within:g}")
        for outcome in self.outcomes:
            if not outcome.met:
                games = f"{outcome.players} games" + (f" in which {outcome.given} was chosen" if outcome.given else "")
                found.append(f"{outcome.id}: in {outcome.happened} of {outcome.games} {games} "
                             f"({outcome.share:.0%}); the target is {outcome.bounds}" if outcome.games else
                             f"{outcome.id}: no {games} to count; the target is {outcome.bounds}")
        return found


def balance(scenario: Scenario, runs: int = DEFAULT_RUNS, seed: int = 0, *, policy_runs: int = POLICY_RUNS,
            policies: Sequence[str] = PURPOSEFUL, outcome_runs: int = OUTCOME_RUNS,
            stand_ins: Mapping[str, str] | None = None, jobs: int = 1,
            progress: Progress | None = None) -> BalanceReport:
    """Play every matchup of the scenario's strategies and measure the targets.

    ``policy_runs`` games per policy and seat check which actions the computer
    policies choose; ``policies`` (default ``PURPOSEFUL``) may name a cheaper
    set, e.g. a quicker planner level for a test. ``outcome_runs`` games with
    each policy an outcome target names in every seat (0: outcome targets of
    policies are not checked); ``stand_ins`` plays another policy in its place
    (``{"planner": "planner-easy"}`` for a quick look).
    """
    missing = [seat for seat in scenario.seats if not scenario.strategies_for(seat)]
    if missing:
        raise WargameError(f"{scenario.id} has no [[strategies]] for {', '.join(missing)}: "
                           "the balance report plays each seat's strategies against the others'")
    stand_ins = dict(stand_ins or {})
    kinds = [p for p in dict.fromkeys(p for t in scenario.balance.outcomes for p in t.players) if p != STRATEGIES]
    unknown = [p for p in [*kinds, *stand_ins.values()] if p not in POLICIES]
    if unknown:
        raise WargameError(f"[[balance.outcomes]] of {scenario.id} names {unknown[0]!r}, which is not a computer "
                           f"policy (policies: {', '.join(POLICIES)})")
    lines = [[s.id for s in scenario.strategies_for(seat)] for seat in scenario.seats]
    if combinations.count(lines) > MAX_PROFILES:
        counts = " \u00d7 ".join(str(len(line)) for line in lines)
        raise WargameError(f"{scenario.id}: its strategies make {counts} = {combinations.count(lines):,} matchups; the "
                           f"balance report plays every one and takes at most {MAX_PROFILES:,} (give the seats fewer "
                           "[[strategies]])")
    profiles = list(itertools.product(*lines))
    policies = [p for p in policies if p in POLICIES]
    scripted = [{seat: PREFIX + sid for seat, sid in zip(scenario.seats, profile)} for profile in profiles]
    matchups: list[Rotation] = [[controllers] for controllers in scripted]
    tried = [(policy, seat) for policy in policies for seat in scenario.seats]
    matchups += [_against_strategies(scenario, seat, policy) for policy, seat in tried]
    selfplay = kinds if outcome_runs else []
    matchups += [[{seat: stand_ins.get(kind, kind) for seat in scenario.seats}] for kind in selfplay]
    played = _play(scenario, runs, (policy_runs, outcome_runs), seed, matchups,
                   (len(profiles), len(tried), len(selfplay)), jobs, progress)
    table = {profile: _scores(games, len(scenario.seats)) for profile, games in zip(profiles, played)}
    responses = [r for i in range(len(scenario.seats)) for r in _responses(scenario, table, i)]
    sensible = {seat: [r.strategy for r in responses if r.seat == seat and r.best] for seat in scenario.seats}
    games = {STRATEGIES: [g for results in played[:len(profiles)] for g in results],
             **dict(zip(selfplay, played[len(profiles) + len(tried):]))}
    return BalanceReport(
        scenario=scenario.id, runs=runs, policy_runs=policy_runs, seed=seed,
        profiles=tuple(profiles),
        means=tuple(tuple(statistics.fmean(seat) for seat in table[p]) for p in profiles),
        responses=tuple(responses),
        influences=tuple(_influence(scenario, table, i, j) for i in range(len(scenario.seats))
                         for j in range(len(scenario.seats)) if i != j),
        decisiveness=tuple(_decisiveness(scenario, table, i, sensible[seat])
                           for i, seat in enumerate(scenario.seats)),
        actions=_action_use(scenario, dict(zip(tried, played[len(profiles):len(profiles) + len(tried)]))),
        seats=scenario.seats,
        policies=tuple(policies),
        lines=tuple(_line(scenario, profiles, table, responses, target) for target in scenario.balance.lines),
        outcomes=tuple(_outcome(scenario, index, target, kind, games[kind], stand_ins.get(kind, kind))
                       for index, target in enumerate(scenario.balance.outcomes)
                       for kind in target.players if kind in games),
        outcome_runs=outcome_runs if selfplay else 0,
    )


def _line(scenario: Scenario, profiles: Sequence[Profile], table: Mapping[Profile, tuple],
          responses: Sequence[BestResponse], target) -> LineResult:
    """How the named strategy does: a best response somewhere?  How far below its seat's best on average?"""
    strategy = scenario.strategy(target.strategy)
    index = scenario.seats.index(strategy.seat)
    means = {s.id: statistics.fmean(statistics.fmean(table[p][index]) for p in profiles if p[index] == s.id)
             for s in scenario.strategies_for(strategy.seat)}
    best = max(means, key=means.__getitem__)
    response = next(r for r in responses if r.strategy == strategy.id)
    return LineResult(strategy.seat, strategy.id, means[strategy.id], best, means[best], response.best,
                      target.best_response, target.within, target.text)


def _outcome(scenario: Scenario, index: int, target: OutcomeTarget, kind: str, games: Sequence[GameResult],
             played_by: str) -> OutcomeResult:
    """The share of ``games`` (those in which ``given`` was chosen, if it names an action) where it came about."""
    if target.given:
        position = next(i for i, a in enumerate(scenario.actions) if a.id == target.given)
        games = [g for g in games if g.choices[position]]
    happened = sum(g.outcomes[index] for g in games)
    share = happened / len(games) if games else 0.0
    return OutcomeResult(target.id, target.label, kind, played_by, len(games), happened, target.bounds,
                         bool(games) and target.met(share), target.given)


def _against_strategies(scenario: Scenario, seat: str, policy: str) -> Rotation:
    """``policy`` in ``seat`` against each combination of the other seats' strategies once, in turn,
    so that a few games meet every combination."""
    index = scenario.seats.index(seat)
    return [{other: policy if i == index else PREFIX + q[i] for i, other in enumerate(scenario.seats)}
            for q in _others(scenario, index)]


def _play(scenario: Scenario, runs: int, extra_runs: tuple[int, int], seed: int, matchups: list[Rotation],
          sizes: tuple[int, int, int], jobs: int, progress: Progress | None) -> list[list[GameResult]]:
    """Scripted matchups ``runs`` games each; each policy in each seat against the strategies
    ``policy_runs`` games; each policy in every seat ``outcome_runs`` games (``extra_runs``)."""
    counts = [runs, *extra_runs]
    total = sum(count * size for count, size in zip(counts, sizes))
    played: list[list[GameResult]] = []
    start = done_before = 0
    for count, size in zip(counts, sizes):
        part = matchups[start:start + size]
        if count and part:
            offset = done_before
            played += run_matchups(scenario, count, seed, part, jobs=jobs, progress=None if progress is None else
                                   lambda done, _, offset=offset: progress(offset + done, total))
        else:
            played += [[] for _ in part]
        start += size
        done_before += count * size
    return played


def _scores(games: Sequence[GameResult], seats: int) -> tuple[tuple[float, ...], ...]:
    """Per seat, every game's final score, in game order."""
    return tuple(tuple(float(game.scores[i]) for game in games) for i in range(seats))


def _others(scenario: Scenario, seat: int) -> list[Profile]:
    """Every combination of the other seats' strategies, with ``None`` at ``seat``'s place."""
    choices = [[s.id for s in scenario.strategies_for(other)] if i != seat else [None]
               for i, other in enumerate(scenario.seats)]
    return list(itertools.product(*choices))


def _with(profile: Profile, seat: int, strategy: str) -> Profile:
    return (*profile[:seat], strategy, *profile[seat + 1:])


def _responses(scenario: Scenario, table: Mapping[Profile, tuple], seat: int) -> list[BestResponse]:
    own = [s.id for s in scenario.strategies_for(scenario.seats[seat])]
    others = _others(scenario, seat)
    mean = {(q, s): statistics.fmean(table[_with(q, seat, s)][seat]) for q in others for s in own}
    responses = []
    for strategy in own:
        rivals = [s for s in own if s != strategy]
        if not rivals:
            responses.append(BestResponse(scenario.seats[seat], strategy, None, 0.0, "", ()))
            continue
        gains = [[mean[q, strategy] - mean[q, r] for r in rivals] for q in others]
        weights = _favourable_mix(gains)
        totals = [sum(w * row[k] for w, row in zip(weights, gains)) for k in range(len(rivals))]
        k = min(range(len(rivals)), key=totals.__getitem__)
        se = math.sqrt(sum(w * w * _variance_of_difference(table[_with(q, seat, strategy)][seat],
                                                           table[_with(q, seat, rivals[k])][seat])
                           for w, q in zip(weights, others)))
        mix = tuple((q, w) for q, w in zip(others, weights) if w >= 0.005)
        responses.append(BestResponse(scenario.seats[seat], strategy, totals[k], se, rivals[k], mix))
    return responses


def _favourable_mix(gains: Sequence[Sequence[float]]) -> list[float]:
    """Weights over the rows that (nearly) maximise the smallest column total of ``gains``.

    That maximum is the value of a small zero-sum game (rows: the other seats'
    matchups; columns: the rival strategies), found by multiplicative weights.
    Any weights give a true lower bound on it, so a positive margin at the
    returned mix proves the strategy is a best response to that mix.
    """
    rows, columns = len(gains), len(gains[0])
    scale = max((abs(g) for row in gains for g in row), default=0.0) or 1.0
    rate = math.sqrt(8 * math.log(max(rows, 2)) / _HEDGE_ROUNDS) / scale
    cumulative = [0.0] * rows
    average = [0.0] * rows
    for _ in range(_HEDGE_ROUNDS):
        top = max(cumulative)
        weights = [math.exp(rate * (c - top)) for c in cumulative]
        total = sum(weights)
        weights = [w / total for w in weights]
        average = [a + w for a, w in zip(average, weights)]
        worst = min(range(columns), key=lambda k: sum(w * row[k] for w, row in zip(weights, gains)))
        cumulative = [c + row[worst] for c, row in zip(cumulative, gains)]
    return _best_of(gains, [a / _HEDGE_ROUNDS for a in average])


def _best_of(gains: Sequence[Sequence[float]], average: list[float]) -> list[float]:
    """The averaged weights, or a single row if one does better (the average only approaches the value)."""
    def value(weights: Sequence[float]) -> float:
        return min(sum(w * row[k] for w, row in zip(weights, gains)) for k in range(len(gains[0])))

    candidates = [average, *([1.0 if i == r else 0.0 for i in range(len(gains))] for r in range(len(gains)))]
    return max(candidates, key=value)


def _variance_of_difference(a: Sequence[float], b: Sequence[float]) -> float:
    """Variance of the mean of the game-by-game differences (the same seeds: paired)."""
    differences = [x - y for x, y in zip(a, b)]
    return statistics.variance(differences) / len(differences) if len(differences) > 1 else 0.0


def _influence(scenario: Scenario, table: Mapping[Profile, tuple], seat: int, other: int) -> Influence:
    """How far ``seat``'s choice moves ``other``'s mean score when the rest play as they do.

    For each combination of the other seats' strategies (``other``'s own
    included), the gap between the two strategies of ``seat`` that leave
    ``other`` best and worst off; the effect is its mean over those
    combinations. Averaging ``other``'s score over its own strategies first
    would hide the influence a game of answers is made of (rock moves a
    scissors player's score a lot, and a random player's not at all).
    """
    own = [s.id for s in scenario.strategies_for(scenario.seats[seat])]
    rest = _others(scenario, seat)
    gaps, variances = [], []
    for q in rest:
        scores = {s: table[_with(q, seat, s)][other] for s in own}
        means = {s: statistics.fmean(v) for s, v in scores.items()}
        high, low = max(own, key=means.__getitem__), min(own, key=means.__getitem__)
        gaps.append(means[high] - means[low])
        variances.append(_variance_of_difference(scores[high], scores[low]))
    overall = {s: statistics.fmean(statistics.fmean(table[_with(q, seat, s)][other]) for q in rest) for s in own}
    return Influence(scenario.seats[seat], scenario.seats[other], tuple(overall.items()),
                     statistics.fmean(gaps), math.sqrt(sum(variances)) / len(rest))


def _decisiveness(scenario: Scenario, table: Mapping[Profile, tuple], seat: int,
                  sensible: Sequence[str]) -> Decisiveness:
    """Decision effect over the ``sensible`` strategies (best responses): a hopeless line would inflate it."""
    spreads = [0.0]
    if len(sensible) > 1:
        spreads = []
        for q in _others(scenario, seat):
            means = [statistics.fmean(table[_with(q, seat, s)][seat]) for s in sensible]
            spreads.append(max(means) - min(means))
    dice = statistics.fmean(statistics.pstdev(scores[seat]) for scores in table.values())
    required = scenario.balance.decisive is None or scenario.seats[seat] in scenario.balance.decisive
    return Decisiveness(scenario.seats[seat], statistics.fmean(spreads), dice, required)


def _action_use(scenario: Scenario, games: Mapping[tuple[str, str], Sequence[GameResult]]) -> tuple[ActionUse, ...]:
    """Which policies chose each action, from the games in which they played the action's seat."""
    def chosen(index: int) -> tuple[str, ...]:
        seat = scenario.actions[index].actor
        return tuple(policy for (policy, played), results in games.items()
                     if played == seat and any(r.choices[index] for r in results))

    return tuple(ActionUse(action.id, action.actor, chosen(i), scenario.balance.unchosen.get(action.id, ""))
                 for i, action in enumerate(scenario.actions))
