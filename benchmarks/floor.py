"""The floor: a whole random game of a scenario as one straight-line Python function.

What plain Python can do at best for a turn of random play: every seat's
legal actions, its random choice, every action's and event's condition,
chance, draw and effects, and the endings, written out inline for this one
scenario on a flat list of values, with no function call per rule, no policy
object, no bookkeeping. It reuses the engine's expression source
(``Expression.code``) and effect lines (``codegen._Writer.effect``), so it has
the same semantics; what it leaves out is the structure of the fast path.
``check`` plays it against the fast path over many seeds (identical endings,
values, scores and orders); benchmarks/targets.py measures both.
"""

from __future__ import annotations

import builtins

from game.analysis.fast_games import play_fast
from game.engine.codegen import _Writer
from game.engine.draws import chance_stream, draw_keyed, policy_stream, stream_key, stream_name
from game.engine.model import Scenario
from game.players import get_policy


def floor_game(scenario: Scenario):
    """``game(seed) -> (ending, values, scores, orders)``, compiled for ``scenario``."""
    writer = _Writer(scenario)
    ids = [action.id for action in scenario.actions]
    lines = ["def game(seed):",
             f"    e = [1, {', '.join(repr(v.initial) for v in scenario.variables)}]",
             "    orders = []", "    ending = None"]
    for number, seat in enumerate(scenario.seats):
        lines.append(f"    p{number} = _key(seed, {stream_name(policy_stream(seat))})")
    rules = [*scenario.actions, *scenario.events]
    for number, rule in enumerate(rules):
        if rule.chance is not None:
            lines.append(f"    k{number} = _key(seed, {stream_name(chance_stream(rule.id))})")
    for number, event in enumerate(scenario.events):
        if event.once:
            lines.append(f"    f{number} = False")
    lines.append(f"    for t in range(1, {scenario.turns + 1}):")
    body = ["e[0] = t"]
    for number, seat in enumerate(scenario.seats):
        actions = scenario.actions_for(seat)
        flags = ", ".join(writer.code(a.when) if a.when is not None else "True" for a in actions)
        body += [f"legal = [i for i, ok in zip({[ids.index(a.id) for a in actions]}, ({flags},)) if ok]",
                 f"a{number} = legal[min(int(_draw(p{number}, t) * len(legal)), len(legal) - 1)]"]
    body.append(f"orders.append(({', '.join(f'_ids[a{n}]' for n in range(len(scenario.seats)))},))")
    for number, seat in enumerate(scenario.seats):
        body.append(f"a = a{number}")
        for position, action in enumerate(scenario.actions_for(seat)):
            index = ids.index(action.id)
            body.append(f"{'if' if position == 0 else 'elif'} a == {index}:")
            body += ["    " + line for line in _rule(writer, index, action, action.when, action.effects,
                                                       action.fail_effects)]
    for number, event in enumerate(scenario.events):
        index = len(scenario.actions) + number
        guard = f"not f{number} and " if event.once else ""
        body.append(f"if {guard}{writer.code(event.when)}:")
        effects = [*([f"f{number} = True"] if event.once else []), *_effects(writer, event.effects)]
        if event.chance is not None:
            body += [f"    if _draw(k{index}, t) < _prob({writer.code(event.chance)}):",
                     *("        " + line for line in effects)]
        else:
            body += ["    " + line for line in effects] or ["    pass"]
    for ending in scenario.endings:
        body += [f"if {writer.code(ending.when)}:", f"    ending = {ending.id!r}", "    break"]
    lines += ["        " + line for line in body]
    scores = []
    for seat in scenario.seats:
        objective = scenario.objectives.get(seat)
        scores.append(writer.code(objective.score) if objective else "0")
    lines += ["    e[0] = t + 1", f"    return ending, tuple(e[1:]), ({''.join(s + ', ' for s in scores)}), orders"]
    namespace = {**writer.namespace, "__builtins__": builtins, "_key": stream_key, "_draw": draw_keyed,
                 "_ids": ids}
    exec(compile("\n".join(lines) + "\n", "<floor>", "exec"), namespace)
    return namespace["game"]


def _rule(writer: _Writer, index: int, rule, when, effects, fail_effects) -> list[str]:
    lines = []
    inner = "    " if when is not None else ""
    if when is not None:
        lines.append(f"if {writer.code(when)}:")
    if rule.chance is not None:
        lines.append(f"{inner}if _draw(k{index}, t) < _prob({writer.code(rule.chance)}):")
        lines += [f"{inner}    {line}" for line in _effects(writer, effects) or ["pass"]]
        lines.append(f"{inner}else:")
        lines += [f"{inner}    {line}" for line in _effects(writer, fail_effects) or ["pass"]]
    else:
        lines += [f"{inner}{line}" for line in _effects(writer, effects) or ["pass"]]
    return lines or ["pass"]


def _effects(writer: _Writer, effects) -> list[str]:
    lines = []
    for effect in effects:
        lines += [*writer.effect(effect), f"e[{effect.slot}] = v"]
    return lines


def check(scenario: Scenario, games: int) -> None:
    """The floor plays exactly the fast path's random games (endings, values, scores, orders)."""
    game = floor_game(scenario)
    randoms = [get_policy("random")] * len(scenario.seats)
    for seed in range(games):
        fast = play_fast(scenario, seed, randoms)
        ending, values, scores, orders = game(seed)
        assert (ending, values, scores, tuple(orders)) == (fast.ending, fast.values, fast.scores, fast.orders), seed
