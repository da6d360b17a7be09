"""Reading ``[[injects]]``: the facilitator's library of ready-made injects.

Kept apart from the loader's core sections because only the white cell's
consoles read them. A library inject is fired as the white cell's ordinary
``Inject`` act, so it is checked here by the very check that act meets at play
time (``game.engine.interventions.check_inject``): a file that loads never
offers the facilitator an inject the game would refuse. Effects are compiled
first with the loader's own reader, so a mistake in one is reported at its
``FILE:LINE`` like any rule's.
"""

from __future__ import annotations

from typing import Any

from game.engine.interventions import Inject, check_inject
from game.engine.model import LibraryInject, Scenario
from game.errors import RefusedIntervention

INJECT_KEYS = {"id", "headline", "effects", "visible_to", "use_when", "source", "assumption", "history"}


def read_injects(loader: Any) -> list[LibraryInject]:
    """Every ``[[injects]]`` table that is sound; problems go to ``loader``."""
    value = loader.document.get("injects", [])
    if not isinstance(value, list):
        loader.problem(("injects",), "injects must be an array of tables, written [[injects]]")
        return []
    seen: set[str] = set()
    injects = []
    loader.inject_paths = {}
    for index, raw in enumerate(value):
        path = ("injects", index)
        table = loader.table(path, raw, INJECT_KEYS, "an inject")
        inject_id = loader.ident(table, path, "id", "an inject")
        what = f"inject {inject_id!r}" if inject_id else "an inject"
        if inject_id is not None and inject_id in seen:
            loader.problem((*path, "id"), f"duplicate inject id {inject_id!r}", "ids of injects must be unique")
            inject_id = None
        headline = loader.author_text(table, path, "headline", what)
        if headline is not None and not headline.strip():
            loader.problem((*path, "headline"), f"the headline of {what} is empty")
            headline = None
        problems = len(loader.problems)
        effects = loader.effects(table, path, "effects", what)
        recipients = loader.visible_to(table, path, what)
        for seat in sorted(recipients or ()):
            if seat not in loader.seats:
                loader.problem((*path, "visible_to"), f"visible_to in {what} names {seat!r}, which is not a seat",
                               "an inject is told to seats")
        texts = {key: loader.author_text(table, path, key, what, "", lines=True)
                 for key in ("use_when", "source", "assumption", "history")}
        if inject_id is None or headline is None or len(loader.problems) > problems:
            continue
        seen.add(inject_id)
        loader.inject_paths[inject_id] = path
        injects.append(LibraryInject(inject_id, headline.strip(), tuple(e.text for e in effects), recipients,
                                     **{key: (text or "").strip() for key, text in texts.items()},
                                     line=loader.lines.line(path)))
    return injects


def check_injects(loader: Any, scenario: Scenario) -> None:
    """Each library inject as the facilitator would fire it, through the act's own check."""
    for inject in scenario.injects:
        try:
            check_inject(scenario, as_act(inject, "from the library"))
        except RefusedIntervention as refusal:
            loader.problem(loader.inject_paths[inject.id], f"inject {inject.id!r} would be refused: {refusal}")


def as_act(inject: LibraryInject, reason: str, recipients: frozenset[str] | None | object = ...) -> Inject:
    """The white cell's act that fires ``inject`` (to its own audience unless ``recipients`` is given)."""
    told = inject.recipients if recipients is ... else recipients
    return Inject(inject.headline, told, inject.effects, reason)
