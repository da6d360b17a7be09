"""No code in game/tui hands Textual a text that it would read as markup.

Textual parses a ``str`` given to most widgets as content markup: a seat's
message ``[@click=app.quit]x[/]`` would bind an action on the screen that
shows it, and ``[/]`` would crash it. Data reaches a screen through
``game.tui.text`` (Content, never parsed). This test reads the source, so
code written later cannot slip back: every markup-taking call gets a string
literal (the code's own words), a ``Content`` (built by a function annotated
to return one, or by ``Content``'s own constructors), or ``markup=False``;
a notification always says ``markup=False``; a Markdown widget never opens
links by itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import game.tui

TUI = Path(game.tui.__file__).parent
GAME = TUI.parent

MARKUP_FIRST = {"Static", "Label", "Button", "Option", "ListOption", "Checkbox", "RadioButton", "Selection",
                "Tab", "TabPane", "Collapsible", "Link", "update", "add_column", "set_options", "add_option",
                "add_node", "add_leaf", "Tree", "from_markup"}
"""Calls whose first argument Textual reads as markup when it is a str."""
MARKUP_EVERY = {"add_row", "add_columns", "SelectionList", "Select", "OptionList", "add_options"}
"""Calls whose every positional argument (or each item's prompt, for option lists) is read as markup."""
MARKUP_KEYWORDS = {"tooltip", "label", "prompt", "title", "content", "renderable", "placeholder"}
MARKUP_ATTRIBUTES = {"tooltip", "border_title", "border_subtitle", "label", "prompt"}
NOT_CONTENT = {"from_markup", "from_text", "from_rich_text"}
"""Content's constructors that parse (or pass through Rich's) markup."""
PLAIN_WIDGETS = {"Markdown", "MarkdownViewer", "Input", "TextArea", "Log", "DataTable", "Footer", "Header"}
"""Widgets that take no markup in their first argument (Markdown is checked on its own)."""


def content_makers() -> set[str]:
    """Names of the functions in game/ annotated to return Content, or options (each checked where it is made)."""
    names = {"shown", "cell", "choice", "Content", "assemble", "styled", "join", "pad_left", "pad_right", "stylize", "rstrip",
             "truncate"}
    for path in GAME.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
                returns = ast.unparse(node.returns)
                if ("Content" in returns or "Option" in returns) and "str" not in returns:
                    names.add(node.name)
    return names


MAKERS = content_makers()


def called(node: ast.Call) -> str:
    func = node.func.value if isinstance(node.func, ast.Subscript) else node.func  # SelectionList[str](...)
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def safe(node: ast.expr) -> bool:
    """Whether ``node`` is a literal of the code's own or Content, never a str that came from data."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.IfExp):
        return safe(node.body) and safe(node.orelse)
    if isinstance(node, ast.Call):
        name = called(node)
        return name in MAKERS and name not in NOT_CONTENT
    return False


def prompts(node: ast.expr) -> list[ast.expr]:
    """The texts an option list's argument holds: each (prompt, value) pair's prompt, or the option itself."""
    if isinstance(node, ast.Starred):
        return prompts(node.value)
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        return prompt(node.elt)
    if isinstance(node, ast.List):
        return [text for item in node.elts for text in prompt(item)]
    return prompt(node)


def prompt(item: ast.expr) -> list[ast.expr]:
    if isinstance(item, ast.Tuple):
        return item.elts[:1]
    if isinstance(item, ast.Call) and called(item) in MARKUP_FIRST:
        return []  # checked as a call of its own
    return [item]


def problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    out = []
    shown_as = path.relative_to(GAME.parent) if path.is_relative_to(GAME.parent) else path.name
    where = lambda node: f"{shown_as}:{node.lineno}: {ast.unparse(node)[:100]}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in MARKUP_ATTRIBUTES and not safe(node.value):
                    out.append(where(node))
            continue
        if not isinstance(node, ast.Call):
            continue
        name = called(node)
        keywords = {k.arg: k.value for k in node.keywords}
        unmarked = isinstance(keywords.get("markup"), ast.Constant) and keywords["markup"].value is False
        if name == "notify" and isinstance(node.func, ast.Attribute):
            if not unmarked:
                out.append(where(node) + "  (notify without markup=False: use game.tui.text.notify)")
            continue
        if name == "update" and "query_one(Markdown" in ast.unparse(node.func):
            continue  # Markdown is checked where it is made
        if name in ("Markdown", "MarkdownViewer"):
            links = keywords.get("open_links")
            if not (isinstance(links, ast.Constant) and links.value is False):
                out.append(where(node) + "  (a Markdown widget must not open links: open_links=False)")
            continue
        if unmarked or name in PLAIN_WIDGETS or name == "Binding" and "tooltip" not in keywords:
            continue
        texts: list[ast.expr] = []
        if name in MARKUP_FIRST and node.args:
            texts.append(node.args[0])
        elif name in MARKUP_EVERY:
            texts += [p for arg in node.args for p in prompts(arg)]
        if name in MARKUP_FIRST | MARKUP_EVERY | {"Binding"}:
            texts += [value for key, value in keywords.items() if key in MARKUP_KEYWORDS]
        out += [where(text) for text in texts if not safe(text)]
    return out


def test_no_markup_taking_call_in_the_tui_gets_a_text_that_is_not_the_codes_own():
    found = [problem for path in sorted(TUI.rglob("*.py")) for problem in problems(path)]
    assert not found, "texts that Textual would read as markup (give them game.tui.text.shown):\n" + "\n".join(found)


def test_the_check_catches_what_it_must(tmp_path):
    """A test that cannot fail is a defect: each way of passing data as markup is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("\n".join([
        "Static(message.text)", "Label(f'Re: {subject}')", "self.notify(text)", "widget.update(name)",
        "table.add_row(seat.name, 'x')", "OptionList(*((o.label, o.id) for o in options))",
        "SelectionList[str](*((s.name, s.id, True) for s in seats))", "w.tooltip = reason",
        "w.border_title = f'{x}'", "Markdown(text)", "Content.from_markup(text)",
        "Static(Content.from_markup(text))", "Button(label)", "Binding('x', 'y', 'z', tooltip=title)",
        "Static('ok' if a else name)",
    ]))
    good = tmp_path / "good.py"
    good.write_text("\n".join([
        "Static(shown(message.text))", "Static('Seats')", "notify(self, text)", "self.notify(t, markup=False)",
        "widget.update(Content.assemble(('x', 'b'), name))", "table.add_row(shown(seat.name), 'x')",
        "Static(text, markup=False)", "Markdown(text, open_links=False)", "w.tooltip = 'Close'",
        "Binding('x', 'y', 'z')", "Static(joined(lines) if lines else 'None')",
    ]))
    caught = {int(problem.split(":")[1]) for problem in problems(bad)}
    assert caught == set(range(1, 16)), f"not caught: lines {sorted(set(range(1, 16)) - caught)} of bad.py"
    assert problems(good) == []
