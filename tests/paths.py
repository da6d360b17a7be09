"""Where the tests find the scenarios and the source article."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "scenarios" / "over-the-horizon-2021.toml"
SCENARIOS = {path.stem: path for path in sorted((ROOT / "scenarios").glob("*.toml"))}
"""Every shipped scenario, by file name: each must meet the balance targets and its claims."""
FIXTURES = Path(__file__).resolve().parent / "scenarios"
ARTICLE = next((p for p in (ROOT.parent / "shared" / "source" / "article.txt",
                ROOT.parent.parent / "shared" / "source" / "article.txt") if p.exists()),
               ROOT.parent / "shared" / "source" / "article.txt")
"""The news report the shipped scenario quotes; on developers' machines beside the repo, never in it."""


def block_at(path: Path, line: int) -> str:
    """``path``'s text from ``line`` to the next table header: the rule a finding at ``line`` points at."""
    lines = path.read_text().splitlines()
    block = [lines[line - 1]]
    for text in lines[line:]:
        if text.startswith("["):
            break
        block.append(text)
    return "\n".join(block)
