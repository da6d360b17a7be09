"""What happened in a turn, as the viewer may know it: orders, news items, and why each change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content
from textual.widgets import Static

from game.cli.transcript import format_value
from game.engine.log import ACTION, ENDING, EVENT, Change, LogEntry
from game.engine.model import Scenario


def outcome(entry: LogEntry) -> Content:
    if entry.success is None or entry.kind == EVENT:
        return Content("")
    word = ("succeeded", "$success b") if entry.success else ("failed", "$error b")
    odds = f" (chance {entry.chance:.0%}" if entry.chance is not None else ""
    roll = f", roll {entry.roll:.2f})" if entry.roll is not None else (")" if odds else "")
    return Content.assemble("  ", word, odds + roll)


def rule_name(scenario: Scenario, entry: LogEntry) -> str:
    """The rule behind an entry as a player knows it: an action's label, else the rule's id."""
    action = scenario.action(entry.rule)
    return action.label if action is not None else entry.rule or "the last turn"


def change_lines(scenario: Scenario, entry: LogEntry, change: Change) -> list[Content]:
    """The change, then its why: the rule, the effect, and the rule's source quote."""
    label = scenario.variable(change.variable).label
    quote = f" \u2014 \u201c{entry.source}\u201d" if entry.source else ""
    return [
        Content.assemble("    ", (label, "b"), f": {format_value(change.before)} \u2192 ",
                         (format_value(change.after), "b")),
        Content.assemble("      ", ("why: ", "$secondary"), f"{rule_name(scenario, entry)} [{change.effect}]",
                         (quote, "i")),
    ]


def headline(scenario: Scenario, entry: LogEntry) -> Content:
    if entry.kind == EVENT:
        return Content.assemble((" NEWS ", "reverse $warning b"), " ", (entry.text or entry.rule, "b"))
    if entry.kind == ENDING:
        return Content.assemble((" END ", "reverse $error b"), " ", (entry.text, "b"))
    who = scenario.actor_name(entry.actor) if entry.actor else ""
    private = " (private)" if entry.visible_to is not None else ""
    style = "b" if entry.kind == ACTION else "b $warning"
    return Content.assemble((who, "$accent b"), f"{private} \u00b7 ", (entry.text, style), outcome(entry))


def entry_block(scenario: Scenario, entry: LogEntry, rationale: str = "") -> list[Content]:
    lines = [headline(scenario, entry)]
    if rationale:
        lines.append(Content.styled(f"    rationale: {rationale}", "i"))
    for change in entry.changes:
        lines += change_lines(scenario, entry, change)
    if not entry.changes and entry.source and entry.kind != ENDING:
        lines.append(Content.styled(f"      \u201c{entry.source}\u201d", "i $foreground 70%"))
    return lines


def feed(scenario: Scenario, entries: Sequence[LogEntry], rationales: Mapping[str, str]) -> Content:
    if not entries:
        return Content.styled("Nothing you could see happened.", "i")
    blocks = [Content("\n").join(entry_block(scenario, e, rationales.get(e.rule, ""))) for e in entries]
    return Content("\n\n").join(blocks)


class NewsFeed(Static):
    """The entries of one turn; ``rationales`` maps an action id to its player's words."""

    DEFAULT_CSS = """
    NewsFeed { height: auto; }
    """

    def show(self, scenario: Scenario, entries: Sequence[LogEntry], rationales: Mapping[str, str]) -> None:
        self.update(feed(scenario, entries, rationales))
