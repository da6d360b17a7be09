"""Everything the debrief says about one run, computed once: the Markdown, the HTML and the JSON read it.

Each part is a function of the session alone (and of a simulation for the
comparison), so a class debrief that sets many tables side by side calls the
same functions per table: ``order_effects`` and ``act_effects`` (what each
decision and act changed, ``effects.py``), ``belief_rows`` (the hot wash,
``hotwash.py``), ``discussion_questions``, ``rulings`` and ``argued_rows`` (argued moves, ``argued.py``).
"""

from __future__ import annotations

from attrs import frozen

from game.analysis.argued import ArguedRow, argued_rows
from game.analysis.discussion import Asked, discussion_questions
from game.analysis.effects import (
    MORE_TURNING_POINTS,
    TURNING_POINTS,
    Effect,
    Progress,
    order_effects,
    turning_points,
)
from game.analysis.hotwash import BeliefRow, belief_rows
from game.analysis.rulings import Ruling, rulings
from game.analysis.summary import Summary
from game.session import Session


@frozen
class Analysis:
    session: Session
    simulation: Summary | None
    effects: tuple[Effect, ...]
    """What every order but holds changed by the end of its turn."""
    points: tuple[Effect, ...]
    """The turning points of the full record (and the JSON), in the order they happened."""
    questions: tuple[Asked, ...]
    beliefs: tuple[BeliefRow, ...]
    rulings: tuple[Ruling, ...]
    argued: tuple[ArguedRow, ...] = ()
    """Every argued move, with its ruling, outcome and what it changed."""

    @property
    def handout_points(self) -> list[Effect]:
        """The few turning points the one-page handout has room for."""
        return turning_points(self.points, TURNING_POINTS)


def analyse(session: Session, simulation: Summary | None = None, progress: Progress | None = None) -> Analysis:
    """The whole analysis of a run; ``progress`` is told of the turns and acts weighed, as they go."""
    turns = len(session.turns)
    acts = sum(len(record.interventions) for record in session.turns)
    told = (lambda done, _: progress(done, turns + acts)) if progress else None
    effects = order_effects(session, told)
    act_told = (lambda done, _: progress(turns + done, turns + acts)) if progress else None
    found = rulings(session, act_told)
    if progress is not None:
        progress(turns + acts, turns + acts)
    points = turning_points(effects, MORE_TURNING_POINTS)
    return Analysis(session, simulation, tuple(effects), tuple(points),
                    tuple(discussion_questions(session, points, simulation)), tuple(belief_rows(session)),
                    tuple(found), tuple(argued_rows(session, found)))
