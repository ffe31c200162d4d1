"""Common ground between you (the profile) and a contact.

Each point is one sentence for the prep page ("You both studied at …") with a
spoken variant for the intro script ("We both studied at …") and a strength
used to rank the points. The comparison is deliberately simple and
deterministic: names are folded (case, accents, punctuation, company
suffixes) and compared for equality; career changes are compared by the
stems of their words.

The module also holds the small text helpers the other tailoring modules
share (first names, Markdown stripping, articles).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .corpus import Corpus
from .model import Contact, Education, Experience, Profile
from .network import relation

GROUND_KINDS = ("mutual", "transition", "school", "employer", "field", "city", "interest")
"""The kinds of common ground, in the order used to break ties of strength."""


@dataclass(frozen=True)
class GroundPoint:
    """One thing you have in common with a contact.

    Attributes:
        kind: One of school, employer, field, city, interest, transition, mutual.
        strength: Higher is stronger; points are ranked by it (0-100).
        sentence: The point as shown on the prep page, addressed to you.
        spoken: The same point as you would say it to the contact (used by the
            intro script).
    """

    kind: str
    strength: int
    sentence: str
    spoken: str = ""


# ---------------------------------------------------------------------------
# Text helpers shared by the tailoring modules


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold text for comparison: no accents, case folded, punctuation as spaces.

    Arguments:
        text: Any text.

    Returns:
        Words separated by single spaces, e.g. ``"Zoë's  Café!"`` -> ``"zoes cafe"``.
    """
    if text.isascii():
        # The same steps for ASCII: NFKD leaves it as it is, it has no
        # combining marks, it folds to lower case, and its word characters
        # are then [a-z0-9_] (the underscore becoming a space too).
        folded = text.encode("ascii").translate(_ASCII_FOLD, b"'`").decode("ascii")
        return " ".join(folded.split())
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(itertools.filterfalse(unicodedata.combining, folded)).casefold()
    folded = _APOSTROPHES.sub("", folded)
    return " ".join(_NOT_WORD.sub(" ", folded).split())


_APOSTROPHES = re.compile(r"['’`]")
_NOT_WORD = re.compile(r"[^\w]+|_")
_ASCII_FOLD = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 48 <= byte <= 57 or 97 <= byte <= 122 else 32
    for byte in range(256)
)
"""Per byte: A-Z to lower case, a-z and 0-9 kept, anything else a space."""


_COMPANY_SUFFIXES = {
    "inc",
    "incorporated",
    "llc",
    "llp",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "bv",
    "nv",
    "pty",
    "lp",
}


