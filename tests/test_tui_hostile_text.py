"""Text is data on every screen (issue 17.1): a hostile student's messages, a hostile scenario's texts.

Sent from a headless seat to every seat (and an order's rationale) while the facilitator's console and
another seat's app are up, each text is on both screens as typed (brackets and
all), binds no action, and neither app falls over. The helpers' own property
runs many examples without an app; the apps run few.
"""

from __future__ import annotations

import asyncio
import json

from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from game.net import protocol as p
from game.net.links import FACILITATOR
from game.presentation.spans import PLAIN, QUOTE, SEAT, line
from game.safe_text import clean, printable
from game.scenario import load_scenario
from game.tui.remote.app import RemoteApp
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.remote.console import ConsoleScreen
from game.tui.screens.game_log import GameLogScreen
from game.tui.spans import content
from game.tui.text import cell, shown
from tests.hostile_cases import BASE
from tests.hostile_text import ISSUE, bound_actions, hostile_texts, running, shows, toasts
from tests.net_support import RecordingSeat, hosted, link_of
from tests.tui_driver import choose_scenario, make_app, screen_text, start_game, wait_for


@settings(max_examples=300, deadline=None)
@given(hostile_texts(controls=True), st.sampled_from(["", "b", "$accent b", "i"]))
def test_the_helpers_keep_any_text_literal(text, style):
    """What the helpers give Textual holds the text as printable() shows it, styled only as asked."""
    for made in (shown(text, style, multiline=True), content(line((text, QUOTE), " ", (text, SEAT), (text, PLAIN)))):
        assert printable(text, multiline=True) in made.plain
        assert not any("@click" in str(span.style) or "link" in str(span.style) for span in made.spans)
    assert cell(text).plain == printable(text, multiline=True)
    assert not cell(text).spans


async def until(pilot, test, what: str, tries: int = 300) -> None:
    for _ in range(tries):
        with pilot.app._context():  # two apps share this task: a pause refreshes its app as that app
            await pilot.pause(0.05)
        if test():
            return
    raise AssertionError(f"never: {what} (screen: {type(pilot.app.screen).__name__})")


def notices_of(app: RemoteApp) -> list[tuple[str, str, bool]]:
    """Every notification the app posts, (title, message, read as markup?), kept past its toast's timeout."""
    posted = []
    post = app.notify

    def spy(message, *, title="", markup=True, **options):
        posted.append((title, message, markup))
        post(message, title=title, markup=markup, **options)
    app.notify = spy
    return posted


async def messages_reach_the_console_and_a_seat(tmp_path, texts: list[str]) -> None:
    async with hosted(tmp_path) as host:
        console, china = RemoteApp(link_of(host, FACILITATOR)), RemoteApp(link_of(host, "china"))
        notices = {console: notices_of(console), china: notices_of(china)}
        async with running(console) as chair, running(china) as seat, RecordingSeat(link_of(host, "us")) as us:
            await until(chair, lambda: isinstance(console.screen, ConsoleScreen), "the console")
            await until(seat, lambda: china.view is not None, "china's first view")
            options = (await us.update()).view.options["us"]
            rationale = " ".join(ISSUE)  # shown to the facilitator once the turn is resolved
            action = next(option.id for option in options if option.available)
            assert isinstance(await us.ask(lambda rid: p.GiveOrder(rid, action, rationale)), p.Ack)
            sent = []
            for text in texts:
                if isinstance(await us.ask(lambda rid, text=text: p.SendMessage(rid, (), text)), p.Ack):
                    sent.append(text)
            assert set(ISSUE) <= set(sent), "the host refused one of the issue's texts"
            for pilot, app in ((chair, console), (seat, china)):
                await until(pilot, lambda app=app: len(app.view.messages) == len(sent), "every message")
                await until(pilot, lambda app=app: shows(toasts(app), sent[-1]), "the last message's notification")
                assert bound_actions(app) == []
                told = [(message, markup) for title, message, markup in notices[app] if title.startswith("Message")]
                assert told == [(printable(text, multiline=True), False) for text in sent]  # toasts expire: as posted
                assert app.is_running and app.return_code is None
            with console._context():
                messages = str(console.screen.query_one("#messages").render())
            assert all(shows(messages, text) for text in sent)
            await chair.press("enter")  # the console still takes its own keys: it resolves the turn
            await until(chair, lambda: isinstance(console.screen, ConfirmDialog), "the question")
            await chair.press("enter")
            await until(chair, lambda: console.view.turn == 2, "the turn resolved")
            await chair.press("l")
            await until(chair, lambda: isinstance(console.screen, GameLogScreen), "the log")
            await chair.pause()
            with console._context():
                log = screen_text(console.screen)
            assert shows(log, rationale) and bound_actions(console) == []
            assert console.is_running and china.is_running


