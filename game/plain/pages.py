"""What each screen of the game holds, as lines of text in reading order (plain mode).

The same SeatView the TUI draws, in words a screen reader can speak: a hidden
track says so, a change says which way and by how much, an unavailable
decision says why. Nothing here is styled; meaning never rests on a colour or
a symbol alone.
"""

from __future__ import annotations

import re

from game.desk.catalog import ScenarioEntry
from game.presentation.entries import turn_lines
from game.presentation.options import option_detail, option_prompt
from game.presentation.scores import ending_lines
from game.presentation.spans import Line, line
from game.saves import SaveSummary
from game.seat_view.model import MapView, OptionView, SeatView, Track

SECRET = "other seats cannot see this"


def scenario_lines(entry: ScenarioEntry) -> list[str]:
    """A scenario as the title screen describes it."""
    header = entry.header
    if entry.broken or header is None:
        return [f"{entry.title}: this scenario does not load: {entry.problem}"]
    start = f", from {header.start_date:%d %B %Y}" if header.start_date else ""
    lines = [header.title, header.summary, f"Seats: {', '.join(header.seats)}.",
             f"Length: {header.turns} turns of {header.turn_days} days{start}."]
    if header.source:
        lines.append(f"Source: {header.source}")
    return [text for text in lines if text]


def scenario_choice(entry: ScenarioEntry) -> str:
    header = entry.header
    if entry.broken or header is None:
        return f"{entry.title} (does not load)"
    return f"New game of {header.title}: {len(header.seats)} seats, {header.turns} turns ({entry.path.name})"


def track_line(track: Track) -> str:
    """``Central Asian receptivity: 3 (from 0 to 10), down 2 since last turn; other seats cannot see this.``"""
    value = track.say(track.value)
    bounds = f" (from {track.low} to {track.high})" if track.type == "int" and track.low is not None \
        and track.high is not None else ""
    notes = []
    before = track.before
    if before is not None and before != track.value:
        if track.type == "int" and isinstance(before, int) and isinstance(track.value, int):
            moved = "up" if track.value > before else "down"
            notes.append(f"{moved} {abs(track.value - before)} since last turn")
        else:
            notes.append(f"was {track.say(before)} last turn")
    if track.secret:
        notes.append(SECRET)
    return f"{track.label}: {value}{bounds}" + (f", {'; '.join(notes)}" if notes else "") + "."


def situation_lines(view: SeatView) -> list[str]:
    """The tracks the viewer sees, by group (each group's heading said once), then the map in words."""
    groups: dict[str, list[Track]] = {}
    for track in view.tracks:
        groups.setdefault(track.group, []).append(track)
    lines = ["Situation:"]
    for group, tracks in groups.items():
        if group:
            lines.append(f"{group}:")
        lines += [f"  {track_line(track)}" for track in tracks]
    return lines + map_lines(view.map)


def map_lines(shown: MapView | None) -> list[str]:
    """Who holds what and the routes in use, as the map's legend says them."""
    if shown is None:
        return []
    names = {place.id: place.name for place in shown.places}
    lines = ["Map:"]
    lines += [f"  {place.name}: {place.status}." if place.status else f"  {place.name}." for place in shown.places]
    lines += [f"  Route in use: {names.get(r.start, r.start)} to {names.get(r.end, r.end)}"
              + (f", {r.label}." if r.label else ".") for r in shown.routes]
    return lines


def option_choice(option: OptionView, *, formulas: bool = False) -> str:
    """A decision in the numbered list: its label and odds, and why not when it cannot be chosen."""
    return "; ".join(part.text.strip() for part in option_prompt(option, formulas=formulas))


def option_lines(option: OptionView, *, formulas: bool = False) -> list[Line]:
    return option_detail(option, formulas=formulas)


def results_lines(view: SeatView, turn: int, *, formulas: bool = False, heading: bool = True) -> list[Line]:
    """What happened in ``turn`` as the viewer may know it (an empty turn says so); ``heading`` False when the
    screen's own heading already names the turn (each heading said once)."""
    title, *entries = turn_lines(view, turn, formulas=formulas)
    entries = entries or [line("Nothing that you could see happened.", indent=2)]
    return [title, *entries] if heading else entries


def end_lines(view: SeatView, *, formulas: bool = False) -> list[Line]:
    return [line(view.ending), *ending_lines(view, formulas=formulas)]


def save_choice(summary: SaveSummary) -> str:
    """A save in the numbered list: its name, scenario, turn, seats and when it was saved."""
    when = f"saved {summary.updated.astimezone():%Y-%m-%d %H:%M}"
    if summary.damaged:
        return f"{summary.name} ({summary.path.name}): damaged: {summary.damaged}; {when}"
    seats = ", ".join(f"{name}: {who}" for name, who in summary.played_by)
    over = ", over" if summary.over else ""
    return (f"{summary.name or summary.path.stem}: {summary.title}, turn {summary.played} of {summary.turns}{over};"
            f" seats {seats}; {when} ({summary.path.name})")


_ESCAPED = re.compile(r"\\([\\`*_\[\]<>|#&])")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_PROTECT = {char: chr(0xE000 + index) for index, char in enumerate("\\`*_[]<>|#&")}


def speech(markdown: str) -> list[str]:
    """Markdown (the debrief) as lines to be read aloud: no marks, a table's rows as sentences.

    Headings become lines of their own (sub-headings end with a colon), emphasis and code marks go,
    a quotation loses its ``>``, a list item its dash (its indent stays), a link reads "text (address)",
    and each table row is said as "Header: cell; Header: cell." Escaped characters read as written.
    """
    lines: list[str] = []
    headers: list[str] | None = None
    for raw in markdown.splitlines():
        text = _ESCAPED.sub(lambda match: _PROTECT[match[1]], raw.rstrip())
        if text.startswith("|") and text.endswith("|"):
            cells = [_inline(cell.strip()) for cell in text.strip("|").split("|")]
            if headers is None:
                headers = cells
            elif not all(set(cell) <= set("-: ") for cell in cells):
                lines.append("; ".join(f"{head}: {cell}" for head, cell in zip(headers, cells, strict=False) if cell)
                             + ".")
            continue
        headers = None
        if heading := re.match(r"^(#{1,6})\s+(.*)$", text):
            said = _inline(heading[2])
            lines += [""] if lines and lines[-1] else []
            lines.append(said if len(heading[1]) == 1 or said[-1:] in ".:?!" else f"{said}:")
        elif quoted := re.match(r"^\s*>\s?(.*)$", text):
            lines.append(_inline(quoted[1]))
        elif item := re.match(r"^(\s*)[-*+]\s+(.*)$", text):
            lines.append(" " * (len(item[1]) + 2) + _inline(item[2]))
        elif re.fullmatch(r"\s*([-*_]\s*){3,}", text):
            continue
        elif text.strip() or (lines and lines[-1]):
            lines.append(_inline(text))
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _inline(text: str) -> str:
    text = _LINK.sub(r"\1 (\2)", text).replace("`", "")
    while (plain := _EMPHASIS.sub(r"\2", text)) != text:
        text = plain
    for char, stand_in in _PROTECT.items():
        text = text.replace(stand_in, char)
    return text
