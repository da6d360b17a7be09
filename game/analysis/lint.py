"""Scenario lint: what is probably wrong with a scenario that loads fine.

The loader already refuses everything that is wrong on its face. Lint plays
sampled games (seeds derived as ``simulate`` derives them; in turn all seats
random, all greedy, and, when every seat has strategies, the seats following
their own in rotation, because random play alone rarely reaches the states a
purposeful player heads for) and reports what those
games never showed: actions never legal, events never fired, endings never
reached, variables never changed, objectives that never vary. It reads the
rules for variables nothing reads and for hidden values a seat could infer
(``inference.py``), ``dominance.py`` finds actions never better than
another of the same seat, and ``reasons.py`` checks that the reason shown for
an unavailable action is the part of its condition that fails. Each finding names the line of the rule
it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from attrs import frozen

from game.analysis.discussion import excludes, fits
from game.analysis.dominance import dominance_findings
from game.analysis.fast_games import FastGame, play_fast
from game.analysis.findings import Finding
from game.analysis.inference import inference_findings
from game.analysis.reasons import reason_findings
from game.analysis.simulate import game_seed
from game.engine.adjudication import holds
from game.engine.expressions import Expression
from game.engine.model import Scenario
from game.players import Policy, combinations, get_policy
from game.players.scripted_policy import PREFIX

DEFAULT_RUNS = 200
SAMPLE_POLICIES = ("random", "greedy")


@frozen
class LintReport:
    runs: int
    findings: tuple[Finding, ...]
    """Ordered by line."""


def lint(scenario: Scenario, runs: int = DEFAULT_RUNS, seed: int = 0) -> LintReport:
    kinds = sample_kinds(scenario)
    games = [sampled_game(scenario, game_seed(seed, i), kinds[i % len(kinds)](i // len(kinds)))
             for i in range(runs)]
    fixed = list(_objectives_fixed(scenario, games))
    varying = [seat for seat in scenario.seats if not any(f.subject == seat for f in fixed)]
    # Dominance plays games out with random seats, as these were played: cheap, and the same draws.
    randoms = games[::len(kinds)]
    findings = [
        *_never_legal(scenario, games),
        *_never_fired(scenario, games),
        *_never_reached(scenario, games),
        *_never_changed(scenario, games),
        *_never_read(scenario),
        *fixed,
        *dominance_findings(scenario, randoms, varying),
        *inference_findings(scenario),
        *reason_findings(scenario, games),
        *_questions(scenario, games),
    ]
    return LintReport(runs, tuple(sorted(findings, key=lambda f: f.line)))


def sample_kinds(scenario: Scenario) -> list[Callable[[int], list[Policy]]]:
    """The kinds of sampled game (all random first), each giving the seats' policies for its n-th game."""
    kinds: list[Callable[[int], list[Policy]]] = [
        lambda n, name=name: [get_policy(name)] * len(scenario.seats) for name in SAMPLE_POLICIES]
    if all(scenario.strategies_for(seat) for seat in scenario.seats):
        lines = [scenario.strategies_for(seat) for seat in scenario.seats]
        total = combinations.count(lines)  # never built: ten seats of twelve strategies make 12^10
        kinds.append(lambda n: [get_policy(PREFIX + s.id) for s in combinations.nth(lines, n % total)])
    return kinds


def sampled_game(scenario: Scenario, seed: int, policies: Sequence[Policy]) -> FastGame:
    """A game with seat ``i`` played by ``policies[i]``, every turn's situation traced."""
    return play_fast(scenario, seed, policies, trace=True)


def _games(runs: int) -> str:
    return f"{runs:,} sampled game{'s' if runs != 1 else ''}"


def _never_legal(scenario: Scenario, games: Sequence[FastGame]) -> Iterable[Finding]:
    never = list(scenario.actions)
    for game in games:
        for turn in game.trace:
            env = [turn.turn, *turn.values]
            never = [action for action in never if not holds(action.when, env)]
    for action in never:
        yield Finding(action.line, "never-legal", action.id,
                      f"action {action.id!r} was never legal in {_games(len(games))} "
                      f"(its when: {action.when.text})")


def _never_fired(scenario: Scenario, games: Sequence[FastGame]) -> Iterable[Finding]:
    fired = set().union(*(game.logged for game in games))
    for event in scenario.events:
        if event.id not in fired:
            yield Finding(event.line, "never-fired", event.id,
                          f"event {event.id!r} never fired in {_games(len(games))} "
                          f"(its when: {event.when.text})")


