"""A joined seat's screens and the facilitator's console, driven by keys against a host in this process.

The seat reads its briefing, orders, waits (its order and who the turn waits
for on screen), sees the results as soon as the others' orders resolve the
turn, and writes a message that reaches only its recipient and shows in its
log; the facilitator pauses the game and resolves a turn with seats undecided.
"""

from __future__ import annotations

from game.engine.interventions import Inject
from game.net import protocol as p
from game.net.links import FACILITATOR
from game.tui.dialogs.act_form import ActFormDialog
from game.tui.remote.app import RemoteApp
from game.tui.remote.console import ConsoleScreen, seat_rows
from game.tui.remote.waiting import WaitingScreen
from game.tui.screens.argued import ArgueScreen
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.game_log import GameLogScreen
from game.tui.screens.resolution import ResolutionScreen
from game.tui.screens.turn import TurnScreen
from tests.net_support import RecordingSeat, hosted, link_of


async def until(pilot, test, what: str, tries: int = 100) -> None:
    for _ in range(tries):
        await pilot.pause(0.1)
        if test():
            return
    raise AssertionError(f"never: {what} (screen: {type(pilot.app.screen).__name__})")


async def to_the_turn(pilot, turn: int = 1) -> None:
    """On to the seat's decision of ``turn``, passing the offer to argue a move (the shipped scenario has
    [arguments]: tests/test_argued_moves.py argues them)."""
    await until(pilot, lambda: isinstance(pilot.app.screen, ArgueScreen | TurnScreen)
                and pilot.app.screen.view.turn == turn, "the offer to argue a move, or the turn")
    if isinstance(pilot.app.screen, ArgueScreen):
        await pilot.press("escape")
    await until(pilot, lambda: isinstance(pilot.app.screen, TurnScreen) and pilot.app.screen.view.turn == turn,
                "the turn")


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_a_seat_orders_waits_and_sees_the_results_as_soon_as_the_turn_resolves(tmp_path):
    async with hosted(tmp_path) as host:
        app = RemoteApp(link_of(host, "us"))
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing")
            await pilot.press("enter")
            await to_the_turn(pilot)
            await pilot.press("enter", *"a rationale", "enter")
            await pilot.pause(0.3)
            await pilot.press("y")
            await until(pilot, lambda: isinstance(app.screen, WaitingScreen)
                        and "a rationale" in text_of(app.screen, "#order"), "the pending order")
            assert "Waiting for Russia and China to decide." in text_of(app.screen, "#waiting")
            async with RecordingSeat(link_of(host, "russia")) as russia, \
                    RecordingSeat(link_of(host, "china")) as china:
                for seat in (russia, china):
                    await seat.update()
                    await seat.ask(lambda rid: p.OrderByPolicy(rid, "random"))
                await until(pilot, lambda: isinstance(app.screen, ResolutionScreen), "the results")
                assert "ctrl+s" not in app.screen.active_bindings  # the host keeps the save, not the seat
                await pilot.press("enter")
                await to_the_turn(pilot, 2)


async def test_a_message_reaches_only_its_recipient_and_shows_in_the_log(tmp_path):
    async with hosted(tmp_path) as host:
        async with RecordingSeat(link_of(host, "russia")) as russia, RecordingSeat(link_of(host, "china")) as china:
            await russia.update()
            await china.update()
            app = RemoteApp(link_of(host, "us"))
            async with app.run_test(size=(120, 40)) as pilot:
                await until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing")
                await pilot.press("enter")
                await to_the_turn(pilot)
                await pilot.press("f2")
                await pilot.pause(0.3)
                await pilot.press("space", "tab", *"Kant, before the waiver?", "ctrl+o")
                await russia.until(lambda u: len(u.view.messages) == 1)
                assert russia.view.messages[0].text == "Kant, before the waiver?"
                await until(pilot, lambda: len(app.view.messages) == 1, "the message in the seat's view")
                await pilot.press("l")
                await until(pilot, lambda: isinstance(app.screen, GameLogScreen)
                            and app.screen.query(".log-message"), "the log")
                logged = " ".join(str(line.content) for line in app.screen.query(".log-message"))
                assert "From you to Russia" in logged and "Kant, before the waiver?" in logged
        async with RecordingSeat(link_of(host, "china")) as china_again:
            assert not (await china_again.update()).view.messages


async def test_the_facilitator_pauses_and_resolves_a_turn_with_seats_undecided(tmp_path):
    async with hosted(tmp_path) as host:
        app = RemoteApp(link_of(host, FACILITATOR))
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ConsoleScreen), "the console")
            await pilot.press("f2")
            await pilot.pause(0.3)
            await pilot.press("space", "tab", *"The summit is next week.", "ctrl+o")
            await until(pilot, lambda: len(app.view.messages) == 1, "the facilitator's message")
            assert not [note for note in app._notifications if note.title.startswith("Message from")]
            await pilot.press("p")
            await until(pilot, lambda: app.status.paused, "the pause")
            assert host.games[1].session.paused
            await pilot.press("enter")
            await pilot.pause(0.3)
            await pilot.press("y")  # refused while paused: the host says why
            await pilot.pause(0.5)
            assert host.games[1].session.turn == 1
            await pilot.press("p")
            await until(pilot, lambda: not app.status.paused, "the resume")
            await pilot.press("enter")
            await pilot.pause(0.3)
            await pilot.press("y")
            await until(pilot, lambda: app.view.played == 1, "the turn resolved")
            assert app.screen.sub_title.startswith("Turn 2/")  # the console stays up: its title follows
            orders = host.games[1].session.turns[0].orders
            assert {order.by for order in orders} == {FACILITATOR}


