"""The hot wash: beliefs in the scenario format, answers as journal events (save format 3), the debrief's truth."""

from __future__ import annotations

import json
import textwrap

import msgpack
import pytest

from game.analysis.hotwash import belief_rows
from game.analysis.report import debrief_parts
from game.cli import main
from game.decoding import Invalid
from game.errors import IllegalOrder, ScenarioError
from game.journal import BeliefGiven, decode_event, encode_event
from game.saves import SaveFile, branch_session, format2, load_save, restore_session, save_session
from game.saves.records import SaveError
from game.scenario import parse_scenario
from game.session import Order, Session
from tests.paths import FIXTURES, SCENARIOS
from tests.saves_support import WRITTEN, scenario

BELIEFS = """
[[beliefs]]
id = "serious"
seat = "us"
prompt = "Did Putin mean his offer?"
about = "offer_serious"
choices = [{text = "Yes", values = [true]}, {text = "No", values = [false]}]

[[beliefs]]
id = "how-it-ends"
seat = "china"
turn = 3
prompt = "How will it end?"
about = "ending"
choices = [
  {text = "A safe haven", values = ["safe-haven"]},
  {text = "Drones close by", values = ["basing-settled"]},
  {text = "Neither, by the last turn", otherwise = true},
]

[[beliefs]]
id = "threat"
seat = "russia"
prompt = "How high will the threat be?"
about = "threat"
choices = [{text = "Low", range = [0, 3]}, {text = "Middle", range = [4, 6]}, {text = "High", range = [7, 10]}]
"""


def crisis_with(extra: str = BELIEFS, name: str = "crisis.toml"):
    return parse_scenario((FIXTURES / "crisis.toml").read_text() + textwrap.dedent(extra), name)


CRISIS = crisis_with()
PEOPLE = {"us": "human", "russia": "human", "china": "human"}


def held(session: Session) -> dict[str, Order]:
    return {seat: Order(seat, f"{seat}.hold") for seat in session.humans()}


def test_a_belief_is_asked_in_its_turn_or_once_the_game_is_over_and_answers_replace_each_other():
    session = Session(CRISIS, 4, PEOPLE)
    assert [b.id for b in session.beliefs_due("china")] == [] and session.beliefs_due("us") == []
    session.play_turn(held(session))
    session.play_turn(held(session))
    assert [b.id for b in session.beliefs_due("china")] == ["how-it-ends"], "turn 3"
    session.believe("china", "how-it-ends", 0)
    assert session.beliefs_due("china") == [] and [b.id for b in session.beliefs_open("china")] == ["how-it-ends"]
    session.believe("china", "how-it-ends", 2)
    assert session.answers()["how-it-ends"] == BeliefGiven(3, "china", "how-it-ends", 2)
    with pytest.raises(IllegalOrder, match="asked once the game is over, not now"):
        session.believe("us", "serious", 0)
    session.play_turn(held(session))
    with pytest.raises(IllegalOrder, match="asked in turn 3, not now"):
        session.believe("china", "how-it-ends", 1)
    while not session.over:
        session.play_turn(held(session))
    assert [b.id for b in session.beliefs_due("us")] == ["serious"] and session.beliefs_due("china") == []
    for seat, belief, choice, message in [("china", "serious", 0, "asked of 'us', not 'china'"),
                                          ("us", "serious", 2, "has choices 0 to 1, not 2"),
                                          ("us", "nothing", 0, "'nothing' is not a belief")]:
        with pytest.raises(IllegalOrder, match=message):
            session.believe(seat, belief, choice)
    session.believe("us", "serious", 1)
    assert set(session.answers()) == {"serious", "how-it-ends"}


def test_a_belief_of_a_turn_the_game_never_reached_is_asked_at_the_end():
    session = Session(CRISIS, 4, PEOPLE)
    session.intervene(__import__("game.engine.interventions", fromlist=["SetTrack"]).SetTrack("threat", 10, "end"))
    session.play_turn(held(session))
    assert session.over and len(session.turns) == 1
    assert {b.id for b in session.beliefs_due("china")} == {"how-it-ends"}


def answered_game(tmp_path=None, *, save_as=None) -> Session:
    """A finished crisis game with every belief answered, saved as it goes when ``save_as`` is given."""
    session = Session(CRISIS, 7, PEOPLE)
    sink = SaveFile.own(session, save_as) if save_as else None
    while not session.over:
        if session.beliefs_due("china"):
            session.believe("china", "how-it-ends", 1)
            session.believe("china", "how-it-ends", 2)  # a change of mind: the later answer counts
        session.play_turn(held(session))
    session.believe("us", "serious", 0)
    session.believe("russia", "threat", 2)
    if sink:
        sink.release()
    return session


