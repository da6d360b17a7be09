"""The class debrief: many tables of one scenario side by side (``wargame report SAVE SAVE...``).

A teacher who ran ten tables wants the room's story, not ten debriefs: how
each table went (its decisions in one line, its ending), where the tables
parted (the first turn and seat at which their decisions differed, and for
each table the one it stayed with longest), how their endings and the
scenario's record (``[[class.record]]``) compare with simulated games, the
decisions whose counterfactual effects (``effects.py``: the turn played again
with the seat holding) most separated good outcomes from bad, summed across
tables, each seat's beliefs beside the truth, and the discussion questions
that fit most tables.

Every part is computed from each table's :class:`~game.analysis.debrief.Analysis`
(the one-game debrief's own), so a table's numbers here are the ones its own
debrief gives. The tables must be games of one scenario, the same text: the
caller (``cli/report.py``) refuses anything else in one line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from attrs import frozen

from game.analysis.debrief import Analysis
from game.analysis.discussion import ending_text
from game.analysis.markdown import escape
from game.analysis.summary import TIME_UP, Summary
from game.engine.adjudication import environment, scores
from game.engine.model import RecordLine, Scenario
from game.session import Session

DECISIONS = 5
"""The decisions that separated outcomes, most first."""
QUESTIONS = 5
"""The questions for the room."""


@frozen
class Table:
    """One table of the class: its save's name, its game and that game's debrief."""

    label: str
    """How the room knows it: the game's name ("Table 3"), else its file's name."""
    source: str
    """The save it was read from."""
    analysis: Analysis
    record: tuple[bool, ...]
    """For each ``[[class.record]]`` line: whether this table went as the record did."""

    @property
    def session(self) -> Session:
        return self.analysis.session

    @property
    def outcome(self) -> str | None:
        """Its ending's id ("" for the last turn played out); None while it goes on."""
        state = self.session.state
        return (state.ending or TIME_UP) if state.over else None


@frozen
class Point:
    """A decision of the game: turn and seat."""

    turn: int
    seat: str


@frozen
class Parting:
    """Where tables' decisions first differed: the turn, the seat, and which tables chose what."""

    point: Point
    choices: tuple[tuple[str, tuple[int, ...]], ...]
    """(action id, the tables that chose it, by index), most chosen first."""


@frozen
class Nearest:
    """The other table a table's decisions followed longest, and where they parted (None: never)."""

    other: int
    point: Point | None
    mine: str = ""
    theirs: str = ""


@frozen
class Decision:
    """One seat's action, and what it did across the tables: its effects on its own seat's score summed."""

    seat: str
    action: str
    times: int
    tables: int
    own: float
    """The seat's score at the end of each turn it was chosen, minus what holding would have given: summed."""
    endings_changed: int


@frozen
class BeliefAcross:
    seat: str
    prompt: str
    answers: tuple[tuple[str, int], ...]
    """(choice's text, or "" for no answer; how many tables), most first."""
    right: int
    judged: int
    """Tables at which both an answer and the truth are known."""
    truths: tuple[tuple[str, int], ...]


@frozen
class ClassDebrief:
    scenario: Scenario
    tables: tuple[Table, ...]
    parting: Parting | None
    nearest: tuple[Nearest | None, ...]
    simulation: Summary | None
    simulated_record: tuple[float, ...] | None
    """For each ``[[class.record]]`` line, the share of simulated games that went so (None: no simulation)."""
    decisions: tuple[Decision, ...]
    beliefs: tuple[BeliefAcross, ...]
    questions: tuple[tuple[str, int], ...]
    """(question, how many tables it was asked for), most first."""


def judged(line: RecordLine, session: Session) -> bool:
    """Whether a game went as a ``[[class.record]]`` line says: at the end, after every turn, or after some."""
    after = [environment(state) for state in session.states[1:]] or [environment(session.initial)]
    if line.held == "end":
        return bool(line.when.evaluate(after[-1]))
    held = [bool(line.when.evaluate(env)) for env in after]
    return all(held) if line.held == "always" else any(held)


def class_debrief(tables: Sequence[tuple[str, str, Analysis]], simulation: Summary | None = None,
                  simulated_record: Sequence[float] | None = None) -> ClassDebrief:
    """The class debrief of ``tables`` ((label, source, analysis) each, one scenario), with the simulation;
    the tables in their labels' order ("Table 2" before "Table 10")."""
    scenario = tables[0][2].session.scenario
    made = tuple(Table(label, source, analysis, tuple(judged(line, analysis.session)
                                                      for line in scenario.classroom.record))
                 for label, source, analysis in tables)
    made = tuple(sorted(made, key=lambda table: _natural(table.label)))
    paths = [_decisions(table.session) for table in made]
    return ClassDebrief(scenario, made, _parting(paths), tuple(_nearest(paths, i) for i in range(len(paths))),
                        simulation, tuple(simulated_record) if simulated_record is not None else None,
                        tuple(_separating(made)), tuple(_beliefs(made)), tuple(_questions(made)))


