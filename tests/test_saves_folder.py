"""Where saves live is shown and can be set (issue 9.10): the title screen and Load say which folder
is in use; bare ``wargame`` takes ``--saves DIR``; ``HORIZON_SAVES`` sets the default of every command."""

from __future__ import annotations

from pathlib import Path

from game.cli import build_parser, main
from game.cli.play import options_from
from game.saves import save_session
from game.saves_folder import folder_shown
from game.scenario import load_scenario
from game.session import Session
from tests.tui_driver import FIXTURES, make_app, screen_text, wait_for, wait_until


def test_bare_wargame_takes_the_options_of_play(monkeypatch):
    import game.cli.play

    seen = []
    monkeypatch.setattr(game.cli.play, "handle", lambda args: seen.append(args) or 0)
    assert main(["--saves", "/tmp/class-saves", "--facilitator"]) == 0
    assert seen[0].command == "play" and seen[0].saves == Path("/tmp/class-saves") and seen[0].facilitator


def test_the_environment_sets_the_saves_folder_and_the_flag_wins(monkeypatch):
    monkeypatch.setenv("HORIZON_SAVES", "/srv/class")
    play = build_parser(["play"])
    assert options_from(play.parse_args(["play"])).saves_dir == Path("/srv/class")
    assert options_from(play.parse_args(["play", "--saves", "here"])).saves_dir == Path("here")
    monkeypatch.delenv("HORIZON_SAVES")
    assert options_from(play.parse_args(["play"])).saves_dir == Path("saves")


def test_wargame_saves_lists_the_folder_of_the_environment(monkeypatch, tmp_path, capsys):
    session = Session(load_scenario(FIXTURES / "mini.toml"), 3, {"a": "random", "b": "random"}, name="env game")
    save_session(session, tmp_path / "one.wgsave")
    monkeypatch.setenv("HORIZON_SAVES", str(tmp_path))
    assert main(["saves"]) == 0
    assert "env game" in capsys.readouterr().out


async def test_the_title_screen_and_load_show_the_folder_in_use(tmp_path: Path):
    saves = tmp_path / "class saves"
    async with make_app(saves).run_test(size=(120, 40)) as pilot:
        title = await wait_for(pilot, "TitleScreen")
        assert str(saves.absolute()) in screen_text(title)
        await pilot.press("o")
        dialog = await wait_for(pilot, "SavesDialog")
        await wait_until(pilot, lambda: "No saves in" in screen_text(dialog), "the listing")
        assert str(saves.absolute()) in screen_text(dialog)


def test_a_folder_is_named_from_where_the_game_started(monkeypatch, tmp_path):
    """Short on the title screen at 80 columns, and still unambiguous wherever the game was started."""
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert folder_shown(Path("saves")) == "saves/"
    assert folder_shown(tmp_path / "work") == "./"
    assert folder_shown(tmp_path / "home" / "class" / "saves") == "~/class/saves/"
    assert folder_shown(Path("/srv/class")) == "/srv/class/"
    assert folder_shown(Path("/")) == "/"
