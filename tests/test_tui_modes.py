"""Computer seats, facilitator mode, the command line's way in, and saves that cannot be opened."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.saves import save_session
from game.scenario import load_scenario
from game.session import Order, Session
from tests.tui_driver import (
    FIXTURES,
    choose,
    first_available,
    game,
    make_app,
    open_game,
    screen_name,
    screen_text,
    through_to,
    wait_for,
    wait_until,
)


async def test_one_human_against_computers_sees_no_hand_off(tmp_path: Path):
    app = open_game(tmp_path / "saves", game("mini", {"a": "random", "b": "human"}, seed=2))
    async with app.run_test(size=(80, 24)) as pilot:
        seen = set()
        while screen_name(pilot) != "EndScreen":
            name = screen_name(pilot)
            seen.add(name)
            if name == "TurnScreen":
                assert pilot.app.screen.seat == "b"
                await choose(pilot, first_available(pilot.app.screen), "")
            elif name in ("BriefingScreen", "ResolutionScreen"):
                await pilot.press("enter")
            await pilot.pause(0.02)
        assert "HandOffScreen" not in seen and {"BriefingScreen", "ResolutionScreen"} <= seen
        session = app.playthrough.session
        assert session.over and all(r.orders[0].seat == "a" for r in session.turns)


async def test_facilitator_sees_everything_and_steps_a_computer_game(tmp_path: Path):
    # The last two of the five turns: the console shows the same things on every turn.
    app = open_game(tmp_path / "saves", game("mini", {"a": "random", "b": "random"}, seed=4, turns=3),
                    facilitator=True)
    async with app.run_test(size=(80, 24)) as pilot:
        steps = 0
        while screen_name(pilot) != "EndScreen":
            console = await wait_for(pilot, "FacilitatorScreen")
            assert "Beta's secret" in screen_text(console)
            await pilot.press("enter")
            results = await wait_for(pilot, "ResolutionScreen")
            assert results.view.seat is None
            assert "Beta's secret" in screen_text(results)
            await pilot.press("enter")
            steps += 1
            await wait_until(pilot, lambda: screen_name(pilot) in ("FacilitatorScreen", "EndScreen"), "the next")
        assert steps == len(app.playthrough.session.turns) - 3


async def test_the_command_line_fills_in_setup_and_f5_opens_the_facilitators_console(tmp_path: Path):
    mini = load_scenario(FIXTURES / "mini.toml")
    app = make_app(tmp_path / "saves", scenario=mini, controllers={"a": "random", "b": "greedy"}, seed=4,
                   facilitator=True)
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await wait_for(pilot, "SetupScreen")
        assert setup.query_one("#seed").value == "4"
        await pilot.press("f5")
        await wait_for(pilot, "FacilitatorScreen")
        session = app.playthrough.session
        assert app.playthrough.facilitating and session.seed == 4 and session.controllers == {"a": "random",
                                                                                             "b": "greedy"}


async def test_facilitator_enters_human_orders_without_hand_offs(tmp_path: Path):
    app = open_game(tmp_path / "saves", game("mini", {"a": "human", "b": "human"}, seed=9), facilitator=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "FacilitatorScreen")
        await pilot.press("enter")
        turn = await wait_for(pilot, "TurnScreen")
        assert turn.seat == "a" and turn.view.seat is None
        assert "Beta's secret" in screen_text(turn)
        await choose(pilot, first_available(turn), "")
        turn = await wait_for(pilot, "TurnScreen")
        assert turn.seat == "b"
        await choose(pilot, first_available(turn), "")
        await wait_for(pilot, "ResolutionScreen")
        assert len(app.playthrough.session.turns) == 1


async def test_load_lists_damaged_saves_and_opens_good_ones(tmp_path: Path):
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "broken.wgsave").write_bytes(b"not a save at all")
    seats = {"a": "random", "b": "human"}
    session = Session(load_scenario(FIXTURES / "mini.toml"), 8, seats, name="good one")
    session.play_turn({"b": Order("b", "b.shove", "a test")})
    save_session(session, saves / "good.wgsave")
    app = make_app(saves)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, "TitleScreen")
        await pilot.press("o")
        dialog = await wait_for(pilot, "SavesDialog")
        await wait_until(pilot, lambda: dialog.summaries, "the saves")
        text = screen_text(dialog)
        assert "damaged" in text and "good one" in text
        assert dialog.query_one("DataTable").row_count == len(dialog.summaries) == 2
        broken = [s.path.name for s in dialog.summaries].index("broken.wgsave")
        await pilot.press(*["down"] * broken, "enter")
        assert screen_name(pilot) == "SavesDialog"
        await pilot.press("up" if broken else "down", "enter")
        await wait_for(pilot, "ResolutionScreen")
        assert app.playthrough.session.name == "good one" and len(app.playthrough.session.turns) == 1


async def test_new_game_key_does_nothing_without_a_loadable_scenario(tmp_path: Path):
    app = make_app(tmp_path / "saves", scenario_dirs=(tmp_path,))
    async with app.run_test(size=(80, 24)) as pilot:
        title = await wait_for(pilot, "TitleScreen")
        await pilot.pause(0.3)
        assert "No scenarios found" in screen_text(title)
        await pilot.press("n")
        assert screen_name(pilot) == "TitleScreen"


async def test_the_command_palette_offers_the_main_actions(tmp_path: Path):
    app = make_app(tmp_path / "saves")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, "TitleScreen")
        await pilot.press("ctrl+p")
        await wait_for(pilot, "Palette")
        await pilot.press(*"help", "enter")
        await wait_for(pilot, "HelpScreen")


async def test_a_question_mark_typed_in_a_rationale_stays_in_the_rationale(tmp_path: Path):
    app = open_game(tmp_path / "saves", game("mini", {"a": "human", "b": "random"}, seed=1))
    async with app.run_test(size=(80, 24)) as pilot:
        turn = await through_to(pilot, "TurnScreen")
        await pilot.press("enter", *"why?")
        assert screen_name(pilot) == "TurnScreen"
        assert turn.query_one("#rationale").value == "why?"
        await pilot.press("tab", "question_mark")  # out of the field, ? is help again
        await wait_for(pilot, "HelpScreen")


async def test_the_title_menu_runs_what_it_offers(tmp_path: Path):
    app = make_app(tmp_path / "saves")
    async with app.run_test(size=(100, 30)) as pilot:
        title = await wait_for(pilot, "TitleScreen")
        title.query_one("#menu").focus()
        await pilot.press("end", "up", "enter")  # the last but one: Help
        await wait_for(pilot, "HelpScreen")


async def test_the_list_shows_headers_first_and_marks_a_broken_file_once_checked(tmp_path: Path):
    shutil.copy(FIXTURES / "mini.toml", tmp_path / "mini.toml")
    broken = (FIXTURES / "trio.toml").read_text() + '\n[[events]]\nid = "bad"\nwhen = "nonsense > 1"\n'
    (tmp_path / "trio.toml").write_text(broken)
    app = make_app(tmp_path / "saves", scenario_dirs=(tmp_path,))
    async with app.run_test(size=(120, 40)) as pilot:
        title = await wait_for(pilot, "TitleScreen")
        await wait_until(pilot, lambda: title.entries, "the list")
        await wait_until(pilot, lambda: any(e.broken for e in title.entries), "the full check")
        assert [e.path.name for e in title.entries] == ["mini.toml", "trio.toml"]
        assert title.entries[0].scenario is not None and "does not load" in screen_text(title)
        await pilot.press("down")
        assert "unknown name 'nonsense'" in str(title.query_one("#scenario-detail").render())


def test_listing_reads_headers_only_and_checking_marks_what_does_not_load(tmp_path: Path):
    from game.desk.catalog import check_all, list_scenarios

    shutil.copy(FIXTURES / "mini.toml", tmp_path / "a.toml")
    (tmp_path / "b.toml").write_text((FIXTURES / "trio.toml").read_text() + '\n[[events]]\nid = "x"\n')
    (tmp_path / "c.toml").write_text("not toml at all [")
    listed = list_scenarios([tmp_path])
    assert [(e.path.name, e.broken, e.scenario) for e in listed] == [
        ("a.toml", False, None), ("b.toml", False, None), ("c.toml", True, None)]
    checked = check_all(listed)
    assert [(e.path.name, e.broken, e.scenario is not None) for e in checked] == [
        ("a.toml", False, True), ("c.toml", True, False), ("b.toml", True, False)]  # by title: c.toml < Trio
