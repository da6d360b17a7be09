"""Reading ``[[questions]]``: the discussion questions an author writes for the debrief.

Kept apart from the loader's core sections because only the debrief reads
them; the loader calls :func:`read_questions` with itself, so every problem is
still reported as ``FILE:LINE`` with the rest. A question's ``when`` reads the
state after a turn, any variable, since the debrief is read after the game.
"""

from __future__ import annotations

from typing import Any

from game.engine.model import Question

QUESTION_KEYS = {"text", "when"}


def read_questions(loader: Any) -> list[Question]:
    """Every ``[[questions]]`` table that is sound; problems go to ``loader``."""
    value = loader.document.get("questions", [])
    if not isinstance(value, list):
        loader.problem(("questions",), "questions must be an array of tables, written [[questions]]")
        return []
    questions = []
    for index, raw in enumerate(value):
        path = ("questions", index)
        table = loader.table(path, raw, QUESTION_KEYS, "a question")
        text = loader.author_text(table, path, "text", "a question", lines=True)
        if text is not None and not text.strip():
            loader.problem((*path, "text"), "the text of a question is empty")
            text = None
        when = loader.condition(table, path, "a question", after_play=True)
        if text is None or "when" in table and when is None:
            continue
        questions.append(Question(text.strip(), when, loader.lines.line(path)))
    return questions
