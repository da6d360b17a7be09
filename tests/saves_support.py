"""Helpers for the save tests: scenarios, random games, and hypothesis budgets.

Random games are played as a person and the computer would: human seats pick
any legal action (with a rationale, sometimes empty), computer seats use
their policy, and a game may stop at any turn.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st

from game.engine.adjudication import MAX_SEED, legal_actions
from game.engine.model import Scenario
from game.scenario import load_scenario, parse_scenario
from game.session import HUMAN, Order, Session
from tests.paths import FIXTURES, SHIPPED

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
def games(draw, scenario: Scenario, max_turns: int | None = None) -> Session:
    """A session of ``scenario`` played for a random number of turns by a random mix of seats."""
    controllers = {seat: draw(st.sampled_from([HUMAN, "random"])) for seat in scenario.seats}
    session = Session(scenario, draw(st.integers(0, MAX_SEED)), controllers,
                      name=draw(st.text(max_size=12)))
    for _ in range(draw(st.integers(0, max_turns or scenario.turns))):
        if session.over:
            break
        session.play_turn({seat: human_order(draw, session, seat) for seat in session.humans()})
    return session


def human_order(draw, session: Session, seat: str) -> Order:
    legal = legal_actions(session.scenario, session.state, seat)
    action = draw(st.sampled_from(legal))
    return Order(seat, action.id, draw(st.text(max_size=20)))


def play(scenario: Scenario, seed: int, turns: int | None = None, **identity) -> Session:
    """A computer-played session of ``turns`` turns (default: to the end)."""
    session = Session(scenario, seed, dict.fromkeys(scenario.seats, "random"), **identity)
    while not session.over and (turns is None or len(session.turns) < turns):
        session.play_turn()
    return session
