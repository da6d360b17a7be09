"""The facilitator's acts on the command line, so the scripted path can do all the terminal app can.

``wargame run`` takes them in the order written, each followed by its
``--reason``; ``--effect`` and ``--tell`` belong to the ``--inject`` before
them. They act on the first turn played:

    --fire helsinki --reason 'the room needs the channel open'
    --inject 'A convoy is ambushed' --effect 'threat += 2' --tell us --reason 'a jolt'
    --inject-from kabul-strike --reason 'the room is too comfortable with strikes'
    --force us.strike=failure --reason 'the intelligence was stale'
    --set receptivity=6 --reason 'the summit went well'
    --order russia=russia.noncommittal --reason 'Moscow would not commit yet'

A move argued by a seat and the white cell's ruling on it (``[arguments]`` of
the scenario), each part after the ``--argue`` it belongs to:

    --argue 'us=Offer Tashkent security aid for a temporary drone lease at Termez'
        --wants 'a lease at Termez' --because 'Tashkent wants aid' --counter 'russia=Tashkent fears Moscow'
        --chance unlikely --effect "access = 'termez'" --fail-effect 'uzbekistan -= 1' --tell us,russia
        --reason 'Tashkent is wary of Moscow'
"""

from __future__ import annotations

import argparse
from typing import Any

from attrs import frozen

from game.errors import WargameError

ACTS = {
    "fire": ("EVENT", "fire a scenario event now (its effects, text and audience as written)"),
    "inject": ("HEADLINE", "an ad-hoc inject with this headline (add --effect and --tell after it)"),
    "inject-from": ("ID", "an inject from the scenario's library, as written (its headline, effects and "
                          "audience; --tell after it tells other seats)"),
    "force": ("RULE=success|failure", "rule this turn's chance of an action or event"),
    "set": ("VARIABLE=VALUE", "set a track to a value within its bounds"),
    "order": ("SEAT=ACTION", "what a computer SEAT does in the first turn played, instead of its policy's "
                             "choice (a what-if)"),
    "argue": ("SEAT=TEXT", "a move SEAT argues (what it does), with the white cell's ruling on it: --chance, "
                           "--effect, --reason after it"),
}
PARTS = {
    "wants": ("TEXT", "the result the --argue before it wants"),
    "because": ("TEXT", "a reason of the --argue before it (up to three)"),
    "secret": (None, "the --argue before it is secret: only the facilitator sees it"),
    "counter": ("SEAT=TEXT", "another seat's counter-argument to the --argue before it"),
    "chance": ("PERCENT", "the chance the white cell gives the --argue before it: 0 to 100, or almost-certain "
                          "(90), likely (70), even (50), unlikely (30), long-shot (10)"),
    "effect": ("EXPR", "an effect of the --inject before it, or of the --argue before it on success, in the "
                       "scenario's language (threat += 2)"),
    "fail-effect": ("EXPR", "an effect of the --argue before it on failure"),
    "tell": ("SEAT[,SEAT...]", "who learns the --inject (or --inject-from) before it, or the outcome of the "
                               "--argue before it (default: every seat, the library inject's own audience, or a "
                               "secret move's seat)"),
    "reason": ("TEXT", "the facilitator's reason for the act before it (kept for the debrief)"),
}
BELONGS = {"effect": ("inject", "argue"), "tell": ("inject", "inject-from", "argue"), "wants": ("argue",),
           "because": ("argue",), "secret": ("argue",), "counter": ("argue",), "chance": ("argue",),
           "fail-effect": ("argue",)}
"""Parts that belong to some acts only (``--reason`` belongs to every act)."""


