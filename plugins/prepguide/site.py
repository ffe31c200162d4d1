"""Render a corpus into the pages of the site, as Markdown.

Pages are Markdown with front matter (and sanitized HTML blocks where
Markdown cannot say it), so that the engine builds the table of contents,
checks links and indexes the text for search. Nothing here imports MkDocs:
:func:`render_site` returns :class:`PageSpec` and :class:`AssetSpec` values
that the plugin turns into MkDocs files.

Templates are Jinja2 files: ``*.md.j2`` write Markdown (the index pages),
``*.html.j2`` write HTML (prep and organization pages: :mod:`prepguide.pagehtml`).
A file of the same name in the theme's ``custom_dir`` under ``prepguide/``
replaces the built-in one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from . import __version__, markup, pagehtml
from .corpus import Corpus, is_id_like
from .model import STATUS_LABELS, STATUSES, Contact, Organization
from .options import Options

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


@dataclass(frozen=True)
class PageSpec:
    """A generated Markdown page."""

    src_uri: str
    markdown: str
    in_nav: bool = False
    html: bool = False
    """Whether the body after the front matter is HTML (pagehtml.py), not Markdown."""


@dataclass(frozen=True)
class AssetSpec:
    """A generated file copied as is (a calendar, for example)."""

    src_uri: str
    content: bytes


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL path of a page, as MkDocs computes it (``contacts/x.md`` -> ``contacts/x/``)."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) in ("index", "README"):
        parent = posixpath.dirname(stem)
        return f"{parent}/" if parent else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


@functools.lru_cache(maxsize=65536)
def relative_url(to_src: str, from_src: str, use_directory_urls: bool) -> str:
    """A URL to page ``to_src`` relative to page ``from_src`` (for raw HTML links)."""
    target = page_url(to_src, use_directory_urls)
    source = page_url(from_src, use_directory_urls)
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    rel = relpath("/" + target, "/" + base.rstrip("/") if base else "/")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


def relpath(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for absolute paths, without its normalizing.

    Five times faster for paths made of plain names (no ``.`` or ``..`` parts),
    which page URLs are; anything else goes to ``posixpath.relpath``.
    """
    path_parts = [part for part in path.split("/") if part]
    start_parts = [part for part in start.split("/") if part]
    if not (path.startswith("/") and start.startswith("/")) or any(
        part in (".", "..") for part in (*path_parts, *start_parts)
    ):
        return posixpath.relpath(path, start)
    common = 0
    for mine, theirs in zip(start_parts, path_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + path_parts[common:]
    return "/".join(parts) if parts else "."


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


_BUILTIN_TEMPLATES = str(Path(__file__).parent / "templates")


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
    env.globals["front_matter"] = front_matter
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
        "longdate": format_date,
        "datetime": format_datetime,
        "zip_pairs": zip_pairs,
        "json_attr": json_attr,
        "letter": letter_html,
        "letter_id": letter_id,
    }


@jinja2.pass_context
def _text_filter(context: jinja2.runtime.Context, value: object) -> str:
    """The ``text`` filter: a plain value escaped for the template it is written in.

    Markdown templates (``*.md.j2``) get :func:`markup.text`, HTML templates
    (``*.html.j2``, pagehtml.py) :func:`markup.inline_html`.
    """
    if (context.name or "").endswith(".html.j2"):
        return markup.inline_html(value)
    return markup.text(value)


_ENV_OPTIONS: dict[str, Any] = {
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}
"""How templates are compiled (also part of the bytecode cache's file names)."""


class _TolerantBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's file cache, where a folder that cannot be read or written costs a compile."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
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
    kinds = sorted((name, str(getattr(f, "jinja_pass_arg", ""))) for name, f in _filters().items())
    tag = hashlib.sha256(
        repr((__version__, sorted(_ENV_OPTIONS.items()), kinds)).encode()
    ).hexdigest()
    try:
        return _TolerantBytecodeCache(pattern=f"__prepguide_{tag[:12]}_%s.cache")
    except (OSError, RuntimeError):
        return None


