"""Pages that MkDocs builds from what prepguide made of them (no Markdown to convert).

:class:`HtmlPage` is a page prepguide wrote as HTML (prepguide.render.pagehtml);
:class:`KeptPage` one whose earlier output ``mkdocs serve`` reuses
(prepguide.plugin.rebuild); the functions keep and restore what converting a page made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2.bccache import Bucket
from jinja2.bccache import BytecodeCache as BytecodeCacheBase
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..render.pagehtml import HeadingStyle, anchor_ids, toc_tokens
from .rebuild import Entry

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

KEPT_TEMPLATE = "prepguide/kept-page.html"
"""The template of a page whose earlier output is still exact (see :class:`KeptPage`)."""
KEPT_OUTPUT = "prepguide_kept_output"
KEPT_FOLDERS = ("contacts", "organizations")
"""The served site's folders of generated pages, kept through MkDocs' cleaning (serve only)."""
PAGE_EVENTS = (
    "pre_page",
    "page_read_source",
    "page_markdown",
    "page_content",
    "page_context",
    "post_page",
    "env",
    "pre_template",
    "template_context",
)
"""Events through which a plugin could change what a page becomes."""


class HtmlPage(Page):
    """A prep or organization page, whose source is already HTML (prepguide.render.pagehtml).

    The plugin hands MkDocs this page in ``on_pre_page`` (the event may return
    another page). Its front matter is read as for any page; ``render`` takes the
    body as the page's HTML instead of converting Markdown, and reads the table
    of contents and the anchors from it, as Python-Markdown's ``toc`` would have
    made them (docs/development.md, "How a build runs").
    """

    def __init__(self, file: File, config: MkDocsConfig, style: HeadingStyle) -> None:
        super().__init__(None, file, config)
        self.style = style

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        body = self.markdown
        self.content = body
        self.toc = get_toc(toc_tokens(body, self.style))  # type: ignore[arg-type]
        self._title_from_render = None
        self.present_anchor_ids = anchor_ids(body)


class KeptPage(HtmlPage):
    """A generated HTML page under ``mkdocs serve``, with what an earlier build made of it.

    For every page prepguide generated outside the navigation: when the page's
    source and the configuration are unchanged (:class:`~prepguide.plugin.rebuild.OutputCache`),
    the theme's output and search entries of the last build are reused (see
    ``on_env``); otherwise they are made again and kept for the next build.
    """

    def __init__(
        self, file: File, config: MkDocsConfig, style: HeadingStyle, entry: Entry, reuse: bool
    ) -> None:
        super().__init__(file, config, style)
        self.kept = entry
        self.reuse = reuse
        self.kept_output = False
        """Whether the theme's template is skipped (set in ``on_env``)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.reuse:
            restore(self, self.kept, files)
            return
        super().render(config, files)
        remember(self, self.kept)


def record_lookups(files: Files, entry: Entry) -> Any:
    """Note each file lookup of a conversion in ``entry`` (returns the function that stops it).

    The links of a page become what these lookups find, so a page's HTML is
    reused only while each lookup finds the same (see :class:`KeptPage`).
    """
    original = files.get_file_from_path
    lookups = entry.lookups

    def recorded(path: str) -> File | None:
        found = original(path)
        lookups[path] = file_key(found)
        return found

    files.get_file_from_path = recorded  # type: ignore[method-assign]

    def uninstall() -> None:
        if "get_file_from_path" in vars(files):
            del files.get_file_from_path

    return uninstall


def remember(page: Page, entry: Entry) -> None:
    """Keep what converting ``page`` made beside its HTML (kept in ``on_page_content``)."""
    entry.toc = page.toc
    entry.title_from_render = page._title_from_render
    entry.present_anchor_ids = page.present_anchor_ids
    if page.links_to_anchors is not None:
        entry.links_to_anchors = {
            f.src_uri: dict(anchors) for f, anchors in page.links_to_anchors.items()
        }


def restore(page: Page, entry: Entry, files: Files) -> None:
    """Give ``page`` what converting it made the last time."""
    page.content = entry.content
    page.toc = entry.toc
    page._title_from_render = entry.title_from_render
    page.present_anchor_ids = entry.present_anchor_ids
    if entry.links_to_anchors is not None:
        links: dict[File, dict[str, str]] = {}
        for src_uri, anchors in entry.links_to_anchors.items():
            target = files.get_file_from_path(src_uri)
            if target is not None:
                links[target] = dict(anchors)
        page.links_to_anchors = links


class MemoryBytecodeCache(BytecodeCacheBase):
    """Jinja2's bytecode cache, in memory: the theme's templates compile once per serve session."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja2 if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


def file_key(file: File | None) -> tuple[str, str] | None:
    """What a link to ``file`` becomes: its URL, and whether it is built."""
    return None if file is None else (file.url, file.inclusion.name)
