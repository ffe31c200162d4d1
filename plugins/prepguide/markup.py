"""Untrusted text into safe Markdown and HTML.

Every value a user writes is untrusted. Plain fields are escaped for the
Markdown they are placed in (HTML special characters become entities and
Markdown syntax is backslash-escaped); Markdown fields are converted to HTML
with Python-Markdown and then sanitized with nh3, so no ``<script>``, event
handler or ``javascript:`` link survives while ordinary formatting does.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any
from urllib.parse import quote

import markdown
import nh3
from markupsafe import Markup, escape

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#+!|~])")
_LEADING_BLOCK = re.compile(r"^(\s*)([-+>]|\d+[.)])(\s)", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n\s*\n")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def text(value: object) -> Markup:
    """Escape a plain value for inline use in generated Markdown.

    HTML special characters become entities, Markdown syntax characters are
    backslash-escaped and line breaks become spaces, so a value can never open a
    tag, a link or a heading.

    >>> str(text("*AT&T*\\n# [x](y)"))
    '\\\\*AT&amp;T\\\\* \\\\# \\\\[x\\\\](y)'
    """
    if value is None:
        return Markup("")
    return _text(str(value))


@lru_cache(maxsize=65536)
def _text(value: str) -> Markup:
    # Cached: the same names, roles, places and labels recur on many pages.
    raw = " ".join(value.split())
    escaped = str(escape(raw))
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    return Markup(_LEADING_BLOCK.sub(r"\1\\\2\3", escaped))


def inline_html(value: object) -> Markup:
    """Escape a plain value for inline use in an HTML template (``text`` there).

    As :func:`text` for Markdown: white space collapsed to single spaces, HTML
    special characters escaped, and braces written as references (a plugin
    that reads pages as Markdown, such as a macros plugin, finds no syntax).

    >>> str(inline_html("AT&T <b>{x}</b>\\n  ok"))
    'AT&amp;T &lt;b&gt;&#123;x&#125;&lt;/b&gt; ok'
    """
    if value is None:
        return Markup("")
    return _inline_html(str(value))


@lru_cache(maxsize=65536)
def _inline_html(value: str) -> Markup:
    return Markup(inert_braces(str(escape(" ".join(value.split())))))


def narrow(page: str) -> str:
    """Write the characters beyond Latin-1 of a generated page as references (``&#8211;``).

    CPython stores a string at the width of its widest character, so one en
    dash or curly apostrophe doubles the memory of a page in every form MkDocs
    keeps of it until the build ends (the Markdown, its HTML, the search text).
    A numeric character reference shows the same character in the browser and
    in search results. Only for Markdown whose code spans and code blocks hold
    no user text (prepguide's templates escape backticks in values, and drafts
    sit in HTML blocks, where references are read as characters).

    >>> narrow("Café – ok")
    'Café &#8211; ok'
    """
    return page.encode("latin-1", "xmlcharrefreplace").decode("latin-1")


def meta_text(value: object) -> str:
    """A plain value as the HTML that MkDocs and the theme print for a page title or a tag.

    Material prints a page's title (in ``<title>``, the header, the navigation,
    search results) and its tags (chips, the tags page, search results) as HTML,
    unescaped, and its search plugin indexes the front matter's tags as they are.
    So the value is HTML-escaped once, here: ``AT&T`` becomes ``AT&amp;T``, which
    every one of those places shows as ``AT&T``; ``<img onerror=...>`` shows as
    typed and never becomes an element. White space is collapsed, as in the
    page's heading (docs/usage.md, "Overriding templates").

    >>> meta_text("AT&T  <img>")
    'AT&amp;T &lt;img&gt;'
    """
    if value is None:
        return ""
    return str(escape(" ".join(str(value).split())))


def yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted scalar of printable ASCII, on one line.

    Any YAML parser (MkDocs reads front matter with PyYAML's safe loader) gives
    back exactly ``value``: a backslash and a double quote are escaped, and every
    character outside printable ASCII is written as an escape (``\\x0a``,
    ``\\u00e9``, ``\\U0001f984``; characters beyond the Basic Multilingual Plane
    as one ``\\U`` escape, never as a surrogate pair, which YAML reads as two
    broken characters; a lone surrogate, which no UTF-8 file can hold, becomes U+FFFD).
    A property test checks the round trip through MkDocs.

    >>> print(yaml_string('Say "hi" 🦄'))
    "Say \\"hi\\" \\U0001f984"
    """
    return '"' + _YAML_UNSAFE.sub(_yaml_escape, value) + '"'


