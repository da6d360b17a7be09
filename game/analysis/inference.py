"""Where a seat could work out a hidden value from what it is shown.

Views cut hidden variables out of everything a seat sees, but a visible
change can still give one away: "Congressional support 6 → 4" after an
effect ``congress_support -= undisclosed`` tells every seat that sees the
track that ``undisclosed`` was 2. This module reads the rules (no game is
played) and finds each place where that can happen:

- an effect on a variable the seat sees whose amount reads a variable it
  does not see (the size of the change betrays it);
- a rule the seat can see happen (its log entry, or a change to a variable
  the seat sees) whose ``when`` reads a variable the seat does not see (that
  it happened at all betrays the condition). A seat's own actions never do:
  the loader lets their ``when`` read only what the seat sees.

Two things are left out on purpose: a ``chance`` that reads hidden values
(the seat is shown "chance unknown"; success or failure is one draw, evidence
but no value), and endings (the game is over, and the debrief shows
everything).

Some inferences are intended: a real observer would draw them too. A rule
declares them with ``reveals = ["variable", ...]`` (docs/scenario-format.md),
and they are not reported; a declaration that no seat needs is.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.analysis.findings import Finding
from game.engine.expressions import Effect
from game.engine.model import PRIVATE, Action, Event, Scenario

Rule = Action | Event


def inference_findings(scenario: Scenario) -> list[Finding]:
    """Every undeclared inference of a hidden value, and every declaration that is not needed."""
    findings = []
    for rule in (*scenario.actions, *scenario.events):
        inferred: set[str] = set()
        for line, source, by_seat in _inferences(scenario, rule):
            inferred |= set().union(*by_seat.values())
            undeclared = {seat: names - rule.reveals for seat, names in by_seat.items() if names - rule.reveals}
            if undeclared:
                findings.append(_finding(rule, line, source, undeclared))
        needless = sorted(rule.reveals - inferred)
        if needless:
            names = ", ".join(map(repr, needless))
            findings.append(Finding(rule.line, "unneeded-reveal", rule.id,
                                    f"{_what(rule)} declares that it reveals {names}, but no seat could infer "
                                    f"{names} from it (take {'it' if len(needless) == 1 else 'them'} out of "
                                    "its reveals)"))
    return findings


def _inferences(scenario: Scenario, rule: Rule) -> Iterable[tuple[int, str, dict[str, set[str]]]]:
    """(line, what gives it away, {seat: hidden names it could infer}) for each place in ``rule``."""
    effects: tuple[Effect, ...] = (*rule.effects, *getattr(rule, "fail_effects", ()))
    for effect in effects:
        by_seat = {seat: set(effect.expression.reads - scenario.visible_names(seat)) for seat in scenario.seats
                   if effect.target in scenario.visible_names(seat)}
        yield effect.line or rule.line, f"the change {effect.text!r} makes", by_seat
    actor = getattr(rule, "actor", None)
    by_seat = {seat: set(rule.when.reads - scenario.visible_names(seat)) for seat in scenario.seats
               if rule.when is not None and seat != actor and _seen_happening(scenario, rule, effects, seat)}
    yield rule.line, f"seeing it happen (its when: {rule.when.text if rule.when else ''!r})", by_seat


def _seen_happening(scenario: Scenario, rule: Rule, effects: tuple[Effect, ...], seat: str) -> bool:
    """Whether ``seat`` learns that ``rule`` took effect: from its log entry or from a change it sees."""
    if isinstance(rule, Action):
        logged = rule.visibility != PRIVATE
    else:
        logged = rule.visible_to is None or seat in rule.visible_to
    return logged or any(effect.target in scenario.visible_names(seat) for effect in effects)


def _finding(rule: Rule, line: int, source: str, by_seat: dict[str, set[str]]) -> Finding:
    seats = sorted(by_seat)
    names = sorted(set().union(*by_seat.values()))
    could = f"{', '.join(seats)} could infer {', '.join(map(repr, names))}"
    if any(by_seat[seat] != set(names) for seat in seats):
        could += " (" + "; ".join(f"{seat}: {', '.join(sorted(by_seat[seat]))}" for seat in seats) + ")"
    declare = ", ".join(f'"{name}"' for name in names)
    return Finding(line, "inference", rule.id,
                   f"{could}, hidden from {'it' if len(seats) == 1 else 'them'}, from {source} in {_what(rule)} "
                   f"(show the variable, or add reveals = [{declare}] if a real actor could infer it)")


def _what(rule: Rule) -> str:
    return f"{'action' if isinstance(rule, Action) else 'event'} {rule.id!r}"
