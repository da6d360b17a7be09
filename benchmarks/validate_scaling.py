"""``wargame validate`` on large scenarios of many shapes: the time for twice the size, as a ratio.

    python -m benchmarks.validate_scaling [--size BYTES]

Each shape (many seats, variables, actions, events, unknown names with a
"did you mean" each, unknown keys, variables each visible to one seat) is
generated at about ``--size`` bytes (default 950 kB) and at twice that (the
loader's limit is 2,000,000 bytes), and loaded by the scenario loader; the
ratio of the two times is printed (about 2: linear; 4: quadratic), and the
larger one's time over tomllib's for merely reading the same TOML, measured in
the same run (the reference: the machine's speed and load cancel out). Nothing here asserts: a timed assertion would fail on a
busy machine (tests/test_files_bounds.py counts the work instead).
"""

from __future__ import annotations

import argparse
import time
import tomllib

from game.errors import ScenarioError
from game.scenario import parse_scenario

HEAD = """format = 1
[scenario]
id = "big"
title = "Big"
start_date = 2021-06-21
turn_days = 7
turns = 5
seats = [{seats}]
"""


def _seats(names: list[str]) -> str:
    return HEAD.format(seats=", ".join(f'"{s}"' for s in names)) + "".join(
        f'[actors.{s}]\nname = "Seat {s}"\nbriefing = "b"\n' for s in names)


def _variables(n: int, visible: bool = False) -> str:
    return "".join(f'[variables.v{i}]\nlabel = "V"\ntype = "int"\nmin = 0\nmax = 10\ninitial = 1\n'
                   + (f'visible_to = ["s{i}"]\n' if visible else "") for i in range(n))


def _objectives(names: list[str], each: bool = False) -> str:
    return "[objectives]\n" + "".join(f'{s} = "v{i if each else 0}"\n' for i, s in enumerate(names))


def seats(k: int) -> str:
    names = [f"s{i}" for i in range(k)]
    return _seats(names) + _variables(1) + _objectives(names)


def variables(k: int) -> str:
    return _seats(["s0", "s1"]) + _variables(k) + _objectives(["s0", "s1"])


def actions(k: int) -> str:
    rules = "".join(f'[[actions]]\nid = "s0.a{i}"\nactor = "s0"\nlabel = "A{i}"\neffects = ["v{i % 50} += 1"]\n'
                    for i in range(k))
    return _seats(["s0", "s1"]) + _variables(50) + rules + _objectives(["s0", "s1"])


def events(k: int) -> str:
    rules = "".join(f'[[events]]\nid = "e{i}"\nwhen = "v{i % 50} > 3"\neffects = ["v{(i + 1) % 50} += 1"]\n'
                    f'text = "t"\n' for i in range(k))
    return _seats(["s0", "s1"]) + _variables(50) + rules + _objectives(["s0", "s1"])


def unknown_names(k: int) -> str:
    effects = ", ".join(f'"unknownname{i} += 1"' for i in range(k))
    action = f'[[actions]]\nid = "s0.a"\nactor = "s0"\nlabel = "A"\neffects = [{effects}]\n'
    return _seats(["s0", "s1"]) + _variables(max(250, k // 12)) + action + _objectives(["s0", "s1"])


def unknown_keys(k: int) -> str:
    rules = "".join(f'[[actions]]\nid = "s0.a{i}"\nactor = "s0"\nlabel = "A"\neffectz{i} = 1\n' for i in range(k))
    return _seats(["s0", "s1"]) + _variables(1) + rules + _objectives(["s0", "s1"])


def private_variables(k: int) -> str:
    names = [f"s{i}" for i in range(k)]
    return _seats(names) + _variables(k, visible=True) + _objectives(names, each=True)


SHAPES = (seats, variables, actions, events, unknown_names, unknown_keys, private_variables)


def scaled(shape, size: int) -> str:
    """``shape``'s largest scenario of at most ``size`` bytes."""
    low, high = 1, 2
    while len(shape(high)) <= size:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if len(shape(middle)) <= size else (low, middle)
    return shape(low)


def seconds(text: str) -> tuple[float, float]:
    """The loader's time on ``text``, and tomllib's alone (the reference: reading the TOML at all)."""
    start = time.perf_counter()
    try:
        parse_scenario(text, "big.toml")
    except ScenarioError:
        pass
    loaded = time.perf_counter()
    tomllib.loads(text)
    return loaded - start, time.perf_counter() - loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=950_000)
    args = parser.parse_args()
    print(f"{'shape':<18} {'bytes':>10} {'seconds':>8} {'bytes':>10} {'seconds':>8}  2x/1x  ÷ tomllib")
    for shape in SHAPES:
        small, large = scaled(shape, args.size), scaled(shape, 2 * args.size)
        (first, _), (second, toml) = seconds(small), seconds(large)
        print(f"{shape.__name__:<18} {len(small):>10,} {first:>8.2f} {len(large):>10,} {second:>8.2f}  "
              f"{second / first:5.2f}  {second / toml:8.1f}", flush=True)


if __name__ == "__main__":
    main()
