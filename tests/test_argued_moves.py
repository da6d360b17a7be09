"""Argued moves through the session: journalled, checked, rolled on a stream of their own, replayed exactly.

A seat argues a move (``[arguments]``), other seats counter it, the white
cell rules on it (a chance, effects within what the scenario allows, who is
told). Everything is an event of the journal: any sequence of them replays to
the same state hashes, from the session's events and from a save's bytes; a
secret move never changes another seat's bytes; an effect outside
``[arguments]`` is refused.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.adjudication import legal_actions
from game.engine.draws import argued_stream, draw
from game.engine.interventions import RuleArgument, argued_rule, chance_words
from game.engine.model import hold_id
from game.decoding import Invalid
from game.errors import IllegalOrder, RefusedIntervention
from game.journal import Argued, CounterArgued, Intervened, decode_event, encode_event
from game.saves import restore_session
from game.scenario import parse_scenario
from game.seat_view.build import seat_view
from game.seat_view.delta import changes
from game.seat_view.wire import to_wire
from game.session import ARGUED_MOVE, HUMAN, Argument, Order, Session
from tests.saves_support import MINI, examples, saved_of

ARGUMENTS = """
[arguments]
per_turn = 2
action = "{action}"

[arguments.tracks]
x = 2
mood = ["tense"]
secret = true
edge = 1

