"""The white cell in the terminal app, and its lock, driven by keys as a facilitator and a student would.

The facilitator acts from the console (each act a form with a reason),
steps turns, and the save holds every act; a student at the same keyboard,
without the passphrase, reaches no facilitator's view of an unfinished game
by any path: Leave then Replay, the palette, Continue in facilitator mode.
Continue resumes mid-turn with the orders already given.
"""

from __future__ import annotations

from pathlib import Path

from game.desk.facilitator_acts import FORMS
from game.engine.interventions import ForceChance, Inject, ReplaceOrder
from game.lock import make_lock
from game.saves import load_save, restore_session, save_session
from game.scenario import load_scenario
from game.session import HUMAN, Argument, Order, Session
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

MINI = FIXTURES / "mini.toml"
LOCK = make_lock("table four")
COMPUTERS = {"a": "random", "b": "random"}
SECRET = "Beta's secret"
"""A track only Beta (and the facilitator) may see."""


async def fill(pilot, key: str | None, answers: dict) -> None:
    """Open the form of act ``key`` on the console and answer it field by field, as typed; then do it.

    A change to the tracks is picked by its words: typed into the list's filter, Enter, then Enter on the
    first change it leaves. An answer for an expression field turns the "as an expression" switch on first."""
    if key is not None:  # None: the form is up already (the flow's own, to rule on argued moves)
        await pilot.press(key)
    form = await wait_for(pilot, "ActFormDialog")
    expert = any(spec.expert and spec.key in answers for spec in form.fields)
    if expert:
        await pilot.click("#expert-switch")
        form.query_one(f"#field-{form.fields[0].key}").focus()
        await pilot.pause()
    for spec in form.fields:
        if spec.expert and not expert:
            continue
        answer = answers.get(spec.key)
        if spec.kind == "choice" and answer is not None:
            index = [value for _, value in spec.choices].index(answer)
            await pilot.press("home", *["down"] * index)  # the choices are in the form: the one highlighted
        elif spec.kind == "text" and answer is not None:
            await pilot.press(*answer)
        elif spec.kind == "effects":
            if answer is not None:
                await pilot.press(*answer, "enter", "enter")
            else:
                await pilot.press("tab")
        await pilot.press("tab")
    await pilot.press("ctrl+o")
    await wait_for(pilot, "FacilitatorScreen")


async def test_the_facilitator_injects_rules_replaces_and_steps_and_the_save_holds_it(tmp_path: Path):
    app = open_game(tmp_path / "saves", game("mini", COMPUTERS, seed=4), facilitator=True)
    async with app.run_test(size=(120, 40)) as pilot:
        console = await wait_for(pilot, "FacilitatorScreen")
        assert SECRET in screen_text(console)
        await wait_until(pilot, lambda: "would choose \u2026" not in screen_text(pilot.app.screen),
                         "the computer seats' intended orders")
        await fill(pilot, "i", {"headline": "A storm", "effects": "Pressure: up by 2", "reason": "a jolt"})
        await fill(pilot, "r", {"rule": "a.push", "success": False, "reason": "argued well"})
        await fill(pilot, "o", {"order": ("a", "a.push"), "reason": "Alpha pushes"})
        await fill(pilot, "o", {"order": ("b", "b.shove"), "reason": "Beta pushes back"})
        text = screen_text(pilot.app.screen)
        assert "injected \u201cA storm\u201d (x += 2)" in text and "reason: argued well" in text
        assert "Beta \u00b7 computer (random): your order: Shove" in text
        await pilot.press("enter")
        results = await wait_for(pilot, "ResolutionScreen")
        assert "A storm" in screen_text(results)
        record = app.playthrough.session.turns[0]
        assert record.interventions == (Inject("A storm", None, ("x += 2",), "a jolt"),
                                        ForceChance("a.push", False, "argued well"),
                                        ReplaceOrder("a", "a.push", "Alpha pushes"),
                                        ReplaceOrder("b", "b.shove", "Beta pushes back"))
        push = next(e for e in record.entries if e.rule == "a.push")
        assert push.ruled and not push.success and record.orders[1] == Order("b", "b.shove", by="facilitator")
        await pilot.press("enter")
        await wait_for(pilot, "FacilitatorScreen")
        await pilot.press("n")
        await wait_for(pilot, "TextPrompt")
        await pilot.press("backspace", "2", "enter")
        await wait_until(pilot, lambda: len(app.playthrough.session.turns) == 3 or app.playthrough.session.over,
                         "two turns played without stopping")
        await wait_for(pilot, "ResolutionScreen")  # the results of the run's last turn
        assert len(app.playthrough.session.turns) == 3
        path = app.playthrough.saved_to
        assert load_save(path).turns[0].interventions == record.interventions
        assert restore_session(load_save(path)).turns[0].state_hash == record.state_hash


