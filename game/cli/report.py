"""``wargame report SAVE``: the after-action debrief of a saved game, as Markdown, printable HTML or JSON.

Given several saves (or a folder of them, the host's saves folder), it writes the class debrief instead
(``game/analysis/class_debrief.py``): the tables of one scenario side by side. Saves of different scenarios,
or of two versions of one, are refused in one line naming them, as is a damaged save.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli import arguments, passphrase
from game.errors import WargameError
from game.safe_text import printable

DEFAULT_RUNS = 500
MARKDOWN, HTML, JSON = (".md", ".markdown"), (".html", ".htm"), (".json",)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "report", help="write the debrief of a saved game",
        description="Write the after-action debrief of a saved game: seats, every turn with decisions, "
                    "rationales, chances and sources, the tracks as charts, scores and secret objectives, "
                    "turning points, what really happened, discussion questions, and how unusual the "
                    "ending was among simulated games. Markdown, or HTML when FILE ends in .html, or the "
                    "debrief as data (docs/analysis.md) when it ends in .json.")
    parser.add_argument("save", metavar="SAVE", nargs="+",
                        help="saved game (.wgsave); several, or a folder of them (the host's saves folder): the "
                             "class debrief of those tables")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (.md, .html or .json) instead of stdout")
    parser.add_argument("--runs", type=arguments.count_or_none, default=DEFAULT_RUNS, metavar="N",
                        help=f"simulated games to compare the ending with (default {DEFAULT_RUNS}; 0: none)")
    parser.add_argument("--jobs", type=arguments.jobs, metavar="J",
                        help="processes for the simulation (default: all cores)")
    parser.add_argument("--baseline", default="strategies", metavar="POLICY",
                        help="who plays people's seats in the simulation: a policy, or 'strategies' (the "
                             "default): the scenario's strategies for each seat in turn, greedy where it has none")
    passphrase.add_argument(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.analysis.baseline import STRATEGIES
    from game.analysis.debrief import analyse
    from game.cli.files import check_writable, write_text_atomically
    from game.cli.progress import ProgressBar
    from game.players import get_policy
    from game.saves import load_save, restore_session

    if args.baseline != STRATEGIES:
        get_policy(args.baseline)  # a misspelt policy is refused before the save is read
    kind = output_kind(args.output)
    if args.output:
        check_writable(args.output)
    if len(args.save) > 1 or Path(args.save[0]).is_dir():
        return _class(args, kind)
    args.save = args.save[0]
    saved = load_save(args.save)
    passphrase.unlock(saved.lock, saved.over, args, args.save)
    session = restore_session(saved)
    simulation = _comparison_games(session, args)[0] if args.runs else None
    bar = ProgressBar("weighing each decision", unit="turns and acts")
    try:
        run = analyse(session, simulation, bar)
    finally:
        bar.close()
    text = _render(kind, run)
    if args.output:
        write_text_atomically(args.output, text)
        print(printable(f"Wrote the debrief of {args.save} to {args.output}."), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _class(args: argparse.Namespace, kind: str) -> int:
    """The class debrief of every save given (a folder: its saves)."""
    from game.analysis.class_debrief import class_data, class_debrief, class_html, class_markdown
    from game.analysis.debrief import analyse
    from game.cli.files import write_text_atomically
    from game.cli.progress import ProgressBar

    sessions = _tables(args)
    scenario = sessions[0][1].scenario
    simulation, record = _simulate_class(sessions[0][1], args) if args.runs else (None, None)
    bar = ProgressBar("weighing each table's decisions", unit="tables")
    analysed = []
    try:
        for index, (path, session) in enumerate(sessions):
            analysed.append((session.name or Path(path).stem, path, analyse(session, simulation)))
            bar(index + 1, len(sessions))
    finally:
        bar.close()
    debrief = class_debrief(analysed, simulation, record)
    if kind == "json":
        import json

        text = json.dumps(class_data(debrief), ensure_ascii=False, indent=2) + "\n"
    else:
        text = class_html(debrief) if kind == "html" else class_markdown(debrief)
    if args.output:
        write_text_atomically(args.output, text)
        print(printable(f"Wrote the class debrief of {len(sessions)} tables of {scenario.title} to "
                        f"{args.output}."), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _tables(args: argparse.Namespace) -> list:
    """(path, session) of every save given, a folder standing for its saves; one line for a damaged save,
    one of another scenario (or another version of it), or one game given twice."""
    from game.saves import SUFFIX, load_save, restore_session

    paths: list[str] = []
    for given in args.save:
        if Path(given).is_dir():
            found = sorted(str(path) for path in Path(given).glob(f"*{SUFFIX}") if path.is_file())
            if not found:
                raise WargameError(f"{given}: no saved game ({SUFFIX}) in this folder")
            paths += found
        else:
            paths.append(given)
    sessions = []
    games: dict[str, str] = {}
    for path in paths:
        saved = load_save(path)
        passphrase.unlock(saved.lock, saved.over, args, path)
        session = restore_session(saved)
        if sessions:
            first_path, first = sessions[0]
            if session.scenario.id != first.scenario.id:
                raise WargameError(f"{path}: a game of {session.scenario.id!r}, not of {first.scenario.id!r} as "
                                   f"{first_path}: a class debrief compares tables of one scenario")
            if session.scenario.origin.sha256 != first.scenario.origin.sha256:
                raise WargameError(f"{path}: another version of {session.scenario.id!r} than {first_path} (the "
                                   "scenario's text differs): a class debrief compares tables of one version")
        if session.game_id in games:
            raise WargameError(f"{path}: the same game as {games[session.game_id]}: give each table once")
        games[session.game_id] = path
        sessions.append((path, session))
    return sessions


def _simulate_class(session, args: argparse.Namespace):
    """The simulation the tables are set beside, and the share of its games that went as each
    ``[[class.record]]`` line says."""
    summary, results = _comparison_games(session, args)
    lines = len(session.scenario.classroom.record)
    record = [sum(result.record[i] for result in results) / len(results) for i in range(lines)]
    return summary, record


def output_kind(output: str | None) -> str:
    """What ``-o FILE`` asks for: "md", "html" or "json"; any other suffix is refused (no silent .pdf)."""
    if output is None:
        return "md"
    suffix = Path(output).suffix.lower()
    if suffix not in MARKDOWN + HTML + JSON:
        what = suffix or "a name without a suffix"
        raise WargameError(f"{output}: the debrief is written as .md, .html or .json, not {what} "
                           "(for a PDF, print the .html from a browser: it is laid out for paper)")
    return "html" if suffix in HTML else "json" if suffix in JSON else "md"


def _render(kind: str, run) -> str:
    if kind == "json":
        import json

        from game.analysis.debrief_data import debrief_data

        return json.dumps(debrief_data(run), ensure_ascii=False, indent=2) + "\n"
    if kind == "html":
        from game.analysis.report_html import debrief_html

        return debrief_html(run.session, run.simulation, run)
    from game.analysis.report import debrief_markdown_of

    return debrief_markdown_of(run)


def _comparison_games(session, args: argparse.Namespace):
    """The games the debrief compares with (``--runs`` of the baseline's policies in the seats), with a
    progress bar on a terminal: their summary, and the games themselves."""
    from game.analysis.baseline import baseline_rotation
    from game.analysis.simulate import default_jobs, run_matchups
    from game.analysis.summary import summarise
    from game.cli.progress import ProgressBar

    rotation, played = baseline_rotation(session.scenario, session.controllers, args.baseline)
    bar = ProgressBar("simulating for comparison")
    try:
        (results,) = run_matchups(session.scenario, args.runs, 0, [rotation], jobs=args.jobs or default_jobs(),
                                  progress=bar)
    finally:
        bar.close()
    return summarise(session.scenario, results, 0, played), results