_YAML_UNSAFE = re.compile(r'[^\x20-\x7e]|["\\]')


def _yaml_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xD800 <= code < 0xE000:  # a lone surrogate (no UTF-8 file holds one): YAML refuses it
        return "\\ufffd"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def href(url: object) -> Markup:
    """Percent-encode a validated http(s) URL for a Markdown link target or attribute.

    >>> str(href("https://example.org/a b?q=1&r=é"))
    'https://example.org/a%20b?q=1&r=%C3%A9'
    """
    return Markup(quote(str(url), safe=":/?#@!$&'*+,;=%~-._"))


def html(value: object) -> Markup:
    """Escape a plain value for use inside an HTML block of the page.

    Braces become character references too (see :func:`inert_braces`).

    >>> str(html('<b title="x">{y}</b>'))
    '&lt;b title=&#34;x&#34;&gt;&#123;y&#125;&lt;/b&gt;'
    """
    return _html("" if value is None else str(value))


@lru_cache(maxsize=4096)
def _html(value: str) -> Markup:
    # Cached: labels, titles and the backup questions recur on many pages (a Markup is immutable).
    return Markup(html_text(value))


def html_text(value: str) -> str:
    """:func:`html` as a plain string: the characters markupsafe's ``escape`` escapes, and braces.

    >>> html_text("<a href='x'>{y} & z</a>")
    '&lt;a href=&#39;x&#39;&gt;&#123;y&#125; &amp; z&lt;/a&gt;'
    """
    # markupsafe's escape, written out: it would make a Markup object only to be read back.
    escaped = (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )
    return inert_braces(escaped)


_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def inert_braces(fragment: str) -> str:
    """``fragment`` (HTML) with its braces written as character references.

    An HTML block that sits inside an element marked ``markdown`` (a folded
    section, a letter) is read again by Python-Markdown's ``md_in_html``, and
    extensions such as ``attr_list`` then turn a ``{: onfocus=... style=... }``
    at the end of its text into attributes of the element. A browser shows
    ``&#123;`` as ``{``; no Markdown extension reads it as syntax. Every
    sanitized field and every value escaped for an HTML block goes through here
    (docs/security.md).

    >>> inert_braces('<p>Read more {: onfocus="alert(1)" }</p>')
    '<p>Read more &#123;: onfocus="alert(1)" &#125;</p>'
    """
    return fragment.translate(_BRACES) if "{" in fragment or "}" in fragment else fragment


INLINE_PATTERNS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    # Tabs become spaces and \r a line break; and Python-Markdown's raw-HTML step puts a line
    # break after the spaces before a block-level tag, which makes one.
    "linebreak": (" \n", "\t\n", " \r", "\t\r", "<"),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}
"""Python-Markdown's inline patterns, each with what a text must contain for it to match.

Every match of a pattern holds one of these (a code span its backtick, a link
its bracket, a hard line break the spaces before the line's end, which raw HTML
can also produce), and what a pattern puts in the text in place of a match (a
placeholder of control characters, letters and digits) holds none, so a pattern
whose characters a text lacks cannot change it. A test checks that the converter has exactly
these patterns: a Python-Markdown release that adds one fails it instead of
leaving its syntax out.
"""


def inline_patterns(source: str) -> frozenset[str]:
    """The inline patterns that could match somewhere in ``source``."""
    if "\x02" in source or "\x03" in source:  # Python-Markdown drops them: all patterns
        return frozenset(INLINE_PATTERNS)
    return frozenset(
        name
        for name, needles in INLINE_PATTERNS.items()
        if any(needle in source for needle in needles)
    )


