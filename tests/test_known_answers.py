"""Known answers: whole random games of the shipped scenario, by seed, end in these states.

Like python-chess's perft files, this pins the rules' exact behaviour: any
change to the engine, the draws or the scenario that alters a game shows up
here. When a change is intended, regenerate the file and review its diff:

    python -m tests.test_known_answers
"""

from __future__ import annotations

from pathlib import Path

from game.engine import legal_actions
from game.scenario import load_scenario
from game.session import Session
from tests.paths import SHIPPED

KNOWN = Path(__file__).resolve().parent / "known" / "over-the-horizon-2021.txt"
SEEDS = range(1, 31)


def answers() -> list[str]:
    scenario = load_scenario(SHIPPED)
    lines = []
    for seed in SEEDS:
        session = Session(scenario, seed, dict.fromkeys(scenario.seats, "random"))
        session.play_to_end()
        legal = sum(len(legal_actions(scenario, state, seat)) for state in session.states for seat in scenario.seats)
        lines.append(f"{seed} {session.state.turn - 1} {session.state.ending or '-'} {legal} "
                     f"{session.turns[-1].state_hash}")
    return lines


def test_random_games_of_the_shipped_scenario_end_as_recorded():
    assert answers() == KNOWN.read_text().splitlines()[1:]


if __name__ == "__main__":
    KNOWN.write_text("# seed turns-played ending legal-actions-summed-over-the-game final-state-hash\n"
                     + "\n".join(answers()) + "\n")
    print(f"wrote {KNOWN}")
