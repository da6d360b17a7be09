"""Issue 24.1: every key in every footer does what it says, whole, at 80×24, 120×40 and 200×50.

The walk opens each screen of the game (the hot-seat app's and a joined link's) on a game the engine
played, at each size in turn (one app per group of screens, resized in place), and checks its footer:
every key it shows fits on the line, nothing past the edge; and every one, pressed, runs the footer's
action on the footer's screen (a widget with the focus, a scrolling pane, cannot take it) and does
what it says: the screen is answered with the value meant, a dialog opens, the toggle turns, the run
pauses, a notice says why nothing can happen. Then the same keys with each other widget focused: the
footer shows only keys that still work there (a text field takes the letters typed in it).

Each screen is pushed straight onto the app with a callback (the flows that push them in a game are
the flow's business, tested elsewhere): pressing a key that answers the screen leaves it, and the walk
pushes a fresh one for the next key.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from game.desk.facilitator_acts import FORMS
from game.engine.interventions import SetTrack
from game.net import protocol as p
from game.net.links import FACILITATOR, Link
from game.scenario import load_scenario
from game.seat_view.build import seat_view
from game.session import Order, Session
from game.tui.dialogs.act_form import ActFormDialog
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.message import MessageDialog
from game.tui.dialogs.passphrase import PassphrasePrompt, PassphraseShown
from game.tui.dialogs.saves import SavesDialog
from game.tui.dialogs.seat_choice import SeatChoice
from game.tui.dialogs.text_prompt import TextPrompt
from game.tui.playthrough import Playthrough
from game.tui.remote import app as remote_app
from game.tui.remote.app import RemoteApp
from game.tui.remote.console import ConsoleScreen
from game.tui.remote.waiting import CHANGE, WaitingScreen
from game.tui.screens.backdrop import GameBackdrop
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.end import DEBRIEF, EXPORT, REPLAY, TITLE, EndScreen
from game.tui.screens.facilitator import STEP, STEPS, TO_THE_END, FacilitatorScreen
from game.tui.screens.game_log import GameLogScreen
from game.tui.screens.handoff import HandOffScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.resolution import ResolutionScreen
from game.tui.screens.setup import GameSetup, SetupScreen
from game.tui.screens.situation import SituationScreen
from game.tui.screens.title import TitleScreen
from game.tui.screens.turn import TurnScreen
from game.tui.widgets.footer import Footer
from tests.paths import SCENARIOS
from tests.tui_driver import make_app, wait_until

SIZES = [(80, 24), (120, 40), (200, 50)]
"""The walk's sizes: in CI only the first (the hardest: the shortest footer, panes that scroll); all three
with ``pytest -m slow`` (the full walk, a minute or more of CPU)."""
TRACE = os.environ.get("WALK_TRACE") == "1"
START = time.monotonic()
NOT_ANSWERED = object()


@dataclass
class Press:
    """What pressing one key did: the actions it ran, what answered the screen, what is on top, notices."""

    ran: list[tuple[str, Any]] = field(default_factory=list)
    answer: Any = NOT_ANSWERED


class Walk:
    """One app's walk: it records the actions keys run and the answers screens give."""

    def __init__(self, pilot, sizes=SIZES) -> None:
        self.pilot, self.app, self.sizes = pilot, pilot.app, sizes
        self.press = Press()
        original = self.app.run_action

        async def spy(action, default_namespace=None, namespaces=None):
            self.press.ran.append((action, default_namespace))
            return await original(action, default_namespace, namespaces)
        self.app.run_action = spy
        self.exits = 0

        def exit(*args, **kwargs) -> None:  # q on the title screen: noted, the walk goes on
            self.exits += 1
        self.app.exit = exit
        self.pressed: list[str] = []

    async def open(self, make: Callable[[], Screen]) -> Screen:
        """A fresh screen from ``make``, on top of the app's bottom screen, answered into ``self.press``."""
        while len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        await self.pilot.pause()
        self.stop_flows()
        screen = make()
        if not isinstance(screen, TitleScreen):
            self.app.push_screen(screen, lambda result: setattr(self.press, "answer", result))
        await wait_until(self.pilot, lambda: self.app.screen is screen and screen.is_mounted, type(screen).__name__)
        await self.pilot.pause()
        return screen

    async def settled_keys(self, screen: Screen) -> list[FooterKey]:
        """The footer's keys once drawn (it is composed again after each change of bindings or size)."""
        footer = screen.query_one(Footer)

        def drawn() -> bool:
            keys = list(footer.query(FooterKey))
            return bool(keys) and all(key.region.width for key in keys) and footer.size.width == self.app.size.width
        await wait_until(self.pilot, drawn, f"{type(screen).__name__}'s footer")
        return self.footer_keys(screen)

    def stop_flows(self) -> None:
        """The flows a key started (a new game, Save as) wait on screens the walk has closed: stopped."""
        for group in ("game", "save", "act"):
            self.app.workers.cancel_group(self.app, group)

    def footer_keys(self, screen: Screen) -> list[FooterKey]:
        footer = screen.query_one(Footer)
        keys = list(footer.query(FooterKey))
        width = self.app.size.width
        for key in keys:
            region = key.region
            assert region.width and region.right <= width, \
                f"{type(screen).__name__} at {self.app.size}: {key.key_display} {key.description} is cut " \
                f"({region}) in a footer of {width}"
        return keys

    async def walk(self, make: Callable[[], Screen], expect: dict[str, Callable[[Screen, Press], bool]],
                   *, extra: tuple[str, ...] = (), shared: bool = False) -> None:
        """At each size: the footer of a fresh ``make()`` fits; each key it shows (and ``extra`` keys the
        screen lists on a line of its own), pressed at the first size it shows at, runs its action and does
        what ``expect`` says for it. (A key is pressed at its first size only: at 80×24 panes overflow and
        scroll, which is where a pane's key could take a screen's; wider, what shows is the same screen.)

        The app's own keys that every game screen shares (``COMMON``: help, save as, leave...) are pressed
        only with ``shared``, on one screen: on the others, that the key reaches the app's action from the
        focus is checked without pressing it (``active_bindings``: what the dispatch will run)."""
        pressed: set[tuple[str, str]] = set()
        screen = None
        for size in self.sizes:
            await self.pilot.resize_terminal(*size)
            if screen is not None and screen.is_attached and screen in self.app.screen_stack:
                while self.app.screen is not screen:
                    self.app.pop_screen()
                    await self.pilot.pause()
                self.stop_flows()
            else:
                screen = await self.open(make)
            if TRACE:
                print(f"{time.monotonic() - START:7.1f} cpu {time.process_time():6.1f} {type(screen).__name__} {size}",
                      flush=True)
            keys = [(key.key, key.action, key.description) for key in await self.settled_keys(screen)]
            keys += [(key, screen.active_bindings[key].binding.action, "") for key in extra]
            assert keys, f"{type(screen).__name__} has no keys in its footer"
            # Keys that answer the screen last: each of those costs a fresh screen.
            keys.sort(key=lambda k: getattr(expect.get(_name(k[1])), "answers", False))
            for key, action, description in keys:
                if (key, action) in pressed:
                    continue
                pressed.add((key, action))
                if not shared and _name(action) in COMMON:
                    active = screen.active_bindings.get(key)
                    assert active is not None and active.binding.action == action \
                        and active.node in (screen, self.app), f"{type(screen).__name__}: {key} would run {active}"
                    continue
                if screen.is_attached and screen in self.app.screen_stack:
                    while self.app.screen is not screen:  # a dialog the last key opened: closed
                        self.app.pop_screen()
                        await self.pilot.pause()
                    self.stop_flows()
                else:
                    screen = await self.open(make)
                await self.press_key(screen, size, key, action, description, expect)

    async def press_key(self, screen: Screen, size: tuple[int, int], key: str, action: str, description: str,
                        expect: dict[str, Callable[[Screen, Press], bool]]) -> None:
        node = screen.active_bindings[key].node if key in screen.active_bindings else self.app
        self.press = Press()
        await self.pilot.press(key)
        await self.pilot.pause()
        where = f"{type(screen).__name__} at {size[0]}x{size[1]}, {key} ({description})"
        assert (action, node) in self.press.ran, f"{where}: ran {self.press.ran}, not {action}"
        check = expect.get(_name(action))
        assert check is not None, f"{where}: the walk does not know what {action} should do"
        await wait_until(self.pilot, lambda: check(screen, self.press) or None, f"{where} to do {action}")
        self.pressed.append(f"{type(screen).__name__}:{key}")
        if TRACE:
            print(f"{time.monotonic() - START:7.1f} cpu {time.process_time():6.1f}   {key}", flush=True)

    async def focus_each(self, make: Callable[[], Screen]) -> None:
        """With each widget that can take the focus focused in turn, each key the footer shows with the
        screen's first focus still runs the same action, or is left out of the footer because the focused
        field types it: no focus leaves a shown key dead or doing something else (a scrolling pane's End)."""
        screen = await self.open(make)
        shown = {key.key: (key.action, key.description) for key in await self.settled_keys(screen)}
        for widget in [w for w in screen.query("*") if w.focusable]:
            widget.focus()
            await self.pilot.pause()
            footer = screen.query_one(Footer)
            now = {binding.key for binding, _, _ in footer.shown()[0]}
            for key, (action, description) in shown.items():
                active = screen.active_bindings.get(key)
                priority = active is not None and active.binding.priority
                typed = (widget.check_consume_key(key, key_to_character(key)) and not priority
                         or active is not None and active.binding.action == "leave_field")  # Escape leaves a field
                where = f"{type(screen).__name__} with {widget!r} focused: {key} ({description})"
                if typed:
                    assert key not in now, f"{where} is shown, but the field keeps it"
                else:
                    assert active is not None and active.binding.action == action, \
                        f"{where} would run {active and active.binding.action}"


