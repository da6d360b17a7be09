"""``wargame diff A B``: where two runs of one scenario part ways, and how they differ from there on.

Exits 0 when the runs are the same game, 1 when they differ (as diff(1)
does), 2 when either file cannot be read or they are of different scenarios.
"""

from __future__ import annotations

import argparse
import textwrap

from game.cli import passphrase

DIFFERENT = 1
WIDTH = 100


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "diff", help="show where two runs of one scenario part ways",
        description="Replay two saves of one scenario and show the first turn where they differ, the orders "
                    "that differed, and how the variables and scores differ from there on. "
                    "Exit status: 0 same game, 1 different, 2 trouble.")
    parser.add_argument("a", metavar="A", help="a saved game (.wgsave)")
    parser.add_argument("b", metavar="B", help="another saved game of the same scenario")
    passphrase.add_argument(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.saves import load_save
    from game.saves.compare import compare

    a, b = load_save(args.a), load_save(args.b)
    for saved, name in ((a, args.a), (b, args.b)):
        passphrase.unlock(saved.lock, saved.over, args, name)
    comparison = compare(a, b)
    print("\n".join(report(a, b, comparison)))
    return 0 if comparison.first is None else DIFFERENT


def report(a, b, comparison) -> list[str]:
    """The comparison as lines of text: the two runs, their relation, the stem, then each differing turn."""
    scenario = a.scenario
    lines = [*_run("A", a, comparison.final_a), *_run("B", b, comparison.final_b)]
    if comparison.relation:
        lines.append(comparison.relation + ".")
    text = "same scenario text" if comparison.same_text else "different texts of it (matched by name)"
    seeds = "same seed" if comparison.same_seed else f"seeds {a.seed} and {b.seed}: chances differ"
    lines.append(f"{scenario.title} ({scenario.id}): {text}; {seeds}.")
    if comparison.first is None:
        return [*lines, f"The runs are identical: all {a.played} turns have the same orders and states."]
    if comparison.common:
        lines.append(f"Turns 1 to {comparison.common} are the same in both.")
    lines.append(f"First difference: turn {comparison.first}.")
    if comparison.turns:
        lines.append("From there on, what differs (A | B):")
    for turn in comparison.turns:
        lines += _turn_lines(a, b, turn)
    return lines


def _run(letter: str, saved, state) -> list[str]:
    from game.engine.adjudication import scores
    from game.presentation.words import format_score

    name = f" \u00b7 {saved.name!r}" if saved.name else ""
    if state.over:
        endings = saved.scenario.endings
        ending = next((e.text for e in endings if e.id == state.ending), saved.scenario.end_text)
        status = f"over: {ending}"
    else:
        status = "not over"
    final = ", ".join(f"{saved.scenario.actor_name(s)} {format_score(v)}"
                      for s, v in scores(saved.scenario, state).items())
    return [f"{letter}  {saved.path}{name} \u00b7 seed {saved.seed} \u00b7 {saved.played} turns",
            *_wrapped(f"{status} \u00b7 scores: {final}", "   ")]


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _turn_lines(a, b, turn) -> list[str]:
    from game.presentation.words import format_score

    scenario = a.scenario
    lines = [f"  turn {turn.turn}"]
    for order in turn.orders:
        lines += _wrapped(f"{scenario.actor_name(order.seat)} did: {_action(a, order.a)} | "
                          f"{_action(b, order.b)}", "    ")
    for argued in turn.argued:
        lines += _wrapped(f"{scenario.actor_name(argued.seat)} argued: {'; '.join(argued.a) or 'nothing'} | "
                          f"{'; '.join(argued.b) or 'nothing'}", "    ")
    if turn.values:
        say = a.scenario.variable
        shown = [f"{_label(a, name)} {_value(va, say(name).say)} | {_value(vb, say(name).say)}"
                 for name, va, vb in turn.values]
        lines += _wrapped("after it: " + " \u00b7 ".join(shown), "    ")
    if turn.scores:
        shown = [f"{scenario.actor_name(seat)} {_value(sa, format_score)} | {_value(sb, format_score)}"
                 for seat, sa, sb in turn.scores]
        lines += _wrapped("scores: " + " \u00b7 ".join(shown), "    ")
    return lines


def _action(saved, action_id: str | None) -> str:
    if action_id is None:
        return "(no such turn)"
    return f"{saved.scenario.action(action_id).label} ({action_id})"


def _label(saved, name: str) -> str:
    return saved.scenario.variable(name).label


def _value(value, render) -> str:
    return "\u2014" if value is None else render(value)
