"""Hostile scenarios, each written from a small valid one by one change (issue 12).

Shared by tests/test_hostile_inputs.py, which runs every case through the
``wargame`` commands, and by the fuzz targets (tests/test_fuzz_loaders.py),
which start their mutations from them.
"""

from __future__ import annotations

from attrs import frozen

BASE = """\
format = 1

[scenario]
id = "hostile"
title = "Hostile"
start_date = 2021-06-21
turn_days = 7
turns = 16
seats = ["a", "b"]

[actors.a]
name = "Alpha"
briefing = "Push the pressure up."

[actors.b]
name = "Beta"
briefing = "Keep it down."

[variables.x]
label = "Pressure"
type = "int"
min = 0
max = 10
initial = 3

[variables.secret]
label = "Beta's reserve"
type = "int"
min = 0
max = 5
initial = 2
visible_to = ["b"]

[[actions]]
id = "a.push"
actor = "a"
label = "Push"
when = "x < 10"
effects = ["x += 1"]

[[actions]]
id = "b.calm"
actor = "b"
label = "Calm"
chance = "0.5"
effects = ["x -= 1"]
fail_effects = ["secret -= 1"]

[[events]]
id = "drift"
when = "turn % 3 == 0"
once = false
effects = ["x += 1"]
text = "Pressure drifts up."

[objectives]
a = "x"
b = "10 - x + secret"

[[endings]]
id = "boiled"
when = "x >= 10"
text = "It boiled over."
"""


@frozen
class Case:
    """One hostile change to BASE: ``old`` replaced by ``new`` (appended when ``old`` is empty).

    ``refused`` holds words of the one problem expected, at the line holding
    ``marker``; empty means the file is legal and must load and play (with
    the ``warning`` words on its warnings, if given).
    """

    old: str
    new: str
    refused: str = ""
    marker: str = ""
    warning: str = ""

    def text(self) -> str:
        if not self.old:
            return BASE + self.new
        assert self.old in BASE, self.old
        return BASE.replace(self.old, self.new, 1)


_BIG = "1000000000000"

REFUSED = {
    "an action with another seat's hold id": Case(
        'id = "a.push"', 'id = "b.hold"', "is the id of the hold of 'b', but its actor is 'a'", 'id = "b.hold"'),
    "an event with a seat's hold id": Case(
        'id = "drift"', 'id = "a.hold"', "is the id of the hold of 'a'", 'id = "a.hold"'),
    "an action and an event sharing an id": Case(
        'id = "drift"', 'id = "a.push"  # shared', "event id 'a.push' is already the id of an action", "# shared"),
    "an ending sharing an event's id": Case(
        'id = "boiled"', 'id = "drift"  # shared', "ending id 'drift' is already the id of an event", "# shared"),
    "an empty id": Case('id = "b.calm"', 'id = ""', "id of an action must not be empty", 'id = ""'),
    "a Cyrillic id beside a Latin one": Case(
        'id = "b.calm"', 'id = "\u0430.push"', "must hold only ASCII letters", '"\u0430.push"'),
    "a fullwidth variable name": Case(
        "[variables.secret]", '[variables."\uff58"]', "cannot be used", "\uff58"),
    "a fullwidth name in an effect": Case(
        '"x += 1"]\n\n[[actions]]', '"\uff58 += 1"]\n\n[[actions]]', "'\uff58' is not plain ASCII", "\uff58"),
    "a days overflow of the calendar": Case(
        "turn_days = 7", "turn_days = 1000000000", "after 9999-12-31", "turn_days ="),
    "a start two days before the calendar ends": Case(
        "start_date = 2021-06-21", "start_date = 9999-12-30", "after 9999-12-31", "start_date ="),
    "a when reading what its seat cannot see": Case(
        'when = "x < 10"', 'when = "x < 10 and secret > 1"', "reads 'secret', which 'a' cannot see",
        'when = "x < 10 and'),
    "an infinite float literal": Case('chance = "0.5"', 'chance = "1e999"', "is too large", "1e999"),
    "a float literal beyond the bound": Case('a = "x"', 'a = "1e308 * 10"', "is too large", "1e308"),
    "an escape code inside an expression": Case(
        'when = "x < 10"', 'when = "x < 10 # \\u001b[2J"', "control character U+001B", "u001b"),
    "a byte-order mark": Case("format = 1", "\ufeffformat = 1", "byte-order mark", "format = 1"),
    "an unterminated string": Case(
        'label = "Push"', 'label = "Push', 'a string opened with " is never closed', 'label = "Push'),
    "an unterminated multi-line string": Case(
        'briefing = "Keep it down."', 'briefing = """Keep it down.', 'opened with """ is never closed',
        'briefing = """'),
    "a raw control character in a string": Case(
        'name = "Beta"', 'name = "Be\x1bta"', "control character", 'name = "Be'),
}

