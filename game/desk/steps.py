"""The steps of a game as values, and which comes next: the order of screens, decided once for every front end.

A front end asks for the next step, shows it (a screen of the TUI, lines of
``--plain``, a joined seat's screen), and reports that it was seen or what was
chosen; it never decides what comes after. The order is the rules of play:

For one seat (a joined seat's app follows the host's views; a hot-seat seat
when the keyboard comes to it): its **briefing** before anything else (a
seat first met after turn 1 has had it: its last results come instead), then
the **results** of the last turn it has not seen, then its **decision** until
its order is in, then **waiting** for the others, and the **end** once the
game is over. A seat the scenario asks what it **believes** (its
``[[beliefs]]``, the hot wash of issue 19) is asked between the results and
the decision of the belief's turn, and once the game is over before the end
(the reveal); it may pass, and is not asked again that turn. Where the
scenario allows **argued moves** (``[arguments]``: a matrix-game turn) and a
white cell is there to rule on them, a seat is then shown the other seats'
public argued moves of the turn to **counter** (one counter-argument each, or
pass), and offered to **argue** a move of its own (or pass), before its
decision; an argued move that takes the place of the seat's action is its
order (it holds). Moves argued after the seat's decision are shown to
counter once its order is in, never over a decision it is making.

For a game at one screen (:func:`table_step`): in facilitator mode, the
facilitator's **console** before a turn unless a run of turns is under way;
then each person's seat that has not ordered yet, in the scenario's order,
a **hand-off** first when several people share the keyboard (no seat's
screen shows before its player has said so: hot-seat secrecy); then the
turn **resolves** (in facilitator mode, after the white cell **rules** on the
turn's argued moves); one screen that sees everything (the facilitator, or a
spectator of computer seats) then reads the **results**. Once the game is
over each person's seat still asked what it believes answers (after its
hand-off), before anyone sees the end. A facilitator's
view of a locked unfinished game first asks to **unlock** it
(``game.desk.unlock``).

Everything here is a pure function of plain values (:class:`Facts` about the
game, :class:`Seen` and :class:`Progress` about what this screen has shown),
so hot-seat secrecy and the order of screens are tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import define, evolve, field, frozen

from game.desk.unlock import FACILITATOR_MODE

# -- the steps ------------------------------------------------------------------------------------


@frozen
class Unlock:
    """Ask for the facilitator's passphrase before the facilitator's view (``why``: what it would show)."""

    why: str


@frozen
class Console:
    """The facilitator's console for ``turn``: acts, a seat's view, and how many turns to play."""

    turn: int


@frozen
class HandOff:
    """Pass the keyboard to ``seat``'s player for ``turn``; nothing of the seat shows before it is taken."""

    seat: str
    turn: int


@frozen
class Briefing:
    """``seat``'s briefing, as its own screen shows it."""

    seat: str


@frozen
class Results:
    """What happened in ``turn`` as ``viewer`` may know it (None: the facilitator's, or a spectator's, view)."""

    viewer: str | None
    turn: int


@frozen
class Decide:
    """``seat`` chooses its order for ``turn``; ``viewer`` is whose view it sees (None: everything)."""

    seat: str
    viewer: str | None
    turn: int


@frozen
class Waiting:
    """``seat``'s order is in; the others have not all decided (a joined seat: it may still change it)."""

    seat: str
    turn: int


@frozen
class Resolve:
    """Every order of ``turn`` is in (or the facilitator plays on): resolve it."""

    turn: int


@frozen
class Beliefs:
    """``seat`` says what it believes before the reveal: the scenario's beliefs asked of it now. ``viewer``:
    whose screen it is (None: the facilitator enters the answers); ``turn``: the turn open (one past the last
    once the game is over)."""

    seat: str
    viewer: str | None
    turn: int


@frozen
class Counter:
    """``seat`` may answer other seats' public argued moves of ``turn`` (``moves``: their ids), one
    counter-argument each, or pass; ``viewer`` as for :class:`Decide`."""

    seat: str
    viewer: str | None
    turn: int
    moves: tuple[str, ...]


@frozen
class Argue:
    """``seat`` may argue a move the white cell will rule on (as many as ``[arguments]`` allow a turn), or pass;
    ``viewer`` as for :class:`Decide`."""

    seat: str
    viewer: str | None
    turn: int


