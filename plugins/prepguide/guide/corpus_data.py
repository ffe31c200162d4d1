"""What a loaded guide holds: :class:`Corpus`, every validated file by kind and id.

Made by :class:`prepguide.guide.corpus.CorpusLoader` (which callers import it from);
here, below the loader and the cross-reference checks, so that both can use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..read.loader import Document
from ..read.model import Contact, Organization, Profile, QuestionEntry


@dataclass
class Corpus:
    """Every research file of a guide, validated and cross-referenced."""

    profile: Profile | None = None
    organizations: dict[str, Organization] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    questions: list[QuestionEntry] = field(default_factory=list)
    question_sources: list[tuple[str, int]] = field(default_factory=list)
    """For each entry of ``questions``: its file's display path and index in that file."""
    documents: dict[str, Document] = field(default_factory=dict)
    """Loaded documents by display path, for locating later warnings (their
    ``positions``; ``data`` is dropped once the file is validated)."""
    paths: dict[tuple[str, str], str] = field(default_factory=dict)
    """Display path of each file, keyed by ``(kind, id)``; the profile is ``("profile", "")``."""
    problems: list[Problem] = field(default_factory=list)
    invalid: set[tuple[str, str]] = field(default_factory=set)
    """``(kind, id)`` of files that exist but have errors (references to them are not missing)."""
    source_files: list[Path] = field(default_factory=list)
    """Every YAML file read (they must be kept out of the built site)."""
    _by_org: tuple[dict[str, Contact], int, dict[str, list[Contact]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """Contacts grouped by organization for :meth:`contacts_at`, with the dict and size seen."""

    @property
    def errors(self) -> list[Problem]:
        """The problems of severity error."""
        return [p for p in self.problems if p.severity == "error"]

    def document(self, kind: str, ident: str = "") -> Document | None:
        """Return the loaded document of a profile, organization or contact."""
        path = self.paths.get((kind, ident))
        return self.documents.get(path) if path else None

    def locate(self, kind: str, ident: str, loc: tuple[str | int, ...]) -> tuple[str, int, int]:
        """Return ``(path, line, column)`` of a value in a file of the corpus
        (``1, 1`` of no file when the file is not loaded).

        >>> Corpus().locate("contact", "ana", ("meeting", "date"))
        ('', 1, 1)
        """
        path = self.paths.get((kind, ident), "")
        doc = self.documents.get(path)
        line, column = doc.position(loc) if doc else (1, 1)
        return path, line, column

    def organization_of(self, contact: Contact) -> Organization | None:
        """Return the organization a contact works at, if known."""
        return self.organizations.get(contact.organization) if contact.organization else None

    def contacts_at(self, org_id: str) -> list[Contact]:
        """Return the contacts of one organization, sorted by name.

        The contacts are grouped by organization once (on the first call) and
        again only when ``contacts`` is replaced or changes size, so listing
        every organization's people costs one pass over the contacts rather
        than one pass per organization.
        """
        cached = self._by_org
        if cached is None or cached[0] is not self.contacts or cached[1] != len(self.contacts):
            groups: dict[str, list[Contact]] = {}
            for contact in self.contacts.values():
                if contact.organization:
                    groups.setdefault(contact.organization, []).append(contact)
            for people in groups.values():
                people.sort(key=lambda c: c.name.casefold())
            cached = self._by_org = (self.contacts, len(self.contacts), groups)
        return list(cached[2].get(org_id, ()))