LEGAL = {
    "a product past the bound in an objective": Case(
        'a = "x"', f'a = "(x + 1) * {_BIG} * {_BIG} / 1"'),
    "constant folding past the bound": Case(
        'effects = ["x += 1"]\n', f'effects = ["x += {_BIG} * {_BIG} * {_BIG} // 1"]\n'),
    "a division by a tiny fraction": Case('b = "10 - x + secret"', 'b = "x / 5e-324 - x / 5e-324 + 1e12 * 10"'),
    "a long flat sum": Case('a = "x"', 'a = "' + " + ".join(["x"] * 199) + '"'),
    "a chance of 5": Case('chance = "0.5"', 'chance = "5"', warning="can reach 5"),
    "a chance of -3": Case('chance = "0.5"', 'chance = "-3"', warning="never above 0"),
    "a chance read off a 0..10 track": Case('chance = "0.5"', 'chance = "x"', warning="can reach 10"),
    "a turn after the last": Case(
        'when = "turn % 3 == 0"', 'when = "turn == 20"', warning="'turn == 20' can never hold (turn is 1..16"),
    "escape codes in author texts": Case(
        'label = "Push"', 'label = "Push\\u001b[2J\\u001b]0;owned\\u0007\\rX"', warning="control characters"),
    "an escape code in a briefing and an event": Case(
        'text = "Pressure drifts up."', 'text = "Pressure\\u001b[31m drifts\\u009b up.\\u202e"',
        warning="control characters"),
}

# -- a save's and a journal's own texts ---------------------------------------------------------

HOSTILE_TEXT = "x\x1b[2J\x1b]0;owned\x07\u202ey"
"""Clear the screen, retitle the window, reverse what follows: what a forged save or journal could hold."""


def _first_turn(events: list) -> list:
    return next(event for event in events if event[0] == "turn")


def _plant(path: tuple):
    """A change putting HOSTILE_TEXT at ``path``: ("header", keys...) or ("turn", index, keys...)."""
    def change(header: dict, events: list) -> None:
        target = header if path[0] == "header" else _first_turn(events)
        for key in path[1:-1]:
            target = target[key]
        target[path[-1]] = HOSTILE_TEXT
    return change


SAVE_TEXTS = {
    "a game's name": _plant(("header", "name")),
    "a controller's name": _plant(("header", "seats", 1, 1)),
    "a rationale": _plant(("turn", 2, 0, 2)),
    "who gave an order": _plant(("turn", 2, 0, 3)),
    "a headline": _plant(("turn", 3, 0, 1)),
    "a facilitator's reason": _plant(("turn", 3, 0, -1)),
    "a message": _plant(("turn", 4, 0, 3)),
}
"""Each plants HOSTILE_TEXT in one of the texts a save (format 2) or a host's journal holds of its own,
given the decoded header (game.journal.encode_header) and events (encode_event) of
:func:`hostile_text_game`: a turn with an order and rationale, an inject with a reason, a message.
Horizon never writes a control character there, so each must be refused as damage, in one line."""


def hostile_text_game(scenario):
    """A session on BASE with one resolved turn holding every kind of text SAVE_TEXTS plants in."""
    from game.engine.interventions import Inject
    from game.session import HUMAN, Message, Order, Session

    session = Session(scenario, 1, {"a": HUMAN, "b": "random"}, name="class 1")
    session.submit(Order("a", "a.push", "why"))
    session.intervene(Inject("Headline", None, (), "a reason"))
    session.send(Message(1, "a", ("b",), "hello"))
    session.resolve()
    return session