def front_matter(title: object, tags: Iterable[object] = ()) -> str:
    """The YAML lines between a page's ``---`` lines: its title and its tags.

    A page template writes ``{{ front_matter(title=contact.name, tags=contact.tags) }}``.
    Each value is HTML-escaped once (:func:`markup.meta_text`), since the theme prints
    page titles and tags as HTML, and written as a quoted YAML string that MkDocs reads
    back exactly (:func:`markup.yaml_string`), whatever it holds: quotes, line
    breaks, ``---``, emoji. Never ``| tojson``: JSON is not always YAML (a character
    beyond the Basic Multilingual Plane becomes a surrogate pair YAML refuses) and
    leaves ``<`` to the theme.
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
    """
    paragraphs = [p.strip("\n") for p in str(body or "").split("\n\n")]
    return "".join(
        f"<p>{'<br>'.join(markup.html(line) for line in p.split(chr(10)))}</p>"
        for p in paragraphs
        if p.strip()
    )


def letter_id(draft: Any) -> str:
    """The HTML id of a draft's text (its copy button's ``data-clipboard-target``)."""
    digest = hashlib.sha256(f"{draft.title}\n{draft.body}".encode()).hexdigest()
    return f"pg-letter-{digest[:12]}"


def json_attr(values: Iterable[object]) -> str:
    """A list as a JSON array, escaped for an HTML attribute (``data-tag="[&#34;a&#34;]"``)."""
    return markup.html(json.dumps(list(values), ensure_ascii=False))


