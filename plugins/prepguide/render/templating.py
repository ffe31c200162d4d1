"""The Jinja2 templates of the generated pages: the environment, its filters and caches.

Templates are Jinja2 files: ``*.md.j2`` write Markdown (three small index pages),
``*.html.j2`` write HTML (the other pages: :mod:`prepguide.render.pagehtml`). A file of
the same name in the theme's ``custom_dir`` under ``prepguide/`` replaces the
built-in one (docs/usage.md, "Overriding templates").
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import types
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup

from .. import __version__, markup
from ..read.model import STATUS_LABELS
from ..text.dates import long_date, long_datetime
from . import pagehtml

CONNECTION_LABELS = {
    "family": "Family",
    "friend": "Friend",
    "colleague": "Colleague",
    "mentor": "Mentor",
    "alumni": "Alumni",
    "mutual": "Mutual connection",
    "conference": "Met at a conference",
    "online": "Met online",
    "cold": "Cold outreach",
}


class Renderer:
    """Jinja2 templates for the generated pages, with user overrides first.

    Renderers for the same override folders (holding the same, unchanged files) share one
    Jinja2 environment, so a ``mkdocs serve`` rebuild, which makes a new
    renderer, does not compile the templates again. With ``auto_reload`` (the
    plugin sets it when serving) Jinja2 reloads a template whose file changed;
    without it, a template is looked up without checking its file each time it
    is used. Adding or removing an override file gives a new environment.
    """

    def __init__(self, override_dirs: Sequence[Path] = (), *, auto_reload: bool = False) -> None:
        dirs = tuple(str(d) for d in override_dirs if d.is_dir())
        self.env = _environment(dirs, _listing(dirs), auto_reload)

    def page(self, name: str, **context: Any) -> str:
        """Render a page template by name, through :func:`narrow_page`."""
        template = self.env.get_template(name)
        return narrow_page(template, template.render(**context))


_BUILTIN_TEMPLATES = str(Path(__file__).parent.parent / "templates")


def narrow_page(template: jinja2.Template, page: str) -> str:
    """:func:`markup.narrow` on the body of a page made by one of prepguide's templates.

    Their front matter is ASCII (values go through :func:`front_matter`) and they put no
    value in a code span or block, where a character reference would show as
    typed. A user's override may do either, so its pages are left as written.
    """
    if not (template.filename or "").startswith(_BUILTIN_TEMPLATES):
        return page
    if page.startswith("---\n"):
        end = page.find("\n---\n", 3)
        if end != -1:
            cut = end + 5
            return page[:cut] + markup.narrow(page[cut:])
    return markup.narrow(page)


def _listing(dirs: Sequence[str]) -> tuple[tuple[tuple[str, int, int], ...], ...]:
    """The files of each override folder with their modification time and size.

    Part of the shared environment's key: adding, removing or editing an override
    gives a new environment, also where templates are not checked on each use
    (``mkdocs build``, ``mkdocs serve --clean``).
    """
    listing = []
    for folder in dirs:
        root = Path(folder)
        entries = []
        for path in root.rglob("*"):
            try:
                st = path.stat()
            except OSError:
                continue
            entries.append((path.relative_to(root).as_posix(), st.st_mtime_ns, st.st_size))
        listing.append(tuple(sorted(entries)))
    return tuple(listing)


@functools.lru_cache(maxsize=8)
def _environment(
    dirs: tuple[str, ...], listing: tuple[tuple[tuple[str, int, int], ...], ...], auto_reload: bool
) -> jinja2.Environment:
    del listing  # only part of the cache key
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader(list(dirs)),
        jinja2.PackageLoader("prepguide", "templates"),
    ]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        auto_reload=auto_reload,  # `mkdocs serve`: pick up an edited template
        bytecode_cache=_bytecode_cache(),
        **_ENV_OPTIONS,
    )
    env.filters.update(_filters())
    env.globals["front_matter"] = _front_matter_global
    env.globals["search_off"] = pagehtml.search_off
    env.globals["search_on"] = pagehtml.search_on
    return env


def _filters() -> dict[str, Any]:
    """The filters every template may use (docs/usage.md, "Overriding templates")."""
    return {
        "text": _text_filter,
        "html": markup.html,
        "href": markup.href,
        "md": markup.markdown_block,
        "status_label": lambda s: STATUS_LABELS.get(s, s),
        "connection_label": lambda s: CONNECTION_LABELS.get(s, s),
        "longdate": long_date,
        "datetime": long_datetime,
        "zip_pairs": zip_pairs,
        "json_attr": json_attr,
        "letter": letter_html,
        "letter_id": letter_id,
    }


@jinja2.pass_context
def _text_filter(context: jinja2.runtime.Context, value: object) -> str:
    """The ``text`` filter: a plain value escaped for the template it is written in.

    Markdown templates (``*.md.j2``) get :func:`markup.text`, HTML templates
    (``*.html.j2``, render/pagehtml.py) :func:`markup.inline_html`.
    """
    if value is None:
        return _EMPTY
    name = context.name
    if name is not None and name.endswith(".html.j2"):
        # markup.inline_html, one call less (and no copy of a value that is a string)
        return markup._inline_html(value if type(value) is str else str(value))
    return markup.text(value)


_EMPTY = Markup("")


_ENV_OPTIONS: dict[str, Any] = {
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}
"""How templates are compiled (also part of the bytecode cache's file names)."""


class TolerantBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's file cache, where a folder or file that cannot be used costs a compile.

    A file that cannot be read, or whose content after Jinja2's header is not compiled
    code (a damaged file), is compiled again and rewritten. The folder is trusted as
    Python's own ``__pycache__`` is: it is private to the user (Jinja2 checks).
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # any damage: compile the template instead
            bucket.reset()
        if bucket.code is not None and not isinstance(bucket.code, types.CodeType):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept on disk between builds (Jinja2's own cache).

    Compiling the page templates takes about 0.1-0.2 s, a noticeable part of a
    build's own work. Jinja2 keys each entry on the template's name and source
    (and its own and Python's version), so an edited template or override is
    compiled again; the file names also carry prepguide's version and the
    compile options, so an upgrade never reuses code compiled differently. The
    folder is Jinja2's default, a private per-user folder in the temporary
    directory; without a safe one, or when it cannot be written, templates are
    simply compiled.
    """
    # How a filter is called is compiled into a template (a filter that takes the context is
    # passed it): the filters' kinds are part of the key, as the options are.
    kinds = sorted((name, filter_kind(f)) for name, f in _filters().items())
    tag = hashlib.sha256(
        repr((__version__, sorted(_ENV_OPTIONS.items()), kinds)).encode()
    ).hexdigest()
    try:
        return TolerantBytecodeCache(pattern=f"__prepguide_{tag[:12]}_%s.cache")
    except (OSError, RuntimeError):
        return None


def filter_kind(func: object) -> str:
    """How Jinja2 calls a filter or test: with the context, the eval context, the environment, or not."""
    return str(getattr(func, "jinja_pass_arg", ""))


@jinja2.pass_context
def _front_matter_global(
    context: jinja2.runtime.Context, title: object, tags: Iterable[object] = ()
) -> str:
    """``front_matter`` as templates call it: tags only where the site shows them.

    Without a tags plugin no page shows a page's tags, but the search plugin
    would still index them (and rank them first): they are left out then
    (``SiteContext.tags_shown``).
    """
    ctx = context.get("ctx")
    shown = getattr(ctx, "tags_shown", True)
    return front_matter(title, tags if shown else ())


def front_matter(title: object, tags: Iterable[object] = ()) -> str:
    """The YAML lines between a page's ``---`` lines: its title and its tags.

    A page template writes ``{{ front_matter(title=contact.name, tags=contact.tags) }}``.
    Each value is HTML-escaped once (:func:`markup.meta_text`), since the theme prints
    page titles and tags as HTML, and written as a quoted YAML string that MkDocs reads
    back exactly (:func:`markup.yaml_string`), whatever it holds: quotes, line
    breaks, ``---``, emoji. Never ``| tojson``: JSON is not always YAML (a character
    beyond the Basic Multilingual Plane becomes a surrogate pair YAML refuses) and
    leaves ``<`` to the theme.

    >>> print(front_matter("Ana <b>", ["ux", "R&D"]))
    title: "Ana &lt;b&gt;"
    tags:
      - "ux"
      - "R&amp;D"
    """
    lines = [f"title: {markup.yaml_string(markup.meta_text(title))}"]
    names = [markup.meta_text(tag) for tag in tags]
    if names:
        lines.append("tags:")
        lines.extend(f"  - {markup.yaml_string(name)}" for name in names)
    return "\n".join(lines)


def letter_html(body: object) -> str:
    """A draft's text as HTML paragraphs (blank lines part them, a line break stays one).

    One line of HTML, so that Markdown leaves the block as it is.

    >>> letter_html("Hi Ana,\\n\\nThanks <3\\nBest")
    '<p>Hi Ana,</p><p>Thanks &lt;3<br>Best</p>'
    """
    # Escaped as a whole: escaping leaves line breaks and other white space as they are.
    escaped = markup.html_text(str(body or ""))
    return "".join(
        f"<p>{p.strip(chr(10)).replace(chr(10), '<br>')}</p>"
        for p in escaped.split("\n\n")
        if p.strip()
    )


def letter_id(draft: Any) -> str:
    """The HTML id of a draft's text (its copy button's ``data-clipboard-target``)."""
    digest = hashlib.sha256(f"{draft.title}\n{draft.body}".encode()).hexdigest()
    return f"pg-letter-{digest[:12]}"


def json_attr(values: Iterable[object]) -> str:
    """A list as a JSON array, escaped for an HTML attribute.

    >>> str(json_attr(["a", "b<"]))
    '[&#34;a&#34;, &#34;b&lt;&#34;]'
    """
    return markup.html(json.dumps(list(values), ensure_ascii=False))


def zip_pairs(values: Iterable[str], labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Values with their labels, for ``<option>`` values and texts.

    >>> zip_pairs(["met", "x"], {"met": "Met"})
    [('met', 'Met'), ('x', 'x')]
    """
    return [(v, (labels or {}).get(v, v)) for v in values]
