"""Plain mode in process: the desk's steps as lines, the one unlock policy, the facilitator's acts, a what-if,
and text that reads as speech (no Markdown marks, each heading once).

The reader is a function of what was written so far: each time the game reads a line, it answers
the last question as a person would (``answer``), so a whole game runs in a few hundred milliseconds
without a subprocess. The pipe test (tests/test_plain_mode.py) keeps the real command honest.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from game.desk import storage
from game.desk.launch import LaunchOptions
from game.lock import make_lock
from game.plain.console import Console
from game.plain.walk import PlainGame
from game.saves import save_session
from game.scenario import load_scenario
from game.session import HUMAN, Order, Session
from tests.paths import FIXTURES, SHIPPED

PASSPHRASE = "table four"
LOCK = make_lock(PASSPHRASE)
MINI, TRIO = FIXTURES / "mini.toml", FIXTURES / "trio.toml"


class Reader(io.TextIOBase):
    """Standard input that answers each question from the transcript (``answer(transcript) -> line``)."""

    def __init__(self, out: io.StringIO, answer: Callable[[str], str | None], limit: int = 2000) -> None:
        self.out, self.answer, self.asked, self.limit = out, answer, 0, limit

    def readline(self, size: int = -1) -> str:
        self.asked += 1
        assert self.asked < self.limit, self.out.getvalue()[-3000:]
        line = self.answer(self.out.getvalue())
        if line is None:
            return ""  # the end of the input
        self.out.write(line + "\n")
        return line + "\n"


def last_choices(transcript: str) -> list[str]:
    """The numbered choices of the last question."""
    lines = transcript.splitlines()
    found: list[str] = []
    for text in reversed(lines[:-1]):
        match = re.match(r"^  (\d+)\. (.*)$", text)
        if not match:
            break
        found.insert(0, match[2])
    return found


def question(transcript: str) -> str:
    """The last question asked: the line before its numbered choices."""
    lines = transcript.splitlines()
    return lines[-2 - len(last_choices(transcript))] if len(lines) > 1 else ""


def pick(transcript: str, wanted: str) -> str:
    """The number of the last question's first choice that starts with ``wanted``."""
    listed = last_choices(transcript)
    return str(next(i for i, choice in enumerate(listed, 1) if choice.startswith(wanted)))


def play(options: LaunchOptions, answer: Callable[[str], str | None]) -> str:
    out = io.StringIO()
    PlainGame(Console(Reader(out, answer), out), options).run()
    return out.getvalue()


def a_person(transcript: str, *, facilitator_wants: str = "Play to the end", passphrase: str = "") -> str | None:
    """A person playing along: the first decision that can be chosen, Enter for defaults, quit at the title."""
    last = transcript.rstrip("\n").splitlines()[-1]
    if last.startswith("Type a number") and "Which decision?" in transcript[-3000:].rsplit("==", 1)[-1]:
        return next(str(i) for i, c in enumerate(last_choices(transcript), 1) if "unavailable" not in c)
    if last.startswith("Type a number") and "Horizon: a wargame" in transcript.rsplit("== ", 1)[-1]:
        return pick(transcript, "Quit")
    if last.startswith("Type a number") and "the facilitator's console ==" in transcript.rsplit("\n== ", 1)[-1]:
        return pick(transcript, facilitator_wants)
    if last.startswith("Passphrase"):
        return passphrase
    if last.startswith("Why?"):
        return "a reason of mine"
    return ""


def locked_save(folder: Path, controllers=None) -> Path:
    """An unfinished game with a person's seat and a passphrase, one turn in."""
    session = Session(load_scenario(MINI), 3, controllers or {"a": "random", "b": HUMAN}, name="locked", lock=LOCK)
    orders = {"a": Order("a", "a.push", ""), "b": Order("b", "b.hide", "my hidden plan")}
    session.play_turn({seat: order for seat, order in orders.items() if seat in session.humans()})
    folder.mkdir(parents=True, exist_ok=True)
    return save_session(session, folder / "locked.wgsave")


def headings(transcript: str) -> list[str]:
    return re.findall(r"^== (.*) ==$", transcript, flags=re.M)


# -- the one unlock policy in plain mode (issue 17.7) ---------------------------------------------------