def test_answers_are_journalled_in_save_format_3_and_replay_with_the_game(tmp_path):
    live = tmp_path / "live.wgsave"
    session = answered_game(save_as=live)
    appended = load_save(live)
    assert appended.format == 3 and sum(isinstance(e, BeliefGiven) for e in appended.events) == 4
    for path in (live, save_session(session, tmp_path / "whole.wgsave")):
        restored = restore_session(load_save(path))
        assert restored.answers() == session.answers()
    compact = load_save(tmp_path / "whole.wgsave")
    assert sum(isinstance(e, BeliefGiven) for e in compact.events) == 3, "compacted: the last answer of each"
    branch = branch_session(compact, 4)
    assert set(branch.answers()) == {"how-it-ends"}, "a branch keeps the answers of the turns it shares"
    assert decode_event(encode_event(BeliefGiven(3, "china", "how-it-ends", 2))) == BeliefGiven(3, "china",
                                                                                                  "how-it-ends", 2)


def format_2_bytes(session: Session) -> bytes:
    """The session as Horizon 0.2 wrote it: format 2's version byte, the same frames."""
    prefix = format2.PREFIX[:-1] + bytes([2])
    chain = format2.Chain(prefix)
    parts = [prefix]
    for data in (format2.header_payload(session.scenario, session.header, WRITTEN),
                 *(format2.event_payload(event, WRITTEN) for event in session.events())):
        frame, chain = chain.frame(data)
        parts.append(frame)
    return b"".join(parts)


def test_format_2_files_still_read_and_one_holding_an_answer_is_damaged(tmp_path):
    quiet = Session(CRISIS, 7, dict.fromkeys(CRISIS.seats, "random"))
    quiet.play_to_end()
    old = tmp_path / "old.wgsave"
    old.write_bytes(format_2_bytes(quiet))
    saved = load_save(old)
    assert saved.format == 2 and restore_session(saved).state == quiet.state
    forged = tmp_path / "forged.wgsave"
    forged.write_bytes(format_2_bytes(answered_game()))
    with pytest.raises(SaveError, match="a seat's answer to a belief, which save format 2 cannot hold"):
        load_save(forged)
    with pytest.raises(Invalid):
        decode_event(msgpack.unpackb(msgpack.packb(["belief", 1, "us", "x", 999])))


def test_a_replayed_answer_is_checked_as_in_play(tmp_path):
    session = answered_game()
    events = [e if not isinstance(e, BeliefGiven) or e.seat != "us" else BeliefGiven(e.turn, "china", e.belief, 0)
              for e in session.events()]
    with pytest.raises(Exception, match="asked of 'us', not 'china'"):
        Session.restore(CRISIS, session.header, events)


def test_the_debrief_sets_each_belief_beside_the_truth_and_the_json_has_them(tmp_path):
    session = answered_game()
    rows = {row.belief.id: row for row in belief_rows(session)}
    threat = session.state.values[CRISIS.index_of("threat")]
    assert rows["threat"].truth == (0 if threat <= 3 else 1 if threat <= 6 else 2) and rows["threat"].answer == 2
    serious = session.state.values[CRISIS.index_of("offer_serious")]
    assert rows["serious"].truth == (0 if serious else 1)
    ending = session.state.ending
    assert rows["how-it-ends"].truth == {"safe-haven": 0, "basing-settled": 1}.get(ending, 2)
    handout, record, appendix = debrief_parts(session)
    assert "**What the seats believed, and what was true**" in handout
    assert "## What the seats believed" in record
    assert ("- **Russia**, asked \u201cHow high will the threat be?\u201d, answered \u201cHigh\u201d"
            f" ({'right' if rows['threat'].right else 'wrong'}).") in record
    path = save_session(session, tmp_path / "game.wgsave")
    assert main(["report", str(path), "-o", str(tmp_path / "d.json"), "--runs", "0"]) == 0
    data = json.loads((tmp_path / "d.json").read_text())
    assert {"seat": "us", "prompt": "Did Putin mean his offer?", "answer": "Yes",
            "truth": "Yes" if serious else "No"} in data["beliefs"]


