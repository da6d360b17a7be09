"""The debrief shows the white cell: every act with its turn and reason, which ones changed the ending, messages."""

from __future__ import annotations

from game.analysis.report import debrief_markdown
from game.analysis.rulings import replay_without, rulings
from game.engine.interventions import FireEvent, ForceChance, Inject, ReplaceOrder, SetTrack
from game.engine.log import FACILITATOR
from game.session import HUMAN, Message, Order, Session
from tests.saves_support import MINI, scenario


def steered() -> Session:
    """A mini game the facilitator ends early with a track set to its maximum, among other acts."""
    session = Session(scenario(MINI), 2, {"a": HUMAN, "b": "random"}, name="steered")
    session.send(Message(1, "a", ("b",), "Shall we keep calm?"))
    session.intervene(FireEvent("drift", "set the mood"))
    session.intervene(ForceChance("a.push", True, "argued well"))
    session.play_turn({"a": Order("a", "a.push", "push on")})
    session.send(Message(2, FACILITATOR, ("a", "b"), "Mind the clock."))
    session.intervene(SetTrack("x", 10, "end it here"))
    session.intervene(Inject("Crowds gather", ("b",), ("x -= 0",), "colour"))
    session.intervene(ReplaceOrder("b", "b.hold", "Beta waits"))
    session.play_turn({"a": Order("a", "a.push")})
    return session


def test_every_act_is_listed_with_its_turn_reason_and_what_leaving_it_out_changes():
    session = steered()
    assert session.over and session.state.ending == "maxed"
    found = {type(r.act).__name__: r for r in rulings(session)}
    assert found["SetTrack"].changed == "the ending" and found["SetTrack"].turn == 2
    assert found["Inject"].changed == ""  # x -= 0 changes nothing
    without = replay_without(session, (1, 0))
    assert without.state.ending != "maxed" and without.turns[1].orders[0].action == "a.push"


def test_the_debrief_has_a_rulings_section_and_the_timeline_shows_acts_and_messages():
    text = debrief_markdown(steered())
    start = text.index("## The facilitator's rulings")
    rulings_text = text[start:text.index("\n## ", start)]
    assert "**Turn 2**: the facilitator set Pressure to 10. Reason: \u201cend it here\u201d." in rulings_text
    assert "**Played on without it, the game would not have ended there:** after turn 2 it would still have been " \
        "going on." in rulings_text  # setting the track ended the game early
    assert ("By the end of that turn it had left Alpha 3 points better off and Beta 3 points worse off than without "
            "it, and without it the game would not have ended that turn.") in rulings_text
    assert "injected \u201cCrowds gather\u201d to Beta. Reason" in rulings_text  # its effects are for the designer
    assert "gave Beta's order: \u201cHold" in rulings_text
    assert "acts changed how the game ended." in rulings_text
    timeline = text[text.index("## Turn by turn"):text.index("## The tracks")]
    assert "- **The facilitator:** The facilitator sets Pressure to 10." in timeline
    assert "  - The facilitator's reason: \u201cend it here\u201d" in timeline
    assert "- **Message** from Alpha to Beta: \u201cShall we keep calm?\u201d" in timeline
    to_all = "- **Message** from the facilitator to Alpha and Beta: \u201cMind the clock.\u201d"
    turn_2 = timeline[timeline.index("### Turn 2"):]
    assert turn_2.index(to_all) < turn_2.index("- **Alpha**") < turn_2.index("**The game ends:**")  # sent first
    assert "(the facilitator gave this order)" in timeline


def test_a_game_the_facilitator_never_touched_has_no_rulings_section():
    session = Session(scenario(MINI), 2, {"a": "random", "b": "random"})
    session.play_to_end()
    assert "## The facilitator's rulings" not in debrief_markdown(session)
