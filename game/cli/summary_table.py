"""The ``simulate`` table: a :class:`~game.analysis.summary.Summary` as aligned plain text."""

from __future__ import annotations

from game.analysis.summary import Summary
from game.cli.table import format_table, shorten
from game.presentation.words import format_score

LABEL_WIDTH = 52


def format_summary(summary: Summary) -> list[str]:
    seats = " \u00b7 ".join(f"{s.name}: {s.policy}" for s in summary.seats)
    lines = [f"{summary.title} ({summary.scenario}) \u00b7 {summary.runs:,} games \u00b7 seed {summary.seed}",
             f"Seats: {seats}", ""]
    lines += _endings(summary) + [""] + _scores(summary)
    for seat in summary.seats:
        lines += [""] + _actions(summary, seat.seat, seat.name)
    return lines


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%"


def _number(value: float | None) -> str:
    return "\u2013" if value is None else f"{value:.2f}"


def _endings(summary: Summary) -> list[str]:
    rows = [(shorten(e.text, LABEL_WIDTH), f"{e.games:,}", _share(e.games, summary.runs))
            for e in summary.endings]
    return format_table(("Endings", "games", "share"), rows, "<>>")


def _scores(summary: Summary) -> list[str]:
    headers = ("Final scores (higher is better)", "mean", "sd", "min", "q1", "median", "q3", "max")
    rows = []
    for seat in summary.seats:
        s = seat.stats
        rows.append((seat.name, f"{s.mean:.2f}", f"{s.sd:.2f}",
                     *(format_score(v) for v in (s.low, s.q1, s.median, s.q3, s.high))))
    return format_table(headers, rows, "<>>>>>>>")


def _actions(summary: Summary, seat: str, name: str) -> list[str]:
    headers = (f"{name}: actions", "chosen in", "per game", "score if chosen", "if not")
    rows = [(shorten(a.label, LABEL_WIDTH), _share(a.games, summary.runs), f"{a.times / summary.runs:.2f}",
             _number(a.mean_score), _number(a.mean_score_without))
            for a in summary.actions if a.seat == seat]
    return format_table(headers, rows, "<>>>>")
