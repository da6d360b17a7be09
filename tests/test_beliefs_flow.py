"""The hot wash on every front end: the desk's beliefs step, the game at one screen, plain mode, the TUI.

Before the reveal each person's seat answers what the scenario asks it, on its
own screen (after its hand-off at a shared keyboard), and nobody sees the end
before every seat has answered or passed.
"""

from __future__ import annotations

import io
from pathlib import Path

from attrs import evolve

from game.desk import steps
from game.desk.launch import LaunchOptions
from game.desk.local_game import LocalGame
from game.desk.steps import Beliefs, Decide, End, Facts, HandOff, Mode, Progress, Resolve, Seen, seat_step, table_step
from game.plain.console import Console
from game.plain.walk import PlainGame
from game.saves import list_saves, load_save, restore_session
from game.session import HUMAN, Order, Session
from tests.paths import FIXTURES
from tests.test_beliefs import CRISIS
from tests.test_plain_flow import Reader, a_person, question
from tests.tui_driver import make_app, screen_name, screen_text, wait_for, wait_until

SEATS = ("north", "south", "east")


def walk_end(facts: Facts, progress: Progress, *, answer: bool = True) -> list:
    """The steps of a game at one screen from ``facts`` (over) to its end; each asked seat answers (or passes)."""
    shown = []
    for _ in range(50):
        step = table_step(facts, progress)
        shown.append(step)
        if isinstance(step, End):
            return shown
        if isinstance(step, Beliefs) and answer:
            facts = evolve(facts, asked=facts.asked - {step.seat})
        steps.table_saw(progress, step, facts)
    raise AssertionError(shown)


def test_at_a_shared_keyboard_each_seat_answers_after_its_hand_off_and_before_anyone_sees_the_end():
    over = Facts(4, 3, True, SEATS, asked=frozenset({"north", "east"}))
    for answer in (True, False):  # answering, or passing: asked once either way
        progress = Progress(Mode.of(SEATS, facilitator=False))
        assert walk_end(over, progress, answer=answer) == [
            HandOff("north", 4), Beliefs("north", "north", 4), HandOff("east", 4), Beliefs("east", "east", 4), End()]
    alone = Progress(Mode.of(("south",), facilitator=False))
    assert walk_end(evolve(over, humans=("south",), asked=frozenset({"south"})), alone) == [
        Beliefs("south", "south", 4), End()]
    facilitator = Progress(Mode.of(SEATS, facilitator=True))
    assert walk_end(over, facilitator) == [Beliefs("north", None, 4), Beliefs("east", None, 4), End()]


def test_a_belief_of_a_turn_comes_after_the_seats_results_and_before_its_decision():
    facts = Facts(3, 2, False, ("south",), asked=frozenset({"south"}))
    seen = Seen(briefed=True, results=1)
    assert seat_step(facts, "south", seen) == steps.Results("south", 2)
    seen = steps.seat_saw(seen, steps.Results("south", 2))
    assert seat_step(facts, "south", seen) == Beliefs("south", "south", 3)
    seen = steps.seat_saw(seen, Beliefs("south", "south", 3))
    assert seat_step(facts, "south", seen) == Decide("south", "south", 3), "passed: not asked again this turn"
    assert seat_step(evolve(facts, turn=4, played=3), "south", evolve(seen, results=3)) == Beliefs("south", "south", 4)
    assert seat_step(evolve(facts, over=True), "north", Seen(briefed=True)) == End(), "a seat not asked: the end"
    watching = Progress(Mode.of(("south",), facilitator=True, ), running=1)
    assert table_step(facts, watching) == Beliefs("south", None, 3)


def local_game_to_the_end(session: Session, saves: Path) -> list:
    """Play ``session`` at one screen as a front end would: holds for orders, the first choice for beliefs."""
    game = LocalGame(session, facilitator=False, saves_dir=saves)
    game.start()
    shown = []
    while not isinstance(step := game.next_step(), End):
        shown.append(step)
        if isinstance(step, Decide):
            game.give(Order(step.seat, f"{step.seat}.hold"))
        elif isinstance(step, Resolve):
            game.resolve()
        elif isinstance(step, Beliefs):
            prompts = game.prompts(step.seat)
            assert prompts and {p.id for p in prompts} <= {b.id for b in CRISIS.beliefs if b.seat == step.seat}
            game.believe(step.seat, {prompt.id: 0 for prompt in prompts})
            game.saw(step)
        else:
            game.saw(step)
    game.let_go()
    return shown