def _name(action: str) -> str:
    """``app.save_as`` and ``go('end')`` as ``save_as`` and ``go``: what ``expect`` is keyed by."""
    return action.split("(")[0].removeprefix("app.")


def answering(check: Callable[[Screen, Press], bool]) -> Callable[[Screen, Press], bool]:
    check.answers = True  # the screen is gone once it holds
    return check


def answered(value: Any = None) -> Callable[[Screen, Press], bool]:
    return answering(lambda screen, press: press.answer is not NOT_ANSWERED
                     and (value is None or press.answer == value))


def answered_with(kind: type) -> Callable[[Screen, Press], bool]:
    return answering(lambda screen, press: isinstance(press.answer, kind))


def on_top(*kinds: type) -> Callable[[Screen, Press], bool]:
    return lambda screen, press: isinstance(screen.app.screen, kinds)


def notified(screen: Screen, press: Press) -> bool:
    return bool(screen.app._notifications)


def either(*checks: Callable[[Screen, Press], bool]) -> Callable[[Screen, Press], bool]:
    check = lambda screen, press: any(check(screen, press) for check in checks)  # noqa: E731
    if any(getattr(one, "answers", False) for one in checks):
        check = answering(check)
    return check


HORIZON = load_scenario(SCENARIOS["over-the-horizon-2021"])
PEOPLE = {"us": "human", "russia": "random", "china": "greedy"}


