"""A page's search sections as Material's search plugin reads them, without ``HTMLParser``.

Material's ``SearchIndex.add_entry_from_context`` cuts a page's HTML into sections (one per
heading with an id, and a preface) with its ``Parser``, an ``html.parser.HTMLParser``; on prep
and organization pages that parse was a twelfth of a build (issue 17). :func:`sections` gives
the same list of Material ``Section`` objects (element, depth, id, title and text fragments) for
the HTML prepguide writes: one regular expression finds the tags and the text between them, and
:func:`fast_sections` is Material's ``handle_starttag``/``handle_endtag``/``handle_data``
written over tag names, with their quirks (an end tag that is not the innermost open element is
ignored; elements compare by tag name, so an excluded element is forgotten when any element of
the same name inside it ends; headings nested in other elements end their section with that
element; permalinks stay out of titles). Whatever the expression does not model exactly (a
comment, ``<!``, ``<?``, a raw-text element such as ``<script>``, a ``<`` that starts no tag of
the simple form, an attribute value without quotes) sends the page to Material's own parser,
and so does a version of Material this was not checked against (tests/test_search_sections.py
compares both parsers on every page of the example guides, their public builds, hostile guides
and generated HTML).

>>> [(s.el.tag, s.id, "".join(s.title), "".join(s.text)) for s in sections(
...     '<h1 id="ada">Ada<a class="headerlink" href="#ada">&para;</a></h1>'
...     '<p>Tea &amp; <strong>cake</strong></p><h2 id="notes">Notes</h2><ul><li>x</li></ul>')]
[('h1', None, 'Ada', '<p>Tea &amp; cake</p>'), ('h2', 'notes', 'Notes', '<ul><li>x</li></ul>')]
>>> fast_sections('<p>a<!-- note --></p>') is None  # a comment: Material's parser reads it
True
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

import material
from material.plugins.search.plugin import Element, Parser, SearchIndex, Section, void

# The versions of Material whose Parser this module was compared with (tests/test_search_sections.py;
# 9.7, which pyproject.toml allows too, was not: it gets Material's parser).
CHECKED_MATERIAL = ("9.8.",)

# Text, a start tag whose attribute values are quoted (or absent) and whose white space is
# ASCII, an end tag of the same names, or any other ``<`` (the page goes to Material's parser).
# Within these forms HTMLParser reads the same tag name, attributes and text.
_TOKEN = re.compile(
    r"([^<]+)"
    r"|<([a-zA-Z][-a-zA-Z0-9]*)"
    r"((?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\"|='[^']*')?)*)"
    r"[ \t\n\r\f]*(/?)>"
    r"|</([a-zA-Z][-a-zA-Z0-9]*)[ \t\n\r\f]*>"
    r"|(<)"
)
_ATTR = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(=(?:\"([^\"]*)\"|'([^']*)'))?")

# Elements whose content HTMLParser (of this or a later Python) does not read as markup.
_RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
    | {"noscript", "plaintext"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset(void)
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})


def _attrs(text: str) -> dict[str, Any]:
    """A start tag's attributes as HTMLParser gives them (names lowercased, values unescaped).

    >>> _attrs(' id="a&amp;b" hidden class=\\'x>y\\' ID="c"')
    {'id': 'c', 'hidden': None, 'class': 'x>y'}
    """
    attrs: dict[str, Any] = {}
    for name, given, double, single in _ATTR.findall(text):
        value = double or single
        attrs[name.lower()] = (unescape(value) if value else value) if given else None
    return attrs


def fast_sections(html: str) -> list[Section] | None:
    """The sections of Material's ``Parser``, or None when ``html`` holds what only it reads.

    Its ``handle_starttag``, ``handle_endtag`` and ``handle_data`` in one loop over the
    tokens (the module's docstring says how they are modelled).

    A heading nested in an element ends its section where that element ends:

    >>> html = '<p>Intro</p><div><h2 id="b">B</h2><p>in</p></div><p>after</p>'
    >>> [(s.el.tag, s.id, "".join(s.text)) for s in fast_sections(html)]
    [('hx', None, '<p>Intro</p><p>after</p>'), ('h2', 'b', '<p>in</p>')]
    """
    data: list[Section] = []
    context: list[str] = []  # the open elements' tags (Material's elements compare by tag)
    links: list[int] = []  # where permalinks (``a.headerlink``) stand in the context
    skip = {"object", "script", "style"}  # tags whose elements are left out while open
    section: Section | None = None
    title = ""  # the current section's tag: its text is the title while one is open
    keep, headings, voids, raw = _KEEP, _HEADINGS, _VOID, _RAW_TEXT
    for chunk, tag, attr_text, closed, end_tag, _ in _TOKEN.findall(html):
        if chunk:
            # handle_data
            if not skip.isdisjoint(context):
                continue
            text = unescape(chunk) if "&" in chunk else chunk
            pre = "pre" in context
            if not pre:
                text = " " if text.isspace() else text.replace("\n", " ")
            if section is None:
                section = Section(Element("hx"))
                title = "hx"
                data.append(section)
            if title in context:
                if not links:
                    section.title.append(escape(text, quote=False))
            elif text.isspace():
                fragments = section.text
                if not fragments or not fragments[-1].isspace() or pre:
                    fragments.append(text)
            else:
                section.text.append(escape(text, quote=False))
            continue
        if tag:
            # handle_starttag (and handle_endtag after it for ``<tag/>``)
            tag = tag.lower()
            if tag in raw:
                return None
            if tag in voids:
                continue  # never open, so its end (``<br/>``) closes nothing
            attrs = _attrs(attr_text) if attr_text else {}
            context.append(tag)
            if tag == "a" and attrs.get("class") == "headerlink":
                links.append(len(context))
            if tag in headings and "id" in attrs:
                depth = len(context)
                if tag != "h1" and not data:
                    data.append(Section(Element("hx"), depth))
                section = Section(Element(tag, attrs), depth)
                title = tag
                if data:
                    section.id = attrs["id"]
                data.append(section)
            if section is None:
                section = Section(Element("hx"))
                title = "hx"
                data.append(section)
            if attrs and ("data-search-exclude" in attrs or attrs.get("class") == "linenodiv"):
                skip.add(tag)
            elif tag in keep and skip.isdisjoint(context):
                fragments = section.title if title in context else section.text
                fragments.append(f"<{tag}>")
            if not closed:
                continue
        elif end_tag:
            tag = end_tag.lower()
        else:
            return None  # a ``<`` of another form
        # handle_endtag
        if not context or context[-1] != tag:
            continue
        assert section is not None  # an element is open: its start made one
        if section.depth > len(context):
            for earlier in reversed(data):
                if earlier.depth <= len(context):
                    section.depth = float("inf")  # never again the one to return to
                    section = earlier
                    title = section.el.tag
                    break
        if links and links[-1] == len(context):
            links.pop()
        context.pop()
        if tag in skip:
            if tag not in ("script", "style", "object"):
                skip.remove(tag)
            continue
        if tag in keep and skip.isdisjoint(context):
            fragments = section.title if title in context else section.text
            opened = f"<{tag}>"
            if opened not in fragments:
                return None  # Material's parser stops with an error here: let it
            index = fragments.index(opened)
            for fragment in fragments[index + 1 :]:
                if not fragment.isspace():
                    fragments.append(f"</{tag}>")
                    break
            else:
                del fragments[index:]
    return data


def material_sections(html: str) -> list[Section]:
    """The sections as Material's ``Parser`` makes them."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


def sections(html: str) -> list[Section]:
    """A page's search sections, read here when possible, else by Material's parser."""
    found = fast_sections(html) if CHECKED else None
    return material_sections(html) if found is None else found


def add_sections(index: Any, page: Any, html: str) -> bool:
    """Index ``html`` as ``page``'s content as Material's search index does; False if it cannot.

    Material's ``SearchIndex.add_entry_from_context``, with :func:`sections` for its parse: a
    page whose meta says ``search: exclude`` gives nothing, every section not excluded is
    handed to the index's own ``create_entry_for_section``. Another search index (MkDocs'
    own, or a subclass that indexes otherwise) is not handled here (False).
    """
    if not CHECKED or not isinstance(index, SearchIndex):
        return False
    if type(index).add_entry_from_context is not SearchIndex.add_entry_from_context:
        return False
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return True
    for section in sections(html):
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
    return True


CHECKED = str(getattr(material, "__version__", "")).startswith(CHECKED_MATERIAL)


# Material's search plugin removes the ``data-search-*`` attributes from every page after
# indexing it, with a pattern that starts with an optional ``\s``: the regular expression
# engine tries it at every character of the page (a fortieth of a build at 1,000 contacts,
# 17 KB a prep page). :func:`strip_search_attributes` finds the attribute itself and then
# the one white-space character before it, with the same result.
_MATERIAL_STRIP = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
_SEARCH_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]+\"")
_SPACE = re.compile(r"\s")


