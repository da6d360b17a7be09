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

from game.engine.expressions import BOOL
from game.scenario.reading import close
from game.engine.model import Action, BalanceSpec, LineTarget, OutcomeTarget, Step, Strategy
from game.scenario.reading import ID, ID_RULE

STRATEGY_KEYS = {"id", "seat", "label", "description", "plan"}
STEP_KEYS = {"do", "when"}
BALANCE_KEYS = {"unchosen", "decisive", "lines", "outcomes"}
LINE_KEYS = {"strategy", "best_response", "within", "text"}
OUTCOME_KEYS = {"id", "label", "when", "held", "players", "given", "at_least", "at_most", "over", "under", "text"}
HELD = ("ever", "always", "end")
"""When an outcome's ``when`` must hold: after some turn, after every turn, at the end."""
BOUNDS = ("at_least", "at_most", "over", "under")
STRATEGIES = "strategies"
"""In an outcome's ``players``: the games of every matchup of the scenario's strategies."""


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


def read_balance(loader: Any, actions: Sequence[Action], strategies: Sequence[Strategy]) -> BalanceSpec:
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
    names = {s.id for s in strategies}
    lines = [line for i, raw in enumerate(_tables(loader, table, "lines"))
             if (line := _read_line(loader, ("balance", "lines", i), raw, names)) is not None]
    outcomes = [outcome for i, raw in enumerate(_tables(loader, table, "outcomes"))
                if (outcome := _read_outcome(loader, ("balance", "outcomes", i), raw, ids)) is not None]
    seen: set[str] = set()
    for i, outcome in enumerate(outcomes):
        if outcome.id in seen:
            loader.problem(("balance", "outcomes", i, "id"), f"duplicate outcome id {outcome.id!r}")
        seen.add(outcome.id)
    return BalanceSpec(reasons, decisive, tuple(lines), tuple(outcomes))


def _tables(loader: Any, table: dict, key: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        loader.problem(("balance", key), f"{key} in [balance] must be an array of tables, written "
                       f"[[balance.{key}]]")
        return []
    return value


def _read_line(loader: Any, path: tuple, raw: Any, strategies: set[str]) -> LineTarget | None:
    """``[[balance.lines]]``: a strategy that must be a best response somewhere, or close to the best."""
    table = loader.table(path, raw, LINE_KEYS, "[[balance.lines]]")
    strategy = loader.get(table, path, "strategy", str, "[[balance.lines]]")
    what = f"the balance line {strategy!r}" if strategy else "[[balance.lines]]"
    best = loader.get(table, path, "best_response", bool, what, True)
    within = loader.get(table, path, "within", (int, float), what, None)
    if within is not None and within < 0:
        loader.problem((*path, "within"), f"within of {what} must be 0 or more, not {within}")
        within = None
    text = loader.author_text(table, path, "text", what, "", lines=True)
    if strategy is not None and strategy not in strategies:
        loader.problem((*path, "strategy"), f"{what} names no strategy of the scenario",
                       close(strategy, strategies))
        return None
    if strategy is None:
        return None
    if not best and within is None:
        loader.problem(path, f"{what} asks nothing", "set best_response = true or give within = POINTS")
        return None
    return LineTarget(strategy, bool(best), None if within is None else float(within), text or "",
                      loader.lines.line(path))


def _read_outcome(loader: Any, path: tuple, raw: Any, actions: set[str]) -> OutcomeTarget | None:
    """``[[balance.outcomes]]``: how often a condition may hold in a kind of game."""
    table = loader.table(path, raw, OUTCOME_KEYS, "[[balance.outcomes]]")
    outcome_id = loader.ident(table, path, "id", "[[balance.outcomes]]")
    what = f"the balance outcome {outcome_id!r}" if outcome_id else "[[balance.outcomes]]"
    label = loader.author_text(table, path, "label", what)
    if "when" not in table:
        loader.problem(path, f"{what} is missing the required key 'when'")
    when = loader.expression(table.get("when"), (*path, "when"), f"{what} when", BOOL, after_play=True)
    held = loader.get(table, path, "held", str, what, "ever")
    if held is not None and held not in HELD:
        loader.problem((*path, "held"), f"held of {what} must be {', '.join(HELD)}, not {held!r}",
                       "ever: after some turn; always: after every turn; end: at the end")
        held = None
    players = loader.strings(table, path, "players", what) if "players" in table else None
    if players is None:
        loader.problem(path, f"{what} is missing the required key 'players'",
                       f'e.g. players = ["{STRATEGIES}"] or ["greedy", "planner"]')
    elif not players:
        loader.problem((*path, "players"), f"players of {what} must name at least one kind of game")
    for i, player in enumerate(players or ()):  # which policies exist is checked by `wargame balance`
        if not ID.match(player):
            loader.problem((*path, "players", i), f"players of {what}: {player!r} must hold {ID_RULE}",
                           f'"{STRATEGIES}" or a computer policy such as "greedy"')
    given = loader.get(table, path, "given", str, what, "")
    if given and given not in actions:
        loader.problem((*path, "given"), f"given of {what} names {given!r}, which is not an action",
                       close(given, actions))
    bounds = {}
    for key in BOUNDS:
        value = loader.get(table, path, key, (int, float), what, None)
        if value is not None and not 0 <= value <= 1:
            loader.problem((*path, key), f"{key} of {what} is a share of games from 0 to 1, not {value}")
            value = None
        bounds[key] = None if value is None else float(value)
    if all(value is None for value in bounds.values()):
        loader.problem(path, f"{what} gives no bound", "give at_least, at_most, over or under (shares from 0 to 1)")
        return None
    text = loader.author_text(table, path, "text", what, "", lines=True)
    if None in (outcome_id, label, when, players, held) or not players:
        return None
    return OutcomeTarget(outcome_id, label.strip(), when, tuple(dict.fromkeys(players)), held, given or "",
                         text=text or "", line=loader.lines.line(path), **bounds)