async def test_a_form_says_why_an_act_cannot_be_taken_and_changes_nothing(tmp_path: Path):
    app = open_game(tmp_path / "saves", game("mini", COMPUTERS, seed=4), facilitator=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "FacilitatorScreen")
        await pilot.press("t")
        form = await wait_for(pilot, "ActFormDialog")
        await pilot.click("#expert-switch")  # as an expression: the designers' way, checked the same
        form.query_one("#field-expression").focus()
        await pilot.press(*"x = 99", "tab", *"too much", "ctrl+o")
        await wait_until(pilot, lambda: "out of bounds" in screen_text(form), "the refusal on the form")
        assert screen_name(pilot) == "ActFormDialog"
        assert "'x' goes from 0 to 10: 99 is out of bounds" in screen_text(form)
        await pilot.press("escape")
        await wait_for(pilot, "FacilitatorScreen")
        assert app.playthrough.session.open_interventions == ()


def locked_game(saves: Path) -> Path:
    """An unfinished game with a human seat and a passphrase, one turn in, saved in ``saves``."""
    session = Session(load_scenario(MINI), 3, {"a": "random", "b": "human"}, name="locked", lock=LOCK)
    session.play_turn({"b": Order("b", "b.hide", "my hidden plan")})
    saves.mkdir(parents=True, exist_ok=True)
    return save_session(session, saves / "locked.wgsave")


async def test_a_student_without_the_passphrase_reaches_no_facilitator_view_by_any_path(tmp_path: Path):
    saves = tmp_path / "saves"
    locked_game(saves)
    for facilitator in (False, True):
        app = make_app(saves, facilitator=facilitator)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, "TitleScreen")
            for open_replay in ("r", "palette"):  # Replay from the title, then from the command palette
                if open_replay == "r":
                    await pilot.press("r")
                else:
                    await pilot.press("ctrl+p")
                    await wait_for(pilot, "Palette")
                    await pilot.press(*"replay game", "enter")
                await wait_for(pilot, "SavesDialog")
                await wait_until(pilot, lambda: pilot.app.screen.summaries, "the saves")
                await pilot.press("enter")
                prompt = await wait_for(pilot, "PassphrasePrompt")
                await pilot.press(*"table five", "enter")
                assert "not this game's passphrase" in screen_text(prompt)
                await pilot.press("escape")
                await wait_for(pilot, "TitleScreen")
            await pilot.press("c")  # Continue: in facilitator mode it asks; refused, the seat plays on
            if facilitator:
                await wait_for(pilot, "PassphrasePrompt")
                await pilot.press("escape")
            await wait_until(pilot, lambda: screen_name(pilot) in ("ResolutionScreen", "TurnScreen"),
                             "the seat's own screens")
            assert pilot.app.screen.view.seat == "b"  # Beta's own screens, never the facilitator's
            assert app.playthrough is not None and not app.playthrough.facilitating
            await pilot.press("ctrl+p")
            await wait_for(pilot, "Palette")
            await pilot.press(*"facilitator")
            await pilot.pause(0.3)
            assert "Fire an event" not in screen_text(pilot.app.screen)  # no act without the passphrase
            await pilot.press("escape")


async def test_the_passphrase_opens_the_replay_and_facilitator_mode(tmp_path: Path):
    saves = tmp_path / "saves"
    locked_game(saves)
    app = make_app(saves, facilitator=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "TitleScreen")
        await pilot.press("c")
        await wait_for(pilot, "PassphrasePrompt")
        await pilot.press(*"table four", "enter")
        console = await wait_for(pilot, "FacilitatorScreen")
        assert SECRET in screen_text(console) and app.playthrough.facilitating
        await pilot.press("ctrl+p")
        await wait_for(pilot, "Palette")
        await pilot.press(*"facilitator: fire")
        await pilot.pause(0.3)
        assert "Fire an event now" in screen_text(pilot.app.screen)


async def test_a_new_game_with_people_gets_a_passphrase_shown_once(tmp_path: Path):
    app = make_app(tmp_path / "saves", scenario=load_scenario(MINI), controllers={"a": "human", "b": "random"},
                   seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "SetupScreen")
        await pilot.press("f5")
        shown = await wait_for(pilot, "PassphraseShown")
        passphrase = shown.passphrase
        await pilot.press("enter")
        await wait_for(pilot, "BriefingScreen")
        assert app.playthrough.session.lock.opens_with(passphrase)
        assert passphrase not in screen_text(pilot.app.screen)


