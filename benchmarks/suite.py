"""The test suite's wall time against an earlier commit's, on this machine, side by side.

    python benchmarks/suite.py [--reference de8e19e] [--candidate HEAD] [--runs N] [--keep]

Each commit is exported (``git archive``: a clean clone, no caches, no venv)
into a temporary folder and given a venv of its own with its ``test`` extra
installed; then each runs the pytest command of its own README (the second
line of the first code block: ``pytest`` serially at de8e19e, ``pytest -n
auto`` since pytest-xdist), from its own root, alternately reference and
candidate, ``--runs`` times each. The installs are not timed; the suites are
(wall clock, the whole pytest command). The machine is shared: the load
average is printed before and after every run, so a figure taken while
others worked says so. The aim (issue 21): the candidate at most 0.5x the
reference. Nothing here asserts: it prints, and ``--json FILE`` keeps the
figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "de8e19e"
"""main when issue 21 was filed: 730 tests, serial."""


def load() -> str:
    with open("/proc/loadavg") as averages:
        return " ".join(averages.read().split()[:3])


def export(commit: str, folder: Path) -> str:
    """Write ``commit``'s tree into ``folder``; its full id."""
    full = subprocess.run(["git", "-C", str(ROOT), "rev-parse", commit], capture_output=True, text=True,
                          check=True).stdout.strip()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", full], capture_output=True,
                             check=True).stdout
    folder.mkdir(parents=True)
    tar = folder.parent / f"{folder.name}.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as opened:
        opened.extractall(folder, filter="data")
    tar.unlink()
    return full


def readme_test_command(folder: Path) -> list[str]:
    """The pytest part of the README's second command (after the venv and the install)."""
    text = (folder / "README.md").read_text()
    block = re.search(r"^```sh\n(.*?)^```", text, re.M | re.S)[1]
    command = block.splitlines()[1].split("&&")[-1].strip()
    words = shlex.split(command)
    if "pytest" not in words[0]:
        raise SystemExit(f"{folder}: the README's second command ends with {command!r}, not pytest")
    return [str(folder / words[0]), *words[1:]]


def install(folder: Path) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(folder / ".venv")], check=True)
    installed = subprocess.run([str(folder / ".venv/bin/pip"), "install", "-q", "-e", ".[test]"], cwd=folder,
                               capture_output=True, text=True)
    if installed.returncode:
        raise SystemExit(f"{folder}: pip install -e '.[test]' failed:\n{installed.stderr}")
    return time.monotonic() - started


def run_suite(folder: Path, command: list[str]) -> dict:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("HYPOTHESIS", "PYTEST", "HORIZON"))}
    before = load()
    started = time.monotonic()
    result = subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True)
    seconds = time.monotonic() - started
    summary = next((line.strip("= ") for line in reversed(result.stdout.splitlines()) if " in " in line), "")
    return {"seconds": round(seconds, 1), "summary": summary, "exit": result.returncode,
            "load_before": before, "load_after": load()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", default=REFERENCE)
    parser.add_argument("--candidate", default="HEAD")
    parser.add_argument("--runs", type=int, default=1, help="runs of each suite, alternating (default 1)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="leave the temporary folder (its path is printed)")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="horizon-suite-"))
    trees = {}
    try:
        for role, commit in (("reference", options.reference), ("candidate", options.candidate)):
            folder = work / role
            full = export(commit, folder)
            seconds = install(folder)
            trees[role] = {"commit": full[:10], "folder": folder, "command": readme_test_command(folder),
                           "install_seconds": round(seconds, 1), "runs": []}
            print(f"{role}: {full[:10]} installed in {seconds:.0f} s; its README runs "
                  f"{shlex.join(['pytest', *trees[role]['command'][1:]])}", flush=True)
        print(f"{os.cpu_count()} cores; load average (1, 5, 15 min) before: {load()}", flush=True)
        for run in range(options.runs):
            for role in ("reference", "candidate"):
                tree = trees[role]
                figures = run_suite(tree["folder"], tree["command"])
                tree["runs"].append(figures)
                print(f"  run {run + 1} {role:9} {figures['seconds']:7.1f} s  load {figures['load_before']} -> "
                      f"{figures['load_after']}  ({figures['summary'] or 'exit ' + str(figures['exit'])})",
                      flush=True)
        medians = {role: statistics.median(r["seconds"] for r in tree["runs"]) for role, tree in trees.items()}
        ratio = medians["candidate"] / medians["reference"]
        print(f"suite wall time: reference {trees['reference']['commit']} {medians['reference']:.0f} s, "
              f"candidate {trees['candidate']['commit']} {medians['candidate']:.0f} s: "
              f"{ratio:.2f}x (aim: at most 0.5x)")
        if options.json:
            kept = {role: {k: v for k, v in tree.items() if k != "folder"} | {"median_seconds": medians[role]}
                    for role, tree in trees.items()}
            kept["ratio"] = round(ratio, 3)
            kept["cores"] = os.cpu_count()
            options.json.write_text(json.dumps(kept, indent=2, default=str) + "\n")
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
