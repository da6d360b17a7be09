"""The shipped scenario quotes its source faithfully: short, verbatim passages of the article."""

from __future__ import annotations

import re
import tomllib

import pytest

from tests.paths import ARTICLE, SHIPPED


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sourced_elements() -> list[tuple[str, str]]:
    document = tomllib.loads(SHIPPED.read_text())
    elements = [(f"variable {name}", spec.get("source", "")) for name, spec in document["variables"].items()]
    for key in ("actions", "events", "endings"):
        elements += [(f"{key[:-1]} {item.get('id', '?')}", item.get("source", "")) for item in document[key]]
    return [(what, source) for what, source in elements if source]


def test_at_least_thirty_rules_cite_the_article_in_short_quotes():
    elements = _sourced_elements()
    assert len(elements) >= 30
    assert all(len(source) <= 300 for _, source in elements), "a quote, never the whole text"


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives beside the repository, not in it")
def test_every_source_is_a_verbatim_quote_of_the_article():
    article = _normalise(ARTICLE.read_text())
    misquoted = [what for what, source in _sourced_elements() if _normalise(source) not in article]
    assert not misquoted
