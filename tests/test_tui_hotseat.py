"""Whole games played by key presses: three humans hot-seat, set up by keys from the title screen
(the suite's one whole setup by keys), with every screen checked for leaked secrets; then save,
quit, continue and replay, from games the engine set up."""

from __future__ import annotations

from pathlib import Path

from game.saves import list_saves, load_save
from tests.tui_driver import (
    choose,
    choose_scenario,
    first_available,
    game,
    make_app,
    open_game,
    screen_name,
    screen_text,
    set_up,
    wait_for,
)
from tests.tui_secrets import every_secret, kept_from, leaks

SEATS = ("north", "south", "east")
PRIVATE_FIRST = {"north": "north.recruit", "south": "south.ledger", "east": "east.lantern"}
"""Each seat's private action: chosen on turn 1 so every log holds private entries to leak."""


def order_for(screen) -> str:
    wanted = PRIVATE_FIRST[screen.seat] if screen.view.turn == 1 else first_available(screen)
    assert any(o.id == wanted and o.available for o in screen.view.options[screen.seat])
    return wanted


def check_secrets(pilot, scenario) -> None:
    """The screen showing now holds nothing its seat may not see (a hand-off: nothing secret at all)."""
    screen = pilot.app.screen
    text = screen_text(screen)
    name = screen_name(pilot)
    if name == "HandOffScreen":
        assert not leaks(text, every_secret(scenario) | {v.label for v in scenario.variables}), text
    elif name in ("BriefingScreen", "ResolutionScreen", "TurnScreen"):
        seat = screen.seat if name == "TurnScreen" else screen.view.seat
        leaked = leaks(text, kept_from(scenario, seat))
        assert not leaked, (name, seat, leaked)


async def play_until_end(pilot, *, quit_after_turns: int | None = None, secrets_of=None,
                         pick=first_available) -> list[tuple[int, str, str]]:
    """Answer every screen until the end screen; returns (turn, seat, action) for each order sent.

    Stops on the first hand-off of turn ``quit_after_turns + 1`` when that is given; checks
    each screen for leaks when ``secrets_of`` (the scenario) is given.
    """
    sent = []
    for _ in range(400):
        name = screen_name(pilot)
        screen = pilot.app.screen
        if secrets_of is not None:
            check_secrets(pilot, secrets_of)
        if name == "EndScreen":
            return sent
        if name == "HandOffScreen" and quit_after_turns is not None and screen.turn > quit_after_turns:
            return sent
        if name in ("HandOffScreen", "BriefingScreen", "ResolutionScreen"):
            await pilot.press("enter")
        elif name == "TurnScreen":
            action = pick(screen)
            sent.append((screen.view.turn, screen.seat, action))
            if secrets_of is not None:
                await pilot.press("l")
                log = await wait_for(pilot, "GameLogScreen")
                assert not leaks(screen_text(log), kept_from(secrets_of, screen.seat))
                await pilot.press("escape")
            await choose(pilot, action, f"{screen.seat[0]}{screen.view.turn}")
        await pilot.pause()
    raise AssertionError(f"the game did not end; stuck on {screen_name(pilot)}")


async def test_three_humans_play_hot_seat_to_the_end_and_no_screen_leaks_a_secret(tmp_path: Path):
    app = make_app(tmp_path / "saves")
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_scenario(pilot, "Trio")
        await set_up(pilot, ["human"] * 3, seed=11)
        first = await wait_for(pilot, "HandOffScreen")
        assert first.seat.name == "Northland"
        session = app.playthrough.session
        sent = await play_until_end(pilot, secrets_of=session.scenario, pick=order_for)
        assert session.over
        assert [(o.seat, o.action, o.rationale) for r in session.turns for o in r.orders] == \
            [(seat, action, f"{seat[0]}{turn}") for turn, seat, action in sent]
        assert [seat for _, seat, _ in sent] == list(SEATS) * len(session.turns)

        await pilot.press("ctrl+s")
        await wait_for(pilot, "TextPrompt")
        await pilot.press("ctrl+a", "ctrl+k", *"class one", "enter")
        await wait_for(pilot, "EndScreen")
        await pilot.pause(0.2)
        saved = load_save(tmp_path / "saves" / "class-one.wgsave")
        assert saved.played == len(session.turns) and saved.seed == 11
        await pilot.press("t")
        await wait_for(pilot, "TitleScreen")
    summaries = list_saves(tmp_path / "saves")
    assert len(summaries) == 2 and all(s.over and not s.damaged for s in summaries)


async def test_quit_mid_game_and_continue_resumes_where_it_stopped(tmp_path: Path):
    saves = tmp_path / "saves"
    app = open_game(saves, game("trio", {"north": "human", "south": "human", "east": "random"}, seed=5))
    async with app.run_test(size=(80, 24)) as pilot:
        sent = await play_until_end(pilot, quit_after_turns=1)
        orders_before = [r.orders for r in app.playthrough.session.turns]
        await pilot.press("ctrl+q")
    assert len(orders_before) == 1 and len(sent) == 2

    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "TitleScreen")
        await pilot.press("c")
        handoff = await wait_for(pilot, "HandOffScreen")
        assert (handoff.seat.name, handoff.turn) == ("Northland", 2)
        session = app.playthrough.session
        assert [r.orders for r in session.turns] == orders_before
        await pilot.press("enter")
        results = await wait_for(pilot, "ResolutionScreen")
        assert results.turn == 1
        await play_until_end(pilot, quit_after_turns=2)
        assert len(session.turns) == 2 and session.turns[0].orders == orders_before[0]


async def test_replay_steps_views_as_each_seat_and_branches(tmp_path: Path):
    session = game("trio", {"north": "human", "south": "random", "east": "random"}, seed=3, turns=None)
    app = open_game(tmp_path / "saves", session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "EndScreen")
        played = len(session.turns)
        await pilot.press("r")
        replay = await wait_for(pilot, "ReplayScreen")
        assert replay.played == played and replay.viewer is None
        await pilot.press("home")
        assert replay.played == 0
        await pilot.press("right", "right")
        assert replay.played == 2
        await pilot.press("end")
        assert replay.played == played
        await pilot.press("j")
        await wait_for(pilot, "TextPrompt")
        await pilot.press("9", "enter")
        assert screen_name(pilot) == "TextPrompt"
        await pilot.press("backspace", "1", "enter")
        await wait_for(pilot, "ReplayScreen")
        assert replay.played == 1
        for seat in ("north", "south", "east", None):
            await pilot.press("v")
            assert replay.viewer == seat
        await pilot.press("v")
        assert "Northland" in str(replay.query_one("#timeline").render())
        await pilot.press("b")
        await wait_for(pilot, "SetupScreen")
        await pilot.press("f5")
        await wait_for(pilot, "PassphraseShown")  # the game had no lock: a what-if with a person gets one
        await pilot.press("enter")
        await wait_for(pilot, "ResolutionScreen")
        branch = app.playthrough.session
        assert len(branch.turns) == 1 and branch.parent is not None and branch.parent.turn == 1
        assert "what-if" in branch.name