@functools.lru_cache(maxsize=4096)
def organization_key(name: str) -> str:
    """Normalize an organization's name for matching.

    Case, accents and punctuation are folded, a leading "the" and trailing
    legal suffixes (Inc, LLC, Ltd, Corp, GmbH…) are removed, and "&" counts as
    "and".

    Arguments:
        name: An organization's name as written.

    Returns:
        The key, e.g. ``"The Acme Company, Inc."`` -> ``"acme"``.
    """
    words = fold(name.replace("&", " and ")).split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def first_name(name: str) -> str:
    """Return the first word of a person's name (titles such as "Dr." skipped).

    Arguments:
        name: A full name.

    Returns:
        The first name, or the whole name when it has one word.
    """
    words = name.split()
    titles = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."}
    while len(words) > 1 and words[0].casefold() in titles:
        words = words[1:]
    return words[0] if words else name


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(\*\*|__|\*|_|`|~~)(?=\S)(.+?)(?<=\S)\1")


def strip_markdown(text: str) -> str:
    """Turn a little Markdown into plain text.

    Links keep their text, emphasis and code marks are removed, as are
    heading, quote and list markers. Lines are joined with single spaces.

    Arguments:
        text: Markdown.

    Returns:
        Plain text on one line.
    """
    text = _MD_LINK.sub(r"\1", text)
    for _ in range(3):
        text = _MD_MARKS.sub(r"\2", text)
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", "", line)
        lines.append(line.strip())
    return " ".join(" ".join(lines).split())


def note_items(markdown: str) -> list[str]:
    """The first sentence of each bullet (or paragraph) of Markdown notes, as plain text.

    ``"- First point, with **emphasis**. More.\\n- Second"`` ->
    ``["First point, with emphasis.", "Second"]``.

    Arguments:
        markdown: Notes in Markdown, e.g. ``notes``.

    Returns:
        The sentences, in order.
    """
    blocks: list[list[str]] = []
    for line in markdown.splitlines():
        if re.match(r"^\s{0,3}([-*+]|\d+[.)])\s+", line) or not line.strip():
            blocks.append([])
        if line.strip():
            if not blocks:
                blocks.append([])
            blocks[-1].append(line)
    items = []
    for block in blocks:
        plain = strip_markdown("\n".join(block))
        if plain:
            items.append(first_sentence(plain))
    return items


def first_item(markdown: str) -> str | None:
    """Return the first bullet, or else the first sentence, of a Markdown text.

    Arguments:
        markdown: Notes in Markdown.

    Returns:
        The first sentence of the first bullet (or paragraph) as plain text, or
        ``None`` when the text is empty.
    """
    return next(iter(note_items(markdown)), None)


def first_sentence(text: str) -> str:
    """Return the first sentence of plain text (the whole text if it has one).

    Arguments:
        text: Plain text.

    Returns:
        The first sentence, with its final punctuation.
    """
    match = re.search(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“‘(])", text)
    return text[: match.start()].strip() if match else text.strip()


def lower_first(text: str) -> str:
    """Lowercase the first letter, unless the first word looks like an acronym or name.

    Arguments:
        text: A phrase, e.g. a goal written as a sentence.

    Returns:
        ``"Understand how…"`` -> ``"understand how…"``; ``"ICU nursing"`` is kept.
    """
    if not text:
        return text
    word = text.split()[0]
    if len(word) > 1 and (sum(ch.isupper() for ch in word) > 1 or not word[1:].islower()):
        return text
    return text[0].lower() + text[1:]


def clause(text: str) -> str:
    """Strip a phrase of surrounding space and final punctuation.

    Arguments:
        text: A phrase written as a sentence.

    Returns:
        The phrase, ready to be embedded in another sentence.
    """
    return " ".join(text.split()).rstrip(" .;:!,")


_DETERMINERS = {
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
    "someone",
    "somebody",
    "this",
    "that",
    "i",
    "i'm",
}
_AN_LETTERS = set("AEFHILMNORSX")


def with_article(phrase: str) -> str:
    """Put "a" or "an" before a noun phrase, unless it has a determiner already.

    Acronyms are read by their letters ("an ICU nurse", "a UX researcher");
    common words by their first letter, with a few exceptions ("a user…",
    "an hour…").

    Arguments:
        phrase: A noun phrase such as ``"ICU nurse exploring UX research"``.

    Returns:
        The phrase with an article.
    """
    phrase = clause(phrase)
    if not phrase:
        return phrase
    word = phrase.split()[0]
    bare = word.strip("\"'“‘(")
    if bare.casefold() in _DETERMINERS or bare[:1].isdigit():
        return phrase
    if len(bare) > 1 and bare.isupper():
        article = "an" if bare[0] in _AN_LETTERS else "a"
    else:
        low = bare.casefold()
        if low.startswith(("uni", "use", "usu", "uti", "ure", "eu", "one", "once")):
            article = "a"
        elif low.startswith(("hour", "honest", "honor", "honour", "heir")):
            article = "an"
        else:
            article = "an" if low[:1] in "aeiou" else "a"
    return f"{article} {phrase}"


def join_words(items: Iterable[str]) -> str:
    """Join phrases as English prose: "a", "a and b", "a, b and c".

    Arguments:
        items: The phrases.

    Returns:
        The joined text.
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------------------
# Comparison helpers


def _year(value: object) -> int | None:
    if value is None:
        return None
    return _year_of(str(value))


@functools.lru_cache(maxsize=4096)
def _year_of(text: str) -> int | None:
    match = re.match(r"^(\d{4})", text)
    return int(match.group(1)) if match else None


def _period(job: Experience) -> tuple[int | None, int | None, bool]:
    start = _year(job.start)
    current = job.end is None or str(job.end).lower() == "present"
    end = None if current else _year(job.end)
    return start, end, current


_STOPWORDS = {
    "a",
    "an",
    "the",
    "to",
    "from",
    "into",
    "in",
    "of",
    "and",
    "or",
    "for",
    "on",
    "at",
    "with",
    "by",
    "my",
    "your",
    "move",
    "moving",
    "exploring",
    "explore",
    "career",
    "careers",
    "change",
    "changing",
    "work",
    "working",
    "job",
    "jobs",
    "role",
    "roles",
    "new",
    "after",
    "years",
    "year",
    "how",
    "what",
    "who",
    "that",
    "this",
    "their",
    "them",
    "look",
    "like",
    "first",
    "two",
    "actually",
    "now",
    "then",
    "i",
    "im",
}


def _stem(word: str) -> str:
    for suffix in ("ists", "ist", "ians", "ian", "ings", "ing", "ers", "er", "es", "s", "e", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def stems(text: str) -> set[str]:
    """Return the content-word stems of a text (for comparing career changes).

    Arguments:
        text: Any text.

    Returns:
        A set of crude stems: ``"ICU nursing"`` -> ``{"icu", "nurs"}``.
    """
    return set(_stems(text))


@functools.lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in fold(text).split() if w not in _STOPWORDS and len(w) > 1)


_TRANSITION_SPLIT = re.compile(r"\s*(?:\s(?:to|into)\s|→|->|=>|—>)\s*", re.IGNORECASE)


def split_transition(text: str) -> tuple[str, str] | None:
    """Split a career change such as ``"nursing to UX research"`` into its two sides.

    Understands "X to Y", "from X to Y", "X into Y", "X → Y" and "X -> Y".

    Arguments:
        text: The ``background.transition`` text.

    Returns:
        ``(from, to)`` without surrounding punctuation, or ``None`` when the
        text names no destination.
    """
    body = clause(text)
    body = re.sub(r"^(?:moved\s+|moving\s+|switched\s+)?from\s+", "", body, flags=re.IGNORECASE)
    parts = _TRANSITION_SPLIT.split(body, maxsplit=1)
    if len(parts) != 2:
        return None
    source, target = clause(parts[0]), clause(parts[1])
    if not source or not target:
        return None
    return source, target


def _place_names(text: str) -> list[str]:
    """Folded place names in a location text: "Remote (Madison, Wisconsin)" -> madison, wisconsin."""
    return list(_places(text))


def _place_parts(text: str) -> list[str]:
    """The parts of a location text, as written: "Remote (Madison, Wisconsin)" -> "Remote ",
    "Madison", " Wisconsin", "" (brackets and parentheses separate parts like commas)."""
    return re.sub(r"[()\[\]]", ",", text).split(",")


@functools.lru_cache(maxsize=4096)
def _places(text: str) -> tuple[str, ...]:
    names = []
    for part in _place_parts(text):
        key = fold(part)
        if key and key not in {"remote", "hybrid", "usa", "us", "united states", "uk"}:
            names.append(key)
    return tuple(names)


def _city_of(location: str) -> str:
    """The first place of a location, as written: "Minneapolis, Minnesota" -> Minneapolis."""
    inner = re.sub(r"^\s*(remote|hybrid)\s*", "", location, flags=re.IGNORECASE)
    inner = inner.strip(" ()[]")
    return clause(inner.split(",")[0].strip(" ()")) or location


def _ordinal_years(gap: int) -> str:
    return "1 year" if gap == 1 else f"{gap} years"


# ---------------------------------------------------------------------------
# Finding common ground


def find_common_ground(
    profile: Profile | None, contact: Contact, corpus: Corpus
) -> tuple[GroundPoint, ...]:
    """Compare you with a contact and rank what you share.

    Arguments:
        profile: You, or ``None`` in a playbook (then only a mutual
            connection can be found).
        contact: The person.
        corpus: The guide, to name organizations and the person who introduces you.

    Returns:
        The points, strongest first; ties broken by kind (mutual, transition,
        school, employer, field, city, interest) and then by sentence.
    """
    first = first_name(contact.name)
    points: list[GroundPoint] = []
    points.extend(_mutual(contact, corpus))
    if profile is not None:
        points.extend(_transition(profile, contact, first))
        school_points, fields_done = _schools(profile, contact, first)
        points.extend(school_points)
        points.extend(_employers(profile, contact, corpus, first))
        points.extend(_fields(profile, contact, first, fields_done))
        points.extend(_cities(profile, contact, first))
        points.extend(_interests(profile, contact))
    order = {kind: i for i, kind in enumerate(GROUND_KINDS)}
    points.sort(key=lambda p: (-p.strength, order.get(p.kind, 99), p.sentence))
    return tuple(points)


def _mutual(contact: Contact, corpus: Corpus) -> list[GroundPoint]:
    via = contact.connection.via
    if not via or via == contact.id:
        return []
    person = corpus.contacts.get(via)
    name = person.name if person else " ".join(w.capitalize() for w in via.split("-"))
    # Only what the notes say happened (network.relation): introduced, asked, or not yet.
    rel = relation(corpus, via, contact.id)
    state = rel.introduction if rel is not None else None
    if state == "introduced":
        sentence = f"You both know {name}, who introduced you."
        spoken = f"We both know {first_name(name)}, who kindly put us in touch."
    elif state == "requested":
        sentence = f"You both know {name}, whom you asked for an introduction."
        spoken = f"We both know {first_name(name)}."
    else:
        sentence = f"You both know {name}, who can introduce you."
        spoken = f"We both know {first_name(name)}."
    return [GroundPoint("mutual", 90, sentence, spoken)]


# ---------------------------------------------------------------------------
# Career fields: when two moves are the same (docs/prep.md, "Common ground")


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
        """The field as words, acronyms in capitals: ``UX research``, ``accounting``."""
        parts = [self.qualifier, self.head] if self.qualifier else [self.head]
        return " ".join(w.upper() if w in _ACRONYMS else w for w in parts)

    def phrase(self, preposition: str = "in") -> str:
        """``in accounting`` / ``as a firefighter`` (``preposition`` is used for a field)."""
        if self.role:
            return f"as {with_article(self.words())}"
        return f"{preposition} {self.words()}"


def _singular(word: str) -> str:
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
    """
    if a.head != b.head:
        return None
    if a.qualifier and b.qualifier and a.qualifier != b.qualifier:
        return None
    return a if not a.qualifier else b


def shared_domain(a: CareerField, b: CareerField) -> str | None:
    """A kind of work two different fields share ("data" for data analysis and data
    management), from a short list (data, UX, product, software, policy, design)."""
    for mine in {a.qualifier, a.head} & {b.qualifier, b.head}:
        if mine in _DOMAIN_WORK:
            return mine.upper() if mine in _ACRONYMS else mine
    return None


_AIM = re.compile(
    r"\b(?:exploring|explore|considering|moving|move|moved|transitioning|transition|switch|"
    r"switching|pivot|pivoting|into|towards?)\b\s+",
    re.IGNORECASE,
)


def _career_fields(texts: list[str]) -> list[CareerField]:
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
    to = _career_fields(aims)
    origins = [parts[0]] if len(parts) == 2 else [headline]
    origins += [job.role or "" for job in profile.experience]
    origins += [
        e.field
        for e in profile.education
        if e.field and not any(same_field(f, t) for f in _career_fields([e.field]) for t in to)
    ]
    return _career_fields([o for o in origins if o]), to


def _match(theirs: CareerField | None, mine: list[CareerField]) -> CareerField | None:
    if theirs is None:
        return None
    return next((f for m in mine if (f := same_field(theirs, m)) is not None), None)


def _transition(profile: Profile, contact: Contact, first: str) -> list[GroundPoint]:
    """Their career change against yours: the same move only when both ends match.

    Otherwise only the part that is true: you started in the same field, or
    they moved into the field (or the kind of work) you aim for.
    """
    text = contact.background.transition
    if not text:
        return []
    origin, aim = your_move(profile)
    parts = split_transition(text)
    change = clause(text)
    if parts is None:
        whole = career_field(text)
        if _match(whole, origin) or _match(whole, aim):
            return [
                GroundPoint(
                    "transition",
                    50,
                    f"{first} changed careers too ({change}).",
                    "You changed careers too, which is exactly what I am weighing now.",
                )
            ]
        return []
    source, target = career_field(parts[0]), career_field(parts[1])
    left = _match(source, origin)
    right = _match(target, aim)
    if left is not None and right is not None:
        return [
            GroundPoint(
                "transition",
                85,
                f"{first} made the move you are considering: {change}.",
                f"You made the move I am considering, from {left.words()} to {right.words()}.",
            )
        ]
    domain = None
    if right is None and target is not None:
        domain = next((d for m in aim if (d := shared_domain(target, m))), None)
    if left is not None:
        started = (
            f"Like you, {first} started out {left.phrase()}"
            if left.role
            else f"You and {first} both started out {left.phrase()}"
        )
        spoken = (
            f"Like me, you started out {left.phrase()}, so you know the world I come from."
            if left.role
            else f"We both started out {left.phrase()}, so you know the world I come from."
        )
        if domain:
            return [
                GroundPoint(
                    "transition",
                    70,
                    f"{started}, and {first} then moved into {domain} work, as you hope to.",
                    spoken,
                )
            ]
        return [GroundPoint("transition", 65, f"{started}.", spoken)]
    if right is not None:
        into = "became" if right.role else "moved into"
        what = with_article(right.words()) if right.role else right.words()
        return [
            GroundPoint(
                "transition",
                55,
                f"{first} {into} {what} from another field, as you hope to.",
                f"You {into} {what} from another field, which is what I hope to do.",
            )
        ]
    if domain:
        return [
            GroundPoint(
                "transition",
                40,
                f"Like you hope to, {first} moved into {domain} work from another field.",
                f"You moved into {domain} work from another field, which is what I hope to do.",
            )
        ]
    return []


def _schools(profile: Profile, contact: Contact, first: str) -> tuple[list[GroundPoint], set[str]]:
    mine: dict[str, list[Education]] = {}
    for entry in profile.education:
        mine.setdefault(organization_key(entry.school), []).append(entry)
    theirs: dict[str, list[Education]] = {}
    for entry in contact.background.education:
        theirs.setdefault(organization_key(entry.school), []).append(entry)
    points = []
    fields_done: set[str] = set()
    for key in sorted(set(mine) & set(theirs), key=lambda k: (k, 0)):
        school = mine[key][0].school
        gaps = [
            (abs(a.year - b.year), a, b)
            for a in mine[key]
            for b in theirs[key]
            if a.year is not None and b.year is not None
        ]
        shared_fields = sorted(
            {fold(a.field) for a in mine[key] if a.field}
            & {fold(b.field) for b in theirs[key] if b.field}
        )
        fields_done.update(shared_fields)
        field_name = ""
        if shared_fields:
            field_name = next(
                lower_first(a.field)
                for a in mine[key]
                if a.field and fold(a.field) == shared_fields[0]
            )
        studied = f"studied {field_name} at {school}" if field_name else f"studied at {school}"
        strength = 70 + (5 if shared_fields else 0)
        if gaps:
            gap, mine_entry, their_entry = min(gaps, key=lambda g: (g[0], g[1].year or 0))
            strength += max(0, 10 - gap)
            if gap == 0:
                sentence = (
                    f"You and {first} both {studied}, and finished in the same year "
                    f"({mine_entry.year})."
                )
                spoken = f"We both {studied}, and finished in the same year."
            else:
                order = "before" if (their_entry.year or 0) < (mine_entry.year or 0) else "after"
                sentence = (
                    f"You and {first} both {studied}: {first} finished in "
                    f"{their_entry.year}, {_ordinal_years(gap)} {order} you."
                )
                spoken = f"We both {studied}; you finished {_ordinal_years(gap)} {order} me."
        else:
            sentence = f"You and {first} both {studied}."
            spoken = f"We both {studied}."
        points.append(GroundPoint("school", min(strength, 89), sentence, spoken))
    return points, fields_done


def _employers(profile: Profile, contact: Contact, corpus: Corpus, first: str) -> list[GroundPoint]:
    def keys(ref: str) -> tuple[set[str], str]:
        org = corpus.organizations.get(ref)
        if org is not None:
            return {f"id:{org.id}", organization_key(org.name)}, org.name
        return {organization_key(ref)}, ref

    their_jobs: list[tuple[set[str], tuple[int | None, int | None, bool]]] = []
    for job in contact.background.experience:
        their_jobs.append((keys(job.organization)[0], _period(job)))
    if contact.organization:
        # Working there now, whether or not the experience list says so.
        their_jobs.append((keys(contact.organization)[0], (None, None, True)))

    points: list[GroundPoint] = []
    seen: set[str] = set()
    for job in profile.experience:
        my_keys, name = keys(job.organization)
        spans = [span for k, span in their_jobs if k & my_keys]
        if not spans or name in seen:
            continue
        seen.add(name)
        my_start, my_end, my_current = _period(job)
        starts = [s for s, _, _ in spans if s is not None]
        their_current = any(current for _, _, current in spans)
        ends = [e for _, e, _ in spans if e is not None]
        their_start = min(starts) if starts else None
        their_end = None if their_current else (max(ends) if ends else None)
        if my_current and their_current:
            since = max(my_start, their_start) if my_start and their_start else None
            together = f", together since {since}" if since else ""
            sentence = f"You and {first} both work at {name}{together}."
            spoken = f"We both work at {name}" + (f", and have since {since}." if since else ".")
            points.append(GroundPoint("employer", 80, sentence, spoken))
            continue
        low = max(my_start, their_start) if my_start and their_start else None
        high_mine = 9999 if my_current else my_end
        high_theirs = 9999 if their_current else their_end
        high = min(high_mine, high_theirs) if high_mine and high_theirs else None
        if low is not None and high is not None and low <= high:
            if low == high:
                sentence = f"You and {first} were both at {name} in {low}."
                spoken = f"We overlapped at {name} in {low}."
            else:
                sentence = f"You and {first} were both at {name} from {low} to {high}."
                spoken = f"We were both at {name} from {low} to {high}."
            points.append(GroundPoint("employer", 80, sentence, spoken))
        elif their_current and not my_current:
            points.append(
                GroundPoint(
                    "employer",
                    70,
                    f"{first} works at {name}, where you used to work.",
                    f"I used to work at {name} myself.",
                )
            )
        elif my_current and not their_current:
            points.append(
                GroundPoint(
                    "employer",
                    70,
                    f"{first} used to work at {name}, where you work now.",
                    f"You used to work at {name}, where I work now.",
                )
            )
        else:
            points.append(
                GroundPoint(
                    "employer",
                    70,
                    f"You have both worked at {name}.",
                    f"We have both worked at {name}.",
                )
            )
    return points


def _fields(profile: Profile, contact: Contact, first: str, done: set[str]) -> list[GroundPoint]:
    mine = {fold(e.field): e.field for e in profile.education if e.field}
    theirs = {fold(e.field) for e in contact.background.education if e.field}
    points = []
    for key in sorted((set(mine) & theirs) - done):
        field = lower_first(mine[key])
        points.append(
            GroundPoint(
                "field",
                45,
                f"You and {first} both studied {field}.",
                f"We both studied {field}.",
            )
        )
    return points


def _cities(profile: Profile, contact: Contact, first: str) -> list[GroundPoint]:
    if not contact.location or not profile.locations:
        return []
    places = _place_names(contact.location)
    if not places:
        return []
    city = places[0]
    regions = set(places[1:])
    for location in profile.locations:
        mine = _place_names(location)
        if mine and mine[0] == city:
            name = _city_of(location)
            return [
                GroundPoint(
                    "city",
                    40,
                    f"{first} is based in {name}, where you live or have lived.",
                    f"I know {name} well too.",
                )
            ]
    for location in profile.locations:
        mine = _place_names(location)
        shared = [p for p in mine[1:] if p in regions]
        if shared:
            region = next(
                clause(part).strip(" ()[]")
                for part in _place_parts(location)
                if fold(part) == shared[0]
            )
            return [
                GroundPoint(
                    "city",
                    15,
                    f"You and {first} both know {region}: {first} is based in "
                    f"{_city_of(contact.location)}.",
                    f"I know {region} well too.",
                )
            ]
    return []


def _interests(profile: Profile, contact: Contact) -> list[GroundPoint]:
    theirs = {fold(i) for i in contact.background.interests}
    shared = []
    seen = set()
    for interest in profile.interests:
        key = fold(interest)
        if key in theirs and key not in seen:
            seen.add(key)
            shared.append(lower_first(clause(interest)))
    if not shared:
        return []
    strength = min(30 + 5 * (len(shared) - 1), 45)
    listed = join_words(shared[:4])
    return [
        GroundPoint(
            "interest",
            strength,
            f"You share an interest in {listed}.",
            f"I noticed we share an interest in {join_words(shared[:2])}.",
        )
    ]