@frozen
class Rule:
    """The white cell rules on ``turn``'s argued moves before it resolves (a move it leaves lapses)."""

    turn: int


@frozen
class End:
    """The game is over: how it ended, every score, and the objectives revealed (open to all)."""

    last_read: bool = False
    """This screen has just shown the last turn's results (a front end need not say them again)."""


Step = (Unlock | Console | HandOff | Briefing | Results | Beliefs | Counter | Argue | Decide | Waiting | Rule | Resolve
        | End)


def viewer_of(step: Step) -> str | None | bool:
    """Whose secrets a step shows: a seat, None (the facilitator's whole view), or False (nobody's)."""
    if isinstance(step, Briefing):
        return step.seat
    if isinstance(step, Results | Decide | Beliefs | Counter | Argue):
        return step.viewer
    if isinstance(step, Console | Rule):
        return None
    return False


# -- what the game is, and what this screen has shown ---------------------------------------------


@frozen
class Facts:
    """What the next step depends on in the game itself (from a session or from a seat's view)."""

    turn: int
    """The turn open now (``played + 1``)."""
    played: int
    over: bool
    humans: tuple[str, ...] = ()
    """The seats people play, in the scenario's order."""
    decided: frozenset[str] = frozenset()
    """Seats whose order for the open turn is in."""
    asked: frozenset[str] = frozenset()
    """People's seats the scenario asks now what they believe, with a belief still unanswered."""
    arguing: frozenset[str] = frozenset()
    """People's seats that may argue a move now (``[arguments]``)."""
    counters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(seat, the ids of the other seats' public argued moves it may still counter), for people's seats."""
    unruled: int = 0
    """Argued moves of the open turn the white cell has not ruled on (known to the facilitator)."""

    @classmethod
    def of_session(cls, session) -> Facts:
        humans = tuple(session.humans())
        moves = [m for m in session.argued_moves() if not m.argument.secret and session.ruling(m) is None]
        counters = tuple((seat, ids) for seat in humans if (ids := tuple(
            m.id for m in moves if m.argument.seat != seat and all(s != seat for s, _ in m.counters))))
        return cls(session.turn, len(session.turns), session.over, humans, session.decided(),
                   frozenset(seat for seat in humans if session.beliefs_due(seat)),
                   frozenset(seat for seat in humans if session.may_argue(seat)), counters, len(session.unruled()))

    @classmethod
    def of_view(cls, view) -> Facts:
        """From a ``SeatView``: a seat knows that it has ordered, and who has (not what), whether it is
        asked what it believes, may argue a move, and which argued moves it may counter."""
        asked = frozenset({view.seat}) if any(prompt.answer is None for prompt in view.beliefs) else frozenset()
        arguing = frozenset({view.seat}) if view.arguing is not None and view.arguing.left else frozenset()
        ids = tuple(move.id for move in view.argued if move.seat != view.seat and not move.secret and not move.ruled
                    and all(counter.seat != view.seat for counter in move.counters))
        return cls(view.turn, view.played, view.over, (), frozenset(view.decided) | frozenset(view.pending), asked,
                   arguing, ((view.seat, ids),) if ids else ())

    def counterable(self, seat: str) -> tuple[str, ...]:
        return next((ids for who, ids in self.counters if who == seat), ())


@define
class Seen:
    """What one seat's screen has shown it so far (the game does not record this)."""

    briefed: bool = False
    results: int = 0
    """The last turn whose results it has read."""
    changing: bool = False
    """A joined seat asked to choose again: its order stands until a new one is in."""
    sending: bool = False
    """A joined seat's order is on its way to the host."""
    believed: int = 0
    """The last turn whose beliefs it was asked (answered or passed): not asked again that turn."""
    argued: int = 0
    """The last turn it was offered to argue a move (it argued, or passed): not offered again that turn."""
    heard: frozenset[tuple[int, str]] = frozenset()
    """(turn, id) of the argued moves it was shown to counter (it countered them, or passed)."""
    busy: tuple[int, str] = (0, "")
    """(turn, ``"argue"`` or ``"decide"``): the screen of its own it was last put on (``showing``), so a move
    another seat argues meanwhile waits, and never takes that screen from it."""

    @classmethod
    def arriving(cls, facts: Facts, seat: str) -> Seen:
        """A seat met for the first time: after turn 1 the briefing is past; a seat that has ordered this turn
        has read its last results too, and was offered to argue (so a reconnecting seat goes back where it was)."""
        ordered = seat in facts.decided
        return cls(briefed=facts.played > 0 or ordered,
                   results=facts.played if ordered or facts.played == 0 else facts.played - 1,
                   argued=facts.turn if ordered else 0)


def seat_step(facts: Facts, seat: str, seen: Seen) -> Step:
    """What ``seat`` sees next: its briefing, last turn's results, its beliefs, its decision, waiting, or the
    end (its beliefs first)."""
    if facts.over:
        return Beliefs(seat, seat, facts.turn) if asks_beliefs(facts, seat, seen) else End()
    if not seen.briefed:
        return Briefing(seat)
    if seen.results < facts.played:
        return Results(seat, facts.played)
    if asks_beliefs(facts, seat, seen):
        return Beliefs(seat, seat, facts.turn)
    return _arguing(facts, seat, seat, seen) or (
        Waiting(seat, facts.turn) if (seat in facts.decided or seen.sending) and not seen.changing
        else Decide(seat, seat, facts.turn))


def _arguing(facts: Facts, seat: str, viewer: str | None, seen: Seen) -> Step | None:
    """The argued moves' steps of ``seat`` before its decision (and once its order is in): the others' moves
    to counter, then its own to argue."""
    busy = seen.busy[1] if seen.busy[0] == facts.turn and seat not in facts.decided else ""
    moves = tuple(m for m in facts.counterable(seat) if (facts.turn, m) not in seen.heard)
    if moves and not busy:
        return Counter(seat, viewer, facts.turn, moves)
    if seat in facts.arguing and seen.argued < facts.turn and busy != "decide":
        return Argue(seat, viewer, facts.turn)
    return None


def asks_beliefs(facts: Facts, seat: str, seen: Seen) -> bool:
    """Whether ``seat`` is to be asked its beliefs now (it has not answered them all, nor passed, this turn)."""
    return seat in facts.asked and seen.believed < facts.turn


def seat_saw(seen: Seen, step: Step) -> Seen:
    """``seen`` once ``step`` has been shown to its seat (and read)."""
    if isinstance(step, Briefing):
        return evolve(seen, briefed=True)
    if isinstance(step, Beliefs):
        return evolve(seen, believed=max(seen.believed, step.turn))
    if isinstance(step, Results):
        return evolve(seen, results=max(seen.results, step.turn))
    if isinstance(step, Counter):
        return evolve(seen, heard=seen.heard | {(step.turn, move) for move in step.moves})
    if isinstance(step, Argue):
        return evolve(seen, argued=max(seen.argued, step.turn))
    return seen


def showing(seen: Seen, step: Step) -> Seen:
    """``seen`` once a seat's own screen for ``step`` is put up (where others' moves can arrive meanwhile: a
    joined seat), so that a move argued meanwhile does not take it from the seat."""
    if isinstance(step, Argue | Decide):
        return evolve(seen, busy=(step.turn, "argue" if isinstance(step, Argue) else "decide"))
    return seen


# -- a game at one screen: hot seat, facilitator mode, spectators ---------------------------------


@frozen
class Mode:
    """How a game is played at this screen."""

    facilitator: bool = False
    """The facilitator's console and acts are open (the passphrase was given, or the game has no lock)."""
    watching: bool = False
    """One screen sees everything: the facilitator, or a spectator of a game with no person's seat."""
    hot_seat: bool = False
    """Several people share the keyboard: a hand-off comes before each seat's screens."""
    locked: bool = False
    """Facilitator mode was asked for a game whose lock guards it: unlock first."""
    humans: tuple[str, ...] = ()
    """The seats people play (the mode without facilitator mode follows from them)."""

    @classmethod
    def of(cls, humans: Iterable[str], *, facilitator: bool, locked: bool = False) -> Mode:
        humans = tuple(humans)
        watching = facilitator or not humans
        return cls(facilitator=facilitator, watching=watching, hot_seat=not watching and len(humans) > 1,
                   locked=facilitator and locked, humans=humans)


@define
class Progress:
    """What a game at one screen has shown so far."""

    mode: Mode
    running: int = 0
    """Turns the facilitator chose to play before the console opens again."""
    handed: tuple[str, int] | None = None
    """The seat (and turn) whose hand-off was taken last: its screens may show."""
    ruled: int = 0
    """The last turn whose argued moves the white cell was asked to rule on (those it left lapse)."""
    seen: dict[str, Seen] = field(factory=dict)
    owed: int = 0
    """A turn whose results the one watching screen has not read yet."""
    last_read: int = 0
    """The last turn whose results the watching screen read."""


def table_step(facts: Facts, progress: Progress) -> Step:
    """The next step of a game at one screen."""
    mode = progress.mode
    if mode.locked:
        return Unlock(FACILITATOR_MODE)
    if progress.owed and progress.owed == facts.played:
        return Results(None, facts.played)
    if facts.over:
        return _beliefs_at_the_end(facts, progress) or End(last_read=progress.last_read == facts.played)
    if mode.facilitator and not progress.running:
        return Console(facts.turn)
    if not mode.facilitator:  # nobody here to rule on an argued move: none is offered
        facts = evolve(facts, arguing=frozenset(), counters=())
    for seat in facts.humans:
        if seat in facts.decided:
            continue
        if mode.watching:
            seen = _seen(progress, facts, seat)
            if asks_beliefs(facts, seat, seen):
                return Beliefs(seat, None, facts.turn)
            return _arguing(facts, seat, None, seen) or Decide(seat, None, facts.turn)
        if mode.hot_seat and progress.handed != (seat, facts.turn):
            return HandOff(seat, facts.turn)
        return seat_step(facts, seat, _seen(progress, facts, seat))
    if mode.facilitator and facts.unruled and progress.ruled < facts.turn:
        return Rule(facts.turn)
    return Resolve(facts.turn)


def _beliefs_at_the_end(facts: Facts, progress: Progress) -> Step | None:
    """Before the reveal, each person's seat still asked what it believes: after its hand-off at a shared
    keyboard; the facilitator enters them in facilitator mode."""
    mode = progress.mode
    for seat in facts.humans:
        if not asks_beliefs(facts, seat, _seen(progress, facts, seat)):
            continue
        if mode.watching:
            return Beliefs(seat, None, facts.turn)
        if mode.hot_seat and progress.handed != (seat, facts.turn):
            return HandOff(seat, facts.turn)
        return Beliefs(seat, seat, facts.turn)
    return None


def table_saw(progress: Progress, step: Step, facts: Facts) -> None:
    """Record in ``progress`` that ``step`` was shown (a hand-off taken, a briefing or results read)."""
    if isinstance(step, HandOff):
        progress.handed = (step.seat, step.turn)
    elif isinstance(step, Briefing | Beliefs | Counter | Argue):
        progress.seen[step.seat] = seat_saw(_seen(progress, facts, step.seat), step)
    elif isinstance(step, Rule):
        progress.ruled = max(progress.ruled, step.turn)
    elif isinstance(step, Results) and step.viewer is None:
        progress.owed, progress.last_read = 0, step.turn
    elif isinstance(step, Results):
        progress.seen[step.viewer] = seat_saw(_seen(progress, facts, step.viewer), step)


def _seen(progress: Progress, facts: Facts, seat: str) -> Seen:
    """What ``seat``'s screens have shown it at this screen (a seat not met yet: as it arrives)."""
    return progress.seen.get(seat) or Seen.arriving(facts, seat)


def unlocked(progress: Progress, opened: bool) -> None:
    """The passphrase was given (``opened``), or not: then the game goes on with each seat's own screens."""
    mode = progress.mode
    progress.mode = Mode.of(mode.humans, facilitator=opened)


def play_on(progress: Progress, turns: int) -> None:
    """The facilitator chose, on the console, to play ``turns`` turns before it opens again."""
    progress.running = max(1, turns)


def pause(progress: Progress) -> bool:
    """Stop a run of turns after the one being played; whether there was a run to stop."""
    if progress.running > 1:
        progress.running = 1
        return True
    return False


def to_console(progress: Progress) -> None:
    """The facilitator left a seat's decision for the console (Escape there): any run stops, the turn waits."""
    progress.running = 0


def resolved(progress: Progress, facts: Facts) -> None:
    """The turn resolved (``facts`` after it): a run counts down; the watching screen owes the results of a run's
    last turn (the game's last ends every run)."""
    progress.running = max(0, progress.running - 1)
    if progress.mode.watching and (not progress.running or facts.over):
        progress.owed = facts.played