@lru_cache(maxsize=64)
def _converter(patterns: frozenset[str] | None = None) -> markdown.Markdown:
    """Python-Markdown as prepguide configures it, with only the inline ``patterns`` given.

    Inline patterns (emphasis, links, code spans, escapes, raw HTML, entities,
    hard line breaks) are most of a conversion, each tried on every run of
    text, so a text is converted with only those that could match in it
    (:func:`inline_patterns`); without any, the inline step is left out. The
    output is the same (a property test checks it). ``None``: all of them.
    """
    converter = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    if patterns is not None:
        if not patterns:
            converter.treeprocessors.deregister("inline")
        for name in INLINE_PATTERNS:
            if name not in patterns and name in converter.inlinePatterns:
                converter.inlinePatterns.deregister(name)
    return converter


def render_markdown(source: str | None) -> str:
    """Convert a Markdown field to sanitized HTML (empty for no text)."""
    if not source or not source.strip():
        return ""
    return _render_markdown(source)


@lru_cache(maxsize=32768)
def _render_markdown(source: str) -> str:
    # Cached: an organization's summary is shown on the page of everyone who
    # works there, and a `mkdocs serve` rebuild converts unchanged fields again.
    produced = plain_html(source)
    if produced is None and tangled(source) is not None:
        produced = literal_html(source)
    if produced is None:
        converter = _converter(inline_patterns(source))
        converter.reset()
        try:
            produced = converter.convert(source)
        except RecursionError:  # nesting :func:`tangled` did not foresee: show it as written
            converter.reset()
            produced = literal_html(source)
    return sanitize(produced)


# The work Python-Markdown may do on a Markdown field, in rough units, and what a field may cost
# before it is shown as written instead (docs/security.md, "Markdown fields"). Each budget is
# some 20 ms of Python-Markdown 3 on a laptop, and far beyond what notes written by hand need:
# one unclosed `[` at the start of a 20 KB note costs 20,000 bracket steps.
BRACKET_BUDGET = 50_000
"""Characters Python-Markdown scans looking for the end of a link text or target."""
TAG_BUDGET = 200_000
"""Characters scanned looking for the end of something that starts like an HTML tag."""
INLINE_BUDGET = 40_000_000
"""Inline matches in a paragraph times the paragraph's length (each match copies the text)."""
LINES_BUDGET = 20_000_000
"""Lines of a block (text between blank lines) times its length (some blocks are read line by
line, and each step looks at the rest of the block again)."""
NESTING_BUDGET = 1_000_000
"""Characters times the depth of the lists and quotes they sit in (each level parses again)."""

_UNIT_START = re.compile(r"\n[ \t]*(?:\n|[-*+#>]|\d+[.)])")
_INLINE_CHAR = re.compile(r"[\\`*_\[\]<>&!]| {2,}\n")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_LINE_DEPTH = re.compile(r"^((?:[ \t]*(?:>|(?:[-*+]|\d+[.)])(?=[ \t])))*)([ \t]*)", re.MULTILINE)
_NESTING_MARK = re.compile(r">|[-*+]|\d+[.)]")
MAX_DEPTH = 32
"""Lists and quotes nested deeper than this are shown as written (Python-Markdown recurses)."""


def tangled(source: str) -> str | None:
    """Why converting ``source`` with Python-Markdown would take long, or None.

    Python-Markdown is quadratic on some inputs: each ``[`` scans ahead to its
    closing bracket (so ``[[[[…x…]]]]`` or many unclosed ``[`` scan the text
    again and again), each ``<a`` scans ahead for the ``>`` that ends the tag,
    each inline match copies its paragraph, and each level of nested lists and
    quotes parses its lines again; 10 KB of ``[`` took 46 seconds. This
    estimates each of these costs in one pass and names the first that is over
    its budget. Such a field is shown as written (:func:`literal_html`), and
    ``check`` warns about it (docs/usage.md, "Markdown fields").
    """
    if len(source) <= 200:  # no text this short comes near a budget (200 * 200 / 2 < 50,000)
        return None
    cost = _bracket_cost(source)
    if cost > BRACKET_BUDGET:
        return "`[` and `]` nested or left open too often"
    cost = _tag_cost(source)
    if cost > TAG_BUDGET:
        return "too many `<` that start a tag which is not closed with `>`"
    cost = 0
    for block in _BLANK_LINES.split(source):
        cost += (block.count("\n") + 1) * len(block)
        if cost > LINES_BUDGET:
            return "too many lines without a blank line between them"
    cost = 0
    for unit in _units(source):
        matches = len(_INLINE_CHAR.findall(unit))
        cost += matches * len(unit)
        if cost > INLINE_BUDGET:
            return "too much formatting (`*`, `_`, `` ` ``, `[`, `<`, `&`…) in one paragraph"
    cost = 0
    for match in _LINE_DEPTH.finditer(source):
        marks, indent = match.group(1), match.group(2)
        depth = len(_NESTING_MARK.findall(marks)) + len(marks.expandtabs(4)) // 4
        depth += len(indent.expandtabs(4)) // 4
        if depth > MAX_DEPTH:
            return "lists or quotes (`>`) nested too deep"
        if depth:
            end = source.find("\n", match.end())
            cost += depth * ((len(source) if end < 0 else end) - match.start() + 1)
            if cost > NESTING_BUDGET:
                return "lists or quotes (`>`) nested too deep"
    return None


