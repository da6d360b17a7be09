"""Reading ``[[beliefs]]``: what a seat is asked it believes before the reveal, and what each answer means.

A seminar game's hot wash records what each team believed (was Moscow's
offer serious? would the threat return?) before the facts are shown, and
the debrief then sets belief beside truth. Each belief names the seat asked,
the prompt, what it is about (a variable, whose value at the end of the game
is the truth, or ``"ending"``: how the game ended) and its choices, each
standing for some of those values (``values``), a range of a whole-number
track (``range``), or everything the others leave (``otherwise``). The
loader checks that every possible value is covered by exactly one choice, so
the truth is always exactly one answer. Called by the loader with itself, so
every problem is ``FILE:LINE`` with the rest (docs/scenario-format.md).
"""

from __future__ import annotations

from typing import Any

from game.engine.model import ENDING, Belief, BeliefChoice, Variable

BELIEF_KEYS = {"id", "seat", "prompt", "about", "turn", "choices"}
CHOICE_KEYS = {"text", "values", "range", "otherwise"}
MAX_CHOICES = 8
"""A prompt with more answers than this is no longer a question a team answers in a minute."""
MAX_LISTED = 64
"""Values of a whole-number track checked one by one for coverage; wider tracks are checked by ranges."""


def read_beliefs(loader: Any, endings: list[str]) -> list[Belief]:
    """Every ``[[beliefs]]`` table that is sound; problems go to ``loader``."""
    value = loader.document.get("beliefs", [])
    if not isinstance(value, list):
        loader.problem(("beliefs",), "beliefs must be an array of tables, written [[beliefs]]")
        return []
    beliefs: list[Belief] = []
    for index, raw in enumerate(value):
        belief = _read_belief(loader, ("beliefs", index), raw, endings)
        if belief is None:
            continue
        if any(b.id == belief.id for b in beliefs):
            loader.problem(("beliefs", index, "id"), f"duplicate belief id {belief.id!r}", "ids must be unique")
            continue
        beliefs.append(belief)
    return beliefs


def _read_belief(loader: Any, path: tuple, raw: Any, endings: list[str]) -> Belief | None:
    table = loader.table(path, raw, BELIEF_KEYS, "a belief")
    belief_id = loader.ident(table, path, "id", "a belief")
    what = f"belief {belief_id!r}" if belief_id else "a belief"
    seat = loader.get(table, path, "seat", str, what)
    if seat is not None and seat not in loader.seats:
        loader.problem((*path, "seat"), f"seat {seat!r} of {what} is not a seat of the scenario",
                       f"seats: {', '.join(sorted(loader.seats))}")
        seat = None
    prompt = loader.author_text(table, path, "prompt", what, lines=True)
    if prompt is not None and not prompt.strip():
        loader.problem((*path, "prompt"), f"the prompt of {what} is empty")
        prompt = None
    about = loader.get(table, path, "about", str, what)
    variable = None
    if about is not None and about != ENDING:
        variable = loader.variables.get(about)
        if variable is None:
            if about not in loader.broken:
                loader.problem((*path, "about"), f"about of {what} names {about!r}, which is no variable "
                               f"(nor {ENDING!r})", _close(loader, about))
            about = None
    turn = loader.get(table, path, "turn", int, what, None)
    if turn is not None and not 1 <= turn <= loader.turns:
        loader.problem((*path, "turn"), f"turn of {what} must be from 1 to {loader.turns}, not {turn}",
                       "leave it out to ask once the game is over")
    raw_choices = loader.get(table, path, "choices", list, what)
    if None in (belief_id, seat, prompt, about, raw_choices):
        return None
    if not 2 <= len(raw_choices) <= MAX_CHOICES:
        loader.problem((*path, "choices"), f"{what} has {len(raw_choices)} choices: give from 2 to {MAX_CHOICES}")
        return None
    domain = _domain(variable, endings)
    choices = [_read_choice(loader, (*path, "choices", i), item, what, variable, domain)
               for i, item in enumerate(raw_choices)]
    if None in choices or not _covers_once(loader, path, what, choices, variable, domain):
        return None
    if variable is not None and turn is None and variable.visible(seat):
        loader.warning((*path, "about"), f"{what} asks {seat!r} about {about!r}, which it sees at the end "
                       "of the game", "ask about what it cannot see, or name a turn to ask it as a forecast")
    return Belief(belief_id, seat, prompt.strip(), about, tuple(choices), turn, loader.lines.line(path))


def _close(loader: Any, name: str) -> str:
    from game.scenario.reading import close

    return close(name, loader.variables)


def _domain(variable: Variable | None, endings: list[str]) -> list[Any] | None:
    """Every value the subject can take (the endings: their ids and "" for the last turn played out);
    None for a whole-number track too wide to list."""
    if variable is None:
        return [*endings, ""]
    if variable.type == "bool":
        return [False, True]
    if variable.type == "enum":
        return list(variable.values)
    if variable.high - variable.low + 1 > MAX_LISTED:
        return None
    return list(range(variable.low, variable.high + 1))


