"""The shipped scenarios quote their sources faithfully: short, verbatim passages, each cited by few rules.

A quote that "supports" a dozen rules supports none of them: no quote (a sentence
of the article, or overlapping passages of a page) is the ``source`` of more than
three rules, variables or injects, unless docs/scenario-claims.md explains why in
its section on quotes cited more often.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from tests.paths import ARTICLE, ROOT, SCENARIOS, SHIPPED

MOST_RULES_PER_QUOTE = 3
CLAIMS = ROOT / "docs" / "scenario-claims.md"
ABBREVIATIONS = ("U.S.", "Mr.", "Gen.", "Gens.", "Col.", "Sen.", "Rep.")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sourced_elements(path=SHIPPED) -> list[tuple[str, str]]:
    document = tomllib.loads(path.read_text())
    elements = [(f"variable {name}", spec.get("source", "")) for name, spec in document["variables"].items()]
    for key in ("actions", "events", "endings", "injects"):
        elements += [(f"{key[:-1]} {item.get('id', '?')}", item.get("source", "")) for item in document.get(key, [])]
    return [(what, source) for what, source in elements if source]


def _explained() -> str:
    """The claims document's section on quotes cited by more than three rules (may be absent)."""
    text = CLAIMS.read_text()
    start = text.find("## Quotes cited by more than three rules")
    return _normalise(text[start:text.find("\n## ", start + 1)] if start >= 0 else "")


def _overcited(groups: dict[str, set[str]]) -> dict[str, set[str]]:
    explained = _explained()
    return {quote: rules for quote, rules in groups.items()
            if len(rules) > MOST_RULES_PER_QUOTE and _normalise(quote)[:60] not in explained}


def _overlapping(elements: list[tuple[str, str]]) -> dict[str, set[str]]:
    """Rules by quote, overlapping quotes counted as one (one contains the other, or they share 40 characters)."""
    quotes = list(dict.fromkeys(_normalise(source) for _, source in elements))
    group = list(range(len(quotes)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, a in enumerate(quotes):
        for j, b in enumerate(quotes[:i]):
            shorter, longer = sorted((a, b), key=len)
            if shorter in longer or any(shorter[k:k + 40] in longer for k in range(0, max(1, len(shorter) - 39), 10)):
                group[root(i)] = root(j)
    rules: dict[str, set[str]] = {}
    for what, source in elements:
        key = quotes[root(quotes.index(_normalise(source)))]
        rules.setdefault(key, set()).add(what)
    return rules


def _sentences(text: str) -> list[str]:
    """The article's sentences (its lines are paragraphs; abbreviations do not end a sentence)."""
    found = []
    for paragraph in text.replace("the U.S. To do so", "the U.S.\nTo do so").splitlines():
        protected = _normalise(paragraph)
        for abbreviation in ABBREVIATIONS:
            protected = protected.replace(abbreviation, abbreviation.replace(".", "\0"))
        found += [part.replace("\0", ".") for part in re.split(r'(?<=[.?!\u201d"])\s+(?=[A-Z\u201c"])', protected)
                  if part]
    return found


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_no_quote_is_the_source_of_more_than_three_rules_unless_explained(name):
    assert _overcited(_overlapping(_sourced_elements(SCENARIOS[name]))) == {}


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives beside the repository, not in it")
def test_no_sentence_of_the_article_is_the_source_of_more_than_three_rules_unless_explained():
    sentences = _sentences(ARTICLE.read_text())
    by_sentence: dict[str, set[str]] = {}
    for what, source in _sourced_elements():
        quote = _normalise(source)
        hits = [s for s in sentences if quote in s or s in quote]
        assert hits, f"{what}: its source is no sentence of the article"
        for sentence in hits:
            by_sentence.setdefault(sentence, set()).add(what)
    assert _overcited(by_sentence) == {}


def test_at_least_thirty_rules_cite_the_article_in_short_quotes():
    elements = _sourced_elements()
    assert len(elements) >= 30
    assert all(len(source) <= 300 for _, source in elements), "a quote, never the whole text"


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives beside the repository, not in it")
def test_every_source_is_a_verbatim_quote_of_the_article():
    article = _normalise(ARTICLE.read_text())
    misquoted = [what for what, source in _sourced_elements() if _normalise(source) not in article]
    assert not misquoted
