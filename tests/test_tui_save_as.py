"""Saving works like a document editor (issue 9.3): the file a game was loaded from is the one kept
up to date, Save as goes on in the new file under the new name (the old file stays as it was), and
the lists show a save by its name."""

from __future__ import annotations

from pathlib import Path

from game.desk import storage
from game.saves import list_saves, load_save, save_session
from game.scenario import load_scenario
from game.session import Order, Session
from tests.tui_driver import (
    FIXTURES,
    choose,
    first_available,
    game,
    make_app,
    open_game,
    through_to,
    wait_for,
    wait_until,
)

SEATS = {"north": "human", "south": "random", "east": "random"}


def trio(tmp_path: Path):
    """A trio game one turn in, opened in the app (which keeps it in an autosave)."""
    return open_game(tmp_path / "saves", game("trio", SEATS, turns=1))


async def play_turn(pilot) -> None:
    """Northland's turn (its briefing or last results first), until the turn after it is offered."""
    app = pilot.app
    played = len(app.playthrough.session.turns)
    await through_to(pilot, "TurnScreen")
    await choose(pilot, first_available(pilot.app.screen), "a reason")
    await wait_until(pilot, lambda: len(app.playthrough.session.turns) > played, "the turn to resolve")
    await wait_for(pilot, "ResolutionScreen")


async def save_as(pilot, name: str) -> None:
    await pilot.press("ctrl+s")
    await wait_for(pilot, "TextPrompt")
    await pilot.press("ctrl+a", "ctrl+k", *name, "enter")
    await wait_until(pilot, lambda: "Saved" in [n.title for n in pilot.app._notifications], "the save")


async def test_save_as_goes_on_in_the_new_file_under_the_new_name(tmp_path: Path):
    saves = tmp_path / "saves"
    app = trio(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "ResolutionScreen")
        autosave = app.playthrough.saved_to
        await save_as(pilot, "named copy")
        assert app.playthrough.saved_to == saves / "named-copy.wgsave"
        await play_turn(pilot)
        assert not [n for n in app._notifications if n.severity == "error"]
    copy, first = load_save(saves / "named-copy.wgsave"), load_save(autosave)
    assert (copy.name, copy.played) == ("named copy", 2)
    assert first.played == 1 and first.name != "named copy"
    assert [s.name for s in list_saves(saves)] == ["named copy", first.name]


async def test_a_loaded_save_is_the_file_kept_up_to_date(tmp_path: Path):
    saves = tmp_path / "saves"
    saves.mkdir()
    session = Session(load_scenario(FIXTURES / "trio.toml"), 11, SEATS, name="mt")
    session.play_turn({"north": Order("north", session.view("north").legal_actions()[0].id)})
    save_session(session, saves / "mt.wgsave")
    app = make_app(saves, session=storage.restore(saves / "mt.wgsave"), load=saves / "mt.wgsave")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "ResolutionScreen")
        await play_turn(pilot)
        assert not [n for n in app._notifications if n.severity == "error"]
    assert [p.name for p in saves.iterdir() if p.suffix == ".wgsave"] == ["mt.wgsave"]
    assert load_save(saves / "mt.wgsave").played == 2


async def test_the_named_copy_loads_from_the_list_and_plays_on_in_itself(tmp_path: Path):
    saves = tmp_path / "saves"
    app = trio(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "ResolutionScreen")
        await save_as(pilot, "named copy")
        await pilot.press("ctrl+q")
    app = make_app(saves)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "TitleScreen")
        await pilot.press("o")
        dialog = await wait_for(pilot, "SavesDialog")
        await wait_until(pilot, lambda: dialog.summaries, "the saves")
        names = [s.name for s in dialog.summaries]
        await pilot.press(*["down"] * names.index("named copy"), "enter")
        await play_turn(pilot)
        assert not [n for n in app._notifications if n.severity == "error"]
    assert load_save(saves / "named-copy.wgsave").played == 2


async def test_a_save_as_superseded_before_it_starts_leaves_no_coroutine_unawaited(tmp_path: Path):
    """Ctrl+S pressed again and again: each Save as worker supersedes the last (issue 21.3); the worker is given
    the flow to call, so one cancelled before it started never made a coroutine to leave unawaited."""
    import gc
    import warnings

    session = Session(load_scenario(FIXTURES / "trio.toml"), 11, SEATS, name="restored")
    app = make_app(tmp_path / "saves", session=session)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, "BriefingScreen")
            await pilot.press("enter")
            await wait_for(pilot, "TurnScreen")
            for _ in range(3):  # three in one tick: the first two are superseded before they start
                app.action_save_as()
            await wait_for(pilot, "TextPrompt")
            await pilot.press("escape")
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]