def _units(source: str) -> list[str]:
    """The runs of text Python-Markdown handles as one: paragraphs, list items, headings."""
    starts = [0, *(m.start() + 1 for m in _UNIT_START.finditer(source)), len(source)]
    return [source[a:b] for a, b in itertools.pairwise(starts) if b > a]


def _bracket_cost(source: str) -> int:
    """Characters scanned from each ``[`` (and each ``(`` after ``]``) to its match or the end."""
    cost = 0
    brackets: list[int] = []
    parens: list[int] = []
    for match in _BRACKETS.finditer(source):
        char, at = match.group(), match.start()
        if char == "[":
            brackets.append(at)
        elif char == "]":
            if brackets:
                cost += at - brackets.pop()
        elif char == "(":
            if at and source[at - 1] == "]":
                parens.append(at)
        elif parens:
            cost += at - parens.pop()
    end = len(source)
    return cost + sum(end - at for at in brackets) + sum(end - at for at in parens)


_BRACKETS = re.compile(r"\\.|[\[\]()]", re.DOTALL)


def _tag_cost(source: str) -> int:
    """Characters scanned from each ``<`` that starts a tag to the next ``>`` (or the end)."""
    cost = 0
    end = len(source)
    for match in _TAG_START.finditer(source):
        close = source.find(">", match.start())
        cost += (end if close < 0 else close) - match.start()
        if cost > TAG_BUDGET:
            break
    return cost


def literal_html(source: str) -> str:
    """``source`` shown as written: each paragraph escaped, its line breaks kept."""
    paragraphs = (part.strip("\n") for part in _BLANK_LINES.split(source))
    return "\n".join(
        "<p>" + "<br>\n".join(str(escape(line)) for line in part.split("\n")) + "</p>"
        for part in paragraphs
        if part.strip()
    )


_MARKUP_CHARS = re.compile(r"[\\`*_\[\]<>&#|{}=+~!\x02\x03]|[^\S \n]")
_BLOCK_START = re.compile(r"^(?:-|\d+[.)])", re.MULTILINE)
_EDGE_SPACE = re.compile(r"^ | $", re.MULTILINE)


def is_plain_prose(source: str) -> bool:
    """Whether ``source`` holds no Markdown at all: only sentences in paragraphs.

    True when it has none of Markdown's (or HTML's) special characters, no line
    that starts like a list item, rule or heading underline (``-``, ``1.``,
    ``2)``), and no line with leading or trailing spaces (code blocks, line
    breaks), and no white space but spaces and line breaks (Python-Markdown
    strips the others at the ends of a paragraph), and no STX or ETX control
    character (Python-Markdown drops them). Many notes are like that;
    Python-Markdown is then not needed.
    """
    return not (
        _MARKUP_CHARS.search(source) or _BLOCK_START.search(source) or _EDGE_SPACE.search(source)
    )


def plain_paragraphs(source: str) -> str:
    """The HTML Python-Markdown makes of plain prose: each run of lines a ``<p>``.

    Only for text where :func:`is_plain_prose` holds; a property test checks that
    the result is exactly Python-Markdown's.
    """
    paragraphs = (part.strip("\n") for part in _BLANK_RUN.split(source))
    return "\n".join(f"<p>{part}</p>" for part in paragraphs if part)