async def test_an_update_arriving_while_a_screen_is_put_up_waits_for_it(tmp_path):
    """The host's updates come when they come: one reaching a screen not yet mounted is kept, not lost
    (nor a crash, as it once was in a browser tab)."""
    async with hosted(tmp_path) as host:
        async with RecordingSeat(link_of(host, "us")) as us, RecordingSeat(link_of(host, FACILITATOR)) as chair:
            seat, console = (await us.update()), (await chair.update())
        waiting, board = WaitingScreen(seat.view, seat.status), ConsoleScreen(console.view, console.status)
        waiting.show(seat.view, seat.status)
        board.show(console.view, console.status)
        app = RemoteApp(link_of(host, "us"))
        async with app.run_test(size=(120, 40)) as pilot:
            await app.push_screen(waiting)
            await pilot.pause(0.2)
            assert "Sending your order" in text_of(waiting, "#order")


async def test_the_facilitator_acts_from_the_networked_console_with_the_hot_seat_forms(tmp_path):
    """The same forms as the hot-seat console: an inject the host takes (and lists on the console), and a
    value out of bounds the host refuses, its reason on the form, the game unchanged."""
    async with hosted(tmp_path) as host:
        session = host.games[1].session
        app = RemoteApp(link_of(host, FACILITATOR))
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ConsoleScreen), "the console")
            await pilot.press("i")
            await until(pilot, lambda: isinstance(app.screen, ActFormDialog), "the inject form")
            await pilot.press(*"A car bomb in Kabul", "tab", "tab", *"Terrorist threat: up by 2", "enter", "enter",
                              "tab", *"a jolt", "ctrl+o")  # the change picked by its words
            await until(pilot, lambda: isinstance(app.screen, ConsoleScreen), "the form closed")
            assert session.open_interventions == (Inject("A car bomb in Kabul", None, ("threat += 2",), "a jolt"),)
            await until(pilot, lambda: "injected \u201cA car bomb in Kabul\u201d" in text_of(app.screen, "#acts"),
                        "the act listed on the console")
            await pilot.press("t")
            await until(pilot, lambda: isinstance(app.screen, ActFormDialog), "the track form")
            form = app.screen
            await pilot.click("#expert-switch")  # as an expression (for designers): checked the same
            form.query_one("#field-expression").focus()
            await pilot.press(*"threat = 99", "tab", *"too much", "ctrl+o")
            await until(pilot, lambda: "out of bounds" in text_of(form, "#problem"), "the host's refusal on the form")
            assert app.screen is form and len(session.open_interventions) == 1


async def test_the_networked_console_fires_an_inject_from_the_scenarios_library(tmp_path):
    """The library form shows the author's guidance once an inject is chosen; the host takes the inject as
    written, with the facilitator's reason."""
    from textual.widgets import Static

    from game.scenario.injects import as_act

    async with hosted(tmp_path) as host:
        session = host.games[1].session
        app = RemoteApp(link_of(host, FACILITATOR))
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ConsoleScreen), "the console")
            await pilot.press("b")
            await until(pilot, lambda: isinstance(app.screen, ActFormDialog), "the library form")
            form = app.screen
            await pilot.press("home", "down")  # the second inject of the library, in the form's list
            await until(pilot, lambda: "When to use it: Turn 3" in str(form.query_one("#details-inject", Static)
                                                                           .render()), "the inject's guidance")
            await pilot.press("tab", *"the Taliban talk to everyone", "ctrl+o")
            await until(pilot, lambda: isinstance(app.screen, ConsoleScreen), "the form closed")
            library = session.scenario.library_inject("taliban-in-moscow")
            assert session.open_interventions == (as_act(library, "the Taliban talk to everyone"),)


async def test_a_seat_opened_on_another_screen_is_told_can_no_longer_order_and_can_take_it_back(tmp_path):
    from game.tui.dialogs.confirm import ConfirmDialog

    async with hosted(tmp_path) as host:
        app = RemoteApp(link_of(host, "us"))
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing")
            async with RecordingSeat(link_of(host, "us")) as other, \
                    RecordingSeat(link_of(host, FACILITATOR)) as facilitator:
                await other.update()
                await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the notice")
                assert "opened on another screen" in text_of(app.screen, ".dialog-title")
                assert not app.connection.connected  # no request of this screen reaches the host
                assert await app.refused(lambda rid: p.Withdraw(rid))
                seen = await facilitator.until(lambda u: u.status.reopened.get("us") == 1)
                assert "us" in seen.status.connected
                assert seat_rows(seen.view, seen.status)[0][2] == "connected \u00b7 reopened"  # the console's row
                await pilot.press("t")  # take it back: the other screen is told in turn
                while other.taken is None:
                    await other._read()
                await until(pilot, lambda: app.connection.connected and isinstance(app.screen, BriefingScreen),
                            "the seat back")
