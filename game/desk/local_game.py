"""A game played at one screen (hot seat, facilitator mode, or watched): its steps, its session, its save.

The front end loops: ``step = game.next_step()``, show it, then report what
happened -- ``saw(step)`` once a hand-off is taken or a briefing or results
read, ``give(order)`` for a decision, ``play_on(n)`` from the console,
``resolve()`` for a resolution, ``unlocked(...)`` after the passphrase was
asked. Which step comes next is ``game.desk.steps.table_step``'s alone.

The TUI calls these from worker threads while its screens stay live (a
facilitator's act can arrive from another worker while the turn is being
resolved), so every read and change of the session happens under one lock
here; screens are handed ``SeatView``\\ s, never the live session. Saving is
the :class:`~game.desk.autosave.Autosave`'s: a method that changed the game
returns what to tell the player when the save could not follow ("" when all
is well).
"""

from __future__ import annotations

import threading
from pathlib import Path

from attrs import frozen

from game.desk import steps
from game.desk.autosave import Autosave
from game.desk.steps import Briefing, Facts, Mode, Progress, Results, Step
from game.desk.unlock import WITHOUT, asks, opens
from game.engine.interventions import Intervention
from game.seat_view.build import belief_prompts, seat_view
from game.seat_view.model import BeliefPrompt, SeatView
from game.session import Argument, Order, Session


@frozen
class ActTaken:
    """An act the session took: the seats whose order it withdrew (asked again), and what to tell."""

    withdrawn: tuple[str, ...] = ()
    notice: str = ""


class LocalGame:
    """``session`` at this screen; ``facilitator`` asks for facilitator mode (unlocked first if it is locked;
    ``unlocked``: the passphrase was just set, at setup)."""

    def __init__(self, session: Session, *, facilitator: bool, saves_dir: Path, path: Path | None = None,
                 unlocked: bool = False) -> None:
        self.session = session
        locked = facilitator and not unlocked and asks(session.lock, session.over)
        self.progress = Progress(Mode.of(session.humans(), facilitator=facilitator, locked=locked))
        self.autosave = Autosave(session, saves_dir, path)
        self._lock = threading.RLock()

    # -- what shows ---------------------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return self.progress.mode

    def next_step(self) -> Step:
        with self._lock:
            return steps.table_step(Facts.of_session(self.session), self.progress)

    def view(self, viewer: str | None, *, played: int | None = None, formulas: bool = False) -> SeatView:
        """What ``viewer`` (None: the facilitator) may know now (after ``played`` turns, if given)."""
        with self._lock:
            return seat_view(self.session, viewer, played, formulas=formulas)

    def view_for(self, step: Step, *, formulas: bool = False) -> SeatView:
        """The view a step is shown with: its seat's own, or the facilitator's for the console and the end."""
        viewer = steps.viewer_of(step)
        return self.view(None if viewer is False else viewer, formulas=formulas)

    def peek(self, seat: str) -> Step:
        """What ``seat`` sees now, asked from the console: its briefing before turn 1, else its last results."""
        with self._lock:
            played = len(self.session.turns)
        return Results(seat, played) if played else Briefing(seat)

    def prompts(self, seat: str) -> tuple[BeliefPrompt, ...]:
        """The beliefs ``seat`` is asked now, with its answers so far (its own screen's, never another's)."""
        with self._lock:
            return belief_prompts(self.session, seat)

    def withdrawn_label(self, seat: str) -> str:
        """The label of ``seat``'s order a facilitator's act withdrew this turn ("" if none): it chooses again."""
        with self._lock:
            withdrawn = self.session.withdrawn(seat)
            return self.session.scenario.action(withdrawn.action).label if withdrawn is not None else ""

    def turns_left(self) -> int:
        """Turns still to play, this one included (the most the console's "play N" accepts)."""
        with self._lock:
            return self.session.scenario.turns - self.session.turn + 1

    # -- what happened ------------------------------------------------------------------------------------

    def start(self) -> str:
        """Keep the game in its save from now on (blocks); what to tell if it cannot be."""
        with self._lock:
            return self.autosave.start()

    def saw(self, step: Step) -> None:
        with self._lock:
            steps.table_saw(self.progress, step, Facts.of_session(self.session))

    def opens(self, passphrase: str) -> bool:
        """Whether ``passphrase`` opens this game's lock (slow: scrypt)."""
        return opens(self.session.lock, passphrase)

    def unlocked(self, opened: bool) -> str:
        """The passphrase was given (``opened``) or not; what to tell the facilitator."""
        with self._lock:
            steps.unlocked(self.progress, opened)
        return "" if opened else WITHOUT

    def give(self, order: Order) -> str:
        """A seat's order, given to the session (and so its save)."""
        with self._lock:
            return self.autosave.accept(self.session.submit, order)[1]

    def believe(self, seat: str, answers: dict[str, int]) -> str:
        """A seat's answers to the beliefs it is asked (belief id: the index of its choice), given to the session
        (and so its save); what to tell the player."""
        notices = []
        with self._lock:
            for belief, choice in answers.items():
                notices.append(self.autosave.accept(self.session.believe, seat, belief, choice)[1])
        return next((notice for notice in notices if notice), "")

    def argue(self, argument: Argument) -> str:
        """A seat's argued move, given to the session (and so its save); raises ``WargameError`` with the reason
        it is refused; returns what to tell."""
        with self._lock:
            return self.autosave.accept(self.session.argue, argument)[1]

    def counter(self, seat: str, move: str, text: str) -> str:
        """``seat``'s counter-argument to the argued move ``move`` of the open turn; as :meth:`argue`."""
        with self._lock:
            return self.autosave.accept(self.session.counter, seat, move, text)[1]

    def play_on(self, turns: int) -> None:
        with self._lock:
            steps.play_on(self.progress, turns)

    def pause(self) -> bool:
        """Stop a run of turns after the one being played; whether a run was stopped."""
        with self._lock:
            return steps.pause(self.progress)

    def to_console(self) -> None:
        """Back to the console before this turn's decisions are all in (the facilitator's Escape on a seat's
        turn): the next step is the console, the orders given so far stand."""
        with self._lock:
            steps.to_console(self.progress)

    @property
    def running(self) -> int:
        return self.progress.running

    def resolve(self) -> str:
        """Resolve the open turn (computer seats choose now; blocks)."""
        with self._lock:
            notice = self.autosave.accept(self.session.resolve)[1]
            steps.resolved(self.progress, Facts.of_session(self.session))
            return notice

    def act(self, act: Intervention) -> ActTaken:
        """A facilitator's act, given to the session; raises ``WargameError`` with the reason it is refused."""
        with self._lock:
            withdrawn, notice = self.autosave.accept(self.session.intervene, act)
            return ActTaken(tuple(self.session.scenario.actor_name(seat) for seat in withdrawn), notice)

    # -- the save -----------------------------------------------------------------------------------------

    @property
    def saved_to(self) -> Path | None:
        return self.autosave.path

    def save_as(self, name: str, path: Path, *, force: bool = False) -> None:
        with self._lock:
            self.autosave.save_as(name, path, force=force)

    def let_go(self) -> None:
        with self._lock:
            self.autosave.let_go()
