"""Spreadsheet columns -> contact fields: header aliases, consent columns, ``--map``.

The header of an imported CSV (docs/playbook.md, "Import a spreadsheet") is
matched to fields by name (:data:`COLUMN_ALIASES`, after :func:`fold_header`);
``First Name`` and ``Last Name`` are joined into the name; a LinkedIn
Connections export is recognised by its header (:data:`LINKEDIN`);
``--map COLUMN=FIELD`` (:func:`parse_maps`) adds or overrides a mapping and
``--map "First Name+Last Name=name"`` joins columns. A column that speaks of
consent is read as consent only when its words say so
(:func:`consent_kind`); one that is not read is never ignored
(:func:`refuse_unread_consent`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Problem

FIELDS: tuple[str, ...] = (
    "name",
    "organization",
    "role",
    "pronouns",
    "location",
    "email",
    "phone",
    "linkedin",
    "connection.type",
    "connection.story",
    "background.transition",
    "background.notes",
    "background.interests",
    "education.school",
    "education.degree",
    "education.field",
    "education.year",
    "industry",
    "tags",
    "goals",
    "notes",
    "visibility",
    "consent",
)
"""The fields a column can fill (``education.*`` is the first school of ``background``;
``industry`` goes to a newly created organization; ``consent`` yes/no sets ``visibility``)."""

COLUMN_ALIASES: dict[str, str] = {
    "name": "name",
    "full name": "name",
    "alumnus": "name",
    "alumna": "name",
    "organization": "organization",
    "organisation": "organization",
    "employer": "organization",
    "company": "organization",
    "role": "role",
    "title": "role",
    "job title": "role",
    "position": "role",
    "pronouns": "pronouns",
    "location": "location",
    "city": "location",
    "email": "email",
    "e mail": "email",
    "email address": "email",
    "phone": "phone",
    "telephone": "phone",
    "linkedin": "linkedin",
    "linkedin url": "linkedin",
    "connection": "connection.type",
    "connection type": "connection.type",
    "how we know them": "connection.story",
    "story": "connection.story",
    "career change": "background.transition",
    "transition": "background.transition",
    "bio": "background.notes",
    "background": "background.notes",
    "interests": "background.interests",
    "school": "education.school",
    "university": "education.school",
    "degree": "education.degree",
    "major": "education.field",
    "field": "education.field",
    "field of study": "education.field",
    "year": "education.year",
    "class year": "education.year",
    "graduation year": "education.year",
    "grad year": "education.year",
    "industry": "industry",
    "sector": "industry",
    "tags": "tags",
    "topics": "goals",
    "notes": "notes",
    "visibility": "visibility",
    "consent": "consent",
    "agreed to be listed": "consent",
}
"""Spreadsheet headers (case, spaces and punctuation folded) and the field each fills."""

CONSENT_WORDS = frozenset(
    {
        "consent",
        "consents",
        "consented",
        "agree",
        "agreed",
        "agrees",
        "agreement",
        "permission",
        "permissions",
        "permit",
        "permitted",
        "publish",
        "published",
        "publishing",
        "listed",
        "listing",
        "optin",
    }
)
CONSENT_PHRASES = ("opt in", "opted in")
"""Folded header words and phrases that make a column the consent column when no column is
named exactly ``consent`` (``Consent (Y/N)``, ``Consent given``, ``Listing consent``)."""

CONSENT_HINTS = frozenset(
    {
        "share",
        "shared",
        "sharing",
        "public",
        "publicly",
        "private",
        "privacy",
        "gdpr",
        "allow",
        "allowed",
        "allows",
        "approve",
        "approved",
        "approval",
        "optout",
        "unlisted",
        "hide",
        "hidden",
        "withdraw",
        "withdrawn",
        "decline",
        "declined",
        "refuse",
        "refused",
    }
)
NEGATIONS = frozenset(
    {"no", "not", "non", "un", "dis", "nor", "never", "without", "dont", "doesnt", "cannot"}
    # a condition on the answer: `Publish? (leave blank = yes)` reads a blank cell as yes
    | {"blank", "empty", "leave", "left", "unless", "if", "otherwise", "else", "default"}
    | {"yes", "y", "n", "true", "false"}
)
"""Words that turn a consent header round, or make it conditional, when they stand next to
consent words (``No consent``, ``Non-consent``): never read as consent."""

OPT_OUTS = frozenset(
    {"optout", "forgotten", "dnc", "anonymous", "anonymously", "anon", "confidential"}
    | {"restricted", "restrict", "hidden", "hide", "private", "dissent", "dissents"}
    | {"dissented", "erase", "erased", "erasure", "objection", "objections", "object"}
    | {"objects", "objected", "objecting", "unlisted", "incognito", "secret", "optedout"}
)
OPT_OUT_PREFIXES = (
    "withdr",  # withdraw, withdrew, withdrawn, withdrawal
    "revok",
    "revoc",
    "refus",
    "deni",  # denied, denial
    "deny",
    "remov",
    "delet",
    "exclu",
    "suppress",
    "unpublish",
    "declin",
    "retract",
    "unsubscrib",
)
NEGATED_STEMS = ("consent", "agree", "publi", "list", "permi", "approv", "allow", "shar")
"""A word made of ``un``, ``non`` or ``dis`` and one of these (``Unconsented``,
``Nonconsent``, ``Disagree``, ``Unpublish``) is an opt-out too."""
OPT_OUT_PHRASES = ("opt out", "opted out", "don t", "do not", "does not", "right to be")
"""Words and phrases that say a person must NOT be published, alone (``Delete me``,
``Suppress``, ``DNC``) or next to consent words (``Withdrew consent``): such a column is
never read as consent and never ignored (docs/playbook.md, "Consent")."""
ANSWER_FORMATS = ("yes or no", "yes no", "y or n", "y n", "no yes", "n y", "true false")
"""How a header may spell the answers it expects (``Consent (Y/N)``): not a condition."""
# A consent-like column that is not read as consent (docs/playbook.md, "Consent"): its
# header only hints at consent (`Share publicly?`, `Privacy`), or says the opposite
# (`Do not publish`). Such a column is never silently ignored: the file is refused until
# it is mapped.

FIRST_NAMES = ("first name", "firstname", "given name", "given names", "forename")
MIDDLE_NAMES = ("middle name", "middle names")
LAST_NAMES = ("last name", "lastname", "family name", "surname")
"""Headers (folded) joined, in this order, into the name when no column gives it whole."""

LINKEDIN_SIGNATURE = frozenset({"first name", "last name", "company", "position", "connected on"})
"""Folded headers that together mark LinkedIn's Connections.csv."""