def test_facilitator_mode_of_a_locked_save_asks_and_without_it_the_seat_plays_its_own_screens(tmp_path):
    path = locked_save(tmp_path)
    options = LaunchOptions(session=storage.restore(path), load=path, facilitator=True, saves_dir=tmp_path)
    out = play(options, lambda t: a_person(t, passphrase="not it") if t.count("not this game's") < 2
               else a_person(t, passphrase=""))
    assert out.count("That is not this game's passphrase.") == 2
    assert "Without the passphrase the game goes on with each seat's own screens." in out
    assert "the facilitator's console ==" not in out and "Orders this turn:" not in out
    assert ": your decision ==" in out and "== Decision for" not in out  # the seat's own screens


def test_facilitator_mode_of_a_locked_save_opens_with_the_passphrase(tmp_path):
    path = locked_save(tmp_path)
    options = LaunchOptions(session=storage.restore(path), load=path, facilitator=True, saves_dir=tmp_path)
    out = play(options, lambda t: a_person(t, passphrase=PASSPHRASE))
    assert "the facilitator's console" in out and "Game over" in out
    assert "not this game's" not in out


def test_plain_replay_of_a_locked_unfinished_game_asks_first(tmp_path):
    locked_save(tmp_path / "saves")
    options = LaunchOptions(saves_dir=tmp_path / "saves")
    asked = []

    def person(transcript: str) -> str | None:
        last = transcript.rstrip("\n").splitlines()[-1]
        if "Horizon: a wargame" in transcript.rsplit("== ", 1)[-1] and last.startswith("Type"):
            if asked:
                return pick(transcript, "Quit")
            asked.append(1)
            return pick(transcript, "Replay a saved game")
        if question(transcript) == "Which one?":
            return "1"
        return a_person(transcript, passphrase="")

    out = play(options, person)
    assert "This game is not over: its replay" in out and "no replay of this game until it is over" in out
    assert "my hidden plan" not in out and "Replay of" not in out


def test_a_new_plain_game_with_people_is_locked_and_its_passphrase_shown_once(tmp_path):
    scenario = load_scenario(MINI)
    options = LaunchOptions(scenario=scenario, controllers={"a": HUMAN, "b": "random"}, seed=4, saves_dir=tmp_path)
    out = play(options, a_person)
    shown = out.split("== The facilitator's passphrase for this game ==\n", 1)[1].splitlines()[0]
    assert out.count(shown) == 1
    [summary] = storage.list_saves(tmp_path)
    session = storage.restore(Path(summary.path))
    assert session.lock is not None and session.lock.opens_with(shown)
    no_people = play(LaunchOptions(scenario=scenario, controllers={"a": "random", "b": "random"}, seed=4,
                                   saves_dir=tmp_path / "computers"), a_person)
    assert "passphrase for this game" not in no_people


# -- the facilitator in plain mode (issue 24.5) ---------------------------------------------------------


def test_the_facilitators_console_acts_and_plays_in_runs(tmp_path):
    scenario = load_scenario(MINI)
    options = LaunchOptions(scenario=scenario, controllers={"a": "random", "b": "random"}, seed=5, facilitator=True,
                            saves_dir=tmp_path)
    script = iter(["inject", "headline", "all", "effects", "reason", "several", "2"])
    todo = {"step": next(script)}

    def facilitator(transcript: str) -> str | None:
        last = transcript.rstrip("\n").splitlines()[-1]
        step = todo["step"]
        if step == "inject" and last.startswith("Type") and "console ==" in transcript.rsplit("\n== ", 1)[-1]:
            todo["step"] = next(script)
            return pick(transcript, "An inject of your own")
        if step == "headline" and last.startswith("Headline"):
            todo["step"] = next(script)
            return "Storm over the pass"
        if step == "all" and last.startswith("Type the numbers"):
            todo["step"] = next(script)
            return ""
        if step == "effects" and last.startswith("Type a number") and "Which track?" in transcript[-300:]:
            todo["step"] = next(script)
            return ""
        if step == "reason" and last.startswith("Your reason"):
            todo["step"] = next(script)
            return "to test the seats"
        if step == "several" and last.startswith("Type") and "console ==" in transcript.rsplit("\n== ", 1)[-1]:
            todo["step"] = next(script)
            return pick(transcript, "Play several turns")
        if step == "2" and last.startswith("How many turns"):
            todo["step"] = "done"
            return "2"
        return a_person(transcript)

    out = play(options, facilitator)
    assert "Done: the act is in this turn's log, with your reason." in out
    consoles = list(dict.fromkeys(h for h in headings(out) if h.endswith("the facilitator's console")))
    assert consoles[0].startswith("Turn 1/") and consoles[1].startswith("Turn 3/"), consoles
    session = storage.restore(Path(storage.list_saves(tmp_path)[0].path))
    assert [act.reason for record in session.turns for act in record.interventions] == ["to test the seats"]


