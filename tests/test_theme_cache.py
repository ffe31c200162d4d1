"""The theme's compiled templates kept on disk between builds (render/theme_cache.py)."""

from __future__ import annotations

import functools
import marshal
import pickle
import tempfile
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest

from prepguide.render.theme_cache import environment_tag, theme_bytecode_cache

from .conftest import build_site, copy_example


def _env(**options: object) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader({"page.html": "{{ x | upper }}"}), **options)  # type: ignore[arg-type]


def _site(root: Path) -> dict[Path, bytes]:
    site = build_site(root)
    return {
        p.relative_to(site): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and not p.name.startswith("sitemap.xml")
    }


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary directory of its own: Jinja2 makes its cache folder in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The theme templates compiled from now on (in an environment that has a cache)."""
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def compile(
        self: jinja2.Environment, source: object, name: str | None = None, *a: object, **k: object
    ) -> object:
        if self.bytecode_cache is not None and name and not name.endswith(".j2"):
            compiled.append(name)
        return original(self, source, name, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return compiled


def test_the_same_configuration_shares_its_files() -> None:
    assert environment_tag(_env()) == environment_tag(_env()) is not None


def test_what_changes_the_compiled_code_changes_the_files() -> None:
    base = environment_tag(_env())
    assert environment_tag(_env(trim_blocks=True)) != base
    assert environment_tag(_env(autoescape=True)) != base
    assert environment_tag(_env(extensions=["jinja2.ext.i18n"])) != base
    assert environment_tag(_env(variable_start_string="[[", variable_end_string="]]")) != base
    # A policy: how tojson writes a constant is compiled in.
    policy = _env()
    policy.policies["json.dumps_kwargs"] = {"sort_keys": False}
    assert environment_tag(policy) != base
    # Another function under a filter's name (here one that takes the environment).
    other = _env()
    other.filters["upper"] = jinja2.filters.do_sum
    assert environment_tag(other) != base
    # What an extension sets on the environment changes how its tags compile.
    old_style = _env(extensions=["jinja2.ext.i18n"])
    new_style = _env(extensions=["jinja2.ext.i18n"])
    old_style.install_null_translations(newstyle=False)  # type: ignore[attr-defined]
    new_style.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    assert environment_tag(old_style) != environment_tag(new_style)


def test_filters_tests_and_extensions_from_elsewhere_are_not_kept() -> None:
    # Their results on constants are compiled into the code, and may follow a configuration.
    with_filter = _env()
    with_filter.filters["shout"] = lambda value: str(value).upper()
    assert environment_tag(with_filter) is None
    # Methods bound to data (a string of the configuration, a table of it), a partial: their
    # module says nothing of what they return.
    for bound in ("{}!".format, {"hi": "HI!"}.get, functools.partial(jinja2.filters.do_upper)):
        with_bound = _env()
        with_bound.filters["shout"] = bound
        assert environment_tag(with_bound) is None, bound
    with_test = _env()
    with_test.tests["odd_one"] = lambda value: True
    assert environment_tag(with_test) is None
    assert environment_tag(_env(finalize=lambda value: value)) is None

    class Extension(jinja2.ext.Extension):
        pass

    assert environment_tag(_env(extensions=[Extension])) is None


def test_code_from_the_cache_renders_as_compiled(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _env()
    first.bytecode_cache = theme_bytecode_cache()
    assert first.get_template("page.html").render(x="a&b") == "A&B"
    assert list(cache_dir.rglob("__prepguide_theme_*.cache"))
    compiled = _compiles(monkeypatch)
    second = _env()
    second.bytecode_cache = theme_bytecode_cache()
    assert second.get_template("page.html").render(x="a&b") == "A&B"
    assert compiled == []  # read from the cache, not compiled again


def test_an_environment_changed_after_the_cache_was_given_gets_other_files(
    cache_dir: Path,
) -> None:
    # A plugin's on_env after prepguide's may change the environment: the name of each file is
    # worked out when its template is loaded.
    env = _env()
    cache = theme_bytecode_cache()
    assert cache is not None
    before = cache.get_bucket(env, "page.html", None, "{{ x }}").key
    env.trim_blocks = True
    assert cache.get_bucket(env, "page.html", None, "{{ x }}").key != before


def test_an_unkept_environment_writes_no_file(cache_dir: Path) -> None:
    env = _env()
    env.filters["shout"] = lambda value: str(value).upper()
    env.bytecode_cache = theme_bytecode_cache()
    assert env.get_template("page.html").render(x="a") == "A"
    assert not list(cache_dir.rglob("__prepguide_theme_*.cache"))


def test_a_damaged_file_is_compiled_again(cache_dir: Path) -> None:
    first = _env()
    first.bytecode_cache = theme_bytecode_cache()
    first.get_template("page.html")
    [path] = cache_dir.rglob("__prepguide_theme_*.cache")
    with path.open("rb") as f:
        magic = f.read(len(jinja2.bccache.bc_magic))
        checksum = pickle.load(f)
    # Jinja2's header intact, then something that is not compiled code, then garbage.
    for body in (marshal.dumps(12345), marshal.dumps("text"), b"\x00\xff garbage"):
        path.write_bytes(magic + pickle.dumps(checksum, 2) + body)
        env = _env()
        env.bytecode_cache = theme_bytecode_cache()
        assert env.get_template("page.html").render(x="ok") == "OK"


def test_a_second_build_reads_the_theme_from_the_cache(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "guide")
    # Material's search plugin reads its translations in an environment of its own (no cache).
    first = _site(root)
    assert list(cache_dir.rglob("__prepguide_theme_*.cache"))
    compiled = _compiles(monkeypatch)
    assert _site(root) == first
    assert compiled == []


@pytest.mark.parametrize(
    "shout",
    [
        "lambda value: value.upper() + config['extra']['suffix']",
        "('{}' + config['extra']['suffix']).format",  # a method bound to the configuration
    ],
)
def test_a_hook_filter_on_a_constant_follows_the_configuration(
    tmp_path: Path, cache_dir: Path, shout: str
) -> None:
    # A filter of a hook, applied to a constant in a theme override, returns what the
    # configuration says: its result must not be read from code compiled for another.
    root = copy_example(tmp_path / "guide")
    (root / "hooks.py").write_text(
        f"def on_env(env, config, files):\n    env.filters['shout'] = {shout}\n    return env\n",
        encoding="utf-8",
    )
    overrides = root / "site_overrides"
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block footer %}<p id="shout">{{ "hi" | shout }}</p>'
        "{{ super() }}{% endblock %}",
        encoding="utf-8",
    )
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    for suffix in ("?", "!", "?"):
        (root / "mkdocs.yml").write_text(
            config + f"\nhooks:\n  - hooks.py\nextra:\n  suffix: '{suffix}'\n", encoding="utf-8"
        )
        page = (build_site(root) / "index.html").read_text(encoding="utf-8")
        assert f'<p id="shout">{"HI" if "upper" in shout else "hi"}{suffix}</p>' in page