LINKEDIN: dict[str, str] = {"url": "linkedin", "connected on": "connected-on"}
"""Headers only a LinkedIn export gives a meaning to (the others are in COLUMN_ALIASES).

A LinkedIn connection is a first-degree connection made online, so its contacts get
``connection.type: online`` and ``connection.story`` "Connected on LinkedIn on DATE."
(docs/playbook.md); a column mapped to either field wins.
"""

LIST_FIELDS = {"background.interests", "tags", "goals"}


class ImportError_(Exception):
    """The spreadsheet or the mapping cannot be used at all.

    ``problem``, when given, locates the reason in the file (``file.csv:7:1``).
    """

    def __init__(
        self, message: str, problem: Problem | None = None, *, usage: bool = False
    ) -> None:
        super().__init__(message)
        self.problem = problem
        self.usage = usage
        """The file needs a ``--map`` (exit 2, a usage error) rather than a correction."""


@dataclass(frozen=True)
class MapRule:
    """One ``--map COLUMN=FIELD`` (``COLUMN`` may join columns: ``First Name+Last Name``)."""

    text: str
    """As typed."""
    column: str
    """The left side, as typed."""
    target: str


def fold_header(header: str) -> str:
    """A header as :data:`COLUMN_ALIASES` spells it: lower case, punctuation as spaces.

    >>> fold_header("Graduation Year")
    'graduation year'
    >>> fold_header("  E-mail ")
    'e mail'
    >>> fold_header("Consent (Y/N)?")
    'consent y n'
    """
    return " ".join(re.sub(r"[^a-z0-9@]+", " ", header.lower()).split())


def _opts_out(word: str) -> bool:
    """``Withdrew``, ``Unconsented``, ``Disagree``, ``DNC``: a word that refuses publication.

    >>> [_opts_out(w) for w in ("withdrew", "unconsented", "dnc", "consented")]
    [True, True, True, False]
    """
    if word in OPT_OUTS or word.startswith(OPT_OUT_PREFIXES):
        return True
    return any(
        word.startswith(prefix) and word[len(prefix) :].startswith(NEGATED_STEMS)
        for prefix in ("non", "un", "dis")
    )


