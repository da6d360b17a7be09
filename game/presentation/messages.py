"""Messages between seats as lines: who wrote to whom, and what.

A seat's view holds only the messages it sent or received; the
facilitator's holds them all. "You" stands for the viewer, so a seat reads
"From Russia to you" and "From you to Russia and China".
"""

from __future__ import annotations

from game.presentation.entries import DETAIL
from game.presentation.spans import MUTED, QUOTE, SEAT, Line, line
from game.presentation.words import and_list
from game.seat_view.model import FACILITATOR_ID, MessageView, SeatView


def message_lines(view: SeatView, message: MessageView) -> list[Line]:
    """``From Russia to you and China:`` then the text, quoted, a line per paragraph."""
    head = line(("From ", MUTED), (_who(view, message.sender), SEAT), (" to ", MUTED),
                (and_list(_who(view, seat) for seat in message.recipients), SEAT), (":", MUTED))
    return [head, *(line((text, QUOTE), indent=DETAIL) for text in message.text.splitlines() if text.strip())]


def messages_of(view: SeatView, turn: int) -> tuple[MessageView, ...]:
    return view.messages_of(turn)


def _who(view: SeatView, seat: str) -> str:
    if seat == view.seat:
        return "you"
    return "the facilitator" if seat == FACILITATOR_ID else view.name(seat).in_sentence()