def _never_reached(scenario: Scenario, games: Sequence[FastGame]) -> Iterable[Finding]:
    reached = {game.ending for game in games}
    for ending in scenario.endings:
        if ending.id not in reached:
            yield Finding(ending.line, "never-reached", ending.id,
                          f"ending {ending.id!r} was never reached in {_games(len(games))} "
                          f"(its when: {ending.when.text})")


def _never_changed(scenario: Scenario, games: Sequence[FastGame]) -> Iterable[Finding]:
    initial = tuple(v.initial for v in scenario.variables)
    changed = {i for game in games for values in (*(turn.values for turn in game.trace), game.values)
               for i, value in enumerate(values) if value != initial[i]}
    for i, variable in enumerate(scenario.variables):
        if i not in changed:
            yield Finding(variable.line, "never-changed", variable.name,
                          f"variable {variable.name!r} kept its initial value {variable.initial!r} "
                          f"in {_games(len(games))}")


def _never_read(scenario: Scenario) -> Iterable[Finding]:
    read = set().union(*(expression.reads for expression in rule_expressions(scenario)))
    for variable in scenario.variables:
        if variable.name not in read:
            yield Finding(variable.line, "never-read", variable.name,
                          f"variable {variable.name!r} is never read by a condition, chance, effect, "
                          "objective or ending, so it changes nothing in the game")


def rule_expressions(scenario: Scenario) -> Iterable[Expression]:
    """Every expression the rules evaluate (an effect's own target is not a read of it)."""
    for rule in (*scenario.actions, *scenario.events):
        yield from (e for e in (rule.when, rule.chance) if e is not None)
        yield from (effect.expression for effect in rule.effects)
        yield from (effect.expression for effect in getattr(rule, "fail_effects", ()))
    yield from (ending.when for ending in scenario.endings)
    yield from (objective.score for objective in scenario.objectives.values())
    if scenario.map is not None:
        yield from (p.status for p in scenario.map.places if p.status is not None)
        yield from (r.when for r in scenario.map.routes if r.when is not None)


def _objectives_fixed(scenario: Scenario, games: Sequence[FastGame]) -> Iterable[Finding]:
    finals = [dict(zip(scenario.seats, game.scores)) for game in games]
    for seat in scenario.seats:
        objective = scenario.objectives.get(seat)
        if objective is None:
            yield Finding(1, "no-objective", seat, f"seat {seat!r} has no objective, so it always scores 0")
        elif len({final[seat] for final in finals}) == 1:
            yield Finding(objective.line, "objective-fixed", seat,
                          f"the objective of {seat!r} ended at {finals[0][seat]} in every one of "
                          f"{_games(len(games))}, so its choices never mattered")


def _after_each_turn(game: FastGame) -> list[list]:
    """The environment after each turn of a traced game (the state before the next, then the last)."""
    return [[turn.turn, *turn.values] for turn in game.trace[1:]] + [[game.turns + 1, *game.values]]


def _questions(scenario: Scenario, games: Sequence[FastGame]) -> Iterable[Finding]:
    """Questions whose condition no sampled game met, and pairs declared to presume opposite things that
    sampled games made pertinent together (the debrief then asks only the first: the author should know)."""
    questions = scenario.questions
    if not questions:
        return
    fitted = [{q.line for q in questions if fits(q, _after_each_turn(game))} for game in games]
    for question in questions:
        if question.when is not None and not any(question.line in lines for lines in fitted):
            yield Finding(question.line, "never-asked", question.id or question.text[:40],
                          f"question {question.id or question.text[:40]!r} fitted none of {_games(len(games))} "
                          f"(its when: {question.when.text}{', at any turn' if question.during else ', at the end'})")
    for index, one in enumerate(questions):
        for other in questions[index + 1:]:
            if not excludes(one, other):
                continue
            both = sum(one.line in lines and other.line in lines for lines in fitted)
            if both:
                yield Finding(other.line, "questions-clash", other.id,
                              f"questions {one.id!r} and {other.id!r} presume opposite things but both fitted "
                              f"{both} of {_games(len(games))}: the debrief then asks only {one.id!r}; make "
                              "their conditions exclude each other")
