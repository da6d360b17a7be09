"""What happened in a turn, as the viewer may know it: orders, news items, and why each change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content
from textual.widget import Widget

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


Line = tuple[int, Content]
"""A line of the feed and its indent: wrapped lines keep their indent."""


def change_lines(scenario: Scenario, entry: LogEntry, change: Change) -> list[Line]:
    """The change, then its why: the rule and the effect that made it."""
    label = scenario.variable(change.variable).label
    return [
        (4, Content.assemble((label, "b"), f": {format_value(change.before)} \u2192 ",
                             (format_value(change.after), "b"))),
        (6, Content.assemble(("why: ", "$secondary"), f"{rule_name(scenario, entry)} [{change.effect}]")),
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


def entry_block(scenario: Scenario, entry: LogEntry, rationale: str = "") -> list[Line]:
    """An entry: what happened, the player's rationale, each change with its why, the rule's source."""
    lines: list[Line] = [(0, headline(scenario, entry))]
    if rationale:
        lines.append((4, Content.styled(f"rationale: {rationale}", "i")))
    for change in entry.changes:
        lines += change_lines(scenario, entry, change)
    if entry.source and entry.kind != ENDING:
        lines.append((4, Content.assemble(("source: ", "$secondary"), (f"\u201c{entry.source}\u201d", "i"))))
    return lines


def feed(scenario: Scenario, entries: Sequence[LogEntry], rationales: Mapping[str, str],
         width: int) -> list[Content]:
    """The entries as lines of at most ``width`` cells, a blank line between entries."""
    out: list[Content] = []
    for entry in entries:
        if out:
            out.append(Content(""))
        for indent, line in entry_block(scenario, entry, rationales.get(entry.rule, "")):
            out += [part.pad_left(indent) for part in line.wrap(max(10, width - indent))]
    return out


class NewsFeed(Widget):
    """The entries of one turn; ``rationales`` maps an action id to its player's words."""

    DEFAULT_CSS = """
    NewsFeed { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario: Scenario | None = None
        self.entries: tuple[LogEntry, ...] = ()
        self.rationales: Mapping[str, str] = {}
        self.empty = ""

    def show(self, scenario: Scenario, entries: Sequence[LogEntry], rationales: Mapping[str, str],
             empty: str = "Nothing you could see happened.") -> None:
        """Draw ``entries``; ``empty`` is what to say when there are none."""
        self.scenario, self.entries, self.rationales, self.empty = scenario, tuple(entries), rationales, empty
        self.refresh(layout=True)

    def render(self) -> Content:
        if not self.entries or self.scenario is None:
            return Content.styled(self.empty, "i")
        return Content("\n").join(feed(self.scenario, self.entries, self.rationales,
                                       self.content_region.width or 80))
