"""``wargame play --plain`` (issue 9.13): a whole hot-seat game through a pipe, as a screen reader's user
would play it, answering each question from what the screen said.

The driver reads the program's output until it asks something, then answers the way a person would:
the first decision that can be chosen, a rationale, Enter where a default is offered.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from game.desk import storage
from game.saves import list_saves
from tests.tui_driver import FIXTURES

PROMPT = re.compile(r"(?:Type a number from 1 to \d+(?: \(Enter: \d+\))?: |Press Enter to [a-z ]+\. |"
                    r"Why\? .*?\): |Save this game as .*?\): )$")
CHOICE = re.compile(r"^  (\d+)\. (.*)$")


class Reader:
    """The program at the other end of two pipes."""

    def __init__(self, *args: str, cwd: Path) -> None:
        env = {**os.environ, "COLUMNS": "80", "HORIZON_SAVES": ""}
        self.process = subprocess.Popen([sys.executable, "-m", "game", *args], cwd=cwd, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.transcript = ""

    def screen(self) -> str | None:
        """Everything written up to the next question (None when the program has ended)."""
        start = len(self.transcript)
        while not PROMPT.search(self.transcript[start:]):
            ready, _, _ = select.select([self.process.stdout], [], [], 30)
            assert ready, f"no question in 30 s after:\n{self.transcript[start:][-2000:]}"
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.transcript += chunk.decode()
        return self.transcript[start:]

    def answer(self, text: str) -> None:
        self.transcript += text + "\n"
        self.process.stdin.write(text.encode() + b"\n")
        self.process.stdin.flush()


def choices(screen: str) -> list[str]:
    """The numbered choices of the last question on ``screen``."""
    lines = screen.splitlines()
    last: list[str] = []
    for text in lines:
        match = CHOICE.match(text)
        if match:
            last = [] if match[1] == "1" else last
            last.append(match[2])
    return last


def play_through(reader: Reader, *, quit_after: int = 1) -> dict[str, int]:
    """Answer until the program ends; returns how often each kind of screen came."""
    seen = {"hand-off": 0, "briefing": 0, "decision": 0, "game over": 0}
    titles = 0
    while (screen := reader.screen()) is not None:
        for kind in seen:
            seen[kind] += screen.count(f"== {kind.capitalize()}") if kind != "decision" else \
                screen.count("your decision ==")
        if "Which decision?" in screen.splitlines()[-len(choices(screen)) - 2]:
            listed = choices(screen)
            reader.answer(str(next(i for i, c in enumerate(listed, 1) if "unavailable" not in c)))
        elif screen.splitlines()[-1].startswith("Why?"):
            reader.answer("it keeps the border quiet")
        elif "Horizon: a wargame" in screen:
            titles += 1
            listed = choices(screen)
            reader.answer("1" if titles <= quit_after else str(listed.index("Quit") + 1))
        else:
            reader.answer("")  # Enter: the default, or go on
    return seen


def test_a_whole_hot_seat_game_through_a_pipe(tmp_path: Path):
    reader = Reader("play", str(FIXTURES / "trio.toml"), "--plain", "--seed", "11", "--saves", "saves",
                    cwd=tmp_path)
    seen = play_through(reader, quit_after=0)
    assert reader.process.wait(timeout=60) == 0, reader.process.stderr.read().decode()
    out = reader.transcript
    assert seen["hand-off"] == 9 and seen["briefing"] == 3 and seen["decision"] == 9, seen
    assert seen["game over"] == 1 and "Scores (higher is better):" in out
    # What follows a hand-off, up to the next one, is that seat's alone: no other seat's briefing.
    for part in out[: out.index("== Game over")].split("== Hand-off")[1:]:
        seat = re.search(r"the player of (\w+)", part)[1]
        assert set(re.findall(r"== Briefing: (\w+)", part)) <= {seat}, part
    [summary] = list_saves(tmp_path / "saves")
    session = storage.restore(Path(summary.path))
    assert session.over and len(session.turns) == 3
    assert {o.rationale for record in session.turns for o in record.orders} == {"it keeps the border quiet"}


def test_the_title_continue_and_the_end_of_input(tmp_path: Path):
    """Input that ends mid-game leaves it saved; Continue picks it up at the turn it had reached."""
    first = Reader("play", str(FIXTURES / "trio.toml"), "--plain", "--seed", "5", "--saves", "saves",
                   "--seat", "south=random", "--seat", "east=greedy", cwd=tmp_path)
    for answer in ["", "", "", "1", "", ""]:  # start, the passphrase noted, briefing, decide, no rationale, send
        assert first.screen() is not None
        first.answer(answer)
    first.screen()
    first.process.stdin.close()
    assert first.process.wait(timeout=60) == 0
    assert "The input ended. The game is saved in" in first.transcript + first.process.stdout.read().decode()
    [summary] = list_saves(tmp_path / "saves")
    assert summary.played == 1

    second = Reader("--plain", "--saves", "saves", cwd=tmp_path)
    screen = second.screen()
    second.answer(str(choices(screen).index("Continue the latest game") + 1))
    screen = second.screen()
    assert "Turn 2/3" in screen and "Northland: your decision" in screen


@pytest.mark.parametrize("answer", ["", "1"])
def test_leaving_a_game_defaults_to_staying(tmp_path: Path, answer):
    reader = Reader("play", str(FIXTURES / "trio.toml"), "--plain", "--seed", "5", "--saves", "saves",
                    cwd=tmp_path)
    reader.screen()
    reader.answer("")  # start
    assert "The facilitator's passphrase for this game" in reader.screen()
    reader.answer("")  # noted
    screen = reader.screen()
    reader.answer(str(choices(screen).index("Leave this game") + 1))
    screen = reader.screen()
    assert "Leave this game?" in screen and choices(screen) == ["Stay in the game", "Leave the game"]
    reader.answer(answer)
    screen = reader.screen()
    assert "Ready?" in screen and "You left" not in screen
    reader.process.kill()
    reader.process.wait()
