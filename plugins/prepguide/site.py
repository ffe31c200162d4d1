"""Render a corpus into the pages of the site, as Markdown.

Pages are Markdown with front matter (and sanitized HTML blocks where
Markdown cannot say it), so that the engine builds the table of contents,
checks links and indexes the text for search. Nothing here imports MkDocs:
:func:`render_site` returns :class:`PageSpec` and :class:`AssetSpec` values
that the plugin turns into MkDocs files.

Templates are Jinja2 files named ``*.md.j2``. A file of the same name in the
theme's ``custom_dir`` under ``prepguide/`` replaces the built-in one.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import markup
from .corpus import Corpus, is_id_like
from .model import STATUSES, Contact
from .options import Options

STATUS_LABELS = {
    "researching": "Researching",
    "to-contact": "To contact",
    "requested": "Requested",
    "scheduled": "Scheduled",
    "met": "Met",
    "thanked": "Thanked",
    "closed": "Closed",
}
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
    rel = posixpath.relpath("/" + target, "/" + base.rstrip("/") if base else "/")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


class Renderer:
    """Jinja2 templates for the generated pages, with user overrides first.

    Renderers for the same override folders (holding the same files) share one
    Jinja2 environment, so a ``mkdocs serve`` rebuild, which makes a new
    renderer, does not compile the templates again; Jinja2 still reloads a
    template whose file changed (``auto_reload``), and adding or removing an
    override file gives a new environment.
    """

    def __init__(self, override_dirs: Sequence[Path] = ()) -> None:
        dirs = tuple(str(d) for d in override_dirs if d.is_dir())
        self.env = _environment(dirs, _listing(dirs))

    def render(self, name: str, **context: Any) -> str:
        """Render one template by name."""
        return self.env.get_template(name).render(**context)


def _listing(dirs: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The files in each override folder (part of the shared environment's key)."""
    listing = []
    for folder in dirs:
        root = Path(folder)
        listing.append(tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))))
    return tuple(listing)


@functools.lru_cache(maxsize=8)
def _environment(dirs: tuple[str, ...], listing: tuple[tuple[str, ...], ...]) -> jinja2.Environment:
    del listing  # only part of the cache key
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader(list(dirs)),
        jinja2.PackageLoader("prepguide", "templates"),
    ]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )
    env.filters.update(
        text=markup.text,
        html=markup.html,
        href=markup.href,
        md=markup.markdown_block,
        status_label=lambda s: STATUS_LABELS.get(s, s),
        connection_label=lambda s: CONNECTION_LABELS.get(s, s),
        longdate=format_date,
        datetime=format_datetime,
        zip_pairs=zip_pairs,
    )
    return env


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

    def link(self, to_src: str, from_src: str) -> str:
        """A relative URL from one generated page to another (for HTML blocks)."""
        return relative_url(to_src, from_src, self.use_directory_urls)


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
    extra: Iterable[tuple[str, str, dict[str, Any]]] = (),
) -> list[PageSpec]:
    """Render every generated page of the site.

    Arguments:
        corpus: The corpus as the audience may see it.
        ctx: Options and URL settings.
        renderer: The templates.
        with_dashboard: Generate ``index.md`` (false when the user wrote one).
        extra: More pages as ``(src_uri, template, context)``.
    """
    from .network import build_network, render_svg
    from .prep import build_prep

    common = {"corpus": corpus, "ctx": ctx, "statuses": STATUSES, "status_labels": STATUS_LABELS}
    pages: list[PageSpec] = []
    if with_dashboard:
        pages.append(
            PageSpec(
                "index.md",
                renderer.render("home.md.j2", **common)
                if ctx.public
                else renderer.render("dashboard.md.j2", **common, **dashboard_context(corpus, ctx)),
                in_nav=True,
            )
        )
    pages.append(
        PageSpec(
            "contacts.md",
            renderer.render("contacts.md.j2", **common, **contacts_context(corpus)),
            in_nav=True,
        )
    )
    pages.append(
        PageSpec("organizations.md", renderer.render("organizations.md.j2", **common), in_nav=True)
    )
    network = build_network(corpus)
    led_by: dict[str, list[str]] = {}
    led_to: dict[str, list[str]] = {}
    for edge in network.edges:
        led_by.setdefault(edge.target, []).append(edge.source)
        led_to.setdefault(edge.source, []).append(edge.target)
    ics_ids = (
        set() if ctx.public else {cid for cid, c in corpus.contacts.items() if has_meeting_event(c)}
    )
    contact_template = renderer.env.get_template("contact.md.j2")
    for cid, contact in sorted(corpus.contacts.items()):
        org = corpus.organization_of(contact)
        prep = build_prep(corpus, contact, ctx.options)
        body = contact_template.render(
            **common,
            contact=contact,
            org=org,
            prep=prep,
            via=corpus.contacts.get(contact.connection.via or ""),
            referrals=referral_links(corpus, contact),
            profile=corpus.profile,
            ics_link=meeting_ics_link(cid, ctx) if cid in ics_ids else None,
            led_by=[corpus.contacts[i] for i in sorted(set(led_by.get(cid, ())))],
            led_to=[corpus.contacts[i] for i in sorted(set(led_to.get(cid, ())))],
        )
        pages.append(PageSpec(contact_src(cid), body))
    org_template = renderer.env.get_template("organization.md.j2")
    for oid, org in sorted(corpus.organizations.items()):
        body = org_template.render(**common, org=org, people=corpus.contacts_at(oid))
        pages.append(PageSpec(organization_src(oid), body))
    svg = render_svg(network, corpus, lambda cid: ctx.link(contact_src(cid), "network.md"))
    pages.append(
        PageSpec(
            "network.md",
            renderer.render("network.md.j2", **common, network=network, svg=svg),
            in_nav=True,
        )
    )
    for src_uri, template, context in extra:
        pages.append(PageSpec(src_uri, renderer.render(template, **common, **context), in_nav=True))
    return pages


