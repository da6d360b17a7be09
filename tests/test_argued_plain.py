"""Argued moves in plain mode, as a person at a hot seat and the white cell would go through them.

Alpha argues a move in the first turn (what it does, the result it wants, a
reason, public), the facilitator rules it from the console's questions (the
chance on the plain scale, the change picked by the track's words, a reason),
and the game plays to its end: the save holds the move and the ruling, and it
replays to the same hashes.
"""

from __future__ import annotations

from game.desk import storage
from game.desk.launch import LaunchOptions
from game.saves import load_save, restore_session
from game.session import HUMAN
from tests.test_argued_moves import INSTEAD
from tests.test_plain_flow import a_person, last_choices, pick, play, question

STATEMENT = "Alpha leans on the crowd"


def test_a_seat_argues_and_the_white_cell_rules_in_plain_mode(tmp_path):
    options = LaunchOptions(scenario=INSTEAD, controllers={"a": HUMAN, "b": "random"}, seed=6, facilitator=True,
                            saves_dir=tmp_path)
    done = {"argued": False, "ruled": False, "picked": False}

    def person(transcript: str) -> str | None:
        last = transcript.rstrip("\n").splitlines()[-1]
        if last.startswith("What you do, in a sentence"):
            if done["argued"]:
                return ""
            done["argued"] = True
            return STATEMENT
        answers = {"The result you want": "pressure rises", "Reason 1": "the crowd listens", "Reason 2": "",
                   "Your reason": "the crowd is restless"}
        for start, answer in answers.items():
            if last.startswith(start):
                return answer
        if not last.startswith("Type a number"):
            return a_person(transcript)
        asked = question(transcript)
        if asked.startswith("Public (every seat sees it"):
            return pick(transcript, "Public")
        if asked == "Rule on one now?":
            return pick(transcript, "Rule on an argued move" if not done["ruled"] else "Resolve the turn")
        if asked == "The argued move?":
            done["ruled"] = True
            return pick(transcript, f"Alpha: \u201c{STATEMENT}\u201d")
        if asked == "Its chance?":
            return pick(transcript, "unlikely (30%)")
        if asked == "Which track?":
            listed = last_choices(transcript)
            if not done["picked"]:  # on success: Pressure up by 2; nothing more, nothing on failure
                done["picked"] = True
                return pick(transcript, "Pressure")
            return pick(transcript, "Done" if "Done" in listed else "None")
        if asked.endswith("what happens to it?"):
            return pick(transcript, "Pressure: up by 2")
        return a_person(transcript)

    out = play(options, person)
    assert done["ruled"] and "Game over" in out
    assert "Argued: the white cell will rule on it before the turn resolves." in out
    (summary,) = storage.list_saves(tmp_path)
    saved = load_save(summary.path)
    (move,) = saved.verified.argued_moves(1)
    assert (move.argument.statement, move.argument.wants, move.argument.reasons) == (
        STATEMENT, "pressure rises", ("the crowd listens",))
    (act,) = saved.turns[0].interventions
    assert (act.chance, act.effects, act.reason) == (30, ("x += 2",), "the crowd is restless")
    replayed = restore_session(saved)
    assert [t.state_hash for t in replayed.turns] == [t.state_hash for t in saved.turns]