def played(turns: int, controllers=PEOPLE, *, over: bool = False) -> Session:
    session = Session(HORIZON, 5, dict(controllers), name="A walk through the footers")
    while (turns and len(session.turns) < turns) or (over and not session.over):
        session.play_turn({seat: Order(seat, session.view(seat).legal_actions()[-1].id, "a reason")
                           for seat in session.humans()})
    return session


COMMON = {
    "help": on_top(HelpScreen),
    "command_palette": lambda screen, press: screen.app.screen is not screen,
    "save_as": on_top(TextPrompt),
    "leave_game": on_top(ConfirmDialog, SeatChoice),
    "toggle_formulas": lambda screen, press: True,  # checked below: the flag turns and the screen redraws
    "pause_run": lambda screen, press: screen.app.playthrough.running == 1,  # the run stops after this turn
    "write_message": either(on_top(MessageDialog), notified),
}


SESSION = played(2)
FINISHED = played(0, {"us": "random", "russia": "random", "china": "random"}, over=True)
VIEW, US = seat_view(SESSION, None), seat_view(SESSION, "us")
TURN_KEYS = {**COMMON, "confirm": either(on_top(ConfirmDialog), notified), "log": on_top(GameLogScreen),
             "situation": on_top(SituationScreen),
             "show_map": lambda screen, press: isinstance(screen.app.screen, SituationScreen)
             or screen.query_one("#map-title").region.y >= 0}
DIALOGS = {**COMMON, "cancel": answered(), "answer": answered(), "close": answered(),
           "submit": lambda screen, press: True, "send": lambda screen, press: True}