def _natural(label: str) -> list:
    """"Table 2" before "Table 10": the label's runs of digits compared as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", label) if part]


def _decisions(session: Session) -> list[tuple[Point, str]]:
    """Every decision of the game, in turn and seat order."""
    seats = session.scenario.seats
    out = []
    for record in session.turns:
        chosen = {order.seat: order.action for order in record.orders}
        out += [(Point(record.turn, seat), chosen.get(seat, session.scenario.hold(seat).id)) for seat in seats]
    return out


def _parting(paths: list[list[tuple[Point, str]]]) -> Parting | None:
    if len(paths) < 2:
        return None
    for index in range(min(len(path) for path in paths)):
        chosen: dict[str, list[int]] = {}
        for table, path in enumerate(paths):
            chosen.setdefault(path[index][1], []).append(table)
        if len(chosen) > 1:
            ordered = sorted(chosen.items(), key=lambda item: (-len(item[1]), item[1][0]))
            return Parting(paths[0][index][0], tuple((action, tuple(who)) for action, who in ordered))
    return None


def _nearest(paths: list[list[tuple[Point, str]]], me: int) -> Nearest | None:
    best: Nearest | None = None
    best_at = -1
    for other, path in enumerate(paths):
        if other == me:
            continue
        mine = paths[me]
        at = next((i for i in range(min(len(mine), len(path))) if mine[i][1] != path[i][1]), None)
        reach = len(mine) + len(path) if at is None else at
        if reach > best_at:
            best_at = reach
            best = (Nearest(other, None) if at is None else
                    Nearest(other, mine[at][0], mine[at][1], path[at][1]))
    return best


def _separating(tables: Sequence[Table]) -> list[Decision]:
    sums: dict[tuple[str, str], list[float]] = {}
    where: dict[tuple[str, str], set[int]] = {}
    changed: Counter[tuple[str, str]] = Counter()
    for index, table in enumerate(tables):
        for effect in table.analysis.effects:
            if effect.act is not None:
                continue
            key = (effect.seat, effect.action)
            sums.setdefault(key, []).append(effect.delta.get(effect.seat, 0.0))
            where.setdefault(key, set()).add(index)
            changed[key] += effect.ending_changed
    rows = [Decision(seat, action, len(values), len(where[(seat, action)]), sum(values), changed[(seat, action)])
            for (seat, action), values in sums.items()]
    rows = [row for row in rows if row.own or row.endings_changed]
    rows.sort(key=lambda row: (-row.endings_changed, -abs(row.own), row.seat, row.action))
    return rows[:DECISIONS]


def _beliefs(tables: Sequence[Table]) -> list[BeliefAcross]:
    rows: dict[tuple[str, str], list] = {}
    for table in tables:
        for row in table.analysis.beliefs:
            rows.setdefault((row.seat, row.belief.prompt), []).append(row)
    out = []
    for (seat, prompt), found in rows.items():
        answers = Counter("" if row.answer is None else row.belief.choices[row.answer].text for row in found)
        truths = Counter(row.belief.choices[row.truth].text for row in found if row.truth is not None)
        out.append(BeliefAcross(seat, prompt, tuple(answers.most_common()), sum(row.right is True for row in found),
                                sum(row.right is not None for row in found), tuple(truths.most_common())))
    return out


def _questions(tables: Sequence[Table]) -> list[tuple[str, int]]:
    counted: Counter[str] = Counter()
    for table in tables:
        counted.update({question.text for question in table.analysis.questions})
    first = {}
    for table in tables:
        for question in table.analysis.questions:
            first.setdefault(question.text, len(first))
    ordered = sorted(counted.items(), key=lambda item: (-item[1], first[item[0]]))
    return ordered[:QUESTIONS]


# -- words -----------------------------------------------------------------------------------


def _tables_words(indexes: Sequence[int], debrief: ClassDebrief) -> str:
    return ", ".join(debrief.tables[i].label for i in indexes)


def _of(count: int, total: int, noun: str = "tables") -> str:
    return f"{count} of {total} {noun}"


def _share(value: float) -> str:
    return f"{round(100 * value)}%"


def _label(scenario: Scenario, action: str) -> str:
    found = scenario.action(action)
    return found.label if found is not None else action


def _short(scenario: Scenario, seat: str) -> str:
    actor = scenario.actors[seat]
    return actor.short_name or actor.name


def path_line(table: Table) -> str:
    """A table's decisions in one line: each turn's choices, seats in the scenario's order, then its ending."""
    session = table.session
    scenario = session.scenario
    turns = []
    for record in session.turns:
        chosen = {order.seat: order.action for order in record.orders}
        turns.append(f"{record.turn}: " + " / ".join(_label(scenario, chosen.get(seat, scenario.hold(seat).id))
                                                     for seat in scenario.seats))
    return " \u2192 ".join(turns) if turns else "no turn played"