def consent_kind(folded: str) -> str | None:
    """How a folded header speaks of consent (docs/playbook.md, "Consent").

    ``consent`` (it may be read as the consent column), ``negated`` (it speaks of consent
    the other way round or on a condition: ``Do not publish``, ``Withdrew consent``,
    ``Publish? (leave blank = yes)``, or of an opt-out on its own: ``Delete me``),
    ``hint`` (``Share publicly?``) or ``None``. Conservative: a header is ``consent`` only
    when its words say consent and none of them negates it.

    >>> consent_kind(fold_header("Consent (Y/N)"))
    'consent'
    >>> consent_kind(fold_header("Do not publish"))
    'negated'
    >>> consent_kind(fold_header("Withdrew consent"))
    'negated'
    >>> consent_kind(fold_header("Share publicly?"))
    'hint'
    >>> consent_kind(fold_header("Employer")) is None
    True
    """
    padded = f" {folded} "
    for answers in ANSWER_FORMATS:  # `Consent (Y/N)`: the answers, not a negation
        padded = padded.replace(f" {answers} ", " ")
    words = padded.split()
    padded = f" {' '.join(words)} "
    if any(_opts_out(w) for w in words) or any(f" {p} " in padded for p in OPT_OUT_PHRASES):
        return "negated"
    said = bool(set(words) & CONSENT_WORDS) or any(f" {p} " in padded for p in CONSENT_PHRASES)
    negated = bool(set(words) & NEGATIONS)
    if said:
        return "negated" if negated else "consent"
    if negated and set(words) & (CONSENT_HINTS | {"list", "show", "include", "display"}):
        return "negated"  # `Never share`, `No listing`
    return "hint" if set(words) & CONSENT_HINTS else None


def parse_maps(items: list[str]) -> list[MapRule]:
    """Parse ``COLUMN=FIELD`` options (``A+B=FIELD`` joins columns A and B).

    >>> parse_maps(["First Name+Last Name=name", "Class = education.year"])[1]
    MapRule(text='Class = education.year', column='Class', target='education.year')

    Raises:
        ImportError_: An item has no ``=`` or names an unknown field.
    """
    result: list[MapRule] = []
    for item in items:
        column, sep, target = item.rpartition("=")
        if not sep or not column.strip() or not target.strip():
            raise ImportError_(f"--map takes COLUMN=FIELD, not `{item}`")
        target = target.strip()
        if target not in FIELDS:
            raise ImportError_(
                f"--map {item}: unknown field `{target}`; the fields are: {', '.join(FIELDS)}"
            )
        result.append(MapRule(item, column.strip(), target))
    return result


@dataclass
class ColumnPlan:
    """How the columns of a header fill the fields."""

    targets: dict[str, tuple[int, ...]]
    """Field -> the columns joined into it, in order."""
    ignored: list[int]
    linkedin: bool
    consent_by_words: int | None = None
    """The column read as consent for the words of its header (not an exact alias)."""


def resolve_columns(
    header: list[str], rules: list[MapRule], *, strict_rules: bool
) -> tuple[ColumnPlan | None, str | None]:
    """Map the columns of ``header`` to fields: the ``--map`` rules first, then the
    aliases, then a consent column by its words, then first + last name joined.

    Returns the plan, or ``None`` with why when no column gives the name.

    Raises:
        ImportError_: (only with ``strict_rules``) a --map names a column the header
            lacks, or two columns fill one field.
    """
    folded = [fold_header(h) for h in header]
    index: dict[str, int] = {}
    for i, name in enumerate(folded):
        index.setdefault(name, i)
    targets: dict[str, tuple[int, ...]] = {}
    used: set[int] = set()
    _apply_rules(header, index, rules, targets, used, strict_rules=strict_rules)
    linkedin = set(folded) >= LINKEDIN_SIGNATURE
    _apply_aliases(header, folded, linkedin, targets, used, strict_rules=strict_rules)
    by_words = _consent_by_words(folded, targets, used)
    _join_name(index, targets, used)
    if "name" not in targets:
        return None, "no column gives the name"
    ignored = [i for i in range(len(header)) if i not in used and header[i].strip()]
    return ColumnPlan(targets, ignored, linkedin, by_words), None


