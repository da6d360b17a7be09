"""Replay speed of a long saved run, against plain msgpack decoding of the same file.

    python benchmarks/replay.py [SCENARIO] [--turns N] [--rounds R] [--seed S]

Writes a long version of SCENARIO (the shipped one by default) to a
temporary folder: ``turns = N`` (default 1,200) and every ending's ``when``
turned off, so the game lasts. Plays it with random seats, saves it, then
prints, each the least CPU time of R rounds:

- decode: ``msgpack.unpackb`` of every frame's payload, nothing else: the floor;
- load: ``load_save``: frames, chain, every field checked, scenario parsed
  from the embedded text (parse cache cleared each round, as in a fresh
  process; the time with the parse cached is shown apart);
- replay: ``restore_session`` of the loaded game: every turn through the
  engine, every state hash and chance draw checked;
- engine: the bare ``resolve_turn`` loop over the same orders, for scale;
- bytes per turn.

The aim: replay at most 5x decode. (The cost of saving each turn is
``benchmarks/saves.py``'s.)
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import msgpack

from game.engine.adjudication import new_game, resolve_turn
from game.saves import codec, format2, load_save, restore_session, save_session
from game.scenario import load_scenario
from game.session import Session

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "over-the-horizon-2021.toml"


def lasting(text: str, turns: int) -> str:
    """The scenario text with ``turns`` turns and every ending switched off (``when = "false"``)."""
    text = re.sub(r"^turns\s*=\s*\d+", f"turns = {turns}", text, count=1, flags=re.M)
    lines, section = [], ""
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("["):
            section = line.strip()
        if section == "[[endings]]" and re.match(r"\s*when\s*=", line):
            line = 'when = "false"\n'
        lines.append(line)
    return "".join(lines)


def best(rounds: int, work: Callable[[], object]) -> float:
    """The least CPU time of ``rounds`` runs of ``work``: on a shared machine CPU time is steadier than wall time."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def engine_loop(saved) -> None:
    state = new_game(saved.scenario, saved.seed)
    for turn in saved.turns:
        state = resolve_turn(saved.scenario, state, {o.seat: o.action for o in turn.orders}).state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--turns", type=int, default=1200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path, scenario = long_save(Path(folder), args.scenario, args.turns, args.seed)
        report(path, args.rounds, len(scenario.origin.text.encode()))


def long_save(folder: Path, scenario_path: Path, turns: int, seed: int):
    """A save of a ``turns``-turn game of the lasting version of the scenario, and that scenario."""
    source = folder / f"long-{scenario_path.name}"
    source.write_text(lasting(scenario_path.read_text(), turns))
    scenario = load_scenario(source)
    session = Session(scenario, seed, dict.fromkeys(scenario.seats, "random"))
    session.play_to_end()
    return save_session(session, folder / "long.wgsave"), scenario


def decode_frames(payloads) -> list:
    """The floor: msgpack-decoding every frame's payload, nothing checked."""
    return [msgpack.unpackb(payload) for payload in payloads]


def ratio_row(rounds: int, turns: int = 1200) -> None:
    """One line for benchmarks/targets.py: checked load and replay against the decode of the file."""
    with tempfile.TemporaryDirectory() as folder:
        path, _ = long_save(Path(folder), DEFAULT, turns, 1)
        payloads = format2.read_frames(path.read_bytes()).payloads
        decode = best(rounds, lambda: decode_frames(payloads))
        checked = best(rounds, lambda: restore_session(load_save(path)))
    print(f"checked load and replay of {turns:,} turns {checked * 1e3:.1f} ms (scenario parse cached), "
          f"msgpack decode {decode * 1e3:.2f} ms = {checked / decode:.0f}x   (aim: at most 5x)", flush=True)


def report(path: Path, rounds: int, scenario_bytes: int) -> None:
    data = path.read_bytes()
    saved = load_save(path)
    payloads = format2.read_frames(data).payloads
    decode = best(rounds, lambda: decode_frames(payloads))
    load = best(rounds, lambda: (codec._parse.cache_clear(), load_save(path)))
    warm = best(rounds, lambda: load_save(path))
    replay = best(rounds, lambda: restore_session(saved))
    engine = best(rounds, lambda: engine_loop(saved))
    turns = saved.played
    print(f"run: {turns:,} turns of {saved.title} ({len(saved.controllers)} seats), seed {saved.seed}")
    print(f"file: {len(data):,} bytes = {scenario_bytes:,} of scenario text + "
          f"{(len(data) - scenario_bytes) / turns:.1f} bytes per turn")
    print(f"decode (msgpack.unpackb only): {decode * 1e3:8.2f} ms")
    print(f"load   (load_save, checked):   {load * 1e3:8.2f} ms, of which parsing the scenario text "
          f"{(load - warm) * 1e3:.2f} ms")
    print(f"replay (restore_session):      {replay * 1e3:8.2f} ms = {replay / decode:.0f}x decode "
          f"({replay / turns * 1e6:.0f} us per turn; aim: at most 5x)")
    print(f"engine (bare resolve_turn):    {engine * 1e3:8.2f} ms = {engine / decode:.0f}x decode")


if __name__ == "__main__":
    main()
