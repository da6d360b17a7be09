"""No key sequence, however fast, crashes the app (issue 9.1).

Keys are posted to the app as a terminal delivers them, in bursts without
waiting for the screen to catch up, so a key lands on a screen still being
pushed, or on one already dismissed. Every sequence is seeded: a failure
names the seed and replays the same way.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest
from hypothesis import settings
from textual import events

from tests.tui_driver import fixture, game, make_app, open_game, screen_name, through_to, wait_for

KEYS = ("enter escape tab shift+tab up down left right home end pageup pagedown space f1 f5 question_mark "
        "ctrl+s ctrl+o ctrl+r ctrl+p a b c d e f h j l m n o r t v x y 1 0 backspace").split()
"""Every key some screen binds, and a few it does not; quitting keys are left out (see ``quit_blocked``)."""
PRESSES = max(100, 4 * settings.default.max_examples)
"""Keys per start by default: 240 in the default profile, 4,000 with HYPOTHESIS_PROFILE=thorough."""
SOAK = max(500, PRESSES)
"""Keys per start of the soak (``pytest -m slow``): every start, at least 500 keys each."""
TRIO = {"north": "human", "south": "human", "east": "human"}
COMPUTERS = {"north": "random", "south": "greedy", "east": "cautious"}


def post(app, key: str) -> None:
    app.post_message(events.Key(key, key if len(key) == 1 else None))


async def settle(pilot) -> None:
    """Let the app work through every key posted so far and mount the screen they left on top (a
    loaded machine may take a while: a dialog just pushed is not mounted at once)."""
    for _ in range(6000):  # not pilot.pause: it gives up after 30 s of backlog, which a loaded machine can have
        await asyncio.sleep(0.02)
        if pilot.app._message_queue.empty() and pilot.app.screen.is_mounted:
            await pilot.pause()  # the screens' own queues: a key still there may open another screen
            if pilot.app._message_queue.empty() and pilot.app.screen.is_mounted:
                return
    raise AssertionError("the app did not get through the keys (and mount the screen they opened) in 2 minutes")


def quit_blocked(app):
    """The app with quitting turned into a no-op, so the keys go on (q and the palette's Quit included),
    and the palette's screenshot too: Textual writes it outside the test's folder, from a timer that
    may fire after the app has closed (no screen left to take)."""
    app.action_quit = lambda: None
    app.deliver_screenshot = lambda *args, **kwargs: None
    return app


def played(tmp_path: Path, turns: int, controllers=TRIO, **options):
    """The app opened on a trio game ``turns`` turns in."""
    return open_game(tmp_path / "saves", game("trio", controllers, turns=turns, name="Fast keys"), **options)


def trio(tmp_path: Path):
    """The setup screen of a trio game."""
    return make_app(tmp_path / "saves", scenario=fixture("trio"), seed=11, controllers=TRIO)


async def test_enter_held_down_through_a_facilitator_game_reaches_its_end(tmp_path: Path):
    """The crash of 9.1: a computer game in facilitator mode, Enter pressed faster than results appear."""
    app = played(tmp_path, 0, COMPUTERS, facilitator=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, "FacilitatorScreen")
        for _ in range(60):
            for _ in range(4):
                post(app, "enter")
            await asyncio.sleep(0.005)
            if screen_name(pilot) == "EndScreen":
                break
        await settle(pilot)
        assert app.is_running
        assert screen_name(pilot) in ("EndScreen", "ReplayScreen", "TitleScreen", "DebriefScreen")


# Each start: how to make the app, the screen the keys start on (Enter through a hand-off, briefing or
# results before it), and a key that opens it from there.
STARTS = {
    "title": (lambda tmp: make_app(tmp / "saves"), "TitleScreen", ()),
    "setup": (trio, "SetupScreen", ()),
    "hand-off": (lambda tmp: played(tmp, 0), "HandOffScreen", ()),
    "turn": (lambda tmp: played(tmp, 0), "TurnScreen", ()),
    "results": (lambda tmp: played(tmp, 1), "ResolutionScreen", ()),
    "facilitator": (lambda tmp: played(tmp, 0, COMPUTERS, facilitator=True), "FacilitatorScreen", ()),
    "end": (lambda tmp: played(tmp, 3), "EndScreen", ()),
    "replay": (lambda tmp: played(tmp, 3), "ReplayScreen", ("r",)),
}


QUICK = ("facilitator", "turn")
"""The starts run by default (they pass through most game screens); the others are marked slow."""


@pytest.mark.parametrize("start", [start if start in QUICK else pytest.param(start, marks=pytest.mark.slow)
                                   for start in sorted(STARTS)])
async def test_random_keys_leave_the_app_alive(tmp_path: Path, start: str):
    make, screen, keys = STARTS[start]
    app = quit_blocked(make(tmp_path))
    rng = random.Random(start)
    async with app.run_test(size=(80, 24)) as pilot:
        if keys:
            await through_to(pilot, "EndScreen")
            await pilot.press(*keys)
            await wait_for(pilot, screen)
        else:
            await through_to(pilot, screen)
        pressed, presses = 0, PRESSES if start in QUICK else SOAK
        while pressed < presses:
            for _ in range(rng.randint(1, 12)):
                post(app, rng.choice(KEYS))
                pressed += 1
            await asyncio.sleep(rng.choice((0, 0.002, 0.01)))
            assert app.is_running, f"the app stopped after {pressed} keys from the {start} screen"
        await settle(pilot)
        assert app.is_running and app.screen.is_mounted
