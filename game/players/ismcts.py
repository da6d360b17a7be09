"""Information-set Monte Carlo tree search for one seat, from what that seat knows only.

The seat cannot see the true state, so every imagined game starts from a
*determinization* drawn from its belief (``beliefs.py``): a whole state that
agrees with everything the seat knows, with fresh dice, and a plan for each
other seat (one of its strategies, or random play) that the imagined history
behind the state supports. The search then goes in three steps:

1. **How to play on.** A quarter of the budget plays each of the seat's own
   strategies from now to the end in the same worlds; the best becomes the
   seat's default play below the tree.
2. **Which move now.** The rest compares the legal moves by sequential halving
   over fresh worlds, every surviving move played in every world of a round
   (common random numbers: the dice are a function of seed, turn and rule, so
   two moves played in one world meet the same luck). Below the root the seat's
   later moves grow a tree keyed by its own sequence of moves ("open loop":
   turns are simultaneous and the others' moves and the dice are drawn anew),
   where a node plays the default until its visits earn it a wider choice
   (progressive widening, UCB1 among the moves it has widened to, counting a
   move's availability as information-set search must).
3. **Aggregate.** The default's own move is kept unless another beat it by
   ``CONFIDENCE`` standard errors over the worlds both were played in.

Imagined turns resolve on the engine's fast path (``fastpath.next_state``),
the same resolution as a played turn without its log. All randomness comes
from ``rng``, so the same knowledge and roll give the same choice.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Mapping, Sequence

from game.engine.fastpath import Keys, fast_form, next_state
from game.engine.model import Scenario, Strategy
from game.engine.state import GameState
from game.engine.views import Knowledge
from game.players.beliefs import Belief
from game.players.playout import Plan, legal_ids, plan_order
from game.players.scripted_policy import scripted_choice

EXPLORATION = 0.7
"""UCB1's constant, for rewards scaled to 0..1."""
CONFIDENCE = 1.0
"""Standard errors by which another action must beat the best strategy's own move to replace it."""
MAX_ARMS = 48
"""Most of a seat's actions one decision compares (the plan's own move always among them): with
thousands of legal actions, comparing each in even one imagined world would cost thousands of games
whatever the budget; beyond this many, a sample drawn from ``rng`` is compared, so the work per
decision stays within the budget's games however many actions a seat has."""
WIDENING = 4
"""A node below the root considers a second action after this many visits, a third after four
times as many, and so on: exploring early would make the actions that keep options open look
worse than those that close them, since their subtrees try the bad options too."""


class _Scale:
    """The range of final scores seen so far in one search, to put rewards on 0..1 for UCB1."""

    __slots__ = ("low", "high")

    def __init__(self) -> None:
        self.low, self.high = math.inf, -math.inf

    def add(self, score: float) -> None:
        self.low, self.high = min(self.low, score), max(self.high, score)

    def normal(self, score: float) -> float:
        return 0.5 if self.high <= self.low else (score - self.low) / (self.high - self.low)