class _InOrder(argparse.Action):
    """Keeps every act and its parts in the order written, which is what ties a reason to its act."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, value: Any,
                 option_string: str | None = None) -> None:
        written = list(getattr(namespace, "facilitator_acts", None) or [])
        written.append((self.dest, value))
        namespace.facilitator_acts = written


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("the facilitator's acts (on the first turn played, in the order given)")
    for name, (metavar, help_text) in {**ACTS, **PARTS}.items():
        if metavar is None:
            group.add_argument(f"--{name}", dest=name, action=_InOrder, nargs=0, help=help_text)
        else:
            group.add_argument(f"--{name}", dest=name.replace("-", "_"), action=_InOrder, metavar=metavar,
                               help=help_text)
    parser.set_defaults(facilitator_acts=[])


@frozen
class ArguedAct:
    """A move argued on the command line and the white cell's ruling on it (its id is known once argued)."""

    argument: Any
    counters: tuple[tuple[str, str], ...]
    chance: int
    effects: tuple[str, ...]
    fail_effects: tuple[str, ...]
    tell: tuple[str, ...] | None
    reason: str


def acts_of(session: Any, written: list[tuple[str, Any]]) -> list[Any]:
    """The acts written on the command line, checked against the game now; one-line errors."""
    from game.engine.interventions import FireEvent, ForceChance, Inject, ReplaceOrder, SetTrack, track_value

    scenario = session.scenario
    acts: list[dict[str, Any]] = []
    for dest, value in written:
        flag = dest.replace("_", "-")
        if flag in ACTS:
            acts.append({"flag": flag, "value": value, "effect": [], "fail-effect": [], "tell": None, "reason": None,
                         "because": [], "counter": [], "wants": "", "secret": False, "chance": None})
            continue
        shown = f"--{flag}" + (f" {value!r}" if isinstance(value, str) else "")
        if not acts:
            raise WargameError(f"{shown}: give it after the act it belongs to (e.g. --inject)")
        last = acts[-1]
        if flag in BELONGS and last["flag"] not in BELONGS[flag]:
            owners = " or ".join(f"--{owner}" for owner in BELONGS[flag])
            raise WargameError(f"{shown}: it belongs to an {owners}, not to --{last['flag']}")
        if flag in ("effect", "fail-effect", "because", "counter"):
            last[flag].append(value)
        elif flag == "tell":
            last["tell"] = [seat.strip() for seat in value.split(",") if seat.strip()]
        elif flag == "secret":
            last["secret"] = True
        elif flag in ("wants", "chance"):
            last[flag] = value
        elif last["reason"] is not None:
            raise WargameError(f"--reason {value!r}: --{last['flag']} {last['value']!r} already has a reason")
        else:
            last["reason"] = value
    result = []
    for act in acts:
        flag, value, reason = act["flag"], act["value"], act["reason"]
        if reason is None and flag != "order":
            raise WargameError(f"--{flag} {value!r}: give the facilitator's reason with --reason after it")
        reason = reason or "a what-if given on the command line"
        if flag == "fire":
            result.append(FireEvent(value, reason))
        elif flag == "inject":
            result.append(Inject(value, act["tell"], tuple(act["effect"]), reason))
        elif flag == "argue":
            result.append(_argued(scenario, act, reason))
        elif flag == "inject-from":
            result.append(_from_library(scenario, value, act["tell"], reason))
        else:
            key, sep, rest = value.partition("=")
            if not sep or not key or not rest:
                raise WargameError(f"--{flag} {value!r}: write {ACTS[flag][0]}")
            if flag == "force":
                if rest not in ("success", "failure"):
                    raise WargameError(f"--force {value!r}: the outcome is success or failure")
                result.append(ForceChance(key, rest == "success", reason))
            elif flag == "set":
                result.append(SetTrack(key, _value(scenario, key, rest, track_value), reason))
            else:
                result.append(ReplaceOrder(key, _action_id(scenario, key, rest), reason))
    return result