async def test_continue_resumes_mid_turn_with_the_orders_already_given(tmp_path: Path):
    app = open_game(tmp_path / "saves", game("mini", {"a": "human", "b": "human"}, seed=5))
    async with app.run_test(size=(120, 40)) as pilot:
        turn = await through_to(pilot, "TurnScreen")
        action = first_available(turn)
        await choose(pilot, action, "my plan for Alpha")
        await wait_for(pilot, "HandOffScreen")  # Beta's turn next: the game is left here
        await pilot.press("ctrl+p")
        await wait_for(pilot, "Palette")
        await pilot.press(*"leave game", "enter")
        await wait_for(pilot, "ConfirmDialog")
        await pilot.click("#yes")
        await wait_for(pilot, "TitleScreen")
    app = make_app(tmp_path / "saves")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "TitleScreen")
        await pilot.press("c")
        handoff = await wait_for(pilot, "HandOffScreen")
        assert "Beta" in screen_text(handoff)  # Alpha is not asked again
        session = app.playthrough.session
        assert session.pending("a").rationale == "my plan for Alpha" and session.decided() == {"a"}
        await pilot.press("enter")
        await wait_for(pilot, "BriefingScreen")
        assert "my plan for Alpha" not in screen_text(pilot.app.screen)
        await pilot.press("enter")
        turn = await wait_for(pilot, "TurnScreen")
        assert turn.seat == "b" and "my plan for Alpha" not in screen_text(turn)
        await choose(pilot, first_available(turn), "")
        await wait_until(pilot, lambda: len(session.turns) == 1, "the turn to resolve")
        assert session.turns[0].orders[0] == Order("a", action, "my plan for Alpha")


def test_every_act_has_a_form_and_a_key():
    assert sorted(FORMS) == ["a", "b", "e", "i", "o", "r", "t"]


async def test_the_hot_seat_console_fires_an_inject_from_the_library(tmp_path: Path):
    from game.scenario.injects import as_act
    from tests.paths import SHIPPED

    scenario = load_scenario(SHIPPED)
    app = make_app(tmp_path / "saves", scenario=scenario,
                   controllers={seat: "random" for seat in scenario.seats}, seed=4, facilitator=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "SetupScreen")
        await pilot.press("f5")
        await wait_for(pilot, "FacilitatorScreen")
        await fill(pilot, "b", {"inject": "ukraine-buildup", "reason": "remind them why the law exists"})
        assert "injected \u201cSatellite images show Russian forces" in screen_text(pilot.app.screen)
        session = app.playthrough.session
        assert session.open_interventions == (as_act(scenario.library_inject("ukraine-buildup"),
                                                     "remind them why the law exists"),)


async def test_the_white_cell_rules_an_argued_move_by_the_tracks_words_before_the_turn_resolves(tmp_path: Path):
    """A restored game whose person's seat argued a move instead of its action: the console lists it, its
    ruling's form offers the chance from the scale and the changes [arguments] allows by the tracks' words."""
    from tests.test_argued_moves import INSTEAD

    session = game(INSTEAD, {"a": HUMAN, "b": "random"}, seed=4)
    move = session.argue(Argument("a", "Alpha leans on the crowd", "pressure rises", ("the crowd listens",)))
    app = open_game(tmp_path / "saves", session, facilitator=True)
    async with app.run_test(size=(120, 40)) as pilot:
        console = await wait_for(pilot, "FacilitatorScreen")
        assert "Alpha leans on the crowd" in screen_text(console)
        await pilot.press("a")  # the act's key on the console (Enter, to play the turn, asks for it too)
        form = await wait_for(pilot, "ActFormDialog")
        assert "Alpha: \u201cAlpha leans on the crowd\u201d" in screen_text(form)
        assert "Pressure: up by 2" in screen_text(form) and "Pressure: up by 3" not in screen_text(form)
        await fill(pilot, None, {"move": move.id, "chance": 30, "effects": "Pressure: up by 2",
                                 "reason": "the crowd is restless"})
        (act,) = app.playthrough.session.open_interventions
        assert (act.argument, act.chance, act.effects, act.fail_effects, act.recipients) == (
            move.id, 30, ("x += 2",), (), None)
        assert "ruled unlikely (30%)" in screen_text(pilot.app.screen)
