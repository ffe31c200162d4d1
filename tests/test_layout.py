"""The map in docs/development.md matches the code's real import graph.

Run ``.venv/bin/python tests/test_layout.py`` to print the graph: each module of
``plugins/prepguide``, its lines, and the prepguide modules it imports (in brackets
those imported inside a function).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "prepguide"


def modules() -> list[Path]:
    """Every Python module of the package."""
    return sorted(PACKAGE.rglob("*.py"))


def name_of(path: Path) -> str:
    """``cli``, ``commands.check``, ``lint`` (a package's ``__init__``)."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


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
                    [module] if node.module else [".".join([*base, a.name]) for a in node.names]
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


def test_every_module_is_on_the_map() -> None:
    text = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    layout = text.split("## Layout", 1)[1].split("### Where a field", 1)[0]
    missing = []
    for path in modules():
        if path.parent == PACKAGE:
            if path.name != "__init__.py" and f"{path.name} " not in layout:
                missing.append(path.name)
        elif f"{path.parent.name}/ " not in layout:
            missing.append(f"{path.parent.name}/")
        elif (
            path.parent.name == "lint"
            and path.name != "__init__.py"
            and f"`{path.name}`" not in layout
        ):
            missing.append(f"lint/{path.name}")
    assert missing == [], "add these modules to docs/development.md's layout"


def test_only_the_plugin_package_imports_mkdocs() -> None:
    """MkDocs stays in prepguide/plugin/: the rest could feed another engine."""
    importers = sorted(name_of(p) for p in modules() if imports(p)[2])
    assert importers and all(name == "plugin" or name.startswith("plugin.") for name in importers)


def test_commands_do_not_import_the_cli() -> None:
    for path in (PACKAGE / "commands").glob("*.py"):
        eager, lazy, _ = imports(path)
        assert "cli" not in eager | lazy, path.name
    eager, _, _ = imports(PACKAGE / "clibase.py")
    assert not {m for m in eager if m == "cli" or m.startswith("commands")}


def main() -> None:
    for path in modules():
        eager, lazy, mkdocs = imports(path)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        shown = sorted(eager) + [f"[{m}]" for m in sorted(lazy)] + (["MkDocs"] if mkdocs else [])
        print(f"{name_of(path) or '__init__':24} {lines:5}  {' '.join(shown) or '-'}")


if __name__ == "__main__":
    main()
