"""The contacts index (the directory of a playbook): its rows and filter choices."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..guide.corpus import Corpus
from ..read.model import Contact, Organization


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
