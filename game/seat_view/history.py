"""What the views of a session's resolved turns hold, built once and kept.

A resolved turn never changes: its entries as each viewer may see them, the
messages each viewer sent or received in it, and the value of each variable
after it are built the first time a view reaches that turn and appended to
stores that only grow (``shared.SharedTuple``). A view of the present is
then those stores up to the last turn plus the open turn's part, and a view
of an earlier turn is a shorter prefix of the same stores: neither costs
work in proportion to the game's length.

One :class:`History` per session, found through :func:`history_of` (it
holds no reference to the session, so a session forgotten takes its history
with it). If the session's turns are not those it was built from (a test
rewriting them), it is built anew.
"""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

from game.engine.views import entries_for
from game.seat_view.cut import Cut
from game.seat_view.model import EntryView, MessageView, Value
from game.seat_view.shared import SharedTuple
from game.session import Session, TurnRecord

Viewer = tuple[str | None, bool]
"""(a seat, or None for the facilitator; whether the formulas it may know are wanted)."""


class ViewerPart:
    """One viewer's entries and messages of the resolved turns, with where each turn ends in them."""

    def __init__(self, cut: Cut) -> None:
        self.cut = cut
        self.entries: list[EntryView] = []
        self.entry_ends = [0]
        """``entry_ends[k]``: how many of ``entries`` belong to turns 1 to k."""
        self.messages: list[MessageView] = []
        self.message_ends = [0]
        self.situation: dict = {}
        """The fields of the last view made that follow from its state and log (``build._situation``), and
        the scenario's events as the facilitator's forms offer them..."""
        self.events: tuple = ()
        self.situation_key: tuple | None = None
        """... for (turns played, the state itself, the open turn's entries so far)."""
        self.said: SharedTuple[MessageView] = SharedTuple()
        """The messages of the last view made..."""
        self.messages_key: tuple | None = None
        """... for (turns played, the open turn's messages so far)."""

    @property
    def built(self) -> int:
        return len(self.entry_ends) - 1

    def add(self, record: TurnRecord) -> None:
        cut, seat = self.cut, self.cut.seat
        orders = {order.seat: order for order in record.orders}
        self.entries += [cut.entry(entry, orders) for entry in entries_for(cut.scenario, record.entries, seat)]
        self.entry_ends.append(len(self.entries))
        self.messages += messages_for(record.messages, seat)
        self.message_ends.append(len(self.messages))


class History:
    """The kept part of every view of one session: see the module's docstring."""

    def __init__(self, session: Session) -> None:
        self.initial = session.initial
        self.records: list[TurnRecord] = []
        self.values: list[list[Value]] = [[value] for value in session.initial.values]
        """Per variable (scenario order): its value at the start and after each turn in ``records``."""
        self.viewers: dict[Viewer, ViewerPart] = {}
        self.lock = threading.Lock()
        """Views are built in worker threads (a host's, a screen's): one at a time adds to the stores."""

    def fits(self, session: Session) -> bool:
        """Whether ``session``'s turns begin with the ones this history was built from."""
        built = len(self.records)
        return (session.initial is self.initial and len(session.turns) >= built
                and (built == 0 or session.turns[built - 1] is self.records[-1]))

    def part(self, session: Session, cut: Cut, played: int) -> ViewerPart:
        """The viewer's part, built to at least turn ``played`` (call with ``lock`` held)."""
        while len(self.records) < played:
            record = session.turns[len(self.records)]
            self.records.append(record)
            for column, value in zip(self.values, record.state.values):
                column.append(value)
        viewer = (cut.seat, cut.formulas)
        part = self.viewers.get(viewer)
        if part is None:
            part = self.viewers[viewer] = ViewerPart(cut)
        for record in self.records[part.built:played]:
            part.add(record)
        return part


def messages_for(messages, seat: str | None) -> list[MessageView]:
    """The messages ``seat`` sent or received (all of them for the facilitator), as views."""
    return [MessageView(m.turn, m.sender, m.recipients, m.text) for m in messages
            if seat is None or seat == m.sender or seat in m.recipients]


_HISTORIES: WeakKeyDictionary[Session, History] = WeakKeyDictionary()
_FINDING = threading.Lock()


def history_of(session: Session) -> History:
    """The history kept for ``session`` (made, or made anew if its turns changed under it)."""
    with _FINDING:
        history = _HISTORIES.get(session)
        if history is None or not history.fits(session):
            history = _HISTORIES[session] = History(session)
        return history
