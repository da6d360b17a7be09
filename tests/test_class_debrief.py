"""The class debrief (``wargame report SAVE SAVE...``): every table, its ending, where the tables parted,
the record and the simulation beside them; saves of other scenarios, other versions or damaged refused."""

from __future__ import annotations

import json

import pytest

from game.analysis.class_debrief import judged
from game.cli import main
from game.saves import save_session
from game.scenario import parse_scenario
from game.session import Session
from tests.paths import FIXTURES

CRISIS = (FIXTURES / "crisis.toml").read_text(encoding="utf-8")
RECORD = ('[class]\ntracks = ["threat", "basing"]\n\n[[class.record]]\nlabel = "no U.S. base in Central Asia"\n'
          "when = \"basing != 'central_asia'\"\nheld = \"always\"\n\n[[endings]]")
SCENARIO = parse_scenario(CRISIS.replace("[[endings]]", RECORD, 1), "crisis.toml")


def table(number: int, scenario=SCENARIO) -> Session:
    session = Session(scenario, 10 + number, {"us": "greedy" if number % 2 else "random", "russia": "greedy",
                                              "china": "random"}, name=f"Table {number}")
    while not session.over:
        session.play_turn({})
    return session


@pytest.fixture(scope="module")
def saves(tmp_path_factory):
    folder = tmp_path_factory.mktemp("saves")
    sessions = [table(number) for number in range(1, 5)]
    for number, session in enumerate(sessions, 1):
        save_session(session, folder / f"table-{number}.wgsave")
    return folder, sessions


def test_the_class_debrief_names_every_table_its_ending_the_parting_and_the_simulation(saves, tmp_path, capsys):
    folder, sessions = saves
    out = tmp_path / "class.md"
    assert main(["report", str(folder), "--runs", "20", "--jobs", "1", "-o", str(out)]) == 0
    assert "Wrote the class debrief of 4 tables" in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    for session in sessions:
        assert f"**{session.name}**" in text
        ending = next((e.text for e in SCENARIO.endings if e.id == session.state.ending), SCENARIO.end_text)
        assert f"**{session.name}**: {ending}" in text
    assert "## Where the tables parted" in text and "The tables parted in turn 1, when" in text
    kept = sum(judged(SCENARIO.classroom.record[0], session) for session in sessions)
    assert f"- {kept} of 4 tables: no U.S. base in Central Asia, as in reality; simulated games: " in text
    assert "of 4 tables (" in text and "simulated games: " in text.split("## Endings")[1].split("##")[0]

    data_file = tmp_path / "class.json"
    files = [str(path) for path in sorted(folder.glob("*.wgsave"))]
    assert main(["report", *files, "--runs", "20", "--jobs", "1", "-o", str(data_file)]) == 0
    data = json.loads(data_file.read_text(encoding="utf-8"))
    assert [t["label"] for t in data["tables"]] == [s.name for s in sessions]
    assert [t["ending"]["id"] for t in data["tables"]] == [s.state.ending for s in sessions]
    assert data["parting"]["turn"] == 1 and data["simulation"]["runs"] == 20
    assert data["record"][0]["tables"] == kept and 0 <= data["record"][0]["simulated"] <= 1
    assert all(t["nearest"]["table"] != t["label"] for t in data["tables"])

    page = tmp_path / "class.html"
    assert main(["report", *files[:2], "--runs", "0", "-o", str(page)]) == 0
    printed = page.read_text(encoding="utf-8")
    handout = printed[printed.index('<section class="handout">'):printed.index('<section class="record">')]
    assert "<h2>Where the tables parted</h2>" in handout and "<h2>Endings</h2>" in handout  # the room's page


def test_saves_of_other_scenarios_other_versions_or_damaged_are_refused_in_one_line(saves, tmp_path, capsys):
    folder, _ = saves
    first = str(folder / "table-1.wgsave")
    other = parse_scenario((FIXTURES / "mini.toml").read_text(encoding="utf-8"), "mini.toml")
    mini = Session(other, 1, dict.fromkeys(other.seats, "random"))
    save_session(mini, tmp_path / "mini.wgsave")
    version = table(5, parse_scenario(CRISIS.replace("[[endings]]", RECORD.replace("always", "ever"), 1),
                                      "crisis.toml"))
    save_session(version, tmp_path / "version.wgsave")
    damaged = tmp_path / "damaged.wgsave"
    data = bytearray((folder / "table-2.wgsave").read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    cases = [(tmp_path / "mini.wgsave", "a game of 'mini', not of 'crisis'"),
             (tmp_path / "version.wgsave", "another version of 'crisis'"),
             (damaged, str(damaged)),
             (folder / "table-1.wgsave", "the same game as")]
    for path, said in cases:
        assert main(["report", first, str(path), "--runs", "0", "-o", str(tmp_path / "x.md")]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and said in err[0] and str(path) in err[0], err
    assert not (tmp_path / "x.md").exists()
