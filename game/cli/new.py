"""``wargame new FILE``: write a short, commented starter scenario that validates and plays.

A designer should start from a small game that works, not from the shipped
1,000-line scenario: the starter (``game/scenario/starter.toml``) has two
seats, a hidden variable, a chance, an event and endings, each key commented.
Its id is taken from the file's name, so two new scenarios never share one.
"""

from __future__ import annotations

import argparse
import re
import shlex
from importlib import resources
from pathlib import Path

STARTER_ID = 'id = "starter"'


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("new", help="write a starter scenario to edit",
                                 description="Write a short, commented scenario (two seats, a hidden variable, "
                                             "a chance, an event, endings) that validates and plays as it is.")
    parser.add_argument("file", metavar="FILE", help="the scenario file to create (.toml)")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(handler=handle)


def starter_text(path: Path) -> str:
    """The starter scenario, its id made from ``path``'s name."""
    text = resources.files("game.scenario").joinpath("starter.toml").read_text(encoding="utf-8")
    scenario_id = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip(".-") or "starter"
    return text.replace(STARTER_ID, f'id = "{scenario_id}"', 1)


def handle(args: argparse.Namespace) -> int:
    from game.cli.files import write_text_atomically
    from game.errors import WargameError

    path = Path(args.file)
    if path.suffix != ".toml":
        raise WargameError(f"{path}: a scenario file name ends in .toml")
    if path.exists() and not args.force:
        raise WargameError(f"{path}: already exists (choose another name, or --force to replace it)")
    write_text_atomically(path, starter_text(path))
    name = shlex.quote(str(path))
    print(f"{path}: written; try `wargame validate {name}` and `wargame play {name}`")
    return 0
