"""The theme's templates kept compiled between builds (Jinja2's bytecode cache on disk).

MkDocs makes a new Jinja2 environment for the theme in every build and compiles material's
``main.html``, its partials and ``404.html`` again: about 0.125 s of every ``mkdocs build``
(docs/benchmarks.md). :func:`theme_bytecode_cache` gives that environment a cache on disk,
so that only the first build on a machine, or after a template changes, compiles them.

What Jinja2 compiles depends on more than a template's source, which is all its cache checks:
on how the environment parses (its syntax options and what extensions set on it), on how
each filter and test is called, and, where a filter or test is applied to constants (``{{
"x" | upper }}``), on what it returns, worked out once when compiling. So each cache file's
name carries a hash of the environment as it is when the template is loaded (a plugin may
change it after prepguide's ``on_env``), and the cache is used only while every filter, test
and extension comes from Jinja2, MarkupSafe, Python, MkDocs or Material (their versions are
in the hash too): a filter of a hook or another plugin may return what its configuration or
code says, which no hash of the environment sees, so with one the theme is compiled in every
build, as MkDocs does. The folder is Jinja2's default, as for prepguide's own templates
(docs/usage.md, "The generated site").
"""

from __future__ import annotations

import functools
import hashlib
import types
from importlib import metadata
from typing import Any

import jinja2
import jinja2.bccache

from .templating import TolerantBytecodeCache, filter_kind

_TRUSTED_PACKAGES = frozenset(
    {"jinja2", "markupsafe", "builtins", "_operator", "operator", "mkdocs", "material"}
)
"""Where the filters, tests and extensions of an environment whose templates are kept come from."""

_VERSIONED = ("jinja2", "markupsafe", "mkdocs", "mkdocs-material")


def theme_bytecode_cache() -> jinja2.BytecodeCache | None:
    """A bytecode cache on disk for the theme's environment, or ``None`` without a usable folder."""
    try:
        return _ThemeBytecodeCache(pattern="__prepguide_theme_%s.cache")
    except (OSError, RuntimeError):  # no safe folder (Jinja2 checks its owner and mode)
        return None


class _ThemeBytecodeCache(TolerantBytecodeCache):
    """Jinja2's file cache, each file named after the environment that compiles it."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        tag = environment_tag(environment)
        key = self.get_cache_key(name, filename)
        checksum = self.get_source_checksum(source)
        if tag is None:
            return _UnkeptBucket(environment, key, checksum)  # compiled, never read or written
        bucket = jinja2.bccache.Bucket(environment, f"{tag}_{key}", checksum)
        self.load_bytecode(bucket)
        return bucket

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not isinstance(bucket, _UnkeptBucket):
            super().dump_bytecode(bucket)


class _UnkeptBucket(jinja2.bccache.Bucket):
    """The bucket of a template compiled in an environment whose code is not kept."""


def environment_tag(env: jinja2.Environment) -> str | None:
    """A hash of what, besides a template's source, decides the code ``env`` compiles.

    ``None`` when ``env`` holds a filter, test or extension from outside Jinja2, MarkupSafe,
    Python, MkDocs and Material, or a ``finalize`` function: their results on constants are
    compiled into the code.

    >>> env = jinja2.Environment()
    >>> environment_tag(env) == environment_tag(jinja2.Environment())
    True
    >>> env.filters["shout"] = lambda value: value.upper()
    >>> environment_tag(env) is None
    True
    """
    if env.finalize is not None:
        return None
    filters = sorted((name, _fingerprint(f), filter_kind(f)) for name, f in env.filters.items())
    tests = sorted((name, _fingerprint(f), filter_kind(f)) for name, f in env.tests.items())
    if any(found is None for _, found, _ in (*filters, *tests)):
        return None
    extensions = sorted(_qualified(type(ext)) for ext in env.extensions.values())
    if not all(name.split(".")[0] in _TRUSTED_PACKAGES for name in extensions):
        return None
    # The syntax options (block_start_string, trim_blocks, newline_sequence...), is_async,
    # optimized and what extensions set on the environment (the i18n extension's
    # newstyle_gettext): every plain value the environment holds.
    options = sorted(
        (name, repr(value))
        for name, value in vars(env).items()
        if value is None or isinstance(value, (str, int, float))
    )
    autoescape = env.autoescape
    options.append(
        ("autoescape", _qualified(autoescape) if callable(autoescape) else repr(autoescape))
    )
    options.append(
        ("classes", f"{_qualified(env.code_generator_class)} {_qualified(env.context_class)}")
    )
    # The policies (how tojson, urlize and truncate answer, folded on constants too).
    for name, value in sorted(env.policies.items()):
        found = _fingerprint(value) if callable(value) else repr(value)
        if found is None:
            return None
        options.append((f"policy {name}", found))
    found = repr((options, extensions, filters, tests, _versions()))
    return hashlib.sha256(found.encode()).hexdigest()[:16]


def _fingerprint(func: Any, depth: int = 0) -> str | None:
    """What decides the results of filter or test ``func``, or ``None`` if that is not known.

    Known: a function of a trusted package, with the values its closure holds (Jinja2 wraps
    some filters in one), a C function of a trusted module, or a method of a built-in type
    not bound to an object. A method bound to an object (``"{}".format``, a dictionary's
    ``get``), a ``functools.partial`` or another callable object answers with data that may
    come from the configuration: not known, whatever its module.

    >>> _fingerprint(jinja2.filters.do_upper), _fingerprint(abs), _fingerprint(str.upper)
    ('jinja2.filters.do_upper', 'builtins.abs', 'builtins.str.upper')
    >>> _fingerprint({"hi": "HI"}.get), _fingerprint("{}!".format)
    (None, None)
    """
    if depth > 4:
        return None
    if isinstance(func, types.BuiltinFunctionType):  # C functions, and methods bound to data
        owner = func.__self__
        if owner is not None and not isinstance(owner, types.ModuleType):
            return None
        module = func.__module__ or getattr(owner, "__name__", "")
        parts: list[str] = []
    elif isinstance(func, (types.MethodDescriptorType, types.WrapperDescriptorType)):
        module = func.__objclass__.__module__  # str.upper: the method of no object yet
        parts = []
    elif isinstance(func, types.FunctionType):
        module = func.__module__
        parts = []
        for cell in func.__closure__ or ():
            try:
                value = cell.cell_contents
            except ValueError:  # a cell not filled yet
                return None
            if value is None or isinstance(value, (bool, int, float, str)):
                parts.append(repr(value))
            elif (inner := _fingerprint(value, depth + 1)) is not None:
                parts.append(inner)
            else:
                return None
    else:
        return None
    if (module or "").split(".")[0] not in _TRUSTED_PACKAGES:
        return None
    name = f"{module}.{func.__qualname__}"
    return f"{name}({', '.join(parts)})" if parts else name


def _qualified(obj: object) -> str:
    name = getattr(obj, "__qualname__", None) or type(obj).__qualname__
    return f"{getattr(obj, '__module__', None) or type(obj).__module__}.{name}"


@functools.lru_cache(maxsize=1)
def _versions() -> tuple[tuple[str, str], ...]:
    """The installed versions of the packages whose filters and tests are trusted."""
    found = []
    for name in _VERSIONED:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, ""))
    return tuple(found)
