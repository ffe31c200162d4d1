"""One spreadsheet row -> the data of a contact file (and of its new employer).

The values of a row, by field (see :mod:`prepguide.write.import_columns`), become a
contact the same model checks as a hand-written file: lists split at ``;`` or
``|``, ``education.*`` the first school of ``background``, LinkedIn's
``Connected On`` a ``connection.story``, and the consent and visibility cells
decide ``visibility`` (docs/playbook.md, "Consent"). An employer that is not yet
an organization of the guide gets an organization of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..ids import free_id, slugify
from ..read.model import Organization
from ..reserved import RESERVED_IDS, unreserved
from .import_columns import LIST_FIELDS

_YES = {"yes", "y", "true", "1", "x", "public", "agreed"}
_NO = {"no", "n", "false", "0", "", "private"}
_SPLIT = re.compile(r"\s*[;|]\s*")


class RowError(Exception):
    """The row is refused; the message says why (reported at the row's line)."""


def cell_value(cells: list[str], columns: tuple[int, ...], target: str) -> str:
    """The value of a field: its cell, or its cells joined (a space, ``; `` for lists).

    >>> cell_value(["Ada", " ", "Lovelace"], (0, 1, 2), "name")
    'Ada Lovelace'
    >>> cell_value(["x", "data", "ml "], (1, 2), "tags")
    'data; ml'
    """
    parts = [cells[i].strip() for i in columns if cells[i].strip()]
    return ("; " if target in LIST_FIELDS else " ").join(parts)


def fold_name(name: str) -> str:
    """How two names are compared: case and spacing folded.

    >>> fold_name("  Ana   LIMA ")
    'ana lima'
    """
    return " ".join(name.casefold().split())


def connected_on(value: str) -> str:
    """LinkedIn's ``15 Mar 2023`` as ``2023-03-15`` (other spellings kept as they are).

    >>> connected_on("15 Mar 2023")
    '2023-03-15'
    >>> connected_on("3/15/23")
    '2023-03-15'
    >>> connected_on(" spring 2023 ")
    'spring 2023'
    """
    for pattern in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return value.strip()


def org_key(name: str) -> str:
    r"""How an employer is matched to an organization: its folded name.

    >>> org_key("Acme Robotics, Inc.")
    'acme-robotics-inc'
    >>> org_key("!!!")
    '\x00!!!'
    """
    return slugify(name) or "\0" + " ".join(name.casefold().split())


def row_to_contact(
    values: dict[str, str],
    orgs: dict[str, str],
    pending: dict[str, dict[str, Any]],
    org_ids: set[str],
    connection_type: str,
) -> dict[str, Any]:
    """The contact of one row; a new employer is added to ``orgs``, ``pending`` and ``org_ids``.

    Raises:
        RowError: The name is empty, a year is not a year, a degree has no school, or
            the consent and visibility cells disagree.
    """
    name = values.get("name", "")
    if not name:
        raise RowError("the name is empty")
    data: dict[str, Any] = {"name": name}
    connection: dict[str, Any] = {"type": connection_type}
    background: dict[str, Any] = {}
    education: dict[str, Any] = {}
    for target, value in values.items():
        if not value or target in ("name", "industry", "consent"):
            continue  # consent: decided below, with the visibility column
        if target == "organization":
            data["organization"] = _employer(value, values, orgs, pending, org_ids)
        else:
            _place(target, value, data, connection, background, education)
    visibility = _visibility(values)
    if visibility is None:
        data.pop("visibility", None)
    else:
        data["visibility"] = visibility
    if education:
        if "school" not in education:
            raise RowError("a degree, field or year is given without a school")
        background["education"] = [education]
    data["connection"] = connection
    if background:
        data["background"] = background
    return data


def _place(
    target: str,
    value: str,
    data: dict[str, Any],
    connection: dict[str, Any],
    background: dict[str, Any],
    education: dict[str, Any],
) -> None:
    """Put one non-empty value where its field lives in a contact file."""
    if target in LIST_FIELDS:
        items = [v for v in _SPLIT.split(value) if v]
        if target == "background.interests":
            background["interests"] = items
        else:
            data[target] = items
    elif target.startswith("connection."):
        connection[target.split(".", 1)[1]] = value
    elif target.startswith("background."):
        background[target.split(".", 1)[1]] = value
    elif target.startswith("education."):
        key = target.split(".", 1)[1]
        if key == "year":
            if not re.fullmatch(r"(19|20)\d\d", value):
                raise RowError(f"`{value}` is not a graduation year like 2014")
            education[key] = int(value)
        else:
            education[key] = value
    elif target == "connected-on":  # LinkedIn's Connected On, unless a story is mapped
        connection.setdefault("story", f"Connected on LinkedIn on {connected_on(value)}.")
    else:
        data[target] = value


def _employer(
    value: str,
    values: dict[str, str],
    orgs: dict[str, str],
    pending: dict[str, dict[str, Any]],
    org_ids: set[str],
) -> str:
    """The organization id of an employer: an existing one, or a new organization (with
    the row's industry) added to ``pending``."""
    oid = orgs.get(value) or orgs.get(org_key(value))
    if oid is not None:
        return oid
    oid = free_id(unreserved(slugify(value)), org_ids | RESERVED_IDS, fallback="organization")
    org_data: dict[str, Any] = {"name": value}
    if values.get("industry"):
        org_data["industry"] = values["industry"]
    Organization.model_validate({**org_data, "id": oid})
    pending[oid] = org_data
    org_ids.add(oid)
    orgs[org_key(value)] = oid
    return oid


def _visibility(values: dict[str, str]) -> str | None:
    """The row's ``visibility`` from its consent and visibility cells (None: the default).

    Consent decides: a negative consent (or an empty consent cell) is never
    published, whatever the visibility column says, and a row that says both
    "no consent" and "public" is refused rather than guessed (docs/playbook.md).
    A positive consent with ``visibility: private`` stays private: the more
    private of the two wins. Without a consent column nobody is published:
    ``visibility: public`` is refused.
    """
    shown = values.get("visibility", "")
    wanted = shown.strip().lower() or None
    if "consent" not in values:
        if wanted == "public":
            raise RowError(
                f"visibility `{shown}` but no consent column: a person is published only with "
                "their consent; add a consent column (yes or no) to the file, or leave the "
                "visibility empty"
            )
        return shown.strip() or None  # validated by the model (private)
    consent = values["consent"]
    folded = consent.strip().lower()
    if folded in _YES:
        agreed = True
    elif folded in _NO:
        agreed = False
    else:
        raise RowError(f"consent `{consent}` is not yes or no")
    if wanted == "public" and not agreed:
        said = f"consent `{consent}`" if folded else "an empty consent cell"
        raise RowError(
            f"visibility `{shown}` contradicts {said}; a person is published only with "
            "consent `yes`: correct one of the two cells"
        )
    if wanted not in (None, "public"):
        return shown.strip()  # `private`, or a value the model refuses with its message
    return "public" if agreed else "private" if folded else wanted