def test_a_game_at_one_screen_asks_and_keeps_every_answer_in_its_save(tmp_path):
    session = Session(CRISIS, 5, dict.fromkeys(CRISIS.seats, HUMAN))
    shown = local_game_to_the_end(session, tmp_path)
    beliefs = [step for step in shown if isinstance(step, Beliefs)]
    assert [(b.seat, b.turn) for b in beliefs] == [("china", 3), ("us", len(session.turns) + 1),
                                                   ("russia", len(session.turns) + 1)]
    for belief in beliefs:  # after its hand-off
        assert isinstance(shown[shown.index(belief) - 1], HandOff) or belief.seat == "china"
    [saved] = list_saves(tmp_path)
    assert set(restore_session(load_save(saved.path)).answers()) == {"serious", "how-it-ends", "threat"}


def test_plain_mode_asks_each_seat_its_beliefs_one_question_at_a_time(tmp_path):
    options = LaunchOptions(scenario=CRISIS, controllers={"us": HUMAN, "russia": "random", "china": "random"},
                            seed=4, saves_dir=tmp_path)

    def person(transcript: str) -> str | None:
        if question(transcript) == "Your answer?":
            return "2"
        return a_person(transcript)

    out = io.StringIO()
    PlainGame(Console(Reader(out, person), out), options).run()
    transcript = out.getvalue()
    asked = transcript.index("== What United States believes ==")
    assert asked < transcript.index("Game over") if "Game over" in transcript else True
    assert "Question 1 of 1: Did Putin mean his offer?" in transcript[asked:]
    assert "  3. Pass: leave it unanswered" in transcript[asked:]
    [saved] = list_saves(tmp_path)
    answers = restore_session(load_save(saved.path)).answers()
    assert {key: a.choice for key, a in answers.items()} == {"serious": 1}


TRIO_BELIEFS = """
[[beliefs]]
id = "south-plan"
seat = "north"
prompt = "What was the South planning?"
about = "south_plan"
choices = [{text = "Nothing yet", values = ["dormant"]}, {text = "Marigold", values = ["marigold"]},
           {text = "Saffron", values = ["saffron"]}]

[[beliefs]]
id = "north-spies"
seat = "south"
prompt = "How many spies did the North run?"
about = "north_spies"
choices = [{text = "Few (0 to 2)", range = [0, 2]}, {text = "Many (3 to 5)", range = [3, 5]}]
"""


async def test_hot_seat_people_answer_on_their_own_screens_before_the_end(tmp_path):
    """A hot-seat game of two people resumed at its last turn (the screens before it are other tests')."""
    from game.desk import storage
    from game.saves import save_session
    from game.scenario import parse_scenario
    from tests.tui_driver import choose, first_available

    trio = parse_scenario((FIXTURES / "trio.toml").read_text() + TRIO_BELIEFS, "trio.toml")
    session = Session(trio, 3, {"north": HUMAN, "south": HUMAN, "east": "random"})
    while len(session.turns) < trio.turns - 1:
        session.play_turn({"north": Order("north", "north.hold"), "south": Order("south", "south.hold")})
    path = save_session(session, tmp_path / "trio.wgsave")
    app = make_app(tmp_path / "saves", session=storage.restore(path), load=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "HandOffScreen")
        playing = app.playthrough.session
        order = []
        for _ in range(100):
            name = screen_name(pilot)
            order.append((name, playing.over))
            if name == "EndScreen":
                break
            if name == "BeliefsScreen":
                text = screen_text(pilot.app.screen)
                mine = "What was the South planning?" if pilot.app.screen.seat.id == "north" else "How many spies"
                assert mine in text and "secret until the debrief" in text
                await pilot.press("down", "enter")  # the second choice
            elif name == "TurnScreen":
                await choose(pilot, first_available(pilot.app.screen), "")
            else:
                await pilot.press("enter")
            await wait_until(pilot, lambda shown=name: screen_name(pilot) != shown, "the next screen")
        after = [name for name, over in order if over]
        assert after == ["HandOffScreen", "BeliefsScreen", "HandOffScreen", "BeliefsScreen", "EndScreen"], order
        assert {key: a.choice for key, a in playing.answers().items()} == {"south-plan": 1, "north-spies": 1}


