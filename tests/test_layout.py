"""The map in docs/development.md matches the code's real import graph.

Run ``.venv/bin/python tests/test_layout.py`` to print the graph: each module of
``plugins/prepguide`` (dotted from the package: ``read.loader``,
``tailor.questions.banks``), its lines, and the prepguide modules it imports (in
brackets those imported inside a function).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "prepguide"


def modules() -> list[Path]:
    """Every Python module of the package."""
    return sorted(PACKAGE.rglob("*.py"))


def name_of(path: Path) -> str:
    """``cli``, ``cli.commands.check``, ``tailor.questions`` (a package's ``__init__``)."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(parts: list[str]) -> bool:
    """Whether ``from . import name`` names a module (else a name defined in the package)."""
    path = PACKAGE.joinpath(*parts)
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(path: Path) -> tuple[set[str], set[str], bool]:
    """``(at module level, inside functions, imports mkdocs)`` for one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = name_of(path).split(".") if path.name == "__init__.py" else name_of(path).split(".")[:-1]
    if here == [""]:
        here = []
    top_level = {id(node) for node in tree.body}
    top_level |= {
        id(child) for node in tree.body if isinstance(node, ast.If) for child in node.body
    }
    eager: set[str] = set()
    lazy: set[str] = set()
    mkdocs = False
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
                targets = (
                    [module]
                    if node.module
                    else [
                        ".".join([*base, a.name]) if is_module([*base, a.name]) else module
                        for a in node.names
                    ]
                )
            elif node.module and node.module.startswith("prepguide"):
                targets = [node.module.removeprefix("prepguide").lstrip(".")]
            mkdocs |= bool(node.module and node.module.split(".")[0] == "mkdocs")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                mkdocs |= alias.name.split(".")[0] == "mkdocs"
                if alias.name.startswith("prepguide."):
                    targets.append(alias.name.removeprefix("prepguide."))
        for target in targets:
            if target and target != name_of(path) and not target.startswith("__"):
                (eager if id(node) in top_level else lazy).add(target)
    return eager, lazy - eager, mkdocs


def layout_block() -> str:
    """The code block of docs/development.md's "Layout" section."""
    text = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    layout = text.split("## Layout", 1)[1].split("### Where a field", 1)[0]
    return layout.split("```", 2)[1]


def mapped(block: str) -> dict[str, bool]:
    """The paths the layout block names, from its indentation, each with whether it is a
    folder described as a whole (no modules listed under it): ``{"read/": False,
    "read/loader.py": True, "text/": True, ...}`` (a module counts as whole)."""
    paths: dict[str, bool] = {}
    stack: list[tuple[int, str]] = []
    for line in block.splitlines()[2:]:  # after the ``` line's rest and the header line
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        token = stripped.split()[0]
        if not token.endswith(("/", ".py")):
            continue  # the imports of a long line, continued
        indent = len(line) - len(stripped)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        for _, folder in stack:
            paths[folder] = False  # it lists a module: not described as a whole
        path = (stack[-1][1] if stack else "") + token
        paths[path] = True
        if token.endswith("/"):
            stack.append((indent, path))
    return paths


def test_every_module_is_on_the_map() -> None:
    """Each module has its line, or lives in a folder described as a whole (``text/``,
    ``lint/``, ``tailor/questions/``...); a folder's ``__init__.py`` is its folder's line."""
    paths = mapped(layout_block())
    missing = []
    for path in modules():
        rel = path.relative_to(PACKAGE).as_posix()
        folders = [
            f"{'/'.join(path.relative_to(PACKAGE).parts[:n])}/"
            for n in range(1, len(path.relative_to(PACKAGE).parts))
        ]
        if rel in paths or rel == "__init__.py":
            continue
        if path.name == "__init__.py" and folders and folders[-1] in paths:
            continue
        if any(paths.get(folder) for folder in folders):
            continue
        missing.append(rel)
    assert missing == [], "add these modules to docs/development.md's layout"


def test_the_map_names_no_module_that_is_gone() -> None:
    gone = sorted(path for path in mapped(layout_block()) if not (PACKAGE / path).exists())
    assert gone == [], "remove these from docs/development.md's layout"


def test_every_linter_module_is_named() -> None:
    text = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    layout = text.split("## Layout", 1)[1].split("### Where a field", 1)[0]
    missing = [
        path.name
        for path in (PACKAGE / "lint").glob("*.py")
        if path.name != "__init__.py" and f"`{path.name}`" not in layout
    ]
    assert missing == [], "name these lint/ modules in docs/development.md's layout"


def documented_imports(block: str) -> dict[str, list[str]]:
    """Each path of the layout block with the words of its imports column (continued lines
    included): ``{"read/validate.py": ["errors", "read.loader", "read.model"], ...}``."""
    lines = block.splitlines()[1:]
    column = lines[0].index("imports (prepguide modules)")
    found: dict[str, list[str]] = {}
    stack: list[tuple[int, str]] = []
    current: str | None = None
    for line in lines[1:]:
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if indent >= column:  # the imports of the entry above, continued
            if current is not None:
                found[current].extend(line[column:].split())
            continue
        token = stripped.split()[0]
        while stack and stack[-1][0] >= indent:
            stack.pop()
        current = (stack[-1][1] if stack else "") + token
        found[current] = line[column:].split() if len(line) > column else []
        if token.endswith("/"):
            stack.append((indent, current))
    return found


def real_imports(path: str, whole: list[str]) -> list[str]:
    """What the block should say for ``path``: its imports (or, for a folder described as a
    whole, its modules' imports from outside it), folders described as a whole named once,
    imports made only inside functions in brackets, then MkDocs."""
    name = path.rstrip("/").removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    graph = {name_of(p): imports(p) for p in modules()}
    folder = path.endswith("/")
    members = [n for n in graph if n == name or (folder and n.startswith(name + "."))]

    def shown(module: str) -> str:
        return next((w for w in whole if module == w or module.startswith(w + ".")), module)

    eager: set[str] = set()
    lazy: set[str] = set()
    mkdocs = False
    for member in members:
        member_eager, member_lazy, member_mkdocs = graph[member]
        eager |= {shown(m) for m in member_eager}
        lazy |= {shown(m) for m in member_lazy}
        mkdocs |= member_mkdocs
    inside = {m for m in eager | lazy if m == name or (folder and m.startswith(name + "."))}
    eager, lazy = eager - inside, lazy - inside - eager
    words = sorted(eager) + [f"[{m}]" for m in sorted(lazy)] + (["MkDocs"] if mkdocs else [])
    return words or ["-"]


def test_the_map_shows_each_modules_real_imports() -> None:
    """The imports column is the code's import graph, not a picture of what it once was."""
    paths = mapped(layout_block())
    whole = [p.rstrip("/").replace("/", ".") for p, w in paths.items() if w and p.endswith("/")]
    documented = documented_imports(layout_block())
    wrong = {}
    for path, is_whole in paths.items():
        if not is_whole:
            continue  # a stage folder: its modules have their own lines
        expected = real_imports(path, whole)
        if documented.get(path) != expected:
            wrong[path] = (documented.get(path), expected)
    assert wrong == {}, "docs/development.md's imports column differs from the code"


RANKS = {"": 0, "read": 1, "guide": 2, "tailor": 3, "render": 4, "write": 4, "plugin": 5, "cli": 5}
"""The stages in the data's way (docs/development.md); the shared leaves and lint/ are rank 0."""
AGAINST_THE_WAY = {("guide.corpus", "tailor.questions")}
"""Imports that go against the way, each explained in docs/development.md (made in a function)."""


def test_imports_go_one_way() -> None:
    """A module imports the shared leaves, its own stage and the stages before it."""
    found = set()
    for path in modules():
        name = name_of(path)
        stage = name.split(".")[0] if name.split(".")[0] in RANKS else ""
        eager, lazy, _ = imports(path)
        for target in eager | lazy:
            target_stage = target.split(".")[0] if target.split(".")[0] in RANKS else ""
            if RANKS[target_stage] > RANKS[stage] or (
                stage == "write" and target_stage in ("guide", "tailor", "render")
            ):
                found.add((name, target))
    assert found == AGAINST_THE_WAY


def test_only_the_plugin_package_imports_mkdocs() -> None:
    """MkDocs stays in prepguide/plugin/: the rest could feed another engine."""
    importers = sorted(name_of(p) for p in modules() if imports(p)[2])
    assert importers and all(name == "plugin" or name.startswith("plugin.") for name in importers)


def test_commands_do_not_import_the_cli() -> None:
    """``cli/commands/`` and ``cli/base.py`` sit below ``cli/__init__.py`` (the parser, main)."""
    for path in (PACKAGE / "cli" / "commands").glob("*.py"):
        eager, lazy, _ = imports(path)
        assert "cli" not in eager | lazy, path.name
    eager, _, _ = imports(PACKAGE / "cli" / "base.py")
    assert not {m for m in eager if m == "cli" or m.startswith("cli.commands")}


def test_entry_points_and_module_commands_resolve() -> None:
    """pyproject's entry points, and each ``python -m prepguide...`` of the Makefile."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    targets = re.findall(r'= "(prepguide[\w.]*):(\w+)"', pyproject)
    assert ("prepguide.cli", "main") in targets and len(targets) >= 2
    for module, attribute in targets:
        assert callable(getattr(importlib.import_module(module), attribute)), module
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for module in re.findall(r"-m (prepguide[\w.]*)", makefile):
        assert importlib.util.find_spec(module) is not None, module
    done = subprocess.run(
        [sys.executable, "-m", "prepguide.cli", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("prepguide "), done.stderr


def rewrite_imports_column(text: str) -> str:
    """docs/development.md with every line's imports column drawn again from the code."""
    start = text.index("```", text.index("## Layout")) + 3
    end = text.index("```", start)
    block = text[start:end]
    lines = block.split("\n")
    header = next(i for i, line in enumerate(lines) if "imports (prepguide modules)" in line)
    column, width = lines[header].index("imports (prepguide modules)"), 132
    paths = mapped(block)
    whole = [p.rstrip("/").replace("/", ".") for p, w in paths.items() if w and p.endswith("/")]
    out = lines[: header + 1]
    stack: list[tuple[int, str]] = []
    for line in lines[header + 1 :]:
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if stripped and indent >= column:
            continue  # an old continuation line: drawn again below
        if not stripped or stripped.startswith("#"):
            out.append(line)
            continue
        token = stripped.split()[0]
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = (stack[-1][1] if stack else "") + token
        if token.endswith("/"):
            stack.append((indent, path))
        if not paths.get(path):
            out.append(line)  # a stage folder: its modules have their own lines
            continue
        head = line[:column].rstrip() if len(line) > column else line.rstrip()
        row = head.ljust(column) if len(head) < column else head + "  "
        on_line = 0
        for word in real_imports(path, whole):
            if on_line and len(row) + len(word) > width:
                out.append(row.rstrip())
                row, on_line = " " * column, 0
            row += word + " "
            on_line += 1
        out.append(row.rstrip())
    return text[:start] + "\n".join(out) + text[end:]


def main() -> None:
    """Print the import graph; with ``--write``, draw docs/development.md's imports column
    again from it (add a new module's line by hand first: path and description)."""
    import sys

    if "--write" in sys.argv[1:]:
        doc = ROOT / "docs" / "development.md"
        doc.write_text(rewrite_imports_column(doc.read_text(encoding="utf-8")), encoding="utf-8")
        return
    for path in modules():
        eager, lazy, mkdocs = imports(path)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        shown = sorted(eager) + [f"[{m}]" for m in sorted(lazy)] + (["MkDocs"] if mkdocs else [])
        print(f"{name_of(path) or '__init__':28} {lines:5}  {' '.join(shown) or '-'}")


if __name__ == "__main__":
    main()
