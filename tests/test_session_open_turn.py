"""The open turn: orders, messages and the facilitator's acts in any order; sinks first; journals that replay.

The machine at the end plays whole games through every door a session has
(submit, withdraw, send, intervene, resolve, pause, rename) and checks after
every step that the journal rebuilds the same session, and that no seat's
view holds a hidden value, another seat's message or the facilitator's reason.
"""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from game.engine.adjudication import MAX_SEED
from game.engine.interventions import FireEvent, ForceChance, Inject, ReplaceOrder, SetTrack
from game.engine.log import ACTION
from game.errors import Diverged, IllegalOrder, RefusedIntervention, WargameError
from game.journal import OrderGiven, TurnResolved
from game.session import FACILITATOR, HUMAN, TIMED_OUT, Message, Order, Session
from tests.saves_support import acts, examples, human_order, messages, scenario, scenarios
from tests.test_game_machine import perturb_hidden


class Recorder:
    """A sink that keeps what it is given and, when told to, refuses; it also sees the session at that moment."""

    def __init__(self, session: Session | None = None) -> None:
        self.events: list = []
        self.refuse = False
        self.session = session
        self.seen: list = []

    def accept(self, event) -> None:
        if self.session is not None:
            self.seen.append((len(self.session.turns), self.session.decided()))
        if self.refuse:
            raise WargameError("disk full")
        self.events.append(event)


@pytest.fixture
def mini():
    return scenario(scenarios()[0])


def test_orders_can_be_given_replaced_and_withdrawn_until_the_turn_resolves(mini):
    session = Session(mini, 4, {"a": HUMAN, "b": HUMAN})
    session.submit(Order("a", "a.push", "first thought"))
    session.submit(Order("a", "a.hold", "second thought"))
    assert session.decided() == {"a"} and session.pending("a").action == "a.hold"
    with pytest.raises(IllegalOrder, match="no order for the human seat 'b'"):
        session.resolve()
    session.withdraw("a")
    with pytest.raises(IllegalOrder, match="'a' has no order to withdraw"):
        session.withdraw("a")
    with pytest.raises(IllegalOrder, match="cannot choose 'a.calm' now"):
        session.submit(Order("a", "a.calm"))
    session.submit(Order("a", "a.push"))
    session.submit(Order("b", "b.hide"))
    record = session.resolve()
    assert [o.action for o in record.orders] == ["a.push", "b.hide"] and not session.decided()


def test_every_event_reaches_the_sinks_before_the_session_changes_and_a_refusal_changes_nothing(mini):
    session = Session(mini, 4, {"a": HUMAN, "b": "random"})
    sink = Recorder(session)
    session.attach(sink)
    session.submit(Order("a", "a.push"))
    assert sink.seen[-1] == (0, frozenset())  # the sink saw the session before the order was accepted
    session.resolve()
    assert sink.seen[-1] == (0, frozenset({"a"})) and isinstance(sink.events[-1], TurnResolved)
    sink.refuse = True
    for attempt in (lambda: session.submit(Order("a", "a.push")), lambda: session.resolve(hold_missing=TIMED_OUT),
                    lambda: session.send(Message(2, "a", ("b",), "hello")),
                    lambda: session.intervene(SetTrack("x", 1, "why")), lambda: session.rename("renamed"),
                    lambda: session.pause()):
        before = (session.events(), session.state, session.header, session.paused)
        with pytest.raises(WargameError, match="disk full"):
            attempt()
        assert (session.events(), session.state, session.header, session.paused) == before
    sink.refuse = False
    restored = Session.restore(mini, Session(mini, 4, {"a": HUMAN, "b": "random"}, game_id=session.game_id,
                                             created=session.created).header, sink.events)
    assert restored.events() == session.events() and restored.state == session.state


def test_messages_reach_only_their_recipients_and_the_facilitator_sees_all(shipped):
    session = Session(shipped, 2, dict.fromkeys(shipped.seats, HUMAN))
    sent = session.send(Message(1, "us", ("russia", "us", "russia"), "  Can we talk?  "))
    assert sent == Message(1, "us", ("russia",), "Can we talk?")
    everyone = session.send(Message(1, "china", (), "To all"))
    assert everyone.recipients == ("us", "russia")
    session.send(Message(1, FACILITATOR, ("china",), "A word"))
    assert [m.text for m in session.messages("us")] == ["Can we talk?", "To all"]
    assert [m.text for m in session.messages("china")] == ["To all", "A word"]
    assert len(session.messages(None)) == 3
    for message, why in {Message(2, "us", (), "x"): "cannot be sent in turn 1",
                         Message(1, "nobody", (), "x"): "'nobody' is not a seat",
                         Message(1, "us", ("mars",), "x"): "'mars' is not a seat",
                         Message(1, "us", ("us",), "x"): "a recipient other than its sender",
                         Message(1, "us", (), "  "): "the message is empty",
                         Message(1, "us", (), "\x1b]0;owned\x07"): "control character",
                         Message(1, "us", (), "x" * 4001): "at most 4000 characters"}.items():
        with pytest.raises(IllegalOrder, match=why):
            session.send(message)
    session.play_turn({s: Order(s, f"{s}.hold") for s in shipped.seats})
    assert [m.text for m in session.turns[0].messages] == ["Can we talk?", "To all", "A word"]


