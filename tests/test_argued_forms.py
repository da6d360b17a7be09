"""The forms to argue and to counter a move, in the pilot: an empty or refused answer keeps the form up with
the reason under it, as text; a taken one closes it with what was taken."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input, Static

from game.seat_view.build import seat_view
from game.tui.screens.argued import ArgueScreen, CounterScreen
from tests.test_argued_moves import MOVE, game


class _Host(App[None]):
    def __init__(self, screen) -> None:
        super().__init__()
        self.form, self.result = screen, "unset"

    def on_mount(self) -> None:
        self.push_screen(self.form, lambda result: setattr(self, "result", result))


def problem(app: _Host, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_argue_form_says_why_until_the_game_takes_the_move():
    session = game()
    answers = ["[b]not[/b] now", ""]
    taken = []

    async def take(argument) -> str:
        taken.append(argument)
        return answers.pop(0)

    app = _Host(ArgueScreen(seat_view(session, "a"), "a", take))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Say what you do" in problem(app, "#argue-problem") and taken == []
        app.screen.query_one("#statement", Input).value = MOVE.statement
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "[b]not[/b] now" in problem(app, "#argue-problem") and app.result == "unset"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.result == taken[-1] and taken[-1].statement == MOVE.statement and len(taken) == 2


async def test_the_counter_form_sends_each_counter_once_and_says_a_refusal():
    session = game()
    move = session.argue(MOVE)
    sent = []
    answers = ["too late", ""]

    async def take(move_id: str, text: str) -> str:
        sent.append((move_id, text))
        return answers.pop(0)

    app = _Host(CounterScreen(seat_view(session, "b"), "b", (move.id,), take))
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.query_one("#counter-0", Input).value = "the crowd is tired"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "too late" in problem(app, "#counter-problem") and app.result == "unset"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.result is True and sent == [(move.id, "the crowd is tired")] * 2
        await pilot.pause()