def test_a_seat_sees_its_own_prompts_and_answers_and_no_other_seats():
    """Answers are secret until the debrief: another seat's answer changes nothing a seat is sent."""
    from game.seat_view.build import seat_view
    from game.seat_view.wire import to_wire

    session = Session(CRISIS, 5, dict.fromkeys(CRISIS.seats, HUMAN))
    while not session.over:
        session.play_turn({seat: Order(seat, f"{seat}.hold") for seat in CRISIS.seats})
    before = {seat: to_wire(seat_view(session, seat)) for seat in CRISIS.seats}
    assert [(b.id, b.answer) for b in seat_view(session, "us").beliefs] == [("serious", None)]
    assert seat_view(session, None).beliefs == (), "the facilitator's view holds no answers"
    session.believe("russia", "threat", 2)
    assert to_wire(seat_view(session, "us")) == before["us"] and to_wire(seat_view(session, "china")) == before["china"]
    assert [(b.id, b.answer) for b in seat_view(session, "russia").beliefs] == [("threat", 2)]
    assert Facts.of_view(seat_view(session, "russia")).asked == frozenset()
    assert Facts.of_view(seat_view(session, "us")).asked == frozenset({"us"})


def test_the_believe_request_reads_back_and_refuses_what_is_not_one():
    import pytest

    from game.net import protocol as p

    assert p.decode_request(p.encode(p.Believe(7, "serious", 1))) == p.Believe(7, "serious", 1)
    with pytest.raises(p.ProtocolError):
        p.decode_request(p.encode(p.Believe(7, "serious", 1))[:-1] + b"\xc3")  # a choice that is true


async def test_a_joined_seat_answers_through_the_host_which_journals_it_and_tells_no_one_else(tmp_path):
    from game.net import protocol as p
    from game.net.journal_db import Journal
    from game.session import FACILITATOR
    from tests.net_support import RecordingSeat, hosted, link_of

    scenario = tmp_path / "crisis.toml"
    scenario.write_text(CRISIS.origin.text)
    async with hosted(tmp_path, scenario=scenario) as host:
        async with RecordingSeat(link_of(host, "us")) as us, RecordingSeat(link_of(host, "russia")) as russia, \
                RecordingSeat(link_of(host, FACILITATOR)) as chair:
            await us.update()
            await russia.update()
            while not host.games[1].session.over:
                assert isinstance(await chair.ask(lambda rid: p.ResolveNow(rid)), p.Ack)
            ended = await us.until(lambda u: u.view.over)
            assert [(b.id, b.answer) for b in ended.view.beliefs] == [("serious", None)]
            assert isinstance(await us.ask(lambda rid: p.Believe(rid, "threat", 0)), p.Refused)
            assert isinstance(await us.ask(lambda rid: p.Believe(rid, "serious", 1)), p.Ack)
            mine = await us.until(lambda u: u.view.beliefs[0].answer == 1)
            assert Facts.of_view(mine.view).asked == frozenset()
            assert isinstance(await russia.ask(lambda rid: p.Believe(rid, "threat", 2)), p.Ack)  # reads all sent
            await russia.until(lambda u: u.view.over and u.view.beliefs[0].answer == 2)
            assert all(b.id == "threat" for update in russia.updates for b in update.view.beliefs)
            assert "Did Putin mean his offer?".encode() not in b"".join(russia.received)
            assert "How high will the threat be?".encode() in b"".join(russia.received)
    journal = Journal.open(tmp_path / "saves" / "host-journal.sqlite")
    try:
        (game,) = journal.games()
        answers = {e.belief: e.choice for e in game.events if type(e).__name__ == "BeliefGiven"}
        assert answers == {"serious": 1, "threat": 2}
    finally:
        journal.close()


async def test_a_joined_seats_app_asks_before_the_end_and_its_answer_reaches_the_host(tmp_path):
    from game.net import protocol as p
    from game.session import FACILITATOR
    from game.tui.remote.app import RemoteApp
    from game.tui.screens.beliefs import BeliefsScreen
    from game.tui.screens.end import EndScreen
    from tests.net_support import RecordingSeat, hosted, link_of

    scenario = tmp_path / "crisis.toml"
    scenario.write_text(CRISIS.origin.text)
    async with hosted(tmp_path, scenario=scenario) as host:
        async with RecordingSeat(link_of(host, FACILITATOR)) as chair:
            await chair.update()
            while not host.games[1].session.over:
                assert isinstance(await chair.ask(lambda rid: p.ResolveNow(rid)), p.Ack)
        app = RemoteApp(link_of(host, "us"))
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):
                await pilot.pause(0.1)
                if isinstance(app.screen, BeliefsScreen):
                    break
            assert isinstance(app.screen, BeliefsScreen), type(app.screen).__name__
            assert "Did Putin mean his offer?" in screen_text(app.screen)
            await pilot.press("down", "enter")
            for _ in range(200):
                await pilot.pause(0.1)
                if isinstance(app.screen, EndScreen) and host.games[1].session.answers():
                    break
            assert isinstance(app.screen, EndScreen)
            assert {k: a.choice for k, a in host.games[1].session.answers().items()} == {"serious": 1}