def _read_choice(loader: Any, path: tuple, raw: Any, what: str, variable: Variable | None,
                 domain: list[Any] | None) -> BeliefChoice | None:
    table = loader.table(path, raw, CHOICE_KEYS, f"a choice of {what}")
    text = loader.author_text(table, path, "text", f"a choice of {what}")
    if text is not None and not text.strip():
        loader.problem((*path, "text"), f"a choice of {what} has an empty text")
        text = None
    kinds = [key for key in ("values", "range", "otherwise") if key in table]
    if len(kinds) != 1:
        loader.problem(path, f"a choice of {what} needs exactly one of values, range or otherwise",
                       "values = [...] for some values, range = [low, high] for part of a track, "
                       "otherwise = true for the rest")
        return None
    if text is None:
        return None
    if kinds == ["otherwise"]:
        if table["otherwise"] is not True:
            loader.problem((*path, "otherwise"), f"otherwise in a choice of {what} can only be true")
            return None
        return BeliefChoice(text.strip(), otherwise=True)
    if kinds == ["range"]:
        return _range_choice(loader, path, table["range"], what, variable, text.strip())
    values = table["values"]
    if not isinstance(values, list) or not values:
        loader.problem((*path, "values"), f"values in a choice of {what} must be a list of one or more values")
        return None
    for i, value in enumerate(values):
        if not _fits(variable, domain, value):
            subject = f"variable {variable.name!r}" if variable is not None else "the endings"
            loader.problem((*path, "values", i), f"{value!r} in a choice of {what} is not a value of {subject}",
                           _values_hint(variable, domain))
            return None
    return BeliefChoice(text.strip(), values=tuple(values))


def _range_choice(loader: Any, path: tuple, value: Any, what: str, variable: Variable | None,
                  text: str) -> BeliefChoice | None:
    if variable is None or variable.type != "int":
        loader.problem((*path, "range"), f"range in a choice of {what} needs a whole-number track",
                       "use values for a yes/no or named track, or an ending")
        return None
    good = (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value))
    if not good or not variable.low <= value[0] <= value[1] <= variable.high:
        loader.problem((*path, "range"), f"range in a choice of {what} must be [low, high], whole numbers "
                       f"with {variable.low} <= low <= high <= {variable.high}")
        return None
    return BeliefChoice(text, span=(value[0], value[1]))


def _fits(variable: Variable | None, domain: list[Any] | None, value: Any) -> bool:
    if variable is None:
        return isinstance(value, str) and value in domain and value != ""
    if variable.type == "int":
        return isinstance(value, int) and not isinstance(value, bool) and variable.low <= value <= variable.high
    return any(value == v and type(value) is type(v) for v in domain)


def _values_hint(variable: Variable | None, domain: list[Any] | None) -> str:
    if variable is None:
        return "ending ids: " + ", ".join(v for v in domain if v) + "; the last turn played out is otherwise"
    if variable.type == "int":
        return f"from {variable.low} to {variable.high}"
    return "values: " + ", ".join(str(v).lower() if isinstance(v, bool) else v for v in domain)


def _covers_once(loader: Any, path: tuple, what: str, choices: list[BeliefChoice], variable: Variable | None,
                 domain: list[Any] | None) -> bool:
    """Every possible value covered by exactly one choice (an ``otherwise`` takes what none names)."""
    others = [i for i, c in enumerate(choices) if c.otherwise]
    if len(others) > 1:
        loader.problem((*path, "choices", others[1]), f"{what} has more than one otherwise choice")
        return False
    if domain is None:
        return _ranges_once(loader, path, what, choices, variable, bool(others))
    for value in domain:
        holders = [i for i, c in enumerate(choices) if not c.otherwise and c.covers(value)]
        shown = "the last turn played out" if value == "" and variable is None else repr(value)
        if len(holders) > 1:
            loader.problem((*path, "choices", holders[1]), f"{shown} is in two choices of {what}",
                           "each value must mean one answer")
            return False
        if not holders and not others:
            loader.problem((*path, "choices"), f"{shown} is in no choice of {what}",
                           "add it to a choice, or add a choice with otherwise = true")
            return False
    return True


def _ranges_once(loader: Any, path: tuple, what: str, choices: list[BeliefChoice], variable: Variable,
                 otherwise: bool) -> bool:
    """Coverage for a wide whole-number track: its choices' ranges and values, sorted, neither overlap
    nor (without an otherwise) leave a gap."""
    spans = sorted([*(c.span for c in choices if c.span is not None),
                    *((v, v) for c in choices for v in c.values)])
    position = variable.low
    for low, high in spans:
        if low < position:
            loader.problem((*path, "choices"), f"two choices of {what} both cover {low}",
                           "each value must mean one answer")
            return False
        if low > position and not otherwise:
            loader.problem((*path, "choices"), f"{position} is in no choice of {what}",
                           "add it to a choice, or add a choice with otherwise = true")
            return False
        position = high + 1
    if position <= variable.high and not otherwise:
        loader.problem((*path, "choices"), f"{position} is in no choice of {what}",
                       "add it to a choice, or add a choice with otherwise = true")
        return False
    return True