def _argued(scenario: Any, act: dict[str, Any], reason: str) -> ArguedAct:
    from game.session import Argument

    value = act["value"]
    seat, sep, statement = value.partition("=")
    if not sep or not seat.strip() or not statement.strip():
        raise WargameError(f"--argue {value!r}: write SEAT=WHAT IT DOES, e.g. --argue 'us=Offer Tashkent aid'")
    if act["chance"] is None:
        raise WargameError(f"--argue {value!r}: give the white cell's chance with --chance after it")
    counters = []
    for counter in act["counter"]:
        who, sep, text = counter.partition("=")
        if not sep or not who.strip() or not text.strip():
            raise WargameError(f"--counter {counter!r}: write SEAT=TEXT")
        counters.append((who.strip(), text.strip()))
    argument = Argument(seat.strip(), statement.strip(), act["wants"].strip(), tuple(act["because"]),
                        act["secret"])
    return ArguedAct(argument, tuple(counters), chance_percent(act["chance"]), tuple(act["effect"]),
                     tuple(act["fail-effect"]), None if act["tell"] is None else tuple(act["tell"]), reason)


def chance_percent(text: str) -> int:
    """``30``, ``30%`` or a word of the white cell's scale (``unlikely``, ``long-shot``...) as a whole percent."""
    from game.engine.interventions import CHANCE_SCALE

    said = text.strip().lower().replace("-", " ").rstrip("%").strip()
    words = {word: percent for percent, word in CHANCE_SCALE}
    if said in words:
        return words[said]
    if said.isdigit() and 0 <= int(said) <= 100:
        return int(said)
    scale = ", ".join(f"{word.replace(' ', '-')} ({percent})" for percent, word in CHANCE_SCALE)
    raise WargameError(f"--chance {text!r}: give a percent from 0 to 100, or one of {scale}")


def take(session: Any, acts: list[Any]) -> None:
    """Give the acts to the session in order (an argued move, its counter-arguments, then its ruling)."""
    from game.engine.interventions import RuleArgument

    for act in acts:
        if not isinstance(act, ArguedAct):
            session.intervene(act)
            continue
        move = session.argue(act.argument)
        for seat, text in act.counters:
            session.counter(seat, move.id, text)
        tell = act.tell if act.tell is not None else (act.argument.seat,) if act.argument.secret else None
        session.intervene(RuleArgument(move.id, act.argument.seat, act.argument.statement, act.chance, act.effects,
                                       act.fail_effects, tell, act.reason))


def _from_library(scenario: Any, inject_id: str, tell: list[str] | None, reason: str) -> Any:
    """The library inject ``inject_id`` as the white cell's act (to ``tell`` instead of its audience if given)."""
    import difflib

    from game.scenario.injects import as_act

    inject = scenario.library_inject(inject_id)
    if inject is None:
        ids = [i.id for i in scenario.injects]
        close = difflib.get_close_matches(inject_id, ids, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else \
            f" (its injects: {', '.join(ids)})" if ids else " (this scenario has no [[injects]])"
        raise WargameError(f"--inject-from {inject_id!r}: no such inject in the scenario's library{hint}")
    return as_act(inject, reason) if tell is None else as_act(inject, reason, frozenset(tell))


def _value(scenario: Any, name: str, text: str, track_value: Any) -> Any:
    try:
        return track_value(scenario, name, text)
    except WargameError as error:
        raise WargameError(f"--set {name}={text}: {error}") from None


def _action_id(scenario: Any, seat: str, action: str) -> str:
    """``russia.noncommittal``, or ``noncommittal`` for short."""
    found = scenario.action(action) or scenario.action(f"{seat}.{action}")
    return found.id if found is not None else action


def check(session: Any, acts: list[Any], written: list[tuple[str, Any]]) -> None:
    """Refuse, before anything is played or saved, acts the open turn would not take (one line naming the flag):
    they are given in turn to a copy of the game."""
    named = [(dest.replace("_", "-"), value) for dest, value in written]  # argparse's dest: inject_from
    flags = [f"--{flag} {value!r}" for flag, value in named if flag in ACTS]
    trial = session.copy()
    for flag, act in zip(flags, acts, strict=True):
        try:
            take(trial, [act])
        except WargameError as error:
            raise WargameError(f"{flag}: {error}") from None