def test_an_act_that_makes_a_pending_order_illegal_withdraws_it_and_the_seat_is_told(mini):
    session = Session(mini, 4, {"a": HUMAN, "b": HUMAN})
    session.intervene(SetTrack("mood", "tense", "set the scene"))
    session.submit(Order("a", "a.calm"))
    session.submit(Order("b", "b.hide"))
    assert session.intervene(SetTrack("mood", "calm", "changed my mind")) == ("a",)
    assert session.decided() == {"b"} and session.withdrawn("a") == Order("a", "a.calm")
    session.submit(Order("a", "a.push"))
    assert session.withdrawn("a") is None
    restored = Session.restore(mini, session.header, session.events())
    assert restored.decided() == {"a", "b"} and restored.withdrawn("a") is None


def test_only_a_computer_seats_order_can_be_replaced_and_the_log_says_who_gave_it(mini):
    session = Session(mini, 4, {"a": HUMAN, "b": "random"})
    with pytest.raises(RefusedIntervention, match="'a' is played by a person"):
        session.intervene(ReplaceOrder("a", "a.push", "no"))
    session.intervene(ReplaceOrder("b", "b.hide", "Beta would hide"))
    assert session.intended_order("b") == Order("b", "b.hide", by=FACILITATOR)
    record = session.play_turn({"a": Order("a", "a.push")})
    entry = next(e for e in record.entries if e.actor == "b")
    assert (entry.by, entry.reason) == (FACILITATOR, "Beta would hide")
    assert record.orders[1] == Order("b", "b.hide", by=FACILITATOR)
    assert session.intended_order("b").by == "random"


def test_a_turn_can_be_resolved_with_undecided_seats_holding_and_the_log_says_so(mini):
    session = Session(mini, 4, {"a": HUMAN, "b": HUMAN})
    session.submit(Order("b", "b.shove"))
    record = session.resolve(hold_missing=TIMED_OUT)
    assert record.orders[0] == Order("a", "a.hold", by=TIMED_OUT)
    held = next(e for e in record.entries if e.actor == "a")
    assert held.by == TIMED_OUT and held.rule == "a.hold"
    assert Session.restore(mini, session.header, session.events()).turns == session.turns


def test_a_paused_game_takes_orders_but_resolves_no_turn_until_resumed(mini):
    session = Session(mini, 4, {"a": "random", "b": "random"})
    session.pause()
    session.intervene(FireEvent("drift", "why not"))
    with pytest.raises(IllegalOrder, match="the game is paused"):
        session.resolve()
    assert Session.restore(mini, session.header, session.events()).paused
    session.resume()
    session.resolve()
    assert not Session.restore(mini, session.header, session.events()).paused


def test_rulings_apply_when_the_turn_resolves_and_injects_at_once(mini):
    session = Session(mini, 4, {"a": "random", "b": "random"})
    session.intervene(Inject("A storm", None, ("x += 2",), "a jolt"))
    assert session.state.values[0] == 7 and session.entries()[-1].text == "A storm"
    session.intervene(ForceChance("b.shove", True, "argued well"))
    session.intervene(ReplaceOrder("b", "b.shove", "to test the ruling"))
    record = session.resolve()
    shove = next(e for e in record.entries if e.rule == "b.shove")
    assert shove.success and shove.ruled and record.entries[0].text == "A storm"
    assert [type(act).__name__ for act in record.interventions] == ["Inject", "ForceChance", "ReplaceOrder"]


def test_a_journal_that_the_rules_refuse_is_divergence_naming_the_turn(mini):
    session = Session(mini, 4, {"a": HUMAN, "b": "random"})
    session.play_turn({"a": Order("a", "a.push")})
    events = session.events()
    with pytest.raises(Diverged, match="turn 2 diverges: the rules refuse it"):
        Session.restore(mini, session.header, [*events, OrderGiven(2, Order("a", "a.fly"))])
    with pytest.raises(Diverged, match="an event of turn 5 came while turn 2 was open"):
        Session.restore(mini, session.header, [*events, OrderGiven(5, Order("a", "a.push"))])
    forged = TurnResolved(1, events[0].orders, (SetTrack("x", 9, "forged"),), (), events[0].draws,
                          events[0].state_hash)
    with pytest.raises(Diverged, match="turn 1 diverges"):
        Session.restore(mini, session.header, [forged])


