"""Reading ``[[strategies]]`` and ``[balance]``: the scenario's sensible lines and its balance notes.

Kept apart from the loader's core sections because only the analysis reads
them; the loader calls :func:`read_strategies` and :func:`read_balance` with
itself, so every problem is still reported as ``FILE:LINE`` with the rest.
A strategy plays from its seat's view, so a step's ``when`` may read only the
variables that seat can see: a strategy that peeked would be no fair baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.engine.model import Action, BalanceSpec, Step, Strategy

STRATEGY_KEYS = {"id", "seat", "label", "description", "plan"}
STEP_KEYS = {"do", "when"}
BALANCE_KEYS = {"unchosen", "decisive"}


def read_strategies(loader: Any, actions: Sequence[Action]) -> list[Strategy]:
    """Every ``[[strategies]]`` table that is sound; problems go to ``loader``."""
    by_id = {action.id: action for action in actions}
    seen: set[str] = set()
    strategies = []
    for index, raw in enumerate(_array(loader)):
        strategy = _read_strategy(loader, ("strategies", index), raw, by_id)
        if strategy is None:
            continue
        if strategy.id in seen:
            loader.problem(("strategies", index, "id"), f"duplicate strategy id {strategy.id!r}",
                           "ids must be unique")
            continue
        seen.add(strategy.id)
        strategies.append(strategy)
    return strategies


def _array(loader: Any) -> list[Any]:
    value = loader.document.get("strategies", [])
    if not isinstance(value, list):
        loader.problem(("strategies",), "strategies must be an array of tables, written [[strategies]]")
        return []
    return value


def _read_strategy(loader: Any, path: tuple, raw: Any, actions: dict[str, Action]) -> Strategy | None:
    table = loader.table(path, raw, STRATEGY_KEYS, "strategy")
    strategy_id = loader.ident(table, path, "id", "a strategy")
    what = f"strategy {strategy_id!r}" if strategy_id else "strategy"
    seat = loader.get(table, path, "seat", str, what)
    if seat is not None and seat not in loader.seats:
        loader.problem((*path, "seat"), f"seat {seat!r} of {what} is not a seat of the scenario")
        seat = None
    label = loader.author_text(table, path, "label", what)
    description = loader.author_text(table, path, "description", what, "", lines=True)
    plan = loader.get(table, path, "plan", list, what)
    if plan is not None and not plan:
        loader.problem((*path, "plan"), f"the plan of {what} is empty", "list the actions it takes, in order")
    if None in (strategy_id, seat, label, plan):
        return None
    steps = [_read_step(loader, (*path, "plan", i), item, what, seat, actions) for i, item in enumerate(plan)]
    if None in steps:
        return None
    return Strategy(strategy_id, seat, label, tuple(steps), description or "", loader.lines.line(path))


def _read_step(loader: Any, path: tuple, item: Any, what: str, seat: str, actions: dict[str, Action]) -> Step | None:
    if isinstance(item, str):
        item = {"do": item}
    if not isinstance(item, dict):
        loader.problem(path, f"a step of {what} must be an action id or a table {{do = ..., when = ...}}")
        return None
    table = loader.table(path, item, STEP_KEYS, f"a step of {what}")
    action_id = loader.get(table, path, "do", str, f"a step of {what}")
    if action_id is None:
        return None
    action = actions.get(action_id)
    if action is None or action.actor != seat:
        hint = f"it is {action.actor}'s" if action else "no action has that id"
        loader.problem((*path, "do") if "do" in table else path,
                       f"{what} plays for {seat!r}, which has no action {action_id!r}", hint)
        return None
    when = loader.condition(table, path, f"a step of {what}")
    if "when" in table and when is None:
        return None
    if when is not None:
        problems = len(loader.problems)
        loader.check_knowable(when, seat, (*path, "when"), f"a step of {what}")
        if len(loader.problems) > problems:
            return None
    return Step(action_id, when)


def read_balance(loader: Any, actions: Sequence[Action]) -> BalanceSpec:
    """The ``[balance]`` table: reasons for unchosen actions, and the seats that must be decisive."""
    if "balance" not in loader.document:
        return BalanceSpec()
    table = loader.table(("balance",), loader.document["balance"], BALANCE_KEYS, "[balance]")
    ids = {action.id for action in actions}
    unchosen = loader.get(table, ("balance",), "unchosen", dict, "[balance]", {}) or {}
    reasons = {}
    for action_id, reason in unchosen.items():
        path = ("balance", "unchosen", action_id)
        if action_id not in ids:
            loader.problem(path, f"[balance.unchosen] names {action_id!r}, which is not an action")
        elif not isinstance(reason, str) or not reason.strip():
            loader.problem(path, f"[balance.unchosen] must give a reason (text) for {action_id!r}")
        else:
            reasons[action_id] = reason
    decisive = None
    if "decisive" in table:
        decisive = loader.strings(table, ("balance",), "decisive", "[balance]")
        for i, seat in enumerate(decisive):
            if seat not in loader.seats:
                loader.problem(("balance", "decisive", i), f"decisive names {seat!r}, which is not a seat")
        decisive = tuple(seat for seat in decisive if seat in loader.seats)
    return BalanceSpec(reasons, decisive)
