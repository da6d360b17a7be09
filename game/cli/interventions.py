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
"""

from __future__ import annotations

import argparse
from typing import Any

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
}
PARTS = {
    "effect": ("EXPR", "an effect of the --inject before it, in the scenario's language (threat += 2)"),
    "tell": ("SEAT[,SEAT...]", "who learns the --inject (or --inject-from) before it (default: every seat, or "
                               "the library inject's own audience)"),
    "reason": ("TEXT", "the facilitator's reason for the act before it (kept for the debrief)"),
}


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
        group.add_argument(f"--{name}", dest=name, action=_InOrder, metavar=metavar, help=help_text)
    parser.set_defaults(facilitator_acts=[])


def acts_of(session: Any, written: list[tuple[str, str]]) -> list[Any]:
    """The acts written on the command line, checked against the game now; one-line errors."""
    from game.engine.interventions import FireEvent, ForceChance, Inject, ReplaceOrder, SetTrack, track_value

    scenario = session.scenario
    acts: list[dict[str, Any]] = []
    for flag, value in written:
        if flag in ACTS:
            acts.append({"flag": flag, "value": value, "effects": [], "tell": None, "reason": None})
            continue
        if not acts:
            raise WargameError(f"--{flag} {value!r}: give it after the act it belongs to (e.g. --inject)")
        last = acts[-1]
        if flag == "effect" and last["flag"] != "inject":
            raise WargameError(f"--effect {value!r}: it belongs to an --inject, not to --{last['flag']}")
        if flag == "tell" and last["flag"] not in ("inject", "inject-from"):
            raise WargameError(f"--tell {value!r}: it belongs to an --inject or --inject-from, not to --{last['flag']}")
        if flag == "effect":
            last["effects"].append(value)
        elif flag == "tell":
            last["tell"] = [seat.strip() for seat in value.split(",") if seat.strip()]
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
            result.append(Inject(value, act["tell"], tuple(act["effects"]), reason))
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


def check(session: Any, acts: list[Any], written: list[tuple[str, str]]) -> None:
    """Refuse, before anything is played or saved, acts the open turn would not take (one line naming the flag)."""
    flags = [f"--{flag} {value!r}" for flag, value in written if flag in ACTS]
    for count, flag in enumerate(flags, 1):
        try:
            session.check_interventions(acts[:count])
        except WargameError as error:
            raise WargameError(f"{flag}: {error}") from None
