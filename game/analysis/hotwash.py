"""The hot wash: what each seat said it believed before the reveal, beside what was true.

Seminar games record what each team believed (was Moscow's offer serious?
would the threat return?) before the facilitator lifts the fog, then set
belief beside truth. The scenario's ``[[beliefs]]`` say what is asked of whom
and what each answer means; the seats' answers are journal events
(``Session.believe``); the truth is the choice that covers the value of the
belief's subject at the end of the game (for an ending: how the game ended,
unknown while it has not).
"""

from __future__ import annotations

from attrs import frozen

from game.analysis.effects import outcome
from game.engine.model import ENDING, Belief
from game.session import Session


@frozen
class BeliefRow:
    """One belief of the scenario, the answer its seat gave (None: none) and the true answer (None: not
    known, for an ending of a game that did not end)."""

    belief: Belief
    answer: int | None
    truth: int | None

    @property
    def seat(self) -> str:
        return self.belief.seat

    @property
    def right(self) -> bool | None:
        """Whether the answer was the truth (None when either is missing)."""
        return None if self.answer is None or self.truth is None else self.answer == self.truth


def belief_rows(session: Session) -> list[BeliefRow]:
    """Every belief of the scenario, in file order, with its seat's answer and the truth."""
    answers = session.answers()
    state = session.state
    rows = []
    for belief in session.scenario.beliefs:
        answer = answers.get(belief.id)
        if belief.about == ENDING:
            ended = outcome(state)
            truth = None if ended is None else belief.truth(ended)
        else:
            truth = belief.truth(state.values[session.scenario.index_of(belief.about)])
        rows.append(BeliefRow(belief, None if answer is None else answer.choice, truth))
    return rows
