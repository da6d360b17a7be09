"""What a seat is asked to say it believes, as plain values a screen or a joined seat's app can show.

A :class:`BeliefPrompt` holds one of the scenario's ``[[beliefs]]`` asked of
the seat now (its prompt and the texts of its choices) and the seat's own
answer so far; nothing of the truth, nor of any other seat's answers (secret
until the debrief). ``belief_prompts(session, seat)`` builds them.
"""

from __future__ import annotations

from attrs import frozen

from game.session import Session


@frozen
class BeliefPrompt:
    id: str
    prompt: str
    choices: tuple[str, ...]
    answer: int | None = None
    """The index of the seat's answer so far (None: not answered)."""
    turn: int | None = None
    """The turn it is asked in (None: once the game is over)."""


def belief_prompts(session: Session, seat: str) -> tuple[BeliefPrompt, ...]:
    """The beliefs ``seat`` may answer now, in file order, with its own answer to each so far."""
    answers = session.answers()
    return tuple(BeliefPrompt(belief.id, belief.prompt, tuple(choice.text for choice in belief.choices),
                              answers[belief.id].choice if belief.id in answers else None, belief.turn)
                 for belief in session.beliefs_open(seat))