_BLANK_RUN = re.compile(r"\n{2,}")
_ITEM_START = re.compile(r"- (?!-|\d+[.)]|\s)")


def plain_html(source: str) -> str | None:
    """The HTML Python-Markdown makes of plain paragraphs and plain bullet lists, or None.

    Covers the two most common shapes of notes without calling Python-Markdown:
    paragraphs of plain prose (as :func:`is_plain_prose`) and blocks of
    ``- item`` lines, one item a line, with no markup in the items, separated by
    blank lines from the paragraphs around them. Anything else (two lists in a
    row, which Python-Markdown joins into one loose list; an item that goes on
    to a second line; a nested list) gives None: convert it with Python-Markdown.
    A property test checks the result against Python-Markdown.
    """
    if _MARKUP_CHARS.search(source) or _EDGE_SPACE.search(source):
        return None
    if _BLOCK_START.search(source) is None:
        return plain_paragraphs(source)
    parts: list[str] = []
    after_list = False
    for block in _BLANK_RUN.split(source):
        block = block.strip("\n")
        if not block:
            continue
        if _BLOCK_START.search(block) is None:
            parts.append(f"<p>{block}</p>")
            after_list = False
            continue
        if after_list:
            return None
        items = block.split("\n")
        for item in items:
            if not _ITEM_START.match(item):
                return None
        parts.append("<ul>\n" + "".join(f"<li>{item[2:]}</li>\n" for item in items) + "</ul>")
        after_list = True
    return "\n".join(parts)


_SANITIZE_OPTIONS: dict[str, Any] = {
    "tags": ALLOWED_TAGS,
    "attributes": ALLOWED_ATTRIBUTES,
    "url_schemes": URL_SCHEMES,
    "link_rel": "noopener noreferrer nofollow",
    "strip_comments": True,
}


@lru_cache(maxsize=1)
def _cleaner() -> Callable[[str], str]:
    """nh3's sanitizer with prepguide's rules, built once (``nh3.Cleaner``, nh3 0.2.18+)."""
    cleaner_class = getattr(nh3, "Cleaner", None)
    if cleaner_class is None:  # pragma: no cover - older nh3
        return partial(nh3.clean, **_SANITIZE_OPTIONS)
    return cleaner_class(**_SANITIZE_OPTIONS).clean


def sanitize(fragment: str) -> str:
    """Remove everything but harmless formatting from an HTML fragment.

    What is left can be placed anywhere in a generated page, also where
    Python-Markdown reads it again: its braces are inert (:func:`inert_braces`).

    >>> sanitize('<p onclick="steal()">Hi <script>alert(1)</script><b>there</b> {: .x }</p>')
    '<p>Hi <b>there</b> &#123;: .x &#125;</p>'
    """
    return inert_search_attributes(inert_braces(_cleaner()(fragment)))


def inert_search_attributes(fragment: str) -> str:
    """``fragment`` (sanitized HTML) with ``data-search-`` written ``data-search&#45;``.

    Material's search plugin removes ``data-search-*="…"`` attributes from a page by
    searching its text, not its tags (and prepguide does the same step the same way:
    plugin/search_sections.py): a Markdown field that says ``data-search-x="`` (a
    sanitized field keeps its quotes) would lose everything up to the next quote, headings
    of the page included, while the search index kept it. A sanitized fragment has no such
    attribute of its own (the sanitizer allows none), and a browser shows ``&#45;`` as
    ``-``, in text and in attribute values alike (docs/security.md).

    >>> inert_search_attributes('<p>say data-search-boost="9" here</p>')
    '<p>say data-search&#45;boost="9" here</p>'
    """
    return (
        fragment.replace("data-search-", "data-search&#45;")
        if "data-search-" in fragment
        else fragment
    )


def markdown_block(source: str | None, css_class: str = "pg-md") -> Markup:
    """A Markdown field as a sanitized HTML block to embed in generated Markdown.

    The block is surrounded by blank lines and kept on lines that start with
    ``<div``, so Python-Markdown passes it through untouched.
    """
    body = render_markdown(source)
    if not body:
        return Markup("")
    body = _BLANK_LINES.sub("\n", body)
    return Markup(f'\n<div class="{css_class}">\n{body}\n</div>\n')
