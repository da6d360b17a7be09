"""Scenario lint: what is probably wrong with a scenario that loads fine.

The loader already refuses everything that is wrong on its face. Lint plays
sampled games (seeds derived as ``simulate`` derives them; in turn all seats
random, all greedy, and, when the scenario has strategies, every seat following
one of its own in rotation, because random play alone rarely reaches the
states a purposeful player heads for) and reports what those
games never showed: actions never legal, events never fired, endings never
reached, variables never changed, objectives that never vary. It reads the
rules for variables nothing reads, and ``dominance.py`` finds actions never
better than another of the same seat. Each finding names the line of the rule
it is about.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence

from attrs import frozen

from game.analysis.dominance import dominance_findings
from game.analysis.findings import Finding
from game.analysis.simulate import game_seed
from game.engine.adjudication import legal_actions
from game.engine.expressions import Expression
from game.engine.log import ENDING, EVENT
from game.engine.model import Scenario
from game.players.scripted_policy import PREFIX
from game.session import Session

DEFAULT_RUNS = 200
SAMPLE_POLICIES = ("random", "greedy")
"""Every seat plays one of these in a sampled game; with strategies, a third kind of game follows them."""


@frozen
class LintReport:
    runs: int
    findings: tuple[Finding, ...]
    """Ordered by line."""


def lint(scenario: Scenario, runs: int = DEFAULT_RUNS, seed: int = 0) -> LintReport:
    kinds = sample_controllers(scenario)
    sessions = [sampled_game(scenario, game_seed(seed, i), kinds[i % len(kinds)](i // len(kinds)))
                for i in range(runs)]
    fixed = list(_objectives_fixed(scenario, sessions))
    varying = [seat for seat in scenario.seats if not any(f.subject == seat for f in fixed)]
    findings = [
        *_never_legal(scenario, sessions),
        *_never_fired(scenario, sessions),
        *_never_reached(scenario, sessions),
        *_never_changed(scenario, sessions),
        *_never_read(scenario),
        *fixed,
        *dominance_findings(scenario, [s for s in sessions if _all_random(s)], varying),
    ]
    return LintReport(runs, tuple(sorted(findings, key=lambda f: f.line)))


def sample_controllers(scenario: Scenario) -> list[Callable[[int], dict[str, str]]]:
    """The kinds of sampled game, each giving the seats' controllers for its n-th game."""
    kinds: list[Callable[[int], dict[str, str]]] = [
        lambda n, policy=policy: dict.fromkeys(scenario.seats, policy) for policy in SAMPLE_POLICIES]
    if all(scenario.strategies_for(seat) for seat in scenario.seats):
        profiles = list(itertools.product(*(scenario.strategies_for(seat) for seat in scenario.seats)))
        kinds.append(lambda n: {s.seat: PREFIX + s.id for s in profiles[n % len(profiles)]})
    return kinds


def sampled_game(scenario: Scenario, seed: int, controllers: dict[str, str]) -> Session:
    session = Session(scenario, seed, controllers)
    session.play_to_end()
    return session


def _all_random(session: Session) -> bool:
    """Dominance plays games out with random seats, as these were played: cheap, and the same draws."""
    return set(session.controllers.values()) == {"random"}


def _games(runs: int) -> str:
    return f"{runs:,} sampled game{'s' if runs != 1 else ''}"


def _never_legal(scenario: Scenario, sessions: Sequence[Session]) -> Iterable[Finding]:
    legal = {action.id for session in sessions for state in session.states
             for seat in scenario.seats for action in legal_actions(scenario, state, seat)}
    for action in scenario.actions:
        if action.id not in legal:
            yield Finding(action.line, "never-legal", action.id,
                          f"action {action.id!r} was never legal in {_games(len(sessions))} "
                          f"(its when: {action.when.text})")


def _happened(sessions: Sequence[Session], kind: str) -> set[str]:
    return {entry.rule for session in sessions for entry in session.entries() if entry.kind == kind}


def _never_fired(scenario: Scenario, sessions: Sequence[Session]) -> Iterable[Finding]:
    fired = _happened(sessions, EVENT)
    for event in scenario.events:
        if event.id not in fired:
            yield Finding(event.line, "never-fired", event.id,
                          f"event {event.id!r} never fired in {_games(len(sessions))} "
                          f"(its when: {event.when.text})")


def _never_reached(scenario: Scenario, sessions: Sequence[Session]) -> Iterable[Finding]:
    reached = _happened(sessions, ENDING)
    for ending in scenario.endings:
        if ending.id not in reached:
            yield Finding(ending.line, "never-reached", ending.id,
                          f"ending {ending.id!r} was never reached in {_games(len(sessions))} "
                          f"(its when: {ending.when.text})")


def _never_changed(scenario: Scenario, sessions: Sequence[Session]) -> Iterable[Finding]:
    initial = sessions[0].states[0].values
    changed = {i for session in sessions for state in session.states
               for i, value in enumerate(state.values) if value != initial[i]}
    for i, variable in enumerate(scenario.variables):
        if i not in changed:
            yield Finding(variable.line, "never-changed", variable.name,
                          f"variable {variable.name!r} kept its initial value {variable.initial!r} "
                          f"in {_games(len(sessions))}")


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


def _objectives_fixed(scenario: Scenario, sessions: Sequence[Session]) -> Iterable[Finding]:
    finals = [session.scores() for session in sessions]
    for seat in scenario.seats:
        objective = scenario.objectives.get(seat)
        if objective is None:
            yield Finding(1, "no-objective", seat, f"seat {seat!r} has no objective, so it always scores 0")
        elif len({final[seat] for final in finals}) == 1:
            yield Finding(objective.line, "objective-fixed", seat,
                          f"the objective of {seat!r} ended at {finals[0][seat]} in every one of "
                          f"{_games(len(sessions))}, so its choices never mattered")