def zip_pairs(values: Iterable[str], labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """``["a"]`` -> ``[("a", label of "a")]``, for ``<option>`` values and texts."""
    return [(v, (labels or {}).get(v, v)) for v in values]


def format_date(value: dt.date | None) -> str:
    """``2026-12-04`` -> ``Friday 4 December 2026``."""
    if value is None:
        return ""
    return f"{value:%A} {value.day} {value:%B %Y}"


def format_datetime(value: dt.datetime | None) -> str:
    """``2026-12-04 15:30`` -> ``Friday 4 December 2026, 15:30``."""
    if value is None:
        return ""
    return f"{format_date(value.date())}, {value:%H:%M}"


@dataclass(frozen=True)
class SiteContext:
    """What every template may use besides the corpus."""

    options: Options
    today: dt.date
    use_directory_urls: bool
    site_url: str | None
    public: bool
    headings: pagehtml.HeadingStyle = pagehtml.DEFAULT_STYLE
    """How the HTML pages' headings get ids and permalinks (``mkdocs.yml``'s ``toc``)."""

    def link(self, to_src: str, from_src: str) -> str:
        """A relative URL from one generated page to another (for HTML blocks)."""
        return relative_url(to_src, from_src, self.use_directory_urls)


def html_helpers(ctx: SiteContext, src: str) -> dict[str, Any]:
    """What an HTML template (``*.html.j2``) of page ``src`` is given besides its values.

    ``h``: its headings (:class:`pagehtml.Headings`), ``link``: the relative URL
    of another generated page (``link("contacts/ada.md")``).
    """
    return {"h": pagehtml.Headings(ctx.headings), "link": functools.partial(ctx.link, from_src=src)}


def contact_src(contact_id: str) -> str:
    """The source path of a contact's prep page."""
    return f"contacts/{contact_id}.md"


def organization_src(org_id: str) -> str:
    """The source path of an organization page."""
    return f"organizations/{org_id}.md"


def render_site(
    corpus: Corpus,
    ctx: SiteContext,
    renderer: Renderer,
    *,
    with_dashboard: bool = True,
    cache: PageCache | None = None,
) -> list[PageSpec]:
    """Render every generated page of the site.

    Arguments:
        corpus: The corpus as the audience may see it.
        ctx: Options and URL settings.
        renderer: The templates.
        with_dashboard: Generate ``index.md`` (false when the user wrote one).
        cache: Pages of an earlier build to reuse where nothing they were made
            from has changed (``mkdocs serve``); see :class:`PageCache`.
    """
    from .calendar import has_meeting_event
    from .network import (
        build_network,
        draw_svg,
        facts_about_source,
        facts_about_target,
        network_sentences,
        node_labels,
        relations_by_contact,
    )
    from .prep import build_prep

    session = cache.session(corpus, renderer, ctx) if cache is not None else None

    common = {"corpus": corpus, "ctx": ctx, "statuses": STATUSES, "status_labels": STATUS_LABELS}
    pages: list[PageSpec] = []
    if with_dashboard:
        if ctx.public:
            pages.append(PageSpec("index.md", renderer.page("home.md.j2", **common), in_nav=True))
        else:
            body = dashboard_page(corpus, ctx, renderer, common, session)
            pages.append(PageSpec("index.md", body, in_nav=True, html=True))
    row_template = renderer.env.get_template("contacts-row.html.j2")

    def row_html(row: DirectoryRow) -> str:
        def make(seen: Corpus) -> str:
            return row_template.render(**{**common, "corpus": seen}, row=row)

        if session is None:
            return make(corpus)
        key = (row_template, row.contact, row.org)
        return str(session.get(f"contacts.md#{row.contact.id}", key, make))

    pages.append(
        PageSpec(
            "contacts.md",
            renderer.page(
                "contacts.html.j2",
                **common,
                **contacts_context(corpus, cache.rows if cache is not None else None),
                **html_helpers(ctx, "contacts.md"),
                row_html=row_html,
            ),
            in_nav=True,
            html=True,
        )
    )
    pages.append(
        PageSpec(
            "organizations.md",
            renderer.page("organizations.md.j2", **common),
            in_nav=True,
        )
    )
    if not ctx.public:
        # calendar.ics exists in private builds only (calendar_assets): its page is in the nav.
        pages.append(
            PageSpec("calendar.md", renderer.page("calendar.md.j2", **common), in_nav=True)
        )
    network = build_network(corpus, public=ctx.public)
    contacts = corpus.contacts
    # Who led to whom, each with what the notes say happened (network.relation).
    led_by, led_to = relations_by_contact(corpus, public=ctx.public)
    ics_ids = (
        set() if ctx.public else {cid for cid, c in corpus.contacts.items() if has_meeting_event(c)}
    )
    contact_template = renderer.env.get_template("contact.html.j2")
    profile = corpus.profile
    for cid, contact in sorted(contacts.items()):
        org = corpus.organization_of(contact)
        via = contacts.get(contact.connection.via or "")
        ics_link = meeting_ics_link(cid, ctx) if cid in ics_ids else None
        by = tuple((contacts[r.source], facts_about_source(r)) for r in led_by.get(cid, ()))
        to = tuple((contacts[r.target], facts_about_target(r)) for r in led_to.get(cid, ()))

        def render_contact(
            seen: Corpus,
            contact: Contact = contact,
            org: Organization | None = org,
            via: Contact | None = via,
            ics_link: str | None = ics_link,
            by: tuple[tuple[Contact, str], ...] = by,
            to: tuple[tuple[Contact, str], ...] = to,
        ) -> str:
            prep = build_prep(seen, contact, ctx.options)
            src = contact_src(contact.id)
            return narrow_page(
                contact_template,
                contact_template.render(
                    **{**common, "corpus": seen},
                    prep=prep,
                    contact=contact,
                    org=org,
                    via=via,
                    referrals=referral_links(seen, contact),  # lookups recorded by the cache
                    profile=profile,
                    ics_link=ics_link,
                    led_by=list(by),
                    led_to=list(to),
                    brief=prep_brief(seen, contact, ctx),
                    order=SECTION_ORDER[stage_of(contact, ctx.public)],
                    folded=FOLDED[stage_of(contact, ctx.public)] if not ctx.public else (),
                    **html_helpers(ctx, src),
                ),
            )

        src = contact_src(cid)
        # The profile and the site context are in every key (the session's base).
        key: tuple[Any, ...] = (contact_template, contact, org, via, ics_link, by, to)
        body = session.get(src, key, render_contact) if session else render_contact(corpus)
        pages.append(PageSpec(src, body, html=True))
    org_template = renderer.env.get_template("organization.html.j2")
    for oid, org in sorted(corpus.organizations.items()):
        people = corpus.contacts_at(oid)

        def render_org(seen: Corpus, org: Any = org, people: list[Contact] = people) -> str:
            return narrow_page(
                org_template,
                org_template.render(
                    **{**common, "corpus": seen},
                    org=org,
                    people=people,
                    **html_helpers(ctx, organization_src(org.id)),
                ),
            )

        src = organization_src(oid)
        key = (org_template, org, tuple(people))
        body = session.get(src, key, render_org) if session else render_org(corpus)
        pages.append(PageSpec(src, body, html=True))
    labels = node_labels(network, corpus)
    introductions, suggestions = network_sentences(corpus, public=ctx.public)

    def draw(seen: Corpus) -> str:
        return draw_svg(network, labels, lambda cid: ctx.link(contact_src(cid), "network.md"))

    network_template = renderer.env.get_template("network.html.j2")

    def render_network(seen: Corpus) -> str:
        return narrow_page(
            network_template,
            network_template.render(
                **{**common, "corpus": seen},
                network=network,
                people=dict(labels),
                svg=draw(seen),
                introductions=introductions,
                suggestions=suggestions,
                **html_helpers(ctx, "network.md"),
            ),
        )

    key = (network_template, network, labels, introductions, suggestions)
    body = session.get("network.md", key, render_network) if session else render_network(corpus)
    pages.append(PageSpec("network.md", body, in_nav=True, html=True))
    return pages


# ---------------------------------------------------------------------------
# The brief at the top of a prep page, and the order of its sections (docs/usage.md, "Prep pages")

STAGES: dict[str, str] = {
    "researching": "before-contact",
    "to-contact": "before-contact",
    "requested": "before-talk",
    "scheduled": "before-talk",
    "met": "after-talk",
    "thanked": "after-talk",
    "closed": "after-talk",
}
"""The stage of a conversation, from ``meeting.status``."""

SECTION_ORDER: dict[str, tuple[str, ...]] = {
    "before-contact": (
        "outreach", "person", "common", "organization", "goals", "questions", "intro",
        "logistics", "after",
    ),
    "before-talk": (
        "person", "common", "organization", "goals", "questions", "intro", "outreach",
        "logistics", "after",
    ),
    "after-talk": (
        "after", "person", "common", "organization", "goals", "questions", "intro", "outreach",
        "logistics",
    ),
}  # fmt: skip
"""The sections of a prep page at each stage; "before-talk" is the order docs/usage.md lists."""

FOLDED: dict[str, frozenset[str]] = {
    "before-contact": frozenset({"after"}),
    "before-talk": frozenset({"outreach", "after"}),
    "after-talk": frozenset({"questions", "intro", "outreach"}),
}
"""The sections folded (``<details>``) at each stage: on the page, one click away."""


@dataclass(frozen=True)
class Brief:
    """The facts at the top of a prep page (all plain text; the template escapes them).

    Attributes:
        stage: ``before-contact``, ``before-talk`` or ``after-talk`` (``before-talk``
            in a public build, which carries no status).
        when: The meeting's day and time in the guide's timezone ("Wednesday 2
            December 2026, 12:30"), or "".
        relative: The same from the build's ``today`` ("tomorrow, 12:30"), or "".
        place_url: ``meeting.place`` when it is an http(s) address (the call link).
        place: ``meeting.place`` when it is not an address.
        step: The one next step ("Send the thank-you note").
        due: When it is due ("by Friday 27 November 2026"), or "".
        command: A command that records the step (shown as code), or "".
    """

    stage: str
    when: str = ""
    relative: str = ""
    place_url: str = ""
    place: str = ""
    step: str = ""
    due: str = ""
    command: str = ""


def is_web_address(value: str | None) -> bool:
    """Whether a value is one http(s) address (a call link), nothing else."""
    if not value:
        return False
    candidate = value.strip()
    return (
        candidate.lower().startswith(("https://", "http://"))
        and len(candidate) > 8
        and not any(ch.isspace() or ch in "<>\"'`" or ord(ch) < 32 for ch in candidate)
    )


def relative_day(day: dt.date, today: dt.date) -> str:
    """``today``, ``tomorrow``, ``in 6 days``, ``yesterday``, ``3 days ago``, ``on 4 January``."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if 1 < days < 14:
        return f"in {days} days"
    if -14 < days < -1:
        return f"{-days} days ago"
    return f"on {day.day} {day:%B}" + (f" {day.year}" if day.year != today.year else "")


def stage_of(contact: Contact, public: bool) -> str:
    """The stage that orders a prep page (a public build's pages prepare a talk)."""
    return "before-talk" if public else STAGES.get(contact.meeting.status, "before-talk")


def prep_brief(corpus: Corpus, contact: Contact, ctx: SiteContext) -> Brief:
    """The brief of a prep page: when, where, and the one next step (docs/usage.md).

    A public build shows no status, no place and no step that depends on them.
    """
    from .dashboard import NUDGE_AFTER_BUSINESS_DAYS, add_business_days
    from .network import introduction_state
    from .text import first_name

    stage = stage_of(contact, ctx.public)
    meeting = contact.meeting
    today = ctx.today
    when = relative = ""
    if meeting.date is not None and not ctx.public:
        when = format_datetime(meeting.date)
        relative = f"{relative_day(meeting.date.date(), today)}, {meeting.date:%H:%M}"
    place_url = place = ""
    if meeting.place and not ctx.public:
        if is_web_address(meeting.place):
            place_url = meeting.place.strip()
        else:
            place = meeting.place
    if ctx.public:
        return Brief(stage)
    first = first_name(contact.name) or contact.name
    status = meeting.status
    step = due = command = ""
    via = corpus.contacts.get(contact.connection.via or "")
    if status in ("researching", "to-contact"):
        if via is not None and introduction_state(contact) == "to-request":
            step = f"Ask {via.name} for an introduction to {first}"
        else:
            step = f"Send {first} the request"
        if status == "researching":
            step = f"Finish your research, then {step[0].lower()}{step[1:]}"
    elif status == "requested":
        step = f"Wait for {first}'s answer, then confirm a date and time"
        if meeting.requested is not None:
            nudge = add_business_days(meeting.requested, NUDGE_AFTER_BUSINESS_DAYS)
            due = f"no answer by {format_date(nudge)}: send a polite nudge"
    elif status == "scheduled":
        if meeting.date is None:
            step = f"Confirm a date and time with {first}"
        elif meeting.date.date() < today:
            step = f"Did you talk to {first} on {format_date(meeting.date.date())}? Record it with"
            command = f"prepguide status {contact.id} met"
        elif (meeting.date.date() - today).days > 1:
            step = f"Confirm the time with {first}, then prepare: questions and intro"
            due = f"confirm by {format_date(meeting.date.date() - dt.timedelta(days=1))}"
        else:
            step = "Prepare: read the questions and say your intro aloud"
            due = f"before {relative}"
    elif status == "met":
        step = f"Send {first} the thank-you note"
        held = meeting.date.date() if meeting.date is not None else today
        due = f"by {format_date(held + dt.timedelta(days=1))}"
    elif status == "thanked":
        pending = sorted((f for f in contact.follow_up if not f.done), key=lambda f: f.date)
        if pending:
            step = f"Follow up: {pending[0].note}"
            due = f"by {format_date(pending[0].date)}"
        elif meeting.date is not None:
            day = meeting.date.date()
            step = f"Follow up with {first}: tell them what you did with their advice"
            due = (
                f"between {format_date(day + dt.timedelta(weeks=2))} "
                f"and {format_date(day + dt.timedelta(weeks=4))}"
            )
        else:
            step = f"Follow up with {first} in two to four weeks"
    else:  # closed
        step = "Reflect: is this direction still right for you?"
    return Brief(stage, when, relative, place_url, place, step, due, command)


def referral_links(corpus: Corpus, contact: Contact) -> list[tuple[str, str | None]]:
    """Each referral as ``(name, contact id or None)``."""
    result: list[tuple[str, str | None]] = []
    for referral in contact.referrals:
        if is_id_like(referral) and referral in corpus.contacts:
            result.append((corpus.contacts[referral].name, referral))
        else:
            result.append((referral, None))
    return result


@dataclass(frozen=True)
class DirectoryRow:
    """One row of the contacts index, with the values its filters match."""

    contact: Contact
    org: Organization | None
    industry: str
    years: tuple[str, ...]
    location: str


def contacts_context(corpus: Corpus, memo: dict[str, DirectoryRow] | None = None) -> dict[str, Any]:
    """Rows and filter choices for the contacts index (the directory of a playbook).

    ``memo`` keeps each contact's row between ``mkdocs serve`` rebuilds (reused
    while the contact and organization models are the same objects).
    """
    rows: list[DirectoryRow] = []
    known = memo if memo is not None else {}
    fresh: dict[str, DirectoryRow] = {}
    for cid, contact in corpus.contacts.items():
        org = corpus.organization_of(contact)
        row = known.get(cid)
        if row is None or row.contact is not contact or row.org is not org:
            years = sorted({e.year for e in contact.background.education if e.year})
            row = DirectoryRow(
                contact=contact,
                org=org,
                industry=org.industry if org and org.industry else "",
                years=tuple(str(y) for y in years),
                location=contact.location or "",
            )
        fresh[cid] = row
        rows.append(row)
    rows.sort(key=lambda r: r.contact.name.casefold())
    if memo is not None:
        memo.clear()
        memo.update(fresh)

    def choices(values: Iterable[str]) -> list[str]:
        return sorted({v for v in values if v}, key=str.casefold)

    orgs = sorted(
        {(r.org.id, r.org.name) for r in rows if r.org is not None},
        key=lambda item: item[1].casefold(),
    )
    return {
        "contacts": [r.contact for r in rows],
        "rows": rows,
        "filter_orgs": orgs,
        "filter_tags": choices(t for c in corpus.contacts.values() for t in c.tags),
        "filter_industries": choices(r.industry for r in rows),
        "filter_years": sorted({y for r in rows for y in r.years}, reverse=True),
        "filter_locations": choices(r.location for r in rows),
    }


def dashboard_context(corpus: Corpus, ctx: SiteContext) -> dict[str, Any]:
    """Pipeline, upcoming meetings and due items for the dashboard."""
    from .dashboard import due, pipeline, upcoming, visible_contacts

    contacts = visible_contacts(corpus, ctx.options)
    return {
        "pipeline": pipeline(corpus, ctx.options, contacts=contacts),
        "upcoming": upcoming(corpus, ctx.options, contacts=contacts),
        "due": due(corpus, ctx.options, contacts=contacts),
    }


def dashboard_facts(corpus: Corpus) -> tuple[tuple[Any, ...], ...]:
    """Everything of the contacts that the dashboard shows or counts.

    Names, visibility, meetings, follow-ups and organizations: an edit to
    anything else (a role, notes, questions) leaves the dashboard as it was.
    """
    orgs = corpus.organizations
    return tuple(
        (
            cid,
            c.name,
            c.visibility,
            c.meeting,
            c.follow_up,
            c.organization,
            org.name if c.organization and (org := orgs.get(c.organization)) else None,
        )
        for cid, c in corpus.contacts.items()
    )


def dashboard_page(
    corpus: Corpus,
    ctx: SiteContext,
    renderer: Renderer,
    common: dict[str, Any],
    session: _CacheSession | None,
) -> str:
    """The dashboard's page; kept between serve rebuilds while its facts are unchanged."""

    def make(seen: Corpus) -> str:
        # The pipeline and due list read every contact: their inputs are the key.
        return renderer.page(
            "dashboard.html.j2",
            **{**common, "corpus": seen},
            **dashboard_context(corpus, ctx),
            **html_helpers(ctx, "index.md"),
        )

    if session is None:
        return make(corpus)
    template = renderer.env.get_template("dashboard.html.j2")
    return str(session.get("index.md", (template, dashboard_facts(corpus)), make))


def site_assets(
    corpus: Corpus, ctx: SiteContext, assets_dir: Path, *, cache: PageCache | None = None
) -> list[AssetSpec]:
    """Files besides pages: stylesheet, script, logo and favicon (no CDN), and the calendars."""
    assets = [
        AssetSpec(f"assets/prepguide/{path.name}", path.read_bytes())
        for path in sorted(assets_dir.iterdir())
        if path.suffix in (".css", ".js", ".svg")
    ]
    return assets + calendar_assets(corpus, ctx, cache=cache)


def calendar_assets(
    corpus: Corpus, ctx: SiteContext, *, cache: PageCache | None = None
) -> list[AssetSpec]:
    """``calendar.ics`` and one ``calendar/<id>.ics`` per scheduled meeting (private only).

    A public build publishes no calendar: meeting places and follow-ups are private.
    """
    from .calendar import (
        CalendarEntry,
        calendar_ics,
        contact_entries,
        has_events,
        has_meeting_event,
        meeting_ics,
    )

    if ctx.public:
        return []
    session = cache.session(corpus, None, ctx) if cache is not None else None
    entries: dict[str, Sequence[CalendarEntry]] = {}

    def entries_of(contact: Contact) -> Sequence[CalendarEntry]:
        if not has_events(contact):
            return ()  # nothing for the calendar (and nothing to keep)
        cid = contact.id

        def make(seen: Corpus) -> Sequence[CalendarEntry]:
            return contact_entries(seen, seen.contacts[cid], ctx.options, ctx.site_url)

        if cid not in entries:
            if session is not None:
                entries[cid] = session.get(f"calendar/{cid}.events", cid, make)
            else:
                entries[cid] = make(corpus)
        return entries[cid]

    assets = [
        AssetSpec(
            "calendar.ics",
            calendar_ics(corpus, ctx.options, ctx.site_url, entries_of=entries_of),
        )
    ]
    for cid, contact in sorted(corpus.contacts.items()):
        if not has_meeting_event(contact):
            continue
        mine = entries_of(contact)

        def one_meeting(seen: Corpus, cid: str = cid, mine: Sequence[CalendarEntry] = mine) -> Any:
            return meeting_ics(seen, cid, ctx.options, ctx.site_url, entries=mine)

        if session is not None:
            one = session.get(f"calendar/{cid}.ics", (cid, mine), one_meeting)
        else:
            one = one_meeting(corpus)
        if one is not None:
            assets.append(AssetSpec(f"calendar/{cid}.ics", one))
    return assets


# ---------------------------------------------------------------------------
# Reusing pages between `mkdocs serve` rebuilds

_MISSING = object()


class PageCache:
    """Generated pages kept between the builds of one ``mkdocs serve`` session.

    A page is reused when everything it was made from is unchanged: the values
    passed to its template (the contact, organization, profile, options...,
    compared by identity, then by equality), the templates, the question banks,
    and every contact and organization that rendering it *looked up* in the
    corpus (``corpus.contacts.get(id)``, ``corpus.organizations[id]``, ``id in
    ...``): those lookups are recorded while the page renders, so a page that
    names the person who introduced you is made again when that person's file
    changes, whatever code or template did the lookup. A page that reads the
    whole corpus (iterates over the contacts, asks how many there are, reads
    the loaded documents...) is never reused.

    Models loaded from unchanged files are the same objects from one load to
    the next (the parse cache), so checking a page costs a few identity tests.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[Any, tuple[tuple[str, str, Any], ...], Any]] = {}
        self._bases: list[tuple[Any, ...]] = []
        self._used: set[str] = set()
        self.rows: dict[str, DirectoryRow] = {}
        """The contacts index's rows (see :func:`contacts_context`)."""
        self.hits = 0
        """Pages reused during the last build."""
        self.misses = 0
        """Pages made during the last build."""
        self.made: list[str] = []
        """What was made (not reused) during the last build: page paths, rows, calendar entries."""

    def session(self, corpus: Corpus, renderer: Renderer | None, ctx: Any = None) -> _CacheSession:
        """Start using the cache for one build of ``corpus`` (resets the counters).

        ``ctx`` (the site context: options, URLs) is part of every output's key.
        """
        if renderer is not None:  # a new build
            self.hits = self.misses = 0
            self.made = []
            if self._used:  # forget what the last build did not use (deleted contacts...)
                self._entries = {k: v for k, v in self._entries.items() if k in self._used}
                self._used = set()
        base = (_templates_key(renderer), corpus.profile, tuple(corpus.questions), ctx)
        # The previous build's equal base, so that each page's key compares by identity.
        for known in self._bases:
            if known == base:
                base = known
                break
        else:
            self._bases = [base, *self._bases[:3]]
        return _CacheSession(self, corpus, base)

    @property
    def names(self) -> set[str]:
        """The outputs kept (page paths, rows, calendar entries)."""
        return set(self._entries)

    def clear(self) -> None:
        """Forget every page."""
        self._entries.clear()
        self._bases.clear()
        self._used.clear()
        self.rows.clear()


def _templates_key(renderer: Renderer | None) -> tuple[Any, ...]:
    """Every template as currently loaded: a template changed on disk is a new object."""
    if renderer is None:
        return ()
    env = renderer.env
    key: list[Any] = []
    for name in env.list_templates(filter_func=lambda n: n.endswith(".j2")):
        try:
            key.append(env.get_template(name))
        except Exception as exc:  # a broken override fails where it is used, not here
            key.append((name, type(exc).__name__, str(exc)))
    return tuple(key)


class _CacheSession:
    def __init__(self, cache: PageCache, corpus: Corpus, base: tuple[Any, ...]) -> None:
        self.cache = cache
        self.corpus = corpus
        self.base = base
        """What every output depends on: templates, profile, question banks, site context."""
        self.recorder = _Recorder()
        self.seen = _tracked(corpus, self.recorder)

    def get(self, name: str, key: Any, make: Any) -> Any:
        """The cached output ``name`` when ``key`` and its lookups are unchanged, else ``make(corpus)``."""
        key = (self.base, key)
        self.cache._used.add(name)
        entries = self.cache._entries
        entry = entries.get(name)
        if entry is not None and entry[0] == key and self._valid(entry[1]):
            self.cache.hits += 1
            return entry[2]
        self.cache.misses += 1
        self.cache.made.append(name)
        self.recorder.start()
        try:
            output = make(self.seen)
        finally:
            lookups, whole = self.recorder.stop()
        if whole:
            entries.pop(name, None)
        else:
            entries[name] = (key, lookups, output)
        return output

    def _valid(self, lookups: tuple[tuple[str, str, Any], ...]) -> bool:
        for table, ident, value in lookups:
            current = getattr(self.corpus, table).get(ident, _MISSING)
            if current is not value and (
                current is _MISSING or value is _MISSING or current != value
            ):
                return False
        return True


class _Recorder:
    """The corpus lookups made while one page renders."""

    def __init__(self) -> None:
        self.active = False
        self.lookups: dict[tuple[str, str], Any] = {}
        self.whole = False

    def start(self) -> None:
        self.active, self.lookups, self.whole = True, {}, False

    def stop(self) -> tuple[tuple[tuple[str, str, Any], ...], bool]:
        self.active = False
        return tuple((t, i, v) for (t, i), v in self.lookups.items()), self.whole


class _TrackedDict(dict):
    """The corpus' contacts or organizations, recording what a page looks up."""

    def __init__(self, table: str, data: dict[str, Any], recorder: _Recorder) -> None:
        super().__init__(data)
        self._table = table
        self._recorder = recorder

    def _note(self, key: Any) -> None:
        recorder = self._recorder
        if recorder.active:
            if isinstance(key, str):
                recorder.lookups.setdefault((self._table, key), dict.get(self, key, _MISSING))
            else:
                recorder.whole = True

    def _all(self) -> None:
        self._recorder.whole = True

    def __getitem__(self, key: Any) -> Any:
        self._note(key)
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._note(key)
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return dict.__contains__(self, key)

    def __iter__(self) -> Any:
        self._all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._all()
        return dict.__len__(self)

    def __reversed__(self) -> Any:
        self._all()
        return dict.__reversed__(self)

    def keys(self) -> Any:
        self._all()
        return dict.keys(self)

    def values(self) -> Any:
        self._all()
        return dict.values(self)

    def items(self) -> Any:
        self._all()
        return dict.items(self)

    def copy(self) -> dict[str, Any]:
        self._all()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self._all()
        return dict.__eq__(self, other)

    __hash__ = None

    def __reduce__(self) -> Any:
        self._all()
        return (dict, (dict(dict.items(self)),))


_TRACKED_FIELDS = ("contacts", "organizations", "profile", "questions", "_by_org")


class _TrackedCorpus(Corpus):
    """A view of a corpus whose contact and organization lookups are recorded."""

    def __getattribute__(self, name: str) -> Any:
        if name in _UNTRACKED_FIELDS:
            object.__getattribute__(self, "_recorder").whole = True
        return object.__getattribute__(self, name)


_UNTRACKED_FIELDS = frozenset(
    f.name for f in dataclasses.fields(Corpus) if f.name not in _TRACKED_FIELDS
)
"""Corpus fields a page may not read and still be reused (documents, problems...)."""


def _tracked(corpus: Corpus, recorder: _Recorder) -> Corpus:
    values = {f.name: getattr(corpus, f.name) for f in dataclasses.fields(Corpus) if f.init}
    values["contacts"] = _TrackedDict("contacts", corpus.contacts, recorder)
    values["organizations"] = _TrackedDict("organizations", corpus.organizations, recorder)
    seen = _TrackedCorpus(**values)
    object.__setattr__(seen, "_recorder", recorder)
    return seen


def meeting_ics_link(contact_id: str, ctx: SiteContext) -> str:
    """The link from a prep page to its meeting's ``.ics`` file."""
    up = "../../" if ctx.use_directory_urls else "../"
    return f"{up}calendar/{contact_id}.ics"
