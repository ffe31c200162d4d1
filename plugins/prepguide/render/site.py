"""Render a corpus into every page and file of the site.

Most pages are written as HTML with front matter (:mod:`prepguide.render.pagehtml`:
headings, table of contents and the part searched come with them); three small
index pages are Markdown. Nothing here imports MkDocs: :func:`render_site`
returns :class:`PageSpec` values and :func:`site_assets` :class:`AssetSpec`
values, which the plugin turns into MkDocs files.

The ``make(seen)`` functions handed to the page cache read the corpus through
``seen``: under ``mkdocs serve`` it records which contacts and organizations a
page looked up, so the page is made again only when one of them changes
(:mod:`prepguide.render.pagecache`). The dashboard reads every contact, so it is
keyed on its facts instead (:func:`dashboard_facts`).

Templates are Jinja2 files: ``*.md.j2`` write Markdown (the index pages),
``*.html.j2`` write HTML (prep and organization pages: :mod:`prepguide.render.pagehtml`).
A file of the same name in the theme's ``custom_dir`` under ``prepguide/``
replaces the built-in one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..guide.corpus import Corpus
from ..read.model import STATUS_LABELS, STATUSES, Contact, Organization
from .brief import FOLDED, SECTION_ORDER, prep_brief, referral_links, stage_of
from .directory import DirectoryRow, contacts_context
from .pagecache import PageCache, _CacheSession
from .pages import (
    AssetSpec,
    PageSpec,
    SiteContext,
    contact_src,
    html_helpers,
    meeting_ics_link,
    organization_src,
)
from .templating import Renderer, narrow_page


@dataclass(frozen=True)
class _Build:
    """What every page of one build is rendered with."""

    corpus: Corpus
    ctx: SiteContext
    renderer: Renderer
    session: _CacheSession | None
    common: dict[str, Any]

    def kept(self, name: str, key: Any, make: Any) -> str:
        """``make(corpus)``, or its earlier result while ``key`` is unchanged (serve)."""
        if self.session is None:
            return str(make(self.corpus))
        return str(self.session.get(name, key, make))


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
    session = cache.session(corpus, renderer, ctx) if cache is not None else None
    common = {"corpus": corpus, "ctx": ctx, "statuses": STATUSES, "status_labels": STATUS_LABELS}
    run = _Build(corpus, ctx, renderer, session, common)
    pages: list[PageSpec] = []
    if with_dashboard:
        if ctx.public:
            pages.append(PageSpec("index.md", renderer.page("home.md.j2", **common), in_nav=True))
        else:
            body = dashboard_page(corpus, ctx, renderer, common, session)
            pages.append(PageSpec("index.md", body, in_nav=True, html=True))
    pages.append(_directory_page(run, cache.rows if cache is not None else None))
    pages.append(
        PageSpec("organizations.md", renderer.page("organizations.md.j2", **common), in_nav=True)
    )
    if not ctx.public:
        # calendar.ics exists in private builds only (calendar_assets): its page is in the nav.
        pages.append(
            PageSpec("calendar.md", renderer.page("calendar.md.j2", **common), in_nav=True)
        )
    pages.extend(_prep_pages(run))
    pages.extend(_organization_pages(run))
    pages.append(_network_page(run))
    return pages


def _directory_page(run: _Build, rows: dict[str, DirectoryRow] | None) -> PageSpec:
    """The contacts index; each row is kept between serve rebuilds on its own."""
    row_template = run.renderer.env.get_template("contacts-row.html.j2")

    def row_html(row: DirectoryRow) -> str:
        def make(seen: Corpus) -> str:
            return row_template.render(**{**run.common, "corpus": seen}, row=row)

        key = (row_template, row.contact, row.org)
        return run.kept(f"contacts.md#{row.contact.id}", key, make)

    body = run.renderer.page(
        "contacts.html.j2",
        **run.common,
        **contacts_context(run.corpus, rows),
        **html_helpers(run.ctx, "contacts.md"),
        row_html=row_html,
    )
    return PageSpec("contacts.md", body, in_nav=True, html=True)


def _prep_pages(run: _Build) -> list[PageSpec]:
    """One prep page per contact (contact.html.j2), each kept while its inputs are unchanged."""
    from ..tailor.relations import facts_about_source, facts_about_target, relations_by_contact
    from .calendar import has_meeting_event

    corpus, ctx = run.corpus, run.ctx
    contacts = corpus.contacts
    # Who led to whom, each with what the notes say happened (tailor.relations.relation).
    led_by, led_to = relations_by_contact(corpus, public=ctx.public)
    ics_ids = set() if ctx.public else {c for c, v in contacts.items() if has_meeting_event(v)}
    template = run.renderer.env.get_template("contact.html.j2")
    pages = []
    for cid, contact in sorted(contacts.items()):
        org = corpus.organization_of(contact)
        via = contacts.get(contact.connection.via or "")
        ics_link = meeting_ics_link(cid, ctx) if cid in ics_ids else None
        by = tuple((contacts[r.source], facts_about_source(r)) for r in led_by.get(cid, ()))
        to = tuple((contacts[r.target], facts_about_target(r)) for r in led_to.get(cid, ()))
        values = {"contact": contact, "org": org, "via": via, "ics_link": ics_link}

        def render(
            seen: Corpus, values: dict[str, Any] = values, by: Any = by, to: Any = to
        ) -> str:
            return _prep_page(run, template, seen, values, by, to)

        # The profile and the site context are in every key (the session's base).
        key: tuple[Any, ...] = (template, contact, org, via, ics_link, by, to)
        pages.append(PageSpec(contact_src(cid), run.kept(contact_src(cid), key, render), html=True))
    return pages


def _prep_page(
    run: _Build,
    template: Any,
    seen: Corpus,
    values: dict[str, Any],
    by: tuple[tuple[Contact, str], ...],
    to: tuple[tuple[Contact, str], ...],
) -> str:
    """One prep page: the conversation tailored (prep.build_prep), then its template."""
    from ..tailor.prep import build_prep

    ctx, contact = run.ctx, values["contact"]
    stage = stage_of(contact, ctx.public)
    return narrow_page(
        template,
        template.render(
            **{**run.common, "corpus": seen},
            **values,
            prep=build_prep(seen, contact, ctx.options),
            referrals=referral_links(seen, contact),  # lookups recorded by the cache
            profile=run.corpus.profile,
            led_by=list(by),
            led_to=list(to),
            brief=prep_brief(seen, contact, ctx),
            order=SECTION_ORDER[stage],
            folded=FOLDED[stage] if not ctx.public else (),
            **html_helpers(ctx, contact_src(contact.id)),
        ),
    )


def _organization_pages(run: _Build) -> list[PageSpec]:
    """One page per organization (organization.html.j2)."""
    template = run.renderer.env.get_template("organization.html.j2")
    pages = []
    for oid, org in sorted(run.corpus.organizations.items()):
        people = run.corpus.contacts_at(oid)

        def render(seen: Corpus, org: Organization = org, people: list[Contact] = people) -> str:
            return narrow_page(
                template,
                template.render(
                    **{**run.common, "corpus": seen},
                    org=org,
                    people=people,
                    **html_helpers(run.ctx, organization_src(org.id)),
                ),
            )

        src = organization_src(oid)
        pages.append(
            PageSpec(src, run.kept(src, (template, org, tuple(people)), render), html=True)
        )
    return pages


def _network_page(run: _Build) -> PageSpec:
    """Who led to whom: the map (SVG) and the same relations as sentences."""
    from ..tailor.relations import network_sentences
    from .network import build_network, draw_svg, node_labels

    corpus, ctx = run.corpus, run.ctx
    network = build_network(corpus, public=ctx.public)
    labels = node_labels(network, corpus)
    introductions, suggestions = network_sentences(corpus, public=ctx.public)
    template = run.renderer.env.get_template("network.html.j2")

    def render(seen: Corpus) -> str:
        svg = draw_svg(network, labels, lambda cid: ctx.link(contact_src(cid), "network.md"))
        return narrow_page(
            template,
            template.render(
                **{**run.common, "corpus": seen},
                network=network,
                people=dict(labels),
                svg=svg,
                introductions=introductions,
                suggestions=suggestions,
                **html_helpers(ctx, "network.md"),
            ),
        )

    key = (template, network, labels, introductions, suggestions)
    return PageSpec("network.md", run.kept("network.md", key, render), in_nav=True, html=True)


def dashboard_context(corpus: Corpus, ctx: SiteContext) -> dict[str, Any]:
    """Pipeline, upcoming meetings and due items for the dashboard."""
    from ..tailor.dashboard import due, pipeline, upcoming, visible_contacts

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
