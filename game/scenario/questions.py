"""Reading ``[[questions]]``: the discussion questions an author writes for the debrief.

Kept apart from the loader's core sections because only the debrief reads
them; the loader calls :func:`read_questions` with itself, so every problem is
still reported as ``FILE:LINE`` with the rest. A question's ``when`` reads the
state at the end of the run (``during = true``: after any turn), any variable,
since the debrief is read after the game. ``excludes`` names questions whose
texts presume the opposite (docs/scenario-format.md).
"""

from __future__ import annotations

from typing import Any

from game.engine.model import Question

QUESTION_KEYS = {"id", "text", "when", "during", "excludes"}


def read_questions(loader: Any) -> list[Question]:
    """Every ``[[questions]]`` table that is sound; problems go to ``loader``."""
    value = loader.document.get("questions", [])
    if not isinstance(value, list):
        loader.problem(("questions",), "questions must be an array of tables, written [[questions]]")
        return []
    questions, paths = [], {}
    for index, raw in enumerate(value):
        path = ("questions", index)
        table = loader.table(path, raw, QUESTION_KEYS, "a question")
        question_id = loader.ident(table, path, "id", "a question") if "id" in table else ""
        if question_id and question_id in paths:
            loader.problem((*path, "id"), f"duplicate question id {question_id!r}", "ids must be unique")
            question_id = None
        text = loader.author_text(table, path, "text", "a question", lines=True)
        if text is not None and not text.strip():
            loader.problem((*path, "text"), "the text of a question is empty")
            text = None
        when = loader.condition(table, path, "a question", after_play=True)
        during = loader.get(table, path, "during", bool, "a question", False)
        excludes = loader.strings(table, path, "excludes", "a question")
        if text is None or question_id is None or "when" in table and when is None or during is None:
            continue
        if question_id:
            paths[question_id] = path
        questions.append(Question(text.strip(), when, loader.lines.line(path), question_id, during,
                                  frozenset(excludes)))
    _check_excludes(loader, value, paths)
    return questions


def _check_excludes(loader: Any, tables: list[Any], paths: dict) -> None:
    """Every id in ``excludes`` names another question of the file."""
    for index, raw in enumerate(tables):
        if not isinstance(raw, dict) or not isinstance(raw.get("excludes"), list):
            continue
        own = raw.get("id")
        for position, other in enumerate(raw["excludes"]):
            if not isinstance(other, str):
                continue
            where = ("questions", index, "excludes", position)
            if other == own:
                loader.problem(where, f"question {own!r} excludes itself")
            elif other not in paths:
                known = sorted(paths)
                loader.problem(where, f"excludes names {other!r}, which is no question's id",
                               f"question ids: {', '.join(known)}" if known else "give the other question an id")
