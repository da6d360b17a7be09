"""Helpers for the save tests: scenarios, random games, and hypothesis budgets.

Random games are played as people, the computer and a facilitator would:
human seats pick any legal action (with a rationale, sometimes empty),
computer seats use their policy, seats send each other messages, the
facilitator fires events, injects, sets tracks, rules on chances and
replaces computer orders, and a game may stop at any turn, even mid-turn
with some orders given.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st

from game.engine.adjudication import MAX_SEED, legal_actions
from game.engine.interventions import FireEvent, ForceChance, Inject, ReplaceOrder, SetTrack
from game.engine.model import Scenario
from game.errors import WargameError
from game.safe_text import clean
from game.saves import format2
from game.saves.codec import decode_game
from game.scenario import load_scenario, parse_scenario
from game.session import FACILITATOR, HUMAN, Message, Order, Session
from tests.paths import FIXTURES, SHIPPED

WRITTEN = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)
"""The time frames written by the tests carry, so their bytes are the same every run."""

MINI = FIXTURES / "mini.toml"


def examples(fraction: float) -> int:
    """A share of the profile's example budget, so ``thorough`` scales every test alike."""
    return max(5, int(settings.default.max_examples * fraction))


@cache
def scenario(path: Path) -> Scenario:
    return load_scenario(path)


def scenarios() -> list[Path]:
    """The fixture scenario, and the shipped one when it is there."""
    return [MINI, SHIPPED] if SHIPPED.exists() else [MINI]


@cache
def long_scenario(turns: int) -> Scenario:
    """The mini scenario lasting ``turns`` turns with no early ending, for snapshot and speed tests."""
    text = MINI.read_text()
    text = re.sub(r"^turns = \d+", f"turns = {turns}", text, count=1, flags=re.M)
    text = text.replace('when = "x >= 10"', 'when = "false"')
    return parse_scenario(text, "long.toml")


@st.composite
def games(draw, scenario: Scenario, max_turns: int | None = None, *, white_cell: bool = True) -> Session:
    """A session of ``scenario`` played for a random number of turns by a random mix of seats.

    With ``white_cell`` the facilitator may act and seats may write to each
    other in any turn, and the game may stop with its last turn open.
    """
    controllers = {seat: draw(st.sampled_from([HUMAN, "random"])) for seat in scenario.seats}
    session = Session(scenario, draw(st.integers(0, MAX_SEED)), controllers,
                      name=draw(st.text(max_size=12).map(lambda t: clean(t, multiline=False))))
    for _ in range(draw(st.integers(0, max_turns or scenario.turns))):
        if session.over:
            break
        if white_cell:
            open_turn(draw, session)
        session.play_turn({seat: human_order(draw, session, seat) for seat in session.humans()})
    if white_cell and not session.over and draw(st.booleans()):
        open_turn(draw, session)
        for seat in session.humans():
            if draw(st.booleans()):
                session.submit(human_order(draw, session, seat))
    return session


def open_turn(draw, session: Session) -> None:
    """Some of what may happen in an open turn before it resolves: acts and messages, in any order."""
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            session.send(draw(messages(session)))
            continue
        try:
            session.intervene(draw(acts(session)))
        except WargameError:
            pass  # an act this state refuses (e.g. an order no longer legal): the session is unchanged


@st.composite
def messages(draw, session: Session) -> Message:
    seats = session.scenario.seats
    senders = [*seats, FACILITATOR] if len(seats) > 1 else [FACILITATOR]  # a lone seat has nobody to write to
    sender = draw(st.sampled_from(senders))
    recipients = draw(st.lists(st.sampled_from(seats), max_size=len(seats), unique=True))
    if set(recipients or seats) <= {sender}:
        recipients = [s for s in seats if s != sender]
    text = "m" + draw(st.text(st.characters(categories=("L", "N", "P", "Zs")), max_size=20))
    return Message(session.turn, sender, tuple(recipients), text.strip())


@st.composite
def acts(draw, session: Session):
    """A facilitator's act on ``session``'s open turn, usually one it accepts."""
    scenario = session.scenario
    reason = draw(st.sampled_from(["", "the room needs a jolt", "r\u00e9sum\u00e9 of the debate"]))
    kind = draw(st.sampled_from(["fire", "inject", "set", "force", "replace"]))
    if kind == "fire" and scenario.events:
        return FireEvent(draw(st.sampled_from([e.id for e in scenario.events])), reason)
    if kind == "set":
        variable = draw(st.sampled_from(scenario.variables))
        value = (draw(st.booleans()) if variable.type == "bool" else draw(st.sampled_from(variable.values))
                 if variable.type == "enum" else draw(st.integers(variable.low, variable.high)))
        return SetTrack(variable.name, value, reason)
    chancy = [a.id for a in scenario.actions if a.chance is not None] + \
        [e.id for e in scenario.events if e.chance is not None]
    if kind == "force" and chancy:
        return ForceChance(draw(st.sampled_from(chancy)), draw(st.booleans()), reason)
    computers = [s for s in scenario.seats if session.controllers[s] != HUMAN]
    if kind == "replace" and computers and not session.over:
        seat = draw(st.sampled_from(computers))
        return ReplaceOrder(seat, draw(st.sampled_from(legal_actions(scenario, session.state, seat))).id, reason)
    ints = [v.name for v in scenario.variables if v.type == "int"]
    amounts = [str(n) for n in range(4)] + [f"(1 if {v.name} else 0)" for v in scenario.variables
                                            if v.type == "bool"] + [f"{name} // 5" for name in ints]
    effects = [f"{name} {draw(st.sampled_from(['+=', '-=']))} {draw(st.sampled_from(amounts))}"
               for name in draw(st.lists(st.sampled_from(ints), max_size=2))] if ints else []
    recipients = draw(st.none() | st.lists(st.sampled_from(scenario.seats), min_size=1, unique=True))
    return Inject(draw(st.sampled_from(["Storm", "A convoy is ambushed"])), recipients, tuple(effects), reason)


def save_bytes(session: Session) -> bytes:
    """The format-2 file a session is saved as (at a fixed time)."""
    return format2.encode_file(session.scenario, session.header, session.events(), WRITTEN)


def saved_of(session: Session):
    """The :class:`SavedGame` a session's save holds, as read back."""
    return decode_game(save_bytes(session), "game.wgsave")


def human_order(draw, session: Session, seat: str) -> Order:
    legal = legal_actions(session.scenario, session.state, seat)
    action = draw(st.sampled_from(legal))
    return Order(seat, action.id, draw(st.text(max_size=20).map(lambda t: clean(t, multiline=True))))


def play(scenario: Scenario, seed: int, turns: int | None = None, **identity) -> Session:
    """A computer-played session of ``turns`` turns (default: to the end)."""
    session = Session(scenario, seed, dict.fromkeys(scenario.seats, "random"), **identity)
    while not session.over and (turns is None or len(session.turns) < turns):
        session.play_turn()
    return session