def _apply_rules(
    header: list[str],
    index: dict[str, int],
    rules: list[MapRule],
    targets: dict[str, tuple[int, ...]],
    used: set[int],
    *,
    strict_rules: bool,
) -> None:
    """Add the ``--map`` rules to ``targets`` (a rule that does not fit is skipped, or
    refused with ``strict_rules``)."""
    for rule in rules:
        whole = fold_header(rule.column)
        parts = [whole] if whole in index else [fold_header(p) for p in rule.column.split("+")]
        missing = [p for p in parts if p not in index]
        if missing:
            if not strict_rules:
                continue
            raise ImportError_(
                f"--map {rule.text}: no column `{missing[0]}` in the header; its columns are: "
                + ", ".join(h for h in header if h.strip())
            )
        columns = tuple(index[p] for p in parts)
        if rule.target in targets or used.intersection(columns):
            if not strict_rules:
                continue
            raise ImportError_(
                f"--map {rule.text}: the field or a column is already mapped by another --map"
            )
        targets[rule.target] = columns
        used.update(columns)


def _apply_aliases(
    header: list[str],
    folded: list[str],
    linkedin: bool,
    targets: dict[str, tuple[int, ...]],
    used: set[int],
    *,
    strict_rules: bool,
) -> None:
    """Add the columns whose header is an alias; an explicit --map of the same field wins."""
    aliases = {**COLUMN_ALIASES, **(LINKEDIN if linkedin else {})}
    automatic: dict[str, int] = {}
    for i, name in enumerate(folded):
        target = aliases.get(name)
        if i in used or target is None or target in targets:
            continue  # an explicit --map of the same field wins
        if target in automatic:
            if not strict_rules:
                continue
            first = header[automatic[target]]
            raise ImportError_(
                f"two columns fill `{target}` (`{first}` and `{header[i]}`); "
                f'map one elsewhere with --map "{header[i]}=FIELD"'
            )
        automatic[target] = i
    targets.update({target: (i,) for target, i in automatic.items()})
    used.update(automatic.values())


def _consent_by_words(
    folded: list[str], targets: dict[str, tuple[int, ...]], used: set[int]
) -> int | None:
    """The one column read as consent for the words of its header, if no column is
    named ``consent`` (added to ``targets``)."""
    if "consent" in targets:
        return None
    candidates = [
        i for i, name in enumerate(folded) if i not in used and consent_kind(name) == "consent"
    ]
    if len(candidates) != 1:  # several: none is guessed, each is refused later
        return None
    targets["consent"] = (candidates[0],)
    used.add(candidates[0])
    return candidates[0]


def _join_name(index: dict[str, int], targets: dict[str, tuple[int, ...]], used: set[int]) -> None:
    """Without a name column, join first (middle) and last name columns into ``name``."""
    if "name" in targets:
        return
    pieces = [
        next((index[h] for h in group if h in index and index[h] not in used), None)
        for group in (FIRST_NAMES, MIDDLE_NAMES, LAST_NAMES)
    ]
    if pieces[0] is not None and pieces[2] is not None:
        targets["name"] = tuple(i for i in pieces if i is not None)
        used.update(targets["name"])


def refuse_unread_consent(header: list[str], plan: ColumnPlan, shown: str, line: int) -> None:
    """Refuse a file with a consent-like column that is not read as consent.

    A consent ``no`` in a column the import does not read would publish the person
    anyway (with a ``public`` visibility): such a column is never ignored
    (docs/playbook.md, "Consent").

    Raises:
        ImportError_: (a usage error) naming the column and the ``--map`` that reads it.
    """
    for i in plan.ignored:
        column = header[i]
        kind = consent_kind(fold_header(column))
        if kind is None:
            continue
        current = plan.targets.get("consent")
        if kind == "negated" and current:
            message = (
                f"column `{column}` seems to say who must NOT be published (or says it on a "
                f"condition), and the import reads only the consent column `{header[current[0]]}` "
                "(yes: may be published): write no in that column for everyone this one holds "
                "back and remove this column, or, if it says nothing about publishing, map it "
                f'to another field (--map "{column}=notes")'
            )
        elif kind == "negated":
            message = (
                f"column `{column}` seems to say who must NOT be published (or says it on a "
                "condition), and the import reads only a consent column (yes: may be "
                "published): turn it into a consent column and import again, or map it to "
                f'another field (--map "{column}=notes") to keep everyone private'
            )
        else:
            already = (
                f"; consent is read from `{header[current[0]]}`, so map one of the two "
                "to another field"
                if current
                else ""
            )
            message = (
                f"column `{column}` may say whether the person agreed to be published, but it "
                f'is not read as consent: if it is, add --map "{column}=consent"{already}; if '
                f'not, map it to another field (--map "{column}=notes") or remove it from the '
                "file"
            )
        raise ImportError_(message, Problem(shown, line, 1, "error", message), usage=True)
