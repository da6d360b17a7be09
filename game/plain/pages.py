"""What each screen of the game holds, as lines of text in reading order (plain mode).

The same SeatView the TUI draws, in words a screen reader can speak: a hidden
track says so, a change says which way and by how much, an unavailable
decision says why. Nothing here is styled; meaning never rests on a colour or
a symbol alone.
"""

from __future__ import annotations

from game.presentation.entries import turn_lines
from game.presentation.options import option_detail, option_prompt
from game.presentation.scores import ending_lines
from game.presentation.spans import Line, line
from game.saves import SaveSummary
from game.seat_view.model import MapView, OptionView, SeatView, Track
from game.desk.catalog import ScenarioEntry

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
    """The tracks the viewer sees, by group, then the map in words."""
    lines, group = ["Situation:"], None
    for track in view.tracks:
        if track.group and track.group != group:
            group = track.group
            lines.append(f"{group}:")
        lines.append(f"  {track_line(track)}")
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


def results_lines(view: SeatView, turn: int, *, formulas: bool = False) -> list[Line]:
    """What happened in ``turn`` as the viewer may know it (an empty turn says so)."""
    heading, *entries = turn_lines(view, turn, formulas=formulas)
    return [heading, *entries] if entries else [heading, line("Nothing that you could see happened.", indent=2)]


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
