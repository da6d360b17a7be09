"""``wargame new FILE``: a starter scenario that validates, lints clean and plays (issue 9.11)."""

from __future__ import annotations

from game.analysis.inference import inference_findings
from game.cli import main
from game.scenario import load_scenario


def test_the_starter_validates_without_warnings_and_plays(tmp_path, capsys):
    path = tmp_path / "border talks.toml"
    assert main(["new", str(path)]) == 0
    assert "wargame validate" in capsys.readouterr().out
    scenario = load_scenario(path)
    assert scenario.id == "border-talks" and scenario.warnings == ()
    assert len(scenario.seats) == 2 and scenario.events and scenario.endings
    assert any(v.visible_to for v in scenario.variables), "a hidden variable"
    assert any(a.chance for a in scenario.actions), "a chance"
    assert inference_findings(scenario) == []
    assert main(["run", str(path), "--seed", "4", "--seat", "north=greedy"]) == 0
    assert "Game over" in capsys.readouterr().out


def test_the_starter_is_commented_for_a_designer(tmp_path):
    path = tmp_path / "s.toml"
    main(["new", str(path)])
    text = path.read_text()
    assert text.count("#") >= 20 and "docs/scenario-format.md" in text and "scenarios/" in text


def test_an_existing_file_is_kept_unless_forced(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text("mine")
    assert main(["new", str(path)]) == 2
    assert capsys.readouterr().err == f"wargame new: {path}: already exists (choose another name, or --force " \
                                      "to replace it)\n"
    assert path.read_text() == "mine"
    assert main(["new", str(path), "--force"]) == 0 and load_scenario(path)


def test_a_name_that_is_not_a_scenario_file_is_refused_in_one_line(tmp_path, capsys):
    assert main(["new", str(tmp_path / "notes.txt")]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert main(["new", str(tmp_path / "missing" / "x.toml")]) == 2
    assert "no such folder" in capsys.readouterr().err
