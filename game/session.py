"""A game in progress, Textual-free: what both the CLI and the TUI drive.

A session owns the scenario, the seed, who controls each seat, and the
history of resolved turns (orders, log entries and state hash per turn). The
order history is the truth: everything else can be recomputed from it, which
is what saves, replays and branches rely on.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping
from functools import cached_property

from attrs import frozen

from game.engine.adjudication import new_game, resolve_turn, scores
from game.engine.draws import draw, policy_stream
from game.engine.log import LogEntry
from game.engine.model import Scenario
from game.engine.state import GameState, state_hash
from game.engine.views import View, knowledge_for, seen_events, view_for
from game.errors import IllegalOrder, WargameError
from game.players import check_policy, get_policy

HUMAN = "human"
"""The controller of a seat played by a person."""

MAX_RATIONALE = 4000
"""Longest rationale a player may give with an order, in characters (saves stay small)."""


@frozen
class Order:
    seat: str
    action: str
    rationale: str = ""
    """The player's own words on why, kept for the debrief."""


@frozen
class Parent:
    """Where a branch came from: the parent game and the turn after which it parted."""

    game_id: str
    name: str
    file: str
    """The parent save's file name (no folders) when the branch was made; it may since have moved."""
    turn: int
    """The branch holds the parent's turns 1..turn (0: only the seed and seats)."""
    state_hash: str
    """The parent's state hash after ``turn``, so a comparison can confirm the common stem."""


@frozen
class TurnRecord:
    """One resolved turn: what was ordered, what happened, and the state after it."""

    turn: int
    orders: tuple[Order, ...]
    entries: tuple[LogEntry, ...]
    state: GameState
    """The state after this turn."""

    @cached_property
    def state_hash(self) -> str:
        """SHA-256 of ``state``: computed when first asked for, since bulk simulation never asks."""
        return state_hash(self.state)


def parse_seat_options(scenario: Scenario, options: Iterable[str], default: str) -> dict[str, str]:
    """Turn ``["russia=human", ...]`` into a controller for every seat (``default`` for the rest)."""
    controllers = dict.fromkeys(scenario.seats, default)
    for option in options:
        seat, sep, controller = option.partition("=")
        if not sep or not seat or not controller:
            raise WargameError(f"--seat {option!r}: write ACTOR=CONTROLLER, e.g. --seat russia=human")
        if seat not in scenario.seats:
            raise WargameError(f"--seat {option!r}: {seat!r} is not a seat of {scenario.id} "
                               f"(seats: {', '.join(scenario.seats)})")
        controllers[seat] = controller
    check_controllers(scenario, controllers)
    return controllers


def check_controllers(scenario: Scenario, controllers: Mapping[str, str]) -> None:
    for seat in scenario.seats:
        controller = controllers.get(seat)
        if controller is None:
            raise WargameError(f"no controller for seat {seat!r}")
        if controller != HUMAN:
            check_policy(scenario, seat, controller)


def new_game_id() -> str:
    """A fresh game id: 32 hex digits, unique for every game and every branch."""
    return uuid.uuid4().hex


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class Session:
    """One game: scenario, seed, controllers, and the turns played so far.

    ``game_id`` tells saves of this game from saves of others (a save may be
    overwritten only by its own game); ``name`` is the players' label for it;
    ``parent`` is set when the game was branched from another one.
    """

    def __init__(self, scenario: Scenario, seed: int, controllers: Mapping[str, str], *,
                 game_id: str | None = None, name: str = "", parent: Parent | None = None,
                 created: datetime.datetime | None = None) -> None:
        check_controllers(scenario, controllers)
        self.scenario = scenario
        self.seed = seed
        self.controllers = dict(controllers)
        self.states: list[GameState] = [new_game(scenario, seed)]
        self.turns: list[TurnRecord] = []
        self.seen: dict[str, frozenset[str]] = dict.fromkeys(scenario.seats, frozenset())
        """The once-only events each seat was shown firing: what its computer player knows of them."""
        self.game_id = game_id or new_game_id()
        self.name = name
        self.parent = parent
        self.created = created or utc_now()

    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def over(self) -> bool:
        return self.state.over

    def entries(self, upto: int | None = None) -> list[LogEntry]:
        """The whole log, or the log of the first ``upto`` turns."""
        return [entry for record in self.turns[:upto] for entry in record.entries]

    def view(self, seat: str | None) -> View:
        """The current view of ``seat`` (None: the facilitator)."""
        return view_for(self.scenario, self.state, self.entries(), seat)

    def humans(self) -> list[str]:
        return [seat for seat in self.scenario.seats if self.controllers[seat] == HUMAN]

    def computer_order(self, seat: str) -> Order:
        """What the computer controlling ``seat`` orders this turn, from that seat's knowledge only."""
        policy = get_policy(self.controllers[seat])
        knowledge = knowledge_for(self.scenario, self.state, self.seen[seat], seat)
        roll = draw(self.state.seed, self.state.turn, policy_stream(seat))
        return Order(seat, policy.choose(self.scenario, knowledge, roll))

    def play_turn(self, orders: Mapping[str, Order] | None = None) -> TurnRecord:
        """Resolve a turn: ``orders`` for the human seats, computers choose the rest.

        Raises :class:`IllegalOrder`, leaving the session unchanged, if any
        order is refused or a human seat has none.
        """
        orders = dict(orders or {})
        for seat, order in orders.items():
            if seat not in self.scenario.seats or order.seat != seat:
                raise IllegalOrder(f"an order for {order.seat!r} was given as {seat!r}'s"
                                   if seat in self.scenario.seats else f"{seat!r} is not a seat")
            if len(order.rationale) > MAX_RATIONALE:
                raise IllegalOrder(f"{seat!r}'s rationale is longer than {MAX_RATIONALE} characters")
        for seat in self.scenario.seats:
            if seat not in orders:
                if self.controllers[seat] == HUMAN:
                    raise IllegalOrder(f"no order for the human seat {seat!r}")
                orders[seat] = self.computer_order(seat)
        ordered = tuple(orders[seat] for seat in self.scenario.seats)
        resolution = resolve_turn(self.scenario, self.state, {o.seat: o.action for o in ordered})
        record = TurnRecord(self.state.turn, ordered, resolution.entries, resolution.state)
        self.states.append(resolution.state)
        self.turns.append(record)
        for seat in self.scenario.seats:
            self.seen[seat] |= seen_events(self.scenario, resolution.entries, seat)
        return record

    def play_to_end(self) -> None:
        """Let the computers play every remaining turn (all seats must be computers)."""
        while not self.over:
            self.play_turn()

    def scores(self) -> dict[str, float]:
        return scores(self.scenario, self.state)
