"""The debrief's causes are computed, and every one it states is what replaying the counterfactual gives.

What an order changed is the difference between its turn as played and the
same turn played again with the seat holding (the same draws, other orders
and facilitator's acts); an act of the facilitator, the same turn without it.
Each effect is checked here the way a sceptical teacher would: by branching
the saved game before that turn, giving the turn again so, through the saves
API and the reference engine, and reading the scores.
"""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.analysis.effects import act_effects, order_effects, outcome, turning_points
from game.cli import main
from game.engine.interventions import ReplaceOrder
from game.engine.model import hold_id
from game.errors import WargameError
from game.players.scripted_policy import PREFIX
from game.saves import branch_session, load_save, save_session
from game.session import Order, Session
from tests.paths import SCENARIOS
from tests.saves_support import MINI, examples, games, scenario

CHECKED = [MINI, *SCENARIOS.values()]


def replayed(saved, turn: int, orders: dict[str, Order], acts) -> tuple[dict[str, float], str | None]:
    """Turn ``turn`` given again on a branch of the save: ``acts`` (those the branch refuses left out), then
    ``orders`` (a seat's order no longer possible held), resolved by the reference engine."""
    branch = branch_session(saved, turn - 1)
    for act in acts:
        try:
            branch.intervene(act)
        except WargameError:
            pass
    for order in orders.values():
        try:
            branch.submit(order)
        except WargameError:
            branch.submit(Order(order.seat, hold_id(order.seat), by=order.by))
    branch.resolve()
    return branch.scores(), outcome(branch.state)


def check_every_effect(session: Session, path) -> int:
    """Check each order's and act's effect against a replay from the saved file; how many were checked."""
    saved = load_save(save_session(session, path))
    checked = 0
    for effect in order_effects(session):
        record = session.turns[effect.turn - 1]
        orders = {o.seat: o for o in record.orders} | {
            effect.seat: Order(effect.seat, hold_id(effect.seat), by="human")}
        assert replayed(saved, effect.turn, orders, record.interventions) == (effect.without, effect.outcome_without)
        assert effect.played == _scores_after(session, effect.turn)
        checked += 1
    acts = [(record, position) for record in session.turns for position in range(len(record.interventions))]
    for (record, position), effect in zip(acts, act_effects(session), strict=True):
        if effect is None:
            continue
        left_out = record.interventions[position]
        others = [a for i, a in enumerate(record.interventions) if i != position]
        orders = {o.seat: o for o in record.orders}
        if isinstance(left_out, ReplaceOrder) and not any(isinstance(a, ReplaceOrder) and a.seat == left_out.seat
                                                          for a in others):
            branch = branch_session(saved, record.turn - 1)
            for act in others:
                try:
                    branch.intervene(act)
                except WargameError:
                    pass
            orders[left_out.seat] = branch.computer_order(left_out.seat)
        assert replayed(saved, record.turn, orders, others) == (effect.without, effect.outcome_without)
        checked += 1
    return checked


def _scores_after(session: Session, turn: int) -> dict[str, float]:
    from game.engine.adjudication import scores

    return scores(session.scenario, session.turns[turn - 1].state)


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: p.stem)
@settings(max_examples=examples(0.2))
@given(data=st.data())
def test_every_effect_is_what_the_counterfactual_replay_gives(path, data, tmp_path_factory):
    """Orders and the facilitator's acts alike, in games with people, computers and a busy white cell."""
    session = data.draw(games(scenario(path)))
    check_every_effect(session, tmp_path_factory.mktemp("effects") / "game.wgsave")


def test_turning_points_are_the_largest_effects_in_the_order_they_happened():
    session = Session(scenario(SCENARIOS["over-the-horizon-2021"]), 11, dict.fromkeys(("us", "russia", "china"),
                                                                                       "greedy"))
    session.play_to_end()
    effects = order_effects(session)
    points = turning_points(effects, 4)
    assert [(p.turn, effects.index(p)) for p in points] == sorted((p.turn, effects.index(p)) for p in points)
    weakest = min(p.weight for p in points)
    assert all(e.weight <= weakest for e in effects if e not in points)
    assert all(p.swing > 0 or p.ending_changed for p in points)
    assert all(e.action != hold_id(e.seat) for e in effects)


def mixed_policies(scenario_, rng: random.Random) -> dict[str, str]:
    """Each seat random, greedy or one of its strategies."""
    return {seat: rng.choice(["random", "greedy", *(PREFIX + s.id for s in scenario_.strategies_for(seat))])
            for seat in scenario_.seats}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_delta_in_the_json_is_reproduced_by_branching_the_save(name, tmp_path):
    """Issue 19: 20 games of each shipped scenario with mixed policies; each JSON delta, replayed."""
    shipped = scenario(SCENARIOS[name])
    rng = random.Random(name)
    rows = 0
    for game in range(20):
        session = Session(shipped, rng.randrange(2**63), mixed_policies(shipped, rng))
        session.play_to_end()
        path = save_session(session, tmp_path / f"{game}.wgsave")
        out = tmp_path / f"{game}.json"
        assert main(["report", str(path), "-o", str(out), "--runs", "0"]) == 0
        data = json.loads(out.read_text())
        saved = load_save(path)
        for row in data["turning_points"]:
            record = session.turns[row["turn"] - 1]
            assert {o.seat: o.action for o in record.orders}[row["seat"]] == row["action"]
            orders = {o.seat: o for o in record.orders} | {row["seat"]: Order(row["seat"], hold_id(row["seat"]))}
            without, _ = replayed(saved, row["turn"], orders, record.interventions)
            played = data["turns"][row["turn"] - 1]["scores"][row["affected"]]
            assert played - without[row["affected"]] == row["delta"], row
            rows += 1
    assert rows > 0


def test_a_replaced_order_of_a_seat_that_later_changed_hands_is_still_weighed():
    """The facilitator replaced a computer's order; a person took the seat later: the turn replays as played."""
    from game.analysis.report import debrief_markdown
    from game.engine.interventions import ReplaceOrder

    mini = scenario(MINI)
    session = Session(mini, 4, {"a": "human", "b": "random"})
    session.intervene(ReplaceOrder("b", "b.hide", "hide now"))
    session.play_turn({"a": Order("a", "a.push")})
    session.change_seats({"b": "human"})
    session.play_turn({"a": Order("a", "a.push"), "b": Order("b", "b.hold")})
    effects = order_effects(session)
    assert [(e.turn, e.seat) for e in effects if e.turn == 1] == [(1, "a"), (1, "b")]
    assert "## The facilitator's rulings" in debrief_markdown(session)