class _Node:
    """One of the seat's own action sequences: per action, visits, total reward and availability."""

    __slots__ = ("visits", "reward", "available", "children")

    def __init__(self) -> None:
        self.visits: dict[str, int] = {}
        self.reward: dict[str, float] = {}
        self.available: dict[str, int] = {}
        self.children: dict[str, _Node] = {}

    def select(self, legal: Sequence[str], default: str, scale: _Scale) -> str:
        """UCB1 among the actions this node has widened to: first ``default`` (the seat's plan),
        then one more in file order as its visits grow (progressive widening, ``WIDENING``), so a young
        node plays the plan instead of trying actions at random."""
        for action in legal:
            self.available[action] = self.available.get(action, 0) + 1
        width = 1 + math.isqrt(sum(self.visits.values()) // WIDENING)
        candidates = [default, *(a for a in legal if a != default)][:width]
        untried = [a for a in candidates if a not in self.visits]
        if untried:
            return untried[0]
        return max(candidates, key=lambda a: scale.normal(self.reward[a] / self.visits[a])
                   + EXPLORATION * math.sqrt(math.log(self.available[a]) / self.visits[a]))

    def update(self, action: str, reward: float) -> None:
        self.visits[action] = self.visits.get(action, 0) + 1
        self.reward[action] = self.reward.get(action, 0.0) + reward


def search(scenario: Scenario, knowledge: Knowledge, iterations: int, rng: random.Random) -> str:
    """The action the search prefers for ``knowledge.seat`` after about ``iterations`` imagined games.

    The root is the seat's information set. A quarter of the budget finds how
    the seat should play on below the tree (``_best_strategy``); the rest
    compares the legal actions by sequential halving: each round imagines fresh
    worlds (a determinization, its future dice and the others' plans) and plays
    *every* surviving action in each of them, then keeps the better half.
    Playing the rivals in the same worlds makes their comparison paired (common
    random numbers: the dice are a function of seed, turn and rule), far less
    noisy than the scores themselves. The strategy's own move always survives,
    and another replaces it only if it does better by ``CONFIDENCE`` standard
    errors over the same worlds: the planner improves on its best line where
    it can tell, and plays that line where it cannot.
    """
    seat = knowledge.seat
    arms = [action.id for action in knowledge.legal]
    if len(arms) == 1:
        return arms[0]
    belief = Belief(scenario, knowledge)
    own = _best_strategy(scenario, seat, belief, iterations // 4, rng)
    default = scripted_choice(scenario, own, knowledge) if own else arms[0]
    if len(arms) > MAX_ARMS:
        drawn = set(rng.sample([a for a in arms if a != default], MAX_ARMS - 1))
        arms = [a for a in arms if a == default or a in drawn]
    results = _halving(scenario, seat, arms, default, belief, iterations - iterations // 4, own, rng)
    rivals = [a for a in results if a != default]
    if not rivals:
        return default
    best = max(rivals, key=lambda a: (statistics.fmean(results[a].values()), -arms.index(a)))
    return best if _clearly_better(results[best], results[default]) else default


def _clearly_better(scores: Mapping[int, float], baseline: Mapping[int, float]) -> bool:
    """Whether ``scores`` beat ``baseline`` by ``CONFIDENCE`` standard errors over their common worlds."""
    differences = [scores[w] - baseline[w] for w in scores if w in baseline]
    if len(differences) < 2:
        return False
    mean, sd = statistics.fmean(differences), statistics.stdev(differences)
    return mean > 0 and mean > CONFIDENCE * sd / math.sqrt(len(differences))


def _best_strategy(scenario: Scenario, seat: str, belief: Belief, iterations: int,
                   rng: random.Random) -> Strategy | None:
    """How the seat will play on below the tree: the strategy of its own whose imagined games,
    played from now on in the same worlds, end best. A continuation drawn at random would make
    every first move look as bad as the worst line that may follow it."""
    own = scenario.strategies_for(seat)
    if len(own) <= 1:
        return own[0] if own else None
    totals = dict.fromkeys(own, 0.0)
    for _ in range(max(1, iterations // len(own))):
        world, theirs = belief.sample(rng)
        for strategy in own:
            plan = {**theirs, seat: strategy}
            first = plan_order(scenario, [world.turn, *world.values], seat, strategy, rng)
            totals[strategy] += _imagine(scenario, seat, _Node(), first, world, plan, rng, _Scale())
    return max(own, key=lambda s: (totals[s], -own.index(s)))


def _halving(scenario: Scenario, seat: str, arms: list[str], default: str, belief: Belief, iterations: int,
             own: Strategy | None, rng: random.Random) -> dict[str, dict[int, float]]:
    """Sequential halving of ``arms`` (``default`` is never dropped) over about ``iterations``
    imagined games: each surviving arm's score in each world it was played in."""
    root, scale = _Node(), _Scale()
    results: dict[str, dict[int, float]] = {arm: {} for arm in arms}
    rounds = max(1, math.ceil(math.log2(len(arms))))
    world_index = 0
    for _ in range(rounds):
        for _ in range(max(1, iterations // (rounds * len(arms)))):
            world, theirs = belief.sample(rng)
            plan = {**theirs, seat: own}
            for arm in arms:
                results[arm][world_index] = _imagine(scenario, seat, root, arm, world, plan, rng, scale)
            world_index += 1
        if len(arms) <= 2:
            break
        ranked = sorted(arms, key=lambda a: -statistics.fmean(results[a].values()))
        arms = list(dict.fromkeys([default, *ranked[:max(1, len(arms) // 2)]]))
    return {arm: results[arm] for arm in arms}


def _imagine(scenario: Scenario, seat: str, root: _Node, first: str, state: GameState, plan: Plan,
             rng: random.Random, scale: _Scale) -> float:
    """One imagined game from ``state`` with ``first`` as the seat's action now; backs up its score."""
    path: list[tuple[_Node, str]] = [(root, first)]
    node = root.children.setdefault(first, _Node())
    action = first
    fast = fast_form(scenario)
    keys = Keys(state.seed, fast)
    env = [state.turn, *state.values]
    while True:
        orders = [action if other == seat else plan_order(scenario, env, other, plan[other], rng)
                  for other in scenario.seats]
        state = next_state(fast, state, orders, keys)
        env = [state.turn, *state.values]
        if state.over:
            break
        action = plan_order(scenario, env, seat, plan[seat], rng)
        if node is not None:
            legal = legal_ids(scenario, env, seat)
            if len(legal) > MAX_ARMS:  # a node widens to a few actions: count the first ones, and the plan's
                legal = [*legal[:MAX_ARMS - 1], action] if action not in legal[:MAX_ARMS - 1] else legal[:MAX_ARMS]
            action = node.select(legal, action, scale)
            path.append((node, action))
            child = node.children.get(action)
            if child is None:
                node.children[action] = _Node()  # grow by one node per game; below it, play the plan
            node = child
    score = float(fast.score[scenario.seats.index(seat)](env))
    scale.add(score)
    for visited, chosen in path:
        visited.update(chosen, score)
    return score
