"""The ``balance`` report as aligned plain text: one table per target, then what is not met."""

from __future__ import annotations

import statistics

from game.analysis.balance import MIN_RESPONSES, BalanceReport, Profile
from game.cli.table import format_table, shorten
from game.engine.model import Scenario

LABEL_WIDTH = 44


def format_balance(scenario: Scenario, report: BalanceReport) -> list[str]:
    lines = [f"Balance of {scenario.title} ({scenario.id}) \u00b7 {len(report.profiles)} matchups of strategies "
             f"\u00d7 {report.runs:,} games \u00b7 seed {report.seed}", ""]
    for seat in scenario.seats:
        lines += _strategies(scenario, report, seat) + [""]
    lines += _influences(scenario, report) + [""] + _decisiveness(scenario, report) + [""]
    lines += _actions(scenario, report) + [""]
    if report.lines:
        lines += _lines(scenario, report) + [""]
    if scenario.balance.outcomes:
        lines += _outcomes(scenario, report) + [""]
    findings = report.findings()
    if findings:
        lines += [f"Targets not met ({len(findings)}):", *(f"- {finding}" for finding in findings)]
    else:
        lines.append("Every target is met.")
    return lines


def _strategies(scenario: Scenario, report: BalanceReport, seat: str) -> list[str]:
    index = scenario.seats.index(seat)
    rows = []
    for response in (r for r in report.responses if r.seat == seat):
        mean = statistics.fmean(m[index] for p, m in zip(report.profiles, report.means)
                                if p[index] == response.strategy)
        if response.margin is None:
            verdict, against = "only strategy", ""
        else:
            verdict = (f"{'best' if response.best else 'not best'} by {response.margin:+.2f} "
                       f"\u00b1 {response.se:.2f} over {response.rival}")
            against = _mix(scenario, response.mix) if response.best else ""
        rows.append((shorten(f"{response.strategy}: {scenario.strategy(response.strategy).label}", LABEL_WIDTH),
                     f"{mean:.2f}", verdict, against))
    best = sum(r.best for r in report.responses if r.seat == seat)
    headers = (f"{scenario.actor_name(seat)}: strategies ({best} best responses; target {MIN_RESPONSES})",
               "mean", "against its most favourable mix", "that mix")
    return format_table(headers, rows, "<><<")


def _mix(scenario: Scenario, mix: tuple[tuple[Profile, float], ...]) -> str:
    """The heaviest parts of a mix, e.g. ``russia:host+china:oppose 70%``."""
    parts = sorted(mix, key=lambda item: -item[1])[:2]
    text = ", ".join("+".join(f"{scenario.seats[i]}:{sid}" for i, sid in enumerate(profile) if sid is not None)
                     + f" {weight:.0%}" for profile, weight in parts)
    return text + (", \u2026" if len(mix) > 2 else "")


def _influences(scenario: Scenario, report: BalanceReport) -> list[str]:
    rows = [(scenario.actor_name(i.seat), scenario.actor_name(i.other), f"{i.effect:.2f}", f"{i.se:.2f}",
             "yes" if i.measurable else "NO") for i in report.influences]
    return format_table(("Whose strategy", "moves whose mean score", "by", "\u00b1", "measurable"), rows, "<<>>>")


def _decisiveness(scenario: Scenario, report: BalanceReport) -> list[str]:
    rows = [(scenario.actor_name(d.seat), f"{d.decision:.2f}", f"{d.dice:.2f}",
             ("yes" if d.met else "NO") + ("" if d.required else " (not required)")) for d in report.decisiveness]
    return format_table(("Decisions against dice", "strategy spread", "dice sd", "decisions weigh more"),
                        rows, "<>><")


def _actions(scenario: Scenario, report: BalanceReport) -> list[str]:
    policies = ", ".join(report.policies)
    if not report.policy_runs:
        return [f"Actions chosen by {policies}: not checked (--policy-runs 0)."]
    idle = [a for a in report.actions if not a.chosen_by]
    head = (f"Actions no computer policy chose ({policies}; {report.policy_runs:,} games in each seat "
            f"against the others' strategies): {len(idle)}")
    rows = [(shorten(f"{a.action}: {scenario.action(a.action).label}", LABEL_WIDTH),
             a.reason or "NO REASON GIVEN in [balance.unchosen]") for a in idle]
    return [head, *format_table(("action", "why"), rows, "<<")[1:]] if rows else [head]


def _lines(scenario: Scenario, report: BalanceReport) -> list[str]:
    rows = []
    for line in report.lines:
        asked = [part for part, wanted in (("best response somewhere", line.need_best_response),
                                           (f"within {line.within:g} of the best" if line.within is not None else "",
                                            line.within is not None)) if wanted]
        rows.append((shorten(f"{line.strategy}: {scenario.strategy(line.strategy).label}", LABEL_WIDTH),
                     " and ".join(asked), "yes" if line.best_response else "no",
                     f"{line.gap:.2f} below {line.best_strategy}" if line.gap > 0 else "the best",
                     "yes" if line.met else "NO"))
    return format_table(("Lines the scenario asks for", "target", "best response", "on average", "met"),
                        rows, "<<<<<")


def _outcomes(scenario: Scenario, report: BalanceReport) -> list[str]:
    rows = []
    for target in scenario.balance.outcomes:
        results = [r for r in report.outcomes if r.id == target.id]
        if not results:
            rows.append((shorten(target.label, LABEL_WIDTH), ", ".join(target.players), "", "not played",
                         target.bounds, "not checked"))
        for result in results:
            who = result.players if result.played_by == result.players else \
                f"{result.players} (played by {result.played_by})"
            games = f"{result.happened} of {result.games}" + (f" where {result.given} chosen" if result.given else "")
            rows.append((shorten(target.label, LABEL_WIDTH), who, games,
                         f"{result.share:.0%}" if result.games else "-", result.bounds,
                         "yes" if result.met else "NO"))
    runs = f"; policies in every seat: {report.outcome_runs:,} games each" if report.outcome_runs else \
        "; policies in every seat: not played (--outcome-runs 0)"
    head = f"Outcomes the scenario bounds (strategies: every matchup{runs})"
    return [head, *format_table(("outcome", "games of", "happened in", "share", "target", "met"),
                                rows, "<<>><<")]
