"""The theme's compiled templates kept on disk between builds (render/templating.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import jinja2
import pytest

from prepguide.render.templating import theme_bytecode_cache

from .conftest import build_site, copy_example


def _pattern(env: jinja2.Environment) -> str:
    cache = theme_bytecode_cache(env)
    assert isinstance(cache, jinja2.FileSystemBytecodeCache)
    return cache.pattern


def _env(**options: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "{{ x | f }}"}), **options)  # type: ignore[arg-type]
    env.filters["f"] = lambda value: value
    return env


def test_the_same_configuration_shares_its_files() -> None:
    assert _pattern(_env()) == _pattern(_env())


def test_what_changes_the_compiled_code_changes_the_files() -> None:
    base = _pattern(_env())
    assert _pattern(_env(trim_blocks=True)) != base
    assert _pattern(_env(autoescape=True)) != base
    assert _pattern(_env(extensions=["jinja2.ext.i18n"])) != base
    assert _pattern(_env(variable_start_string="[[", variable_end_string="]]")) != base
    # A filter that takes the context is called with it: code compiled for the other kind
    # would call it wrongly.
    with_context = _env()
    with_context.filters["f"] = jinja2.pass_context(lambda context, value: value)
    assert _pattern(with_context) != base
    # What an extension sets on the environment changes how its tags compile.
    old_style, new_style = (
        _env(extensions=["jinja2.ext.i18n"]),
        _env(extensions=["jinja2.ext.i18n"]),
    )
    old_style.install_null_translations(newstyle=False)  # type: ignore[attr-defined]
    new_style.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    assert _pattern(old_style) != _pattern(new_style)
    more_tests = _env()
    more_tests.tests["odd_one"] = jinja2.pass_environment(lambda env, value: True)
    assert _pattern(more_tests) != base


def test_code_from_the_cache_renders_as_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first = _env()
    first.bytecode_cache = theme_bytecode_cache(first)
    assert first.get_template("page.html").render(x="a&b") == "a&b"
    second = _env()
    second.bytecode_cache = theme_bytecode_cache(second)
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def compile(self: jinja2.Environment, *args: object, **kwargs: object) -> object:
        compiled.append(str(args[1] if len(args) > 1 else kwargs.get("name")))
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    assert second.get_template("page.html").render(x="a&b") == "a&b"
    assert compiled == []  # read from the cache, not compiled again


def test_a_second_build_reads_the_theme_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "tmp"
    cache_dir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(cache_dir))
    root = copy_example(tmp_path / "guide")
    # Material's search plugin reads its translations in an environment of its own (no cache).
    first = {
        p.relative_to(root / "site"): p.read_bytes()
        for p in build_site(root).rglob("*")
        if p.is_file()
    }
    assert any("theme" in p.name for p in cache_dir.rglob("*.cache"))
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def compile(
        self: jinja2.Environment,
        source: object,
        name: str | None = None,
        *args: object,
        **kwargs: object,
    ) -> object:
        if self.bytecode_cache is not None and name and not name.endswith(".j2"):
            compiled.append(name)  # a theme template, in the build's environment
        return original(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    second = {
        p.relative_to(root / "site"): p.read_bytes()
        for p in build_site(root).rglob("*")
        if p.is_file()
    }
    assert compiled == []
    for path in ("sitemap.xml", "sitemap.xml.gz"):
        first.pop(Path(path), None)
        second.pop(Path(path), None)
    assert second == first
