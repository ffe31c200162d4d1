"""Career fields in comparable form: when two career moves are the same.

docs/prep.md, "Common ground": a field is its head noun and at most one
qualifier, after ranks, settings, plurals and synonyms are normalized
("ICU nurse manager" -> nursing, "user research" -> UX research).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...read.model import Profile
from ...text import with_article_simple
from .keys import fold

_FIELD_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("user experience research", "ux research"),
    ("user experience", "ux"),
    ("user research", "ux research"),
    ("design research", "ux research"),
    ("data analytics", "data analysis"),
    ("data analyst", "data analysis"),
    ("public accounting", "accounting"),
    ("certified public accountant", "accounting"),
)
"""Phrases that name the same field (folded, whole words), applied before anything else."""

_FIELD_WORDS: dict[str, str] = {
    # a person's role names their field
    "nurse": "nursing",
    "accountant": "accounting",
    "auditor": "accounting",
    "audit": "accounting",
    "auditing": "accounting",
    "cpa": "accounting",
    "bookkeeping": "accounting",
    "bookkeeper": "accounting",
    "researcher": "research",
    "teacher": "teaching",
    "educator": "teaching",
    "analyst": "analysis",
    "analytics": "analysis",
    "scientist": "science",
    "engineer": "engineering",
    "designer": "design",
    "developer": "development",
    "programmer": "development",
    "programming": "development",
    "lawyer": "law",
    "attorney": "law",
    "legal": "law",
    "pharmacist": "pharmacy",
    "psychologist": "psychology",
    "chef": "cooking",
    "cook": "cooking",
    "baker": "cooking",
    "baking": "cooking",
    "pastry": "cooking",
    "writer": "writing",
    "editor": "editing",
    "journalist": "journalism",
    "marketer": "marketing",
    "economist": "economics",
    "statistician": "statistics",
    "physician": "medicine",
    "doctor": "medicine",
}
"""Role nouns and near-synonyms mapped to the field they name ("auditor" -> accounting)."""

_RANK_WORDS = frozenset(
    [
        "manager",
        "lead",
        "head",
        "director",
        "chief",
        "officer",
        "specialist",
        "associate",
        "coordinator",
        "consultant",
        "assistant",
        "supervisor",
        "partner",
        "intern",
        "staff",
        "senior",
        "junior",
        "principal",
        "vp",
        "president",
    ]
)
"""Ranks and titles around a field ("audit manager" is in audit); dropped."""

_MANAGED = frozenset({"product", "program", "project", "operations", "account", "data"})
"""Words whose manager or director works in "<word> management" ("product manager")."""

_SETTING_WORDS = frozenset(
    [
        "icu",
        "er",
        "emergency",
        "cardiac",
        "surgical",
        "pediatric",
        "paediatric",
        "bedside",
        "hospital",
        "hospice",
        "clinic",
        "government",
        "public",
        "private",
        "nonprofit",
        "non",
        "profit",
        "sector",
        "health",
        "healthcare",
        "corporate",
        "federal",
        "state",
        "county",
        "city",
        "municipal",
        "local",
        "agency",
        "academic",
        "freelance",
        "independent",
        "registered",
        "certified",
        "licensed",
        "medical",
        "step",
        "down",
        "unit",
        "small",
        "large",
        "global",
        "international",
    ]
)
"""Where or for whom the work is done, not what it is ("ICU nursing" is nursing); dropped."""

_LEADING = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "one",
        "some",
        "work",
        "working",
        "career",
        "job",
        "role",
        "in",
        "as",
        "into",
    ]
)
_CUT_AT = frozenset({"on", "at", "for", "in", "with", "within", "from", "by", "while", "and"})
_KEEP_S = frozenset({"analysis", "economics", "statistics", "physics", "mathematics", "ux", "news"})
_ACRONYMS = frozenset({"ux", "ui", "cx", "icu", "hr", "it", "cpa", "mph"})
_ROLE_ENDINGS = ("er", "or", "ist", "ian", "ant", "man", "woman")
_DOMAIN_WORK = frozenset({"data", "ux", "product", "software", "policy", "design"})
"""Qualifiers that name a kind of work on their own ("moved into data work")."""


@dataclass(frozen=True)
class CareerField:
    """A career field in comparable form.

    Attributes:
        head: The field's head noun after normalization ("research", "accounting").
        qualifier: The word that makes it a kind of that field ("ux" in "UX
            research"), or ``""``.
        role: The head is a person's role the lexicon does not know ("firefighter"):
            said as "as a firefighter" rather than "in …".
    """

    head: str
    qualifier: str = ""
    role: bool = False

    def words(self) -> str:
        """The field as words, acronyms in capitals: ``UX research``, ``accounting``.

        >>> CareerField("research", "ux").words()
        'UX research'
        """
        parts = [self.qualifier, self.head] if self.qualifier else [self.head]
        return " ".join(w.upper() if w in _ACRONYMS else w for w in parts)

    def phrase(self, preposition: str = "in") -> str:
        """``in accounting`` / ``as a firefighter`` (``preposition`` is used for a field).

        >>> CareerField("accounting").phrase(), CareerField("firefighter", role=True).phrase()
        ('in accounting', 'as a firefighter')
        """
        if self.role:
            return f"as {with_article_simple(self.words())}"
        return f"{preposition} {self.words()}"


def _singular(word: str) -> str:
    """A plural noun in the singular ("nurses" -> nurse); a few words keep their s.

    >>> [_singular(w) for w in ("nurses", "studies", "analysis", "ux")]
    ['nurse', 'study', 'analysis', 'ux']
    """
    if word in _KEEP_S or len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s"):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=4096)
def career_field(text: str) -> CareerField | None:
    """Normalize a noun phrase naming a career field or a role.

    Articles and plurals go, the phrase is cut at its first preposition
    ("UX research on health software" -> UX research), ranks and settings are
    dropped ("ICU nurse manager" -> nursing), a role becomes its field
    ("auditor" -> accounting) and synonyms are unified ("user research" -> UX
    research). What remains is the head noun and at most one qualifier.

    Arguments:
        text: A noun phrase, e.g. ``"a pastry chef"``, ``"Nurses"``, ``"UX research"``.

    Returns:
        The field, or ``None`` when nothing is left (``"the"``).

    >>> career_field("ICU nurse manager")
    CareerField(head='nursing', qualifier='', role=False)
    """
    folded = f" {fold(text)} "
    for phrase, same in _FIELD_SYNONYMS:
        folded = folded.replace(f" {phrase} ", f" {same} ")
    words = [_singular(w) for w in folded.split()]
    if "of" in words:  # "Head of Data" -> data; "director of product" -> product
        before = words[: words.index("of")]
        if before and all(w in _RANK_WORDS or w in _LEADING for w in before):
            words = words[words.index("of") + 1 :]
        else:
            words = before
    while words and words[0] in _LEADING:
        words = words[1:]
    for index, word in enumerate(words):
        if word in _CUT_AT and index:
            words = words[:index]
            break
    managed = False
    while len(words) > 1 and words[-1] in _RANK_WORDS:
        managed = managed or words[-1] in {"manager", "director", "head", "lead"}
        words = words[:-1]
    # A phrase of settings only ("public health") is the field itself.
    words = [w for w in words if w not in _SETTING_WORDS and w not in _RANK_WORDS] or words
    words = [w for w in words if w not in _LEADING and w not in _CUT_AT]
    if not words:
        return None
    if managed and words[-1] in _MANAGED:
        words.append("management")
    head = _FIELD_WORDS.get(words[-1], words[-1])
    qualifier = ""
    if len(words) > 1:
        qualifier = _FIELD_WORDS.get(words[-2], words[-2])
        if qualifier == head:
            qualifier = ""
    known = words[-1] in _FIELD_WORDS or head != words[-1]
    role = not known and words[-1].endswith(_ROLE_ENDINGS)
    return CareerField(head, qualifier, role)


def same_field(a: CareerField, b: CareerField) -> CareerField | None:
    """The field two fields share, or ``None``.

    Two fields are the same when their head nouns are, and their qualifiers
    are too, or one of them has none ("government accounting" and "audit" are
    both accounting; "data analysis" and "data management" are not the same,
    nor are "UX research" and "market research").

    Returns:
        The shared field, the less specific of the two (what is true of both).

    >>> same_field(career_field("government accounting"), career_field("audit"))
    CareerField(head='accounting', qualifier='', role=False)
    """
    if a.head != b.head:
        return None
    if a.qualifier and b.qualifier and a.qualifier != b.qualifier:
        return None
    return a if not a.qualifier else b


def shared_domain(a: CareerField, b: CareerField) -> str | None:
    """A kind of work two different fields share ("data" for data analysis and data
    management), from a short list (data, UX, product, software, policy, design).
    >>> shared_domain(CareerField("analysis", "data"), CareerField("management", "data"))
    'data'
    """
    for mine in {a.qualifier, a.head} & {b.qualifier, b.head}:
        if mine in _DOMAIN_WORK:
            return mine.upper() if mine in _ACRONYMS else mine
    return None


_AIM = re.compile(
    r"\b(?:exploring|explore|considering|moving|move|moved|transitioning|transition|switch|"
    r"switching|pivot|pivoting|into|towards?)\b\s+",
    re.IGNORECASE,
)


def career_fields(texts: list[str]) -> list[CareerField]:
    found = []
    for text in texts:
        for part in re.split(r"\s*(?:,|;|/|&|\band\b|\bor\b)\s*", text):
            field = career_field(part) if part.strip() else None
            if field is not None and field not in found:
                found.append(field)
    return found


def your_move(profile: Profile) -> tuple[list[CareerField], list[CareerField]]:
    """Where you come from and where you aim, as career fields.

    From: the headline before "exploring" (or "moving", "considering", …),
    your roles, and your fields of study that are not where you aim. To: the
    headline after that word and the goal after "into" (or the whole goal).

    Worked out once for each profile (it is the same on every page): keyed by
    identity, the model (immutable) kept with its result so that its id stays
    its own; a ``mkdocs serve`` rebuild after the profile changed loads a new one.
    """
    known = _MOVES.get(id(profile))
    if known is None or known[0] is not profile:
        if len(_MOVES) >= 8:
            _MOVES.clear()
        known = _MOVES[id(profile)] = (profile, _your_move(profile))
    origin, aim = known[1]
    return list(origin), list(aim)


_MOVES: dict[int, tuple[Profile, tuple[tuple[CareerField, ...], tuple[CareerField, ...]]]] = {}
""":func:`your_move` by the profile's identity (with the profile)."""


def _your_move(profile: Profile) -> tuple[tuple[CareerField, ...], tuple[CareerField, ...]]:
    """:func:`your_move`, worked out.

    >>> from prepguide.read.model import Profile
    >>> [f.head for f in _your_move(Profile(name="Al", headline="Nurse exploring UX research"))[1]]
    ['research']
    """
    headline = profile.headline or ""
    parts = _AIM.split(headline, maxsplit=1)
    aims: list[str] = []
    if len(parts) == 2:
        aims.append(
            re.sub(
                r"^(?:an?\s+)?(?:move|career|transition|switch|change)\s+(?:into|to|in)\s+",
                "",
                parts[1],
                flags=re.IGNORECASE,
            )
        )
    goal = profile.goal or ""
    found = re.search(r"\b(?:into|to become|to)\s+(.+)", goal, re.IGNORECASE)
    if goal:
        aims.append(found.group(1) if found else goal)
    to = career_fields(aims)
    origins = [parts[0]] if len(parts) == 2 else [headline]
    origins += [job.role or "" for job in profile.experience]
    origins += [
        e.field
        for e in profile.education
        if e.field and not any(same_field(f, t) for f in career_fields([e.field]) for t in to)
    ]
    return tuple(career_fields([o for o in origins if o])), tuple(to)


def match(theirs: CareerField | None, mine: list[CareerField]) -> CareerField | None:
    if theirs is None:
        return None
    return next((f for m in mine if (f := same_field(theirs, m)) is not None), None)