def referral_links(corpus: Corpus, contact: Contact) -> list[tuple[str, str | None]]:
    """Each referral as ``(name, contact id or None)``."""
    result: list[tuple[str, str | None]] = []
    for referral in contact.referrals:
        if is_id_like(referral) and referral in corpus.contacts:
            result.append((corpus.contacts[referral].name, referral))
        else:
            result.append((referral, None))
    return result


def contacts_context(corpus: Corpus) -> dict[str, Any]:
    """Rows and filter choices for the contacts index (the directory of a playbook)."""
    rows = []
    for contact in sorted(corpus.contacts.values(), key=lambda c: c.name.casefold()):
        org = corpus.organization_of(contact)
        years = sorted({e.year for e in contact.background.education if e.year})
        rows.append(
            {
                "contact": contact,
                "org": org,
                "industry": org.industry if org and org.industry else "",
                "years": [str(y) for y in years],
                "location": contact.location or "",
            }
        )

    def choices(values: Iterable[str]) -> list[str]:
        return sorted({v for v in values if v}, key=str.casefold)

    orgs = sorted(
        {(r["org"].id, r["org"].name) for r in rows if r["org"] is not None},
        key=lambda item: item[1].casefold(),
    )
    return {
        "contacts": [r["contact"] for r in rows],
        "rows": rows,
        "filter_orgs": orgs,
        "filter_tags": choices(t for c in corpus.contacts.values() for t in c.tags),
        "filter_industries": choices(r["industry"] for r in rows),
        "filter_years": sorted({y for r in rows for y in r["years"]}, reverse=True),
        "filter_locations": choices(r["location"] for r in rows),
    }


def dashboard_context(corpus: Corpus, ctx: SiteContext) -> dict[str, Any]:
    """Pipeline, upcoming meetings and due items for the dashboard."""
    from .dashboard import due, pipeline, upcoming

    return {
        "pipeline": pipeline(corpus, ctx.options),
        "upcoming": upcoming(corpus, ctx.options),
        "due": due(corpus, ctx.options),
    }


def site_assets(corpus: Corpus, ctx: SiteContext, assets_dir: Path) -> list[AssetSpec]:
    """Files besides pages: the stylesheet and filter script (no CDN) and the calendars."""
    assets = [
        AssetSpec(f"assets/prepguide/{path.name}", path.read_bytes())
        for path in sorted(assets_dir.iterdir())
        if path.suffix in (".css", ".js")
    ]
    return assets + calendar_assets(corpus, ctx)


def calendar_assets(corpus: Corpus, ctx: SiteContext) -> list[AssetSpec]:
    """``calendar.ics`` and one ``calendar/<id>.ics`` per scheduled meeting (private only).

    A public build publishes no calendar: meeting places and follow-ups are private.
    """
    from .calendar import calendar_ics, meeting_ics

    if ctx.public:
        return []
    assets = [AssetSpec("calendar.ics", calendar_ics(corpus, ctx.options, ctx.site_url))]
    for cid in sorted(corpus.contacts):
        one = meeting_ics(corpus, cid, ctx.options, ctx.site_url)
        if one is not None:
            assets.append(AssetSpec(f"calendar/{cid}.ics", one))
    return assets


def has_meeting_event(contact: Contact) -> bool:
    """Whether a contact's meeting goes into the calendar (scheduled, with a date)."""
    return contact.meeting.status == "scheduled" and contact.meeting.date is not None


def meeting_ics_link(contact_id: str, ctx: SiteContext) -> str:
    """The link from a prep page to its meeting's ``.ics`` file."""
    up = "../../" if ctx.use_directory_urls else "../"
    return f"{up}calendar/{contact_id}.ics"
