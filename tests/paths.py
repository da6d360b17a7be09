"""Where the tests find the scenarios and the source article."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "scenarios" / "over-the-horizon-2021.toml"
FIXTURES = Path(__file__).resolve().parent / "scenarios"
ARTICLE = ROOT.parent / "shared" / "source" / "article.txt"
"""The news report the shipped scenario quotes; on developers' machines beside the repo, never in it."""
