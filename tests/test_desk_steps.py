"""The order of screens, decided once (``game.desk.steps``): pure tests, no terminal, no session.

A game is simulated as plain facts (who has ordered, turns played, over or not) and walked step by
step the way every front end walks it, answering each step as a player could. What must always hold:
hot-seat secrecy (no seat's screen before its hand-off, nobody's secrets on another's screen), each
person's seat decides once a turn, briefings and results come when they should, the facilitator's
console and results follow the runs of turns chosen, a locked game asks first, and every game ends.
"""

from __future__ import annotations

from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from game.desk import steps
from game.desk.steps import (
    Briefing,
    Console,
    Decide,
    End,
    Facts,
    HandOff,
    Mode,
    Progress,
    Resolve,
    Results,
    Seen,
    Unlock,
    Waiting,
    seat_step,
    table_step,
)
from game.desk.unlock import FACILITATOR_MODE

SEATS = ("north", "south", "east")


def walk(humans: tuple[str, ...], turns: int, *, facilitator: bool = False, locked: bool = False,
         opened: bool = True, runs=None, ends_after: int | None = None, start_played: int = 0,
         decided: frozenset[str] = frozenset()) -> list:
    """Every step of a game walked to its end; ``runs`` gives the console's choices in turn."""
    facts = Facts(start_played + 1, start_played, False, humans, decided)
    progress = Progress(Mode.of(humans, facilitator=facilitator, locked=locked))
    runs = iter(runs or [])
    shown = []
    for _ in range(1000):
        step = table_step(facts, progress)
        shown.append(step)
        if isinstance(step, End):
            return shown
        if isinstance(step, Unlock):
            steps.unlocked(progress, opened)
        elif isinstance(step, Console):
            steps.play_on(progress, next(runs, 1))
        elif isinstance(step, Decide):
            assert step.seat not in facts.decided
            facts = evolve(facts, decided=facts.decided | {step.seat})
        elif isinstance(step, Resolve):
            played = facts.played + 1
            over = played >= turns or (ends_after is not None and played >= ends_after)
            facts = Facts(played + 1, played, over, humans, frozenset())
            steps.resolved(progress, facts)
        else:
            steps.table_saw(progress, step, facts)
    raise AssertionError(f"no end after 1000 steps: {shown[-10:]}")


def turns_of(shown: list) -> list[list]:
    """The steps cut at each resolution."""
    cut, current = [], []
    for step in shown:
        current.append(step)
        if isinstance(step, Resolve):
            cut.append(current)
            current = []
    return [*cut, current]


games = st.builds(
    dict,
    humans=st.lists(st.sampled_from(SEATS), unique=True).map(lambda chosen: tuple(s for s in SEATS if s in chosen)),
    turns=st.integers(1, 5),
    facilitator=st.booleans(),
    locked=st.booleans(),
    opened=st.booleans(),
    runs=st.lists(st.integers(1, 6), max_size=6),
    ends_after=st.none() | st.integers(1, 5),
)


@settings(max_examples=150, deadline=None)
@given(games)
def test_every_game_ends_and_each_person_decides_once_a_turn(game):
    shown = walk(**game)
    assert isinstance(shown[-1], End) and shown.count(End()) + shown.count(End(True)) == 1
    resolutions = [step for step in shown if isinstance(step, Resolve)]
    assert [step.turn for step in resolutions] == list(range(1, len(resolutions) + 1))
    for turn, part in enumerate(turns_of(shown)[:-1], 1):
        assert sorted(step.seat for step in part if isinstance(step, Decide)) == sorted(game["humans"])
        assert all(step.turn == turn for step in part if isinstance(step, Decide | HandOff | Console))


@settings(max_examples=150, deadline=None)
@given(games)
def test_hot_seat_secrecy_no_seat_shows_before_its_hand_off(game):
    """Between a hand-off to a seat and the next one, only that seat's screens (or none) show."""
    shown = walk(**game)
    holder = "nobody"
    hot_seat = len(game["humans"]) > 1 and not (game["facilitator"] and (game["opened"] or not game["locked"]))
    for step in shown:
        if isinstance(step, HandOff):
            holder = step.seat
        viewer = steps.viewer_of(step)
        if hot_seat and viewer is not False:
            assert viewer == holder, f"{step} shown while the keyboard is with {holder}"
        if isinstance(step, Resolve):
            holder = "nobody"
    assert any(isinstance(step, HandOff) for step in shown) == hot_seat


@settings(max_examples=150, deadline=None)
@given(games)
def test_a_seat_reads_its_briefing_first_then_each_turns_results_before_deciding(game):
    shown = walk(**game)
    facilitating = game["facilitator"] and (game["opened"] or not game["locked"])
    watching = facilitating or not game["humans"]
    for seat in game["humans"]:
        own = [step for step in shown if steps.viewer_of(step) == seat]
        if watching:
            assert not own
            continue
        decisions = [step for step in own if isinstance(step, Decide)]
        assert own[0] == Briefing(seat) and own.count(Briefing(seat)) == 1
        for decision in decisions[1:]:  # each later turn: last turn's results, then the decision
            assert own[own.index(decision) - 1] == Results(seat, decision.turn - 1)


