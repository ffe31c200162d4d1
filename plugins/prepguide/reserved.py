"""Ids that no contact or organization may have.

prepguide generates the list pages ``contacts.md`` and ``organizations.md``,
which MkDocs serves at ``/contacts/`` and ``/organizations/``. A research file
``contacts/index.yml`` would become the page ``contacts/index.md``, whose URL
is also ``/contacts/``: it would silently replace the generated list (and a
user's own ``content/contacts/index.md`` would be overwritten). So ``index``
is reserved (see docs/usage.md and docs/workflow.md):

- ``prepguide new`` and ``prepguide import`` never create a file with a
  reserved id: a name that folds to one gets ``-2`` appended (``"Index"`` ->
  ``index-2``; see :func:`unreserved`), and ``prepguide new --id index`` is
  refused;
- a build (and ``prepguide check``) refuses a hand-written file with a
  reserved id.

MkDocs also treats ``README`` as an index page, but ids are lowercase, so
``readme`` does not clash. This module imports nothing from prepguide, so
every part of it (the plugin included) can use it.
"""

from __future__ import annotations

RESERVED_IDS: frozenset[str] = frozenset({"index"})
"""Ids whose page would take the URL of a generated page (``contacts/index.md``)."""

RESERVED_SUFFIX = "-2"
"""What :func:`unreserved` appends to a reserved id."""


def unreserved(ident: str) -> str:
    """Return ``ident``, or ``ident-2`` when ``ident`` is reserved (``index`` -> ``index-2``).

    >>> unreserved("index"), unreserved("ana-ruiz")
    ('index-2', 'ana-ruiz')
    """
    return ident + RESERVED_SUFFIX if ident in RESERVED_IDS else ident