[variables.edge]
label = "Alpha's edge"
type = "int"
min = 0
max = 5
initial = 0
visible_to = ["a"]
"""
INSTEAD = parse_scenario(MINI.read_text() + ARGUMENTS.format(action="instead"), "mini-argued.toml")
BESIDE = parse_scenario(MINI.read_text() + ARGUMENTS.format(action="beside"), "mini-beside.toml")
PLAIN = parse_scenario(MINI.read_text(), "mini.toml")
MOVE = Argument("a", "Alpha leans on the crowd", "pressure rises", ("the crowd listens", "Beta is busy"))


def game(scenario=INSTEAD, seed: int = 3, controllers=None) -> Session:
    return Session(scenario, seed, controllers or {"a": HUMAN, "b": HUMAN})


def ruling(session: Session, move, chance: int = 50, effects=(), fail_effects=(), recipients=None,
           reason: str = "the crowd is restless") -> RuleArgument:
    return RuleArgument(move.id, move.argument.seat, move.argument.statement, chance, effects, fail_effects,
                        recipients, reason)


def test_a_move_argued_countered_and_ruled_is_journalled_and_replays():
    session = game()
    move = session.argue(MOVE)
    assert move.id == "a.1"
    assert session.pending("a") == Order("a", hold_id("a"), by=ARGUED_MOVE)  # instead of its action: it holds
    session.counter("b", move.id, "the crowd is fickle")
    session.intervene(ruling(session, move, 100, ["x += 2"], ["mood = 'tense'"]))
    (entry,) = session.open_entries
    assert (entry.kind, entry.actor, entry.text, entry.chance, entry.success) == (
        "argued", "a", MOVE.statement, 1.0, True)
    assert entry.roll == draw(session.seed, 1, argued_stream("a.1"))
    assert [(c.variable, c.before, c.after) for c in entry.changes] == [("x", 5, 7)]
    session.play_turn({"b": Order("b", "b.shove")})
    events = session.events()
    assert [type(e).__name__ for e in events] == ["Argued", "CounterArgued", "TurnResolved"]
    assert events[-1].draws[0].rule == argued_rule("a.1")
    for event in events:
        assert decode_event(encode_event(event)) == event
    again = Session.restore(INSTEAD, session.header, events)
    assert again.turns[0].state_hash == session.turns[0].state_hash
    assert again.argued_moves(1) == session.argued_moves(1)
    assert restore_session(saved_of(session)).turns[0].state_hash == session.turns[0].state_hash
    branch = session.branch(1)
    assert branch.argued_moves(1) == session.argued_moves(1) and branch.argued_moves() == ()
    assert session.branch(0).argued_moves(1) == ()


def test_save_format_2_cannot_hold_argued_moves():
    session = game()
    move = session.argue(MOVE)
    session.counter("b", move.id, "no")
    act = Intervened(1, ruling(session, move))
    for event in [*session.events(), act]:
        with pytest.raises(Invalid, match="which save format 2 cannot hold"):
            decode_event(encode_event(event), version=2)


REFUSED = {
    "no [arguments]": (lambda s: Session(PLAIN, 1, {"a": HUMAN, "b": HUMAN}).argue(MOVE),
                       "allows no argued moves"),
    "empty": (lambda s: s.argue(Argument("a", "  ")), "what the move does is empty"),
    "four reasons": (lambda s: s.argue(Argument("a", "go", reasons=("1", "2", "3", "4"))), "at most 3 reasons"),
    "a control character": (lambda s: s.argue(Argument("a", "go\x1b[2J")), "control character"),
    "too long": (lambda s: s.argue(Argument("a", "go" * 600)), "longer than 1000"),
    "not a seat": (lambda s: s.argue(Argument("crowd", "go")), "may not argue"),
    "a third move": (lambda s: [s.argue(Argument("a", "one")), s.argue(Argument("a", "two")),
                                s.argue(Argument("a", "three"))], "as many as the scenario allows"),
    "its own move": (lambda s: s.counter("a", s.argue(MOVE).id, "no"), "does not counter its own"),
    "twice": (lambda s: [s.counter("b", s.argue(MOVE).id, "no"), s.counter("b", "a.1", "again")],
              "has already countered"),
    "a secret move": (lambda s: s.counter("b", s.argue(Argument("a", "go", secret=True)).id, "no"),
                      "no public move 'a.secret.1'"),
    "a ruled move": (lambda s: [s.intervene(ruling(s, m := s.argue(MOVE))), s.counter("b", m.id, "late")],
                     "already ruled"),
    "an order after arguing instead": (lambda s: [s.argue(MOVE), s.submit(Order("a", "a.push"))],
                                       "argued a move instead of its action"),
    "a withdrawal after arguing instead": (lambda s: [s.argue(MOVE), s.withdraw("a")],
                                           "argued a move instead of its action"),
    "a ruling of no move": (lambda s: s.intervene(RuleArgument("a.1", "a", "go", 50)), "no move 'a.1'"),
    "a ruling twice": (lambda s: [s.intervene(ruling(s, m := s.argue(MOVE))), s.intervene(ruling(s, m))],
                       "already ruled"),
    "a ruling of another statement": (lambda s: s.intervene(RuleArgument(s.argue(MOVE).id, "a", "other", 50)),
                                      "does not name the move"),
    "a chance above 100": (lambda s: s.intervene(ruling(s, s.argue(MOVE), 101)), "from 0 to 100"),
    "a track it does not list": (lambda s: s.intervene(ruling(s, s.argue(MOVE), effects=["x += 1", "mood = 'calm'"])),
                                 "may set 'Mood' only to tense"),
    "a step too far": (lambda s: s.intervene(ruling(s, s.argue(MOVE), effects=["x += 3"])),
                       "may move 'Pressure' by at most 2"),
    "a step too far, set": (lambda s: s.intervene(ruling(s, s.argue(MOVE), fail_effects=["x = 0"])),
                            "may move 'Pressure' by at most 2"),
    "an unbounded step": (lambda s: s.intervene(ruling(s, s.argue(MOVE), effects=["x += x"])), "at most 2"),
    "two changes of a track": (lambda s: s.intervene(ruling(s, s.argue(MOVE), effects=["x += 1", "x += 1"])),
                               "one change of 'Pressure' per outcome"),
    "a label for a name": (lambda s: s.intervene(ruling(s, s.argue(MOVE), effects=["Pressure += 1"])),
                           "'Pressure' is written 'x' in effects"),
    "a change worked out from the hidden": (
        lambda s: s.intervene(ruling(s, s.argue(MOVE), effects=["x += 1 if secret else 0"])),
        "worked out from 'secret'"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_what_play_refuses_changes_nothing(name):
    attempt, message = REFUSED[name]
    session = game()
    with pytest.raises((IllegalOrder, RefusedIntervention), match=re.escape(message)):
        attempt(session)


def test_the_roll_is_a_stream_of_its_own_other_chances_unchanged():
    """Beside an action: the same game with and without a ruled move that changes nothing draws the same."""
    plain, argued = game(BESIDE, 11), game(BESIDE, 11)
    for turn in range(1, 4):
        move = argued.argue(Argument("b", f"Beta argues in turn {turn}"))
        argued.intervene(ruling(argued, move, 30))
        orders = {"a": Order("a", "a.push"), "b": Order("b", "b.shove")}
        plain.play_turn(orders)
        argued.play_turn(orders)
        played, with_move = plain.turns[-1], argued.turns[-1]
        assert with_move.draws[0] == (argued_rule("b.1"), 0.3, draw(11, turn, argued_stream("b.1")))
        assert with_move.draws[1:] == played.draws and with_move.state == played.state


@st.composite
def argued_games(draw_, scenario=INSTEAD):
    """Games in which seats argue moves, counter them, and the white cell rules (or lets them lapse)."""
    session = Session(scenario, draw_(st.integers(0, 2**40)),
                      {seat: draw_(st.sampled_from([HUMAN, "random"])) for seat in scenario.seats})
    for _ in range(draw_(st.integers(1, scenario.turns))):
        if session.over:
            break
        for _ in range(draw_(st.integers(0, 3))):
            seat = draw_(st.sampled_from(scenario.seats))
            try:
                move = session.argue(Argument(seat, draw_(st.sampled_from(["a deal", "a threat"])),
                                              draw_(st.sampled_from(["", "calm"])), (),
                                              draw_(st.booleans())))
            except IllegalOrder:
                continue
            other = next(s for s in scenario.seats if s != seat)
            if not move.argument.secret and draw_(st.booleans()):
                session.counter(other, move.id, "it will not work")
            if draw_(st.booleans()):
                effects = draw_(st.lists(st.sampled_from(["x += 1", "x -= 2", "mood = 'tense'", "secret = true"]),
                                         max_size=2, unique_by=lambda e: e.split()[0]))
                tell = draw_(st.sampled_from([None, (seat,), ()]))
                session.intervene(ruling(session, move, draw_(st.integers(0, 100)), effects, (), tell))
        orders = {}
        for seat in session.humans():
            if seat not in session.decided():
                orders[seat] = Order(seat, draw_(st.sampled_from(legal_actions(scenario, session.state, seat))).id)
        session.play_turn(orders)
    return session


@settings(max_examples=examples(0.3), deadline=None)
@given(argued_games())
def test_any_sequence_of_argued_moves_and_rulings_replays_to_the_same_hashes(session):
    again = Session.restore(INSTEAD, session.header, session.events())
    assert [r.state_hash for r in again.turns] == [r.state_hash for r in session.turns]
    assert [again.argued_moves(r.turn) for r in again.turns] == [session.argued_moves(r.turn) for r in session.turns]
    replayed = restore_session(saved_of(session))
    assert [r.state_hash for r in replayed.turns] == [r.state_hash for r in session.turns]
    assert replayed.events() == session.events()


@st.composite
def secret_moves(draw_):
    """A game where Alpha argues secret moves, ruled without telling Beta (changing only what Beta cannot
    see), against the same game without them (Alpha holds there instead)."""
    seed = draw_(st.integers(0, 2**40))
    plans = [(draw_(st.booleans()), draw_(st.sampled_from([(), ("edge += 1",), ("edge -= 1",)])),
              draw_(st.sampled_from([("a",), ()])), draw_(st.sampled_from(["b.shove", "b.hold"])))
             for _ in range(draw_(st.integers(1, 3)))]
    return seed, plans


@settings(max_examples=examples(0.3), deadline=None)
@given(secret_moves())
def test_a_secret_argued_move_never_reaches_another_seats_bytes(case):
    """Beta's whole view and every delta it is sent are the same byte for byte whether or not Alpha argued a
    secret move (its hold looks like any hold; its ruling told Alpha only, or no seat)."""
    seed, plans = case
    with_move, without = game(seed=seed), game(seed=seed)
    before_with, before_without = seat_view(with_move, "b"), seat_view(without, "b")
    for argues, effects, tell, beta in plans:
        if with_move.over:
            break
        if argues:
            move = with_move.argue(Argument("a", "a secret approach", "an edge", ("nobody watches",), True))
            with_move.intervene(ruling(with_move, move, 60, effects, (), tell))
            with_move.submit(Order("b", beta))
            without.submit(Order("a", hold_id("a")))
            without.submit(Order("b", beta))
        else:
            for session in (with_move, without):
                session.submit(Order("a", hold_id("a")))
                session.submit(Order("b", beta))
        mid_with, mid_without = seat_view(with_move, "b"), seat_view(without, "b")
        assert to_wire(mid_with) == to_wire(mid_without)
        assert changes(before_with, mid_with) == changes(before_without, mid_without)
        with_move.resolve()
        without.resolve()
        after_with, after_without = seat_view(with_move, "b"), seat_view(without, "b")
        assert to_wire(after_with) == to_wire(after_without)
        assert changes(mid_with, after_with) == changes(mid_without, after_without)
        before_with, before_without = after_with, after_without


def test_a_public_move_is_every_seats_and_a_secret_one_its_own_and_the_facilitators():
    session = game()
    public = session.argue(Argument("a", "in the open"))
    secret = session.argue(Argument("b", "behind the curtain", secret=True))
    assert [m.id for m in seat_view(session, "a").argued] == [public.id]
    assert [m.id for m in seat_view(session, "b").argued] == [public.id, secret.id]
    assert [m.id for m in seat_view(session, None).argued] == [public.id, secret.id]
    assert seat_view(session, "b").arguing.left == 1 and seat_view(session, "b").arguing.tracks == ()
    assert [t.name for t in seat_view(session, None).arguing.tracks] == ["x", "mood", "secret", "edge"]
    session.intervene(ruling(session, secret, 10, (), (), ("b",)))
    assert seat_view(session, None).argued[1].ruling == f"ruled {chance_words(10)}"
    assert seat_view(session, "b").argued[1].ruled and seat_view(session, "b").argued[1].ruling == ""
    assert not [e for e in seat_view(session, "a").entries if e.kind == "argued"]
    assert [e.text for e in seat_view(session, "b").entries if e.kind == "argued"] == ["behind the curtain"]