def strip_search_attributes(html: str) -> str:
    r"""``html`` without its ``data-search-*`` attributes, as Material's search plugin removes them.

    The same as ``re.sub(r'\s?data-search-\w+="[^"]+"', "", html)``: each match is the
    attribute, with the white-space character before it unless that character ended the
    previous match (tests/test_search_sections.py compares the two).

    >>> strip_search_attributes('<li data-search-exclude="">a</li><p\ndata-search-x="1">b</p>')
    '<li data-search-exclude="">a</li><p>b</p>'
    """
    if "data-search-" not in html:
        return html
    parts = []
    last = 0
    for match in _SEARCH_ATTRIBUTE.finditer(html):
        start = match.start()
        if start > last and _SPACE.match(html, start - 1):
            start -= 1
        parts.append(html[last:start])
        last = match.end()
    if not parts:
        return html
    parts.append(html[last:])
    return "".join(parts)


def index_page(plugin: Any, page: Any) -> None:
    """Material's ``SearchPlugin.on_page_context`` for one page, its last step faster.

    Index the page (``add_entry_from_context``, which prepguide wraps) and remove the
    ``data-search-*`` attributes with :func:`strip_search_attributes` instead of Material's
    pattern; only for the Material versions this module was checked against.
    """
    if not plugin.config.enabled:
        return
    plugin.search_index.add_entry_from_context(page)
    page.content = strip_search_attributes(page.content)