GAME_SCREENS = {
    # name: (the screen, what each of its actions must do, keys it lists on a line of its own, a run of turns)
    "setup": (lambda tmp: SetupScreen(HORIZON, name="A walk"),
              {**COMMON, "start": answered_with(GameSetup), "reseed": lambda screen, press: True,
               "back": answered()}, ()),
    "hand_off": (lambda tmp: HandOffScreen(VIEW.name("us"), 3), {**COMMON, "ready": answered()}, ()),
    "briefing": (lambda tmp: BriefingScreen(US), {**COMMON, "done": answered()}, ()),
    "turn": (lambda tmp: TurnScreen(US, "us"), TURN_KEYS, ()),
    "turn_facilitator": (lambda tmp: TurnScreen(VIEW, "us", formulas_allowed=True), TURN_KEYS, ()),
    "results": (lambda tmp: ResolutionScreen(US, 2), {**COMMON, "done": answered()}, ()),
    "console": (lambda tmp: FacilitatorScreen(VIEW),
                {**COMMON, "go": either(answered(STEP), answered(STEPS), answered(TO_THE_END)),
                 "act": on_top(ActFormDialog), "peek": on_top(SeatChoice)}, ("e", "v")),
    "end": (lambda tmp: EndScreen(seat_view(FINISHED, None), formulas_allowed=True),
            {**COMMON, "finish": either(*(answered(choice) for choice in (REPLAY, TITLE, DEBRIEF, EXPORT)))}, ()),
    "debrief": (lambda tmp: DebriefScreen(FINISHED, lambda session: "# Debrief\n\nWritten.", tmp),
                {**COMMON, "export": either(notified, lambda screen, press: True), "close": answered()}, ()),
    "replay": (lambda tmp: ReplayScreen(lambda viewer, at, formulas=False: seat_view(FINISHED, viewer, at,
                                                                                      formulas=formulas),
                                        len(FINISHED.turns), formulas_allowed=True),
               {**COMMON, "step": lambda screen, press: True, "go": lambda screen, press: True,
                "jump": on_top(TextPrompt), "next_viewer": lambda screen, press: screen.viewer is not None,
                "branch": answered(), "close": answered()}, ()),
    "log": (lambda tmp: GameLogScreen(US), {**COMMON, "close": answered()}, ()),
    "situation": (lambda tmp: SituationScreen(US), {**COMMON, "close": answered()}, ()),
    "help": (lambda tmp: HelpScreen(), {**COMMON, "close": answered()}, ()),
    "confirm": (lambda tmp: ConfirmDialog("Leave?", "Saved as it goes.", yes="Leave", no="Stay"), DIALOGS, ()),
    "text_prompt": (lambda tmp: TextPrompt("How many turns?", "5"), DIALOGS, ()),
    "seat_choice": (lambda tmp: SeatChoice("Whose view?", [("Russia", "russia")]), DIALOGS, ()),
    "passphrase_shown": (lambda tmp: PassphraseShown("ab-cd-ef"), DIALOGS, ()),
    "passphrase_asked": (lambda tmp: PassphrasePrompt("Locked.", lambda text: False), DIALOGS, ()),
    "saves": (lambda tmp: SavesDialog("Load a saved game", tmp / "saves"), DIALOGS, ()),
    **{f"act_{key}": (lambda tmp, form=form: ActFormDialog(form, VIEW, lambda act: ""), DIALOGS, ())
       for key, form in FORMS.items()},
}


def some_in_ci(names, ci: set[str]) -> list:
    """``names`` as parameters, those not in ``ci`` marked slow: the CI budget pays for the screens whose
    keys matter most (the turn, where the app's shared keys are pressed, the consoles, end, replay); ``pytest
    -m slow`` walks them all."""
    return [pytest.param(name, marks=() if name in ci else pytest.mark.slow) for name in names]


@pytest.fixture(params=[pytest.param(SIZES[:1], id="80x24"),
                        pytest.param(SIZES, id="three-sizes", marks=pytest.mark.slow)])
def sizes(request) -> list[tuple[int, int]]:
    return request.param


@pytest.mark.slow
async def test_every_footer_key_of_the_title_screen(sizes, tmp_path):
    app = make_app(tmp_path / "saves", scenario_dirs=(SCENARIOS["over-the-horizon-2021"].parent,))
    async with app.run_test(size=SIZES[0]) as pilot:
        walk = Walk(pilot, sizes)
        title = app.screen_stack[0]
        await wait_until(pilot, lambda: title.entries, "the scenarios")
        await walk.walk(lambda: title, {
            **COMMON, "new_game": on_top(SetupScreen), "continue_game": either(notified, on_top(Screen)),
            "load_game": on_top(SavesDialog), "replay_game": on_top(SavesDialog),
            "quit": lambda screen, press: walk.exits > 0})


@pytest.mark.parametrize("name", some_in_ci(GAME_SCREENS, {"turn_facilitator", "console", "end", "replay"}))
async def test_every_footer_key_of_a_game_screen(name, sizes, tmp_path):
    """Hand-off, briefing, turn (a seat's and the facilitator's), results, console, the facilitator's
    forms, end, debrief, replay, log, situation, help and the dialogs: each at three sizes."""
    make, expect, extra = GAME_SCREENS[name]
    app = make_app(tmp_path / "saves")
    async with app.run_test(size=SIZES[0]) as pilot:
        app.lobby.playthrough = Playthrough(app, SESSION, facilitator=True, saves_dir=tmp_path / "saves")
        await Walk(pilot, sizes).walk(lambda: make(tmp_path), expect, extra=extra, shared=name == "turn_facilitator")