@settings(max_examples=150, deadline=None)
@given(games)
def test_the_facilitator_gets_the_console_when_a_run_is_done_and_reads_its_results(game):
    shown = walk(**game)
    facilitating = game["facilitator"] and (game["opened"] or not game["locked"])
    if game["facilitator"] and game["locked"]:
        assert shown[0] == Unlock(FACILITATOR_MODE) and Unlock(FACILITATOR_MODE) not in shown[1:]
    else:
        assert not any(isinstance(step, Unlock) for step in shown)
    consoles = [step.turn for step in shown if isinstance(step, Console)]
    if not facilitating:
        assert not consoles
        return
    runs, expected, turn = list(game["runs"]), [], 1
    resolved = sum(isinstance(step, Resolve) for step in shown)
    while turn <= resolved:
        expected.append(turn)
        turn += max(1, runs.pop(0) if runs else 1)
    assert consoles == expected
    watched = [step.turn for step in shown if isinstance(step, Results)]
    assert all(step.viewer is None for step in shown if isinstance(step, Results))
    assert watched == [turn - 1 for turn in consoles[1:]] + ([resolved] if resolved else [])


def test_a_hot_seat_game_in_order():
    shown = walk(("north", "south"), 2)
    assert shown == [
        HandOff("north", 1), Briefing("north"), Decide("north", "north", 1),
        HandOff("south", 1), Briefing("south"), Decide("south", "south", 1), Resolve(1),
        HandOff("north", 2), Results("north", 1), Decide("north", "north", 2),
        HandOff("south", 2), Results("south", 1), Decide("south", "south", 2), Resolve(2),
        End()]


def test_a_game_resumed_mid_turn_asks_only_the_seats_still_to_order():
    shown = walk(("north", "south", "east"), 3, start_played=1, decided=frozenset({"north"}))
    assert shown[:6] == [HandOff("south", 2), Results("south", 1), Decide("south", "south", 2),
                         HandOff("east", 2), Results("east", 1), Decide("east", "east", 2)]


def test_facilitator_mode_without_the_passphrase_goes_on_with_each_seats_screens():
    shown = walk(("north", "south"), 1, facilitator=True, locked=True, opened=False)
    assert shown[:3] == [Unlock(FACILITATOR_MODE), HandOff("north", 1), Briefing("north")]
    opened = walk(("north", "south"), 1, facilitator=True, locked=True, opened=True)
    assert opened == [Unlock(FACILITATOR_MODE), Console(1), Decide("north", None, 1), Decide("south", None, 1),
                      Resolve(1), Results(None, 1), End(last_read=True)]


def test_a_watched_game_of_computers_reads_every_turns_results():
    assert walk((), 2) == [Resolve(1), Results(None, 1), Resolve(2), Results(None, 2), End(last_read=True)]


# -- a joined seat: the same seat steps, from each view the host sends ---------------------------------


def test_a_joined_seat_from_its_views():
    seat = "south"
    first = Facts(1, 0, False)
    seen = Seen.arriving(first, seat)
    assert seat_step(first, seat, seen) == Briefing(seat)
    seen = steps.seat_saw(seen, Briefing(seat))
    assert seat_step(first, seat, seen) == Decide(seat, seat, 1)
    assert seat_step(first, seat, evolve(seen, sending=True)) == Waiting(seat, 1)
    ordered = Facts(1, 0, False, (), frozenset({seat}))
    assert seat_step(ordered, seat, seen) == Waiting(seat, 1)
    assert seat_step(ordered, seat, evolve(seen, changing=True)) == Decide(seat, seat, 1)
    after = Facts(2, 1, False)
    assert seat_step(after, seat, seen) == Results(seat, 1)
    assert seat_step(after, seat, steps.seat_saw(seen, Results(seat, 1))) == Decide(seat, seat, 2)
    assert seat_step(Facts(3, 2, True), seat, seen) == End()


@settings(max_examples=200, deadline=None)
@given(played=st.integers(0, 6), ordered=st.booleans())
def test_a_seat_that_joins_late_or_reconnects_goes_back_where_it_was(played, ordered):
    """Joining after turn 1 skips the briefing; a seat that has ordered this turn has read its last results."""
    facts = Facts(played + 1, played, False, (), frozenset({"east"} if ordered else ()))
    step = seat_step(facts, "east", Seen.arriving(facts, "east"))
    if ordered:
        assert step == Waiting("east", played + 1)
    elif played == 0:
        assert step == Briefing("east")
    else:
        assert step == Results("east", played)