def test_a_branch_of_a_live_game_shares_its_turns_and_records_its_parent(mini):
    session = Session(mini, 4, {"a": "random", "b": "random"}, name="original")
    session.play_turn()
    session.play_turn()
    branch = session.branch(1, file="original.wgsave")
    assert branch.turns == session.turns[:1] and branch.state == session.turns[0].state
    assert (branch.parent.file, branch.parent.turn, branch.name) == ("original.wgsave", 1,
                                                                      "original \u00b7 what-if from turn 1")
    branch.play_turn()
    assert len(session.turns) == 2 and len(branch.turns) == 2  # they go their own ways


class OpenTurns(RuleBasedStateMachine):
    """Whole games through every door of a session, in any order."""

    @initialize(data=st.data(), which=st.sampled_from(scenarios()))
    def start(self, data, which):
        scenario_ = scenario(which)
        controllers = {seat: data.draw(st.sampled_from([HUMAN, "random"])) for seat in scenario_.seats}
        self.session = Session(scenario_, data.draw(st.integers(0, MAX_SEED)), controllers)
        self.sink = Recorder()
        self.session.attach(self.sink)
        self.header = self.session.header

    @rule(data=st.data())
    @precondition(lambda self: not self.session.over and self.session.humans())
    def a_seat_orders(self, data):
        seat = data.draw(st.sampled_from(self.session.humans()))
        self.session.submit(human_order(data.draw, self.session, seat))

    @rule(data=st.data())
    @precondition(lambda self: not self.session.over and self.session.decided())
    def a_seat_withdraws(self, data):
        self.session.withdraw(data.draw(st.sampled_from(sorted(self.session.decided()))))

    @rule(data=st.data())
    @precondition(lambda self: not self.session.over)
    def a_seat_writes(self, data):
        self.session.send(data.draw(messages(self.session)))

    @rule(data=st.data())
    @precondition(lambda self: not self.session.over)
    def the_facilitator_acts(self, data):
        try:
            self.session.intervene(data.draw(acts(self.session)))
        except RefusedIntervention:
            pass

    @rule(timer=st.booleans())
    @precondition(lambda self: not self.session.over and not self.session.paused)
    def the_turn_resolves(self, timer):
        self.session.resolve(hold_missing=TIMED_OUT if timer else FACILITATOR)

    @rule(data=st.data())
    @precondition(lambda self: self.session.over)
    def a_what_if_from_an_earlier_turn(self, data):
        at = data.draw(st.integers(0, len(self.session.turns) - 1))
        self.session = self.session.branch(at)
        self.sink = Recorder()
        self.sink.events = self.session.events()
        self.session.attach(self.sink)
        self.header = self.session.header

    @rule()
    @precondition(lambda self: not self.session.over)
    def pause_or_resume(self):
        (self.session.resume if self.session.paused else self.session.pause)()

    @invariant()
    def the_journal_rebuilds_the_same_session(self):
        if not hasattr(self, "session"):
            return
        restored = Session.restore(self.session.scenario, self.header, self.sink.events)
        assert restored.events() == self.session.events()
        assert restored.turns == self.session.turns and restored.state == self.session.state
        assert restored.decided() == self.session.decided() and restored.paused == self.session.paused
        compacted = Session.restore(self.session.scenario, self.header, self.session.events())
        assert compacted.entries() == self.session.entries()

    @invariant()
    def no_seat_sees_a_hidden_value_another_seats_message_or_a_reason(self):
        if not hasattr(self, "session"):
            return
        session = self.session
        for seat in session.scenario.seats:
            view = session.view(seat)
            assert all(entry.reason == "" and entry.visible(seat) for entry in view.entries)
            assert all(session.scenario.variable(c.variable).visible(seat) for e in view.entries for c in e.changes)
            assert all(seat in (m.sender, *m.recipients) for m in session.messages(seat))
            hidden = perturb_hidden(session.scenario, session.state, seat)
            assert session.scenario.visible_values(seat, hidden.values) == view.visible_values

    @invariant()
    def a_human_seats_action_entries_say_who_decided(self):
        if not hasattr(self, "session"):
            return
        for record in self.session.turns:
            for entry in record.entries:
                if entry.kind == ACTION and entry.by is not None:
                    order = next(o for o in record.orders if o.seat == entry.actor)
                    assert order.by == entry.by


OpenTurns.TestCase.settings = settings(max_examples=examples(0.5), stateful_step_count=25, deadline=None)
TestOpenTurns = OpenTurns.TestCase
