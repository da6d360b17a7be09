"""The allowed imports between Horizon's packages: docs/architecture.md's table, held against the code.

After a deliberate change of layers, ``python -m tests.test_layers`` rewrites the table's imports column
from the code (read the diff: it is the new contract).

Every import of every module under ``game/`` (at the top or inside a function: a lazy import is
still a dependency) is read with ``ast`` and attributed to the table row that holds the module (the
longest matching path). The table's "imports" column must say exactly what the code imports, so
the page never drifts; and whatever the table says, the layers below hold:

- the engine imports nothing of Horizon but the leaf modules ``safe_text`` and ``errors``;
- nothing below the front ends (the TUI, its joined-seat app, plain mode, the command line) imports one;
- the front ends do not import each other, but the command line, which starts them from its
  commands' handlers (never at the top of a module);
- Textual is imported only by the TUI, aiohttp only by networked play, textual-serve only by
  networked play and the ``serve`` command;
- the packages form layers: no cycle.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

from tests.paths import ROOT

GAME = ROOT / "game"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
HEADER = "| package | holds | imports |"
TOOLKITS = ("textual", "textual_serve", "aiohttp")
"""Third-party packages whose place the layers decide (the rest are free to use anywhere)."""
FRONT_ENDS = ("game/tui/", "game/tui/remote/", "game/plain/", "game/cli/")
LAUNCHER = "game/cli/"
LEAVES = ("game/safe_text.py", "game/errors.py")


def table() -> dict[str, set[str]]:
    """Each row's package (``game/engine/``, ``game/session.py``) and the names its imports column gives."""
    lines = ARCHITECTURE.read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER) + 2
    rows: dict[str, set[str]] = {}
    for text in lines[start:]:
        if not text.startswith("|"):
            break
        cells = [cell.strip() for cell in text.strip("|").split("|")]
        package = re.fullmatch(r"`([^`]+)`", cells[0])
        assert package, f"docs/architecture.md: a row's package is not one `path`: {cells[0]!r}"
        names = set(re.findall(r"`([^`]+)`", cells[2]))
        assert cells[2] == "" or re.fullmatch(r"(`[^`]+`(, )?)+", cells[2]), \
            f"docs/architecture.md: {package[1]}'s imports are not a list of `names`: {cells[2]!r}"
        rows[package[1]] = names
    return rows


def row_of(module_path: str, rows: dict[str, set[str]]) -> str | None:
    """The row holding a file or module path: the longest package prefix, or the file itself."""
    best = None
    for package in rows:
        if module_path == package or (package.endswith("/") and module_path.startswith(package)):
            if best is None or len(package) > len(best):
                best = package
    return best


@cache
def module_path(dotted: str) -> str:
    """``game.engine.model`` → ``game/engine/model.py`` (or a package's ``__init__.py``)."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        path = ROOT.joinpath(*parts[:end])
        if path.is_dir() and (path / "__init__.py").exists():
            return f"{'/'.join(parts[:end])}/__init__.py" if end == len(parts) else \
                f"{'/'.join(parts[:end])}/{parts[end]}"
        if path.with_suffix(".py").exists():
            return f"{'/'.join(parts[:end])}.py"
    return "/".join(parts)


def imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, at the top level?) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = list(path.relative_to(ROOT).parts[:-1])  # a module's package, or an __init__'s own
    found = []
    top = set(map(id, tree.body))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
                names = [stem] if node.module else [f"{stem}.{alias.name}" for alias in node.names]
            else:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names
                                         if node.module in ("game",) or node.module.startswith("game.")]
        at_top = id(node) in top or _under_type_checking(tree, node)
        found += [(name, at_top) for name in names if name]
    return found


def _under_type_checking(tree: ast.Module, node: ast.AST) -> bool:
    for statement in tree.body:
        if isinstance(statement, ast.If) and "TYPE_CHECKING" in ast.unparse(statement.test):
            if any(node is inner for inner in ast.walk(statement)):
                return True
        if isinstance(statement, ast.Try) and any(node is inner for inner in statement.body):
            return True
    return False


def dependencies(rows: dict[str, set[str]]) -> dict[str, dict[str, list[str]]]:
    """For each row, what its modules import that lies outside it: {row or toolkit: [where, ...]}."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(GAME.rglob("*.py")):
        here = path.relative_to(ROOT).as_posix()
        mine = row_of(here, rows)
        assert mine is not None, f"{here} is in no row of docs/architecture.md's table"
        for name, at_top in imports(path):
            root = name.split(".")[0]
            if root in TOOLKITS:
                found[mine][root].append(f"{here}{'' if at_top else ' (in a function)'}")
            elif root == "game":
                theirs = row_of(module_path(name), rows)
                if theirs is not None and theirs != mine:
                    found[mine][theirs].append(f"{here}{'' if at_top else ' (in a function)'}: {name}")
    return found


