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


def first_item(markdown: str) -> str | None:
    """Return the first bullet, or else the first sentence, of a Markdown text.

    Arguments:
        markdown: Notes in Markdown.

    Returns:
        The first sentence of the first bullet (or paragraph) as plain text, or
        ``None`` when the text is empty.
    """
    blocks: list[list[str]] = []
    for line in markdown.splitlines():
        if re.match(r"^\s{0,3}([-*+]|\d+[.)])\s+", line) or not line.strip():
            blocks.append([])
        if line.strip():
            if not blocks:
                blocks.append([])
            blocks[-1].append(line)
    for block in blocks:
        plain = strip_markdown("\n".join(block))
        if plain:
            return first_sentence(plain)
    return None


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
    return [
        GroundPoint(
            "mutual",
            90,
            f"You both know {name}, who is introducing you.",
            f"We both know {first_name(name)}, who kindly put us in touch.",
        )
    ]


def _transition(profile: Profile, contact: Contact, first: str) -> list[GroundPoint]:
    text = contact.background.transition
    if not text:
        return []
    origin = stems(" ".join([profile.headline or ""] + [j.role or "" for j in profile.experience]))
    origin |= stems(" ".join(e.field or "" for e in profile.education))
    aim = stems(" ".join([profile.headline or "", profile.goal or ""]))
    parts = split_transition(text)
    change = clause(text)
    if parts is None:
        if stems(text) & (origin | aim):
            return [
                GroundPoint(
                    "transition",
                    50,
                    f"{first} changed careers too ({change}), in a direction close to yours.",
                    "You changed careers too, which is exactly what I am weighing now.",
                )
            ]
        return []
    source, target = parts
    left = bool(stems(source) & origin)
    right = bool(stems(target) & aim)
    if left and right:
        return [
            GroundPoint(
                "transition",
                85,
                f"{first} made the move you are considering: {change}.",
                f"You made the move I am considering, from {source} to {target}.",
            )
        ]
    if left:
        return [
            GroundPoint(
                "transition",
                65,
                f"Like you, {first} started out in {source}, then moved to {target}.",
                f"You started out in {source}, so you know the world I come from.",
            )
        ]
    if right:
        return [
            GroundPoint(
                "transition",
                55,
                f"{first} moved into {target} from another field ({source}), as you hope to.",
                f"You came to {target} from another field, which is what I hope to do.",
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