RUN_SCREENS = {"turn": lambda: TurnScreen(VIEW, "us", formulas_allowed=True),
               "results": lambda: ResolutionScreen(VIEW, 2), "backdrop": lambda: GameBackdrop(HORIZON.title, "A run")}


@pytest.mark.parametrize("name", some_in_ci(RUN_SCREENS, {"turn"}))
async def test_a_run_of_turns_pauses_from_every_screen_it_shows(name, tmp_path):
    """During the facilitator's run of turns each of its screens offers p, which stops the run after this turn."""
    app = make_app(tmp_path / "saves")
    async with app.run_test(size=SIZES[0]) as pilot:
        playthrough = Playthrough(app, SESSION, facilitator=True, saves_dir=tmp_path / "saves")
        app.lobby.playthrough = playthrough
        playthrough.game.play_on(5)
        walk = Walk(pilot, sizes=[SIZES[0]])
        screen = await walk.open(RUN_SCREENS[name])
        (pause,) = [key for key in await walk.settled_keys(screen) if key.key == "p"]  # the footer offers p
        await walk.press_key(screen, SIZES[0], "p", pause.action, pause.description, COMMON)
        assert playthrough.running == 1


FOCUS_SCREENS = {"setup": lambda: SetupScreen(HORIZON, name="A walk"), "turn": lambda: TurnScreen(US, "us"),
                 "console": lambda: FacilitatorScreen(VIEW),
                 "act_inject": lambda: ActFormDialog(FORMS["i"], VIEW, lambda act: ""),
                 "end": lambda: EndScreen(VIEW, formulas_allowed=True)}


@pytest.mark.parametrize("name", some_in_ci(FOCUS_SCREENS, {"turn", "console"}))
async def test_no_focus_leaves_a_footer_key_dead(name, tmp_path):
    """Tab through every field of the screens that have several: the footer then shows only keys that work."""
    app = make_app(tmp_path / "saves")
    async with app.run_test(size=(80, 24)) as pilot:
        walk = Walk(pilot, sizes=[(80, 24)])
        app.lobby.playthrough = Playthrough(app, SESSION, facilitator=True, saves_dir=tmp_path / "saves")
        await walk.focus_each(FOCUS_SCREENS[name])


class Unlinked(RemoteApp):
    """A joined link's app without its connection: the walk hands its screens views directly."""

    CSS_PATH = [str(Path(remote_app.__file__).parent / path) for path in RemoteApp.CSS_PATH]

    def __init__(self, link: Link) -> None:
        super().__init__(link)
        self.flow = Idle()  # the screens are put up by the test, not by views from a host

    def on_mount(self) -> None:
        pass


class Idle:
    """A flow that puts up nothing."""

    def update(self) -> None:
        pass

    def settle(self) -> None:
        pass


def _joined(role: str):
    session = played(2)
    session.intervene(SetTrack("threat", 6, "a walk"))  # an act of this turn on the console
    return seat_view(session, None if role == FACILITATOR else role)


STATUS = p.Status(connected=("us",), deciding=("us",))
JOINED_SCREENS = {
    "console": (FACILITATOR, lambda view: ConsoleScreen(view, STATUS), {
        **COMMON, "act": on_top(ActFormDialog), "resolve": on_top(ConfirmDialog), "pause": notified,
        "timer": on_top(TextPrompt), "log": on_top(GameLogScreen)}, ("e",)),
    "waiting": ("us", lambda view: WaitingScreen(view, STATUS), {
        **COMMON, "change": answered(CHANGE), "log": on_top(GameLogScreen)}, ()),
    "message": ("us", lambda view: MessageDialog(view.seats[1:]), {
        **COMMON, "cancel": answered(), "send": lambda screen, press: True}, ()),
}


@pytest.mark.parametrize("name", some_in_ci(JOINED_SCREENS, {"console"}))
async def test_every_footer_key_of_a_joined_links_screen(name, sizes, tmp_path):
    """The networked facilitator's console, a seat's waiting screen and its message dialog, at three sizes."""
    role, make, expect, extra = JOINED_SCREENS[name]
    view = _joined(role)
    app = Unlinked(Link("http://127.0.0.1:9", 1, role, "t" * 32))
    app.view, app.status = view, STATUS
    async with app.run_test(size=SIZES[0]) as pilot:
        await Walk(pilot, sizes).walk(lambda: make(view), expect, extra=extra, shared=name == "console")