ROWS = table()
FOUND = dependencies(ROWS)


def test_the_table_says_exactly_what_each_package_imports():
    wrong = []
    for package, said in ROWS.items():
        actual = set(FOUND.get(package, {}))
        if missing := actual - said:
            wrong += [f"{package} imports {name}, which the table does not allow "
                      f"({FOUND[package][name][0]})" for name in sorted(missing)]
        if unused := said - actual:
            wrong += [f"{package}: the table says it imports {name}, but it does not" for name in sorted(unused)]
    assert not wrong, "docs/architecture.md's table and the code differ:\n" + "\n".join(wrong)


def test_the_table_names_only_packages_of_its_own_and_the_toolkits():
    for package, said in ROWS.items():
        assert (GAME.parent / package).exists(), f"{package}: no such package or module"
        assert said <= set(ROWS) | set(TOOLKITS), f"{package}: unknown names {sorted(said - set(ROWS) - set(TOOLKITS))}"


def test_the_engine_imports_only_leaf_modules():
    assert set(FOUND["game/engine/"]) <= set(LEAVES)
    for leaf in LEAVES:
        assert not {name for name in FOUND.get(leaf, {}) if name in ROWS}, f"{leaf} is a leaf: it imports no Horizon"


def test_nothing_below_the_front_ends_imports_them():
    for package, names in FOUND.items():
        if package not in FRONT_ENDS and package != "game/__main__.py":
            assert not set(names) & set(FRONT_ENDS), (package, {n: names[n] for n in set(names) & set(FRONT_ENDS)})


def test_front_ends_do_not_import_each_other_but_the_command_line_starts_them():
    for package in FRONT_ENDS:
        others = set(FOUND.get(package, {})) & set(FRONT_ENDS)
        if package == "game/tui/remote/":
            others -= {"game/tui/"}  # the joined seat's app draws with the TUI's screens
        if package == LAUNCHER:
            for name in others:
                at_top = [where for where in FOUND[package][name] if "(in a function)" not in where]
                assert not at_top, f"the command line imports {name} at the top of a module: {at_top}"
        else:
            assert not others, f"{package} imports another front end: {sorted(others)}"


def test_toolkits_stay_in_their_layer():
    allowed = {"textual": {"game/tui/", "game/tui/remote/"}, "aiohttp": {"game/net/"},
               "textual_serve": {"game/net/", LAUNCHER}}
    for package, names in FOUND.items():
        for toolkit in TOOLKITS:
            if toolkit in names:
                assert package in allowed[toolkit], f"{package} imports {toolkit}: {names[toolkit][0]}"


def test_the_packages_are_layers_without_a_cycle():
    graph = {package: {name for name in FOUND.get(package, {}) if name in ROWS} for package in ROWS}
    done: set[str] = set()

    def visit(package: str, path: tuple[str, ...]) -> None:
        assert package not in path, "an import cycle: " + " -> ".join((*path, package))
        if package not in done:
            for name in graph[package]:
                visit(name, (*path, package))
            done.add(package)

    for package in graph:
        visit(package, ())


def test_the_reading_of_imports_finds_what_is_there():
    """The walk itself: a lazy import counts, a relative one resolves, TYPE_CHECKING ones count as top."""
    found = dict(imports(GAME / "cli" / "play.py"))
    assert found.get("game.tui.app") is False
    assert module_path("game.engine.model") == "game/engine/model.py"
    assert module_path("game.engine") == "game/engine/__init__.py"
    assert row_of("game/tui/remote/app.py", ROWS) == "game/tui/remote/"
    assert row_of("game/tui/app.py", ROWS) == "game/tui/"


def imports_column(package: str) -> str:
    """What the table's imports column must say for ``package``, from the code."""
    names = sorted(FOUND.get(package, {}), key=lambda name: (name in TOOLKITS, name))
    return ", ".join(f"`{name}`" for name in names)


if __name__ == "__main__":  # python -m tests.test_layers: rewrite the table's imports column from the code
    text = ARCHITECTURE.read_text(encoding="utf-8")
    for package in ROWS:
        text = re.sub(rf"^(\| `{re.escape(package)}` \|.*\| )[^|]*( \|)$",
                      lambda match, p=package: match[1] + imports_column(p) + match[2], text, flags=re.M)
    ARCHITECTURE.write_text(text, encoding="utf-8")