@settings(max_examples=1, deadline=None, phases=[Phase.explicit, Phase.generate])  # an app a run: no shrinking
@given(st.lists(hostile_texts(), min_size=4, max_size=8))
def test_hostile_messages_show_as_typed_on_the_console_and_a_seat(tmp_path_factory, texts):
    asyncio.run(messages_reach_the_console_and_a_seat(tmp_path_factory.mktemp("host"), [*ISSUE, *texts]))


def toml_string(text: str) -> str:
    """A TOML basic string holding ``text`` exactly (JSON's escapes, and DEL, which TOML wants escaped)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def hostile_scenario(texts: dict[str, str]) -> str:
    """The small hostile-cases scenario with every text an author writes replaced; one turn, an event and an
    ending that come in it."""
    scenario = BASE
    for old, key in (('title = "Hostile"', "title"), ('name = "Alpha"', "alpha"), ('name = "Beta"', "beta"),
                     ('briefing = "Push the pressure up."', "briefing"), ('label = "Pressure"', "track"),
                     ('label = "Push"', "push"), ('label = "Calm"', "calm"), ('text = "Pressure drifts up."', "event"),
                     ('text = "It boiled over."', "ending")):
        scenario = scenario.replace(old, f"{old.split(' = ')[0]} = {toml_string(texts[key])}")
    return (scenario.replace("turns = 16", "turns = 1").replace('when = "turn % 3 == 0"', 'when = "turn >= 1"')
            .replace('when = "x >= 10"', 'when = "x >= 0"'))


AUTHORED = ("title", "alpha", "beta", "briefing", "track", "push", "calm", "event", "ending")


async def a_hostile_game_in_the_hot_seat_app(folder, texts: dict[str, str]) -> None:
    """Two people play the one turn; every screen on the way is checked; at the end every text has been shown."""
    (folder / "scenarios").mkdir()
    (folder / "scenarios" / "hostile.toml").write_text(hostile_scenario(texts))
    app = make_app(folder / "saves", scenario_dirs=(folder / "scenarios",))
    seen: list[str] = []

    async def look(pilot, name: str) -> None:
        screen = await wait_for(pilot, name)
        await pilot.pause()
        seen.append(screen_text(screen) + toasts(app))
        assert bound_actions(app) == [], f"{name} binds an action from a text"

    async with running(app) as pilot:
        title = load_scenario(folder / "scenarios" / "hostile.toml").title
        await choose_scenario(pilot, title)
        await look(pilot, "SetupScreen")
        pilot.app.screen.query_one("#name", Input).value = texts["game"]
        await start_game(pilot)
        for seat in range(2):
            await look(pilot, "HandOffScreen")
            await pilot.press("enter")
            await look(pilot, "BriefingScreen")
            await pilot.press("enter")
            screen = await wait_for(pilot, "TurnScreen")
            await look(pilot, "TurnScreen")
            await pilot.press("enter")
            screen.query_one("#rationale", Input).value = texts[f"rationale{seat}"]
            await pilot.press("enter")
            await look(pilot, "ConfirmDialog")
            await pilot.press("enter")
        await look(pilot, "EndScreen")
        await pilot.press("r")
        await look(pilot, "ReplayScreen")
        await pilot.press("right")
        await look(pilot, "ReplayScreen")
        assert app.is_running
    everything = "\n".join(seen)
    for key in (*AUTHORED, "game", "rationale0", "rationale1"):
        text = texts[key] if key not in AUTHORED else clean(texts[key], multiline=True)
        assert shows(everything, text), f"the {key} {texts[key]!r} was never shown as written"


@settings(max_examples=1, deadline=None, phases=[Phase.explicit, Phase.generate])  # an app a run: no shrinking
@given(st.fixed_dictionaries({key: hostile_texts(controls=True, max_size=4) for key in AUTHORED}),
       st.fixed_dictionaries({key: hostile_texts(max_size=4) for key in ("game", "rationale0", "rationale1")}))
def test_a_hostile_scenario_and_players_show_as_written_in_the_hot_seat_app(tmp_path_factory, authored, typed):
    """Scenario texts (names, briefing, labels, an event, the ending) and what players type (the game's name,
    rationales) on every hot-seat screen: literal, no action bound, the app up to the end."""
    asyncio.run(a_hostile_game_in_the_hot_seat_app(tmp_path_factory.mktemp("hot"), {**authored, **typed}))
