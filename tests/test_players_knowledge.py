"""What a computer seat is given to decide on: what its seat was shown, no more, no less."""

from game.analysis.fast_games import play_fast
from game.engine import new_game
from game.engine.views import knowledge_for
from game.players import get_policy
from game.scenario import parse_scenario
from game.session import Session

SCENARIO = parse_scenario("""
format = 1
[scenario]
id = "seen"
title = "Seen"
turns = 3
seats = ["a", "b"]
[actors.a]
name = "Alpha"
[actors.b]
name = "Beta"
[variables.x]
type = "int"
min = 0
max = 10
initial = 0
[variables.y]
type = "int"
min = 0
max = 10
initial = 0
visible_to = ["b"]
[[actions]]
id = "a.push"
actor = "a"
label = "Push"
effects = ["x += 1"]
[[events]]
id = "public"
when = "turn == 1"
text = "Everyone hears of it."
[[events]]
id = "secret"
when = "turn == 1"
text = "Only Beta hears of it."
visible_to = ["b"]
[[events]]
id = "silent-idle"
when = "turn == 1"
effects = ["x = x"]
[[events]]
id = "silent-move"
when = "turn == 2"
effects = ["y += 1"]
[[events]]
id = "every-turn"
when = "true"
once = false
text = "It happens again."
""")


def test_a_seat_knows_the_once_events_whose_firing_it_was_shown():
    session = Session(SCENARIO, 1, {"a": "random", "b": "random"})
    session.play_turn()
    assert session.seen == {"a": frozenset({"public"}), "b": frozenset({"public", "secret"})}
    session.play_turn()  # a silent event that changed something leaves an entry; a repeating one counts never
    assert session.seen == {"a": frozenset({"public", "silent-move"}),
                            "b": frozenset({"public", "secret", "silent-move"})}


def test_bulk_play_gives_the_seats_what_a_session_gives_them():
    session = Session(SCENARIO, 3, {"a": "random", "b": "random"})
    game = play_fast(SCENARIO, 3, [get_policy("random")] * 2, trace=True)
    assert len(game.trace) == SCENARIO.turns
    for turn in game.trace:
        assert turn.values == session.state.values
        assert turn.seen == tuple(session.seen[seat] for seat in SCENARIO.seats)
        session.play_turn()
    assert game.values == session.state.values


def test_knowledge_holds_only_visible_values():
    state = new_game(SCENARIO, 1)
    assert knowledge_for(SCENARIO, state, frozenset(), "a").variables == {"x": 0}
    assert knowledge_for(SCENARIO, state, frozenset(), "b").variables == {"x": 0, "y": 0}