def ending_words(debrief: ClassDebrief, table: Table) -> str:
    outcome = table.outcome
    if outcome is None:
        return f"not over (turn {table.session.turn} of {debrief.scenario.turns})"
    return ending_text(debrief.scenario, outcome)


def class_markdown(debrief: ClassDebrief) -> str:
    """The class debrief as Markdown: the room's page first (endings, the record, where the tables parted, the
    decisions that mattered, questions), then each table, beliefs and each table's decisions turn by turn."""
    handout, record = class_parts(debrief)
    return handout + "\n" + record


def class_parts(debrief: ClassDebrief) -> tuple[str, str]:
    """The room's page, and the rest."""
    scenario, tables = debrief.scenario, debrief.tables
    total = len(tables)
    out = [f"# Class debrief: {escape(scenario.title)}", "",
           f"{total} tables played {escape(scenario.title)} ({escape(scenario.id)}). Simulated games: "
           + (f"{debrief.simulation.runs}, the scenario's strategies or computer seats in every seat."
              if debrief.simulation else "none (--runs 0)."), "", "## Endings", ""]
    reached = Counter(table.outcome for table in tables)
    simulated = {ending.id: ending.games for ending in debrief.simulation.endings} if debrief.simulation else {}
    runs = debrief.simulation.runs if debrief.simulation else 0
    for outcome, count in sorted(reached.items(), key=lambda item: (-item[1], str(item[0]))):
        which = [i for i, table in enumerate(tables) if table.outcome == outcome]
        text = ("Not over yet" if outcome is None else ending_text(scenario, outcome)).rstrip(".")
        sim = f"; simulated games: {_share(simulated.get(outcome, 0) / runs)}" if runs and outcome is not None else ""
        out.append(f"- **{escape(text)}**: {_of(count, total)} ({escape(_tables_words(which, debrief))}){sim}")
    for ending_id, games in simulated.items():
        if ending_id not in reached and games:
            out.append(f"- {escape(ending_text(scenario, ending_id).rstrip('.'))}: no table; simulated games: "
                       f"{_share(games / runs)}")
    if scenario.classroom.record:
        out += ["", "## Beside the record", ""]
        for index, line in enumerate(scenario.classroom.record):
            count = sum(table.record[index] for table in tables)
            sim = (f"; simulated games: {_share(debrief.simulated_record[index])}"
                   if debrief.simulated_record is not None else "")
            out.append(f"- {_of(count, total)}: {escape(line.label)}, as in reality{sim}")
    out += ["", "## Where the tables parted", ""]
    parting = debrief.parting
    if parting is None:
        out.append("Every table made the same decisions as far as the shortest game went." if total > 1
                   else "One table: nothing to compare.")
    else:
        point = parting.point
        choices = "; ".join(f"{escape(_label(scenario, action))} ({escape(_tables_words(who, debrief))})"
                            for action, who in parting.choices)
        same = f"The tables decided alike until turn {point.turn}" if point.turn > 1 else "The tables parted in turn 1"
        out.append(f"{same}, when {escape(scenario.actor_name(point.seat))} chose: {choices}.")
    if debrief.decisions:
        out += ["", "## The decisions that mattered most", "",
                "Each decision's effect is its turn played again with the seat holding instead, the other orders "
                "and the draws the same; summed over every table that made it.", ""]
        for row in debrief.decisions:
            endings = f"; it changed the ending {_times(row.endings_changed)}" if row.endings_changed else ""
            out.append(f"- {escape(scenario.actor_name(row.seat))}: **{escape(_label(scenario, row.action))}**, "
                       f"chosen {_times(row.times)} at {_of(row.tables, total)}: {_signed(row.own)} to its own "
                       f"score in all{endings}")
    if debrief.questions:
        out += ["", "## Questions for the room", ""]
        out += [f"{number}. {escape(text)} ({_of(count, total)})"
                for number, (text, count) in enumerate(debrief.questions, 1)]
    handout = "\n".join(out) + "\n"
    out = []
    out += ["## Each table", ""]
    for index, table in enumerate(tables):
        scored = scores(scenario, table.session.state)
        points = ", ".join(f"{escape(_short(scenario, seat))} {_number(value)}" for seat, value in scored.items())
        near = debrief.nearest[index]
        if near is None:
            parted = ""
        elif near.point is None:
            parted = f" Same decisions as {escape(tables[near.other].label)}."
        else:
            parted = (f" Parted from {escape(tables[near.other].label)} in turn {near.point.turn}: "
                      f"{escape(scenario.actor_name(near.point.seat))} chose {escape(_label(scenario, near.mine))} "
                      f"({escape(tables[near.other].label)}: {escape(_label(scenario, near.theirs))}).")
        out.append(f"- **{escape(table.label)}**: {escape(ending_words(debrief, table))} Scores: {points}.{parted}")
    if debrief.beliefs:
        out += ["", "## Beliefs beside the truth", ""]
        for row in debrief.beliefs:
            answers = ", ".join(f"{escape(text) if text else 'no answer'} ({count})" for text, count in row.answers)
            truths = ", ".join(f"{escape(text)} ({count})" for text, count in row.truths) or "not known"
            right = (f"Right at {_of(row.right, row.judged)} judged." if row.judged else
                     "No answer to judge against the truth.")
            out.append(f"- {escape(scenario.actor_name(row.seat))}: {escape(row.prompt)} {right} Answers: {answers}. "
                       f"The truth: {truths}.")
    out += ["", "## Each table's decisions, turn by turn", "",
            f"Each turn's choices in the order {escape(', '.join(_short(scenario, s) for s in scenario.seats))}:", ""]
    out += [f"- **{escape(table.label)}** ({escape(table.source)}): {escape(path_line(table))}" for table in tables]
    return handout, "\n".join(out) + "\n"