def test_an_unanswered_belief_and_an_unknown_ending_are_said_so():
    session = Session(CRISIS, 7, PEOPLE)
    session.play_turn(held(session))
    rows = {row.belief.id: row for row in belief_rows(session)}
    assert rows["how-it-ends"].truth is None and rows["how-it-ends"].answer is None
    assert rows["how-it-ends"].right is None


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_shipped_scenarios_ask_every_seat_something(name):
    shipped = scenario(SCENARIOS[name])
    assert {b.seat for b in shipped.beliefs} == set(shipped.seats)
    for belief in shipped.beliefs:
        variable = None if belief.about == "ending" else shipped.variable(belief.about)
        assert variable is None or belief.turn is not None or not variable.visible(belief.seat), belief.id


@pytest.mark.parametrize("extra, message", [
    ('seat = "nobody"', "seat 'nobody' of belief 'b' is not a seat"),
    ('about = "treat"', "about of belief 'b' names 'treat', which is no variable (nor 'ending') (did you mean "
                        "'threat'?)"),
    ('turn = 13', "turn of belief 'b' must be from 1 to 12, not 13"),
    ('choices = [{text = "Low", range = [0, 3]}, {text = "High", range = [5, 10]}]', "4 is in no choice of belief"),
    ('choices = [{text = "Low", range = [0, 5]}, {text = "High", range = [5, 10]}]', "5 is in two choices"),
    ('choices = [{text = "Low", range = [0, 5]}]', "has 1 choices: give from 2 to 8"),
    ('choices = [{text = "Low", range = [0, 5]}, {text = "High", values = [11]}]',
     "11 in a choice of belief 'b' is not a value of variable 'threat' (from 0 to 10)"),
    ('choices = [{text = "Low", range = [0, 5]}, {text = "High", range = [6, 10], otherwise = true}]',
     "needs exactly one of values, range or otherwise"),
    ('choices = [{text = "A", otherwise = true}, {text = "B", otherwise = true}]', "more than one otherwise choice"),
    ('choices = [{text = "", otherwise = true}, {text = "B", range = [0, 10]}]', "has an empty text"),
])
def test_belief_mistakes_are_reported_with_their_line(extra, message):
    base = {"id": '"b"', "seat": '"us"', "prompt": '"How high?"', "about": '"threat"',
            "choices": '[{text = "Low", range = [0, 5]}, {text = "High", range = [6, 10]}]'}
    key = extra.split(" = ", 1)[0]
    base[key] = extra.split(" = ", 1)[1]
    text = "[[beliefs]]\n" + "".join(f"{k} = {v}\n" for k, v in base.items())
    with pytest.raises(ScenarioError) as error:
        crisis_with(text, "bad.toml")
    assert message in str(error.value) and "bad.toml:" in str(error.value)


def test_ending_and_named_beliefs_must_cover_every_outcome():
    with pytest.raises(ScenarioError, match="the last turn played out is in no choice"):
        crisis_with('[[beliefs]]\nid = "e"\nseat = "us"\nprompt = "?"\nabout = "ending"\n'
                    'choices = [{text = "A", values = ["safe-haven"]}, {text = "B", values = ["basing-settled"]}]\n')
    with pytest.raises(ScenarioError, match="'withdrawn' is in no choice"):
        crisis_with('[[beliefs]]\nid = "o"\nseat = "china"\nprompt = "?"\nabout = "offer"\n'
                    'choices = [{text = "A", values = ["floated", "asked"]}, {text = "B", values = ["serious"]}]\n')
    warned = crisis_with('[[beliefs]]\nid = "t"\nseat = "us"\nprompt = "?"\nabout = "threat"\n'
                         'choices = [{text = "A", range = [0, 5]}, {text = "B", range = [6, 10]}]\n')
    assert any("which it sees at the end of the game" in w for w in warned.warnings)


WIDE = """
[variables.wide]
label = "A wide track"
type = "int"
min = 0
max = 1000
initial = 0
"""


@pytest.mark.parametrize("choices, message", [
    ('[{text = "A", range = [0, 500]}, {text = "B", range = [500, 1000]}]', "two choices of belief 'w' both cover 500"),
    ('[{text = "A", range = [0, 499]}, {text = "B", range = [501, 1000]}]', "500 is in no choice of belief 'w'"),
    ('[{text = "A", range = [0, 499]}, {text = "B", values = [500]}]', "501 is in no choice of belief 'w'"),
    ('[{text = "A", range = [0, 499]}, {text = "B", otherwise = true}]', ""),
])
def test_a_wide_track_is_checked_by_its_ranges(choices, message):
    text = WIDE + f'[[beliefs]]\nid = "w"\nseat = "us"\nturn = 2\nprompt = "?"\nabout = "wide"\nchoices = {choices}\n'
    if not message:
        assert crisis_with(text).belief("w").truth(777) == 1
        return
    with pytest.raises(ScenarioError, match=message):
        crisis_with(text)