def test_a_what_if_from_a_plain_replay_keeps_the_lock_and_says_so(tmp_path):
    saves = tmp_path / "saves"
    path = locked_save(saves, {"a": HUMAN, "b": HUMAN})
    options = LaunchOptions(saves_dir=saves)
    state = {"titles": 0}

    def person(transcript: str) -> str | None:
        last = transcript.rstrip("\n").splitlines()[-1]
        if "Horizon: a wargame" in transcript.rsplit("== ", 1)[-1] and last.startswith("Type"):
            state["titles"] += 1
            return pick(transcript, "Replay a saved game" if state["titles"] == 1 else "Quit")
        if question(transcript) == "Which one?":
            return pick(transcript, "locked")
        if question(transcript) == "Next?":
            return pick(transcript, "Play a what-if")
        return a_person(transcript, passphrase=PASSPHRASE)

    out = play(options, person)
    assert "This what-if opens with the original game's facilitator passphrase" in out
    assert "passphrase for this game ==" not in out  # no new one shown
    what_if = next(Path(s.path) for s in storage.list_saves(saves) if Path(s.path) != path)
    session = storage.restore(what_if)
    assert session.parent is not None and session.lock is not None and session.lock.opens_with(PASSPHRASE)
    from game.desk.unlock import passphrase_hint

    assert "the game it comes from" in passphrase_hint(session)


# -- plain mode reads as speech (issue 24.5) -------------------------------------------------------------


@pytest.mark.parametrize("scenario_path", [TRIO, SHIPPED], ids=["trio", "shipped"])
def test_plain_mode_reads_as_speech_no_markdown_marks_and_each_heading_once(tmp_path, scenario_path):
    scenario = load_scenario(scenario_path)
    controllers = dict.fromkeys(scenario.seats, "random") | {scenario.seats[0]: HUMAN}
    options = LaunchOptions(scenario=scenario, controllers=controllers, seed=2, saves_dir=tmp_path)
    out = play(options, a_person)
    game = out[: out.index("== Game over")]
    assert not re.search(r"^#+ ", game, flags=re.M), "a Markdown heading read aloud"
    assert not re.search(r"(^|\s)_[^_\n]+_($|[\s.,])", game, flags=re.M), "Markdown emphasis read aloud"
    assert "**" not in game
    for screen in re.split(r"^== .* ==$", game, flags=re.M):
        situation = screen.split("Situation:\n", 1)[-1].split("\nDecisions for", 1)[0] if "Situation:" in screen \
            else ""
        group_headings = [line for line in situation.splitlines() if line.endswith(":") and not line.startswith(" ")]
        assert len(group_headings) == len(set(group_headings)), group_headings
    assert f"{scenario.turns} turns of {scenario.turn_days} days." in out
    parts = re.split(r"^== (.*) ==$", game, flags=re.M)
    for heading, screen in zip(parts[1::2], parts[2::2], strict=True):
        if heading.endswith(": results"):  # the turn is named once, in the screen's heading
            assert heading.removesuffix(": results") not in screen.splitlines(), screen[:300]


def test_the_debrief_is_read_as_speech():
    from game.plain.pages import speech

    said = speech("# Debrief: A\n\n*Summary* with \\*stars\\* and a \\_name\\_.\n\n## The seats\n\n"
                  "| Seat | Score |\n|---|---|\n| North | 3 |\n\n- **North** chose *Hold*.\n  - Why: [a](http://x)\n"
                  "> quoted `code`\n\n\n### Turn 1 · 21 June\n")
    assert said == ["Debrief: A", "", "Summary with *stars* and a _name_.", "", "The seats:", "",
                    "Seat: North; Score: 3.", "", "  North chose Hold.", "    Why: a (http://x)", "quoted code", "",
                    "Turn 1 · 21 June:"]