def class_html(debrief: ClassDebrief) -> str:
    """The class debrief as one printable page (the one-game debrief's print style)."""
    import html

    from markdown_it import MarkdownIt

    from game.analysis.report_html import STYLE

    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    handout, record = (renderer.render(part) for part in class_parts(debrief))
    body = f'<section class="handout">\n{handout}</section>\n<section class="record">\n{record}</section>\n'
    title = html.escape(f"Class debrief: {debrief.scenario.title}")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")


def class_data(debrief: ClassDebrief) -> dict[str, Any]:
    """The class debrief as data (docs/analysis.md says what each field means)."""
    scenario = debrief.scenario
    simulation = debrief.simulation
    return {
        "scenario": {"id": scenario.id, "title": scenario.title, "sha256": scenario.origin.sha256},
        "tables": [{"label": table.label, "save": table.source, "seed": table.session.seed,
                    "turns": [{"turn": record.turn, "orders": {o.seat: o.action for o in record.orders}}
                              for record in table.session.turns],
                    "ending": None if table.outcome is None else {"id": table.session.state.ending,
                                                                  "text": ending_text(scenario, table.outcome)},
                    "scores": {seat: _number(v) for seat, v in scores(scenario, table.session.state).items()},
                    "record": list(table.record),
                    "nearest": None if near is None else {
                        "table": debrief.tables[near.other].label,
                        "turn": None if near.point is None else near.point.turn,
                        "seat": None if near.point is None else near.point.seat,
                        "action": near.mine or None, "theirs": near.theirs or None}}
                   for table, near in zip(debrief.tables, debrief.nearest)],
        "parting": None if debrief.parting is None else {
            "turn": debrief.parting.point.turn, "seat": debrief.parting.point.seat,
            "choices": [{"action": action, "tables": [debrief.tables[i].label for i in who]}
                        for action, who in debrief.parting.choices]},
        "simulation": None if simulation is None else {
            "runs": simulation.runs,
            "endings": [{"id": e.id or None, "text": e.text, "share": e.games / simulation.runs}
                        for e in simulation.endings]},
        "record": [{"label": line.label, "tables": sum(t.record[i] for t in debrief.tables),
                    "simulated": None if debrief.simulated_record is None else debrief.simulated_record[i]}
                   for i, line in enumerate(scenario.classroom.record)],
        "decisions": [{"seat": d.seat, "action": d.action, "times": d.times, "tables": d.tables,
                       "own": _number(d.own), "endings_changed": d.endings_changed} for d in debrief.decisions],
        "beliefs": [{"seat": b.seat, "prompt": b.prompt, "answers": dict(b.answers), "right": b.right,
                     "judged": b.judged, "truths": dict(b.truths)} for b in debrief.beliefs],
        "questions": [{"text": text, "tables": count} for text, count in debrief.questions],
    }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 3)


def _signed(value: float) -> str:
    shown = _number(value)
    return f"+{shown}" if value > 0 else f"{shown}".replace("-", "\u2212")


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"
