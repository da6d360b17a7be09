"""Branching in the TUI (issue 9.8): a what-if lets the user change who plays each seat, and give the next
order, before anything of the next turn resolves."""

from __future__ import annotations

from pathlib import Path

from game.saves import save_session
from game.scenario import load_scenario
from game.session import HUMAN, Session
from tests.tui_driver import FIXTURES, make_app, wait_for, wait_until

COMPUTERS = {"north": "random", "south": "greedy", "east": "cautious"}


async def test_a_what_if_of_an_all_computer_game_hands_a_seat_to_a_person(tmp_path: Path):
    saves = tmp_path / "saves"
    saves.mkdir()
    session = Session(load_scenario(FIXTURES / "trio.toml"), 7, COMPUTERS, name="Demo")
    session.play_turn({})
    session.play_turn({})
    save_session(session, saves / "demo.wgsave")
    app = make_app(saves)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "TitleScreen")
        await pilot.press("r")
        dialog = await wait_for(pilot, "SavesDialog")
        await wait_until(pilot, lambda: dialog.summaries, "the listing")
        await pilot.press("enter")
        replay = await wait_for(pilot, "ReplayScreen")
        await pilot.press("home", "right")
        assert replay.played == 1
        await pilot.press("b")
        setup = await wait_for(pilot, "SetupScreen")
        assert setup.branch_at == 1 and setup.controllers == COMPUTERS
        assert setup.query_one("#seed").disabled and setup.query_one("#seed").value == "7"
        assert "gets one, shown once" in str(setup.query_one("#setup-lock").render())
        setup.query_one("#seat-north").value = HUMAN
        await pilot.press("f5")
        shown = await wait_for(pilot, "PassphraseShown")  # the game had no lock: a person's what-if gets one
        passphrase = shown.passphrase
        await pilot.press("enter")
        await wait_for(pilot, "ResolutionScreen")  # turn 1's results, as Northland saw them
        branch = app.lobby.playthrough.session
        assert len(branch.turns) == 1 and branch.controllers == {**COMPUTERS, "north": HUMAN}
        assert branch.lock is not None and branch.lock.opens_with(passphrase)
        await pilot.press("enter")
        turn = await wait_for(pilot, "TurnScreen")
        assert turn.seat == "north" and turn.view.turn == 2 and len(branch.turns) == 1


async def test_going_back_from_the_what_if_returns_to_the_replay(tmp_path: Path):
    saves = tmp_path / "saves"
    saves.mkdir()
    session = Session(load_scenario(FIXTURES / "trio.toml"), 7, COMPUTERS, name="Demo")
    session.play_turn({})
    save_session(session, saves / "demo.wgsave")
    async with make_app(saves).run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "TitleScreen")
        await pilot.press("r")
        dialog = await wait_for(pilot, "SavesDialog")
        await wait_until(pilot, lambda: dialog.summaries, "the listing")
        await pilot.press("enter")
        await wait_for(pilot, "ReplayScreen")
        await pilot.press("b")
        await wait_for(pilot, "SetupScreen")
        await pilot.press("escape")
        await wait_for(pilot, "ReplayScreen")
