"""Generate a synthetic prepguide guide: N contacts and N/5 organizations.

    .venv/bin/python benchmarks/generate.py 1000 benchmarks/out/guide-1000

The guide looks like a real one at scale (a career office's alumni network):
every field of the contract is used by some files, in proportions that a
person who keeps notes would plausibly reach; text fields hold sentences of
realistic length (a contact file is 1.5-4 KB, like the example guide's);
contacts refer to each other (``connection.via``, referrals by id and by
name); every meeting status occurs. The output is deterministic for a given
N and seed, and validates with zero errors.

Also writes ``mkdocs.yml`` (material, search, prepguide with ``today`` pinned)
so the folder builds as is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

TODAY = dt.date(2026, 11, 26)

MKDOCS_YML = """\
# Synthetic benchmark guide ({contacts} contacts, {organizations} organizations).
site_name: Benchmark guide
docs_dir: content
theme:
  name: material
  font: false
  language: en
  features:
    - navigation.instant
    - search.suggest
    - search.highlight
    - content.code.copy
plugins:
  - search
  - prepguide:
      today: {today}
      timezone: Europe/Stockholm
markdown_extensions:
  - toc:
      permalink: true
  - admonition
  - attr_list
  - md_in_html
  - tables
  - pymdownx.details
"""

FIRST = """
Aaliyah Abel Ada Adaeze Aiko Alba Alejandro Alexei Amara Amina Anders Andrés Anika Anton Aoife
Arjun Astrid Aurelio Ayasha Bashir Beatriz Benedikt Bianca Björn Bruno Camila Carmen Cato Chidi
Chloé Ciaran Clara Dalia Damien Dana Dario Dev Diego Dmitri Eamon Ebba Elif Eliza Emeka Emil
Esme Farah Felix Fiona Folake Freya Gabriel Greta Hana Hamza Hugo Ibrahim Ida Imani Ines Ingrid
Isaac Jamal Jana Javier Jin Joan Jonah Jorge Josefin Kai Kalani Karim Kasia Keiko Kenji Khadija
Lars Leila Lena Leon Liam Lina Luca Lucía Magnus Maja Malik Marcus Mariam Marta Mateo Maya Mei
Mikael Mira Nadia Naomi Nia Nikolai Noor Oliver Olu Omar Paloma Pavel Priya Quentin Rafael Rania
Ravi Rosa Ruth Saanvi Salma Samuel Sana Santiago Sara Selin Signe Sofia Soren Tariq Thandiwe
Theo Tomás Uma Valentina Vera Viktor Wei Wren Xavier Yara Yusuf Zainab Zara Zoë
""".split()  # noqa: SIM905

SURNAME_HEADS = """
Ash Bell Birch Black Bright Brook Cald Carr Clay Cliff Cold Corn Dal Dun East Elm Fair Fen Fitz
Glen Gold Green Hale Hart Hazel Holl Kirk Lang Lind Mar Mead Mill North Oak Pen Quill Red Ridge
Rook Rush Sand Shaw Stan Stone Strat Thorn Wake West White Wick Wil Wood
""".split()  # noqa: SIM905
SURNAME_TAILS = """
acre bourne by croft dale er field ford gate ham hurst ley ling low more ridge stead ton wald
well worth
""".split()  # noqa: SIM905
SURNAMES_EXTRA = (
    """
Okafor, Nakamura-Reid, Carvalho, Lindqvist, Raman, Varga, Thibodeaux, Ebbesen, Núñez, Ødegaard,
Nguyen, Haddad, Kowalski, Mensah, Rossi, Tanaka, Öztürk, Ivanova, Acheampong, Delgado,
Fernández, Petrov, Sørensen, Al-Sayed, O'Brien, Van der Berg, Park, Chaudhry, Moreau, Schneider
""".replace("\n", " ")
    .strip()
    .split(", ")
)

ORG_HEADS = """
Aster Beacon Bellwether Blue Bridge Cedar Clear Cobalt Compass Copper Crescent Delta Ember
Evergreen Fieldnote Granite Harbor Heron Horizon Iron Juniper Keystone Lakeshore Lantern Linden
Lumen Maple Meridian Northwind Oakline Orchard Pinecrest Prairie Quarry Riverbend Sage Signal
Silver Summit Tidewater Trellis Upland Vantage Willow Wexley
""".split()  # noqa: SIM905
ORG_KINDS: list[tuple[str, str]] = [
    ("Health", "Health care"),
    ("Medical Center", "Health care"),
    ("Labs", "Technology"),
    ("Software", "Technology"),
    ("Analytics", "Technology"),
    ("Design Studio", "Design consultancy"),
    ("Research Partners", "Design consultancy"),
    ("Mutual", "Insurance"),
    ("Insurance Group", "Insurance"),
    ("County Digital", "Public sector"),
    ("City Services", "Public sector"),
    ("Patient Alliance", "Non-profit"),
    ("Foundation", "Non-profit"),
    ("College", "Education"),
    ("Learning", "Education"),
    ("Bank", "Finance"),
    ("Capital", "Finance"),
    ("Energy", "Energy"),
    ("Logistics", "Logistics"),
    ("Media", "Media"),
]
CITIES = [
    ("Minneapolis", "Minnesota"),
    ("Saint Paul", "Minnesota"),
    ("Duluth", "Minnesota"),
    ("Chicago", "Illinois"),
    ("Madison", "Wisconsin"),
    ("Seattle", "Washington"),
    ("Portland", "Oregon"),
    ("Denver", "Colorado"),
    ("Austin", "Texas"),
    ("Boston", "Massachusetts"),
    ("Pittsburgh", "Pennsylvania"),
    ("Atlanta", "Georgia"),
    ("Toronto", "Ontario"),
    ("Stockholm", "Sweden"),
    ("Lisbon", "Portugal"),
    ("Berlin", "Germany"),
]
SCHOOLS = [
    "Lakeshore State University",
    "Kestrel College of Design",
    "North Shore School of Public Health",
    "Lakeview College",
    "University of the Upper Midwest",
    "Riverside Technical Institute",
    "Prairie State University",
    "Harborview School of Nursing",
    "Summit Business School",
    "Northwind University",
]
DEGREES = [
    ("BSN", "Nursing"),
    ("BA", "English"),
    ("BA", "Psychology"),
    ("BS", "Computer science"),
    ("MPH", "Health communication"),
    ("MS", "Human factors"),
    ("MSc", "Human-computer interaction"),
    ("MBA", "Health administration"),
    ("PhD", "Cognitive science"),
    ("Certificate", "User experience research"),
]
ROLES = [
    "UX Researcher",
    "Senior UX Researcher",
    "Research Operations Lead",
    "Product Designer",
    "Content Designer",
    "Clinical Informatics Specialist",
    "Nurse Informaticist",
    "Product Manager",
    "Program Manager",
    "Service Designer",
    "Data Analyst",
    "Human Factors Engineer",
    "Director of Patient Experience",
    "Research Associate",
    "Design Manager",
]
PAST_ROLES = [
    "Registered Nurse, Medical ICU",
    "Staff Nurse, Cardiac Step-down",
    "Health Educator",
    "Pharmacist",
    "Respiratory Therapist",
    "Teacher",
    "Paramedic",
    "Social Worker",
    "Librarian",
    "Customer Support Lead",
]
INTERESTS = [
    "patient safety",
    "alarm fatigue",
    "plain-language health information",
    "accessibility",
    "trail running",
    "community choirs",
    "cycling",
    "service design",
    "research operations",
    "mixed-methods research",
    "civic technology",
    "gardening",
    "woodworking",
    "clinical decision support",
    "open data",
    "photography",
    "mentoring career changers",
]
TRANSITIONS = [
    "bedside nursing to UX research",
    "pediatric nursing to non-profit program management",
    "teaching to instructional design",
    "pharmacy to clinical informatics",
    "journalism to content design",
    "social work to service design",
    "emergency medicine to product management",
    "library science to research operations",
]
TAGS = [
    "career-changer",
    "health-care",
    "public-sector",
    "research",
    "design",
    "informatics",
    "non-profit",
    "alumni",
    "hiring-manager",
    "remote",
    "priority",
]
TOPICS_NOUNS = [
    "discharge instructions",
    "medication reconciliation",
    "patient portals",
    "handoff tools",
    "alarm management",
    "benefits letters",
    "appointment scheduling",
    "telehealth visits",
    "care-team messaging",
    "accessibility audits",
    "survey design",
    "usability testing",
    "diary studies",
    "journey mapping",
    "research repositories",
]
VERBS = [
    "led",
    "ran",
    "wrote about",
    "presented",
    "co-authored a study on",
    "redesigned",
    "measured",
    "rebuilt",
    "spoke at a meetup about",
    "published a case study on",
]
OPEN_QUESTIONS = [
    "What does a typical week look like for you now, compared with your first year?",
    "How did your earlier work shape the way you approach {topic}?",
    "What surprised you most when you started working on {topic}?",
    "How does your team decide which problems to study first?",
    "What would you do differently if you were making this move today?",
    "Which skills from your first career turned out to matter most?",
    "How do researchers and clinicians work together on {topic} at your organization?",
    "What kind of evidence convinces a hiring manager that a career changer can do the work?",
    "How has the work on {topic} changed over the last two years?",
    "Who else do you think I should be talking to while I figure this out?",
]
GOALS = [
    "Understand how the research team is organized and who it reports to",
    "Learn what the first two years of the role actually look like",
    "Find out which portfolio pieces matter most for a career changer",
    "Ask how clinical experience is valued on the team",
    "Learn how the team recruits participants for {topic}",
    "Hear how they made the move and what they would do differently",
    "Ask who else works on {topic} and might be open to a conversation",
]
PLACES = [
    "Dunn Brothers on Grand Avenue",
    "the hospital cafeteria, ground floor",
    "https://meet.example.org/abc-defg-hij",
    "Café Ceres near the light-rail stop",
    "their office lobby, 4th floor",
]
STATUS_WEIGHTS = [
    ("researching", 30),
    ("to-contact", 20),
    ("requested", 15),
    ("scheduled", 10),
    ("met", 10),
    ("thanked", 10),
    ("closed", 5),
]
CONNECTION_TYPES = [
    ("alumni", 40),
    ("mutual", 12),
    ("friend", 8),
    ("colleague", 10),
    ("conference", 10),
    ("online", 8),
    ("cold", 7),
    ("mentor", 3),
    ("family", 2),
]


def slugify(text: str) -> str:
    """The id of a name (same folding as prepguide's)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("Ø", "o")
    out = []
    for ch in folded.lower().replace("'", "").replace("’", ""):
        out.append(ch if ch.isalnum() and ch.isascii() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block(text: str, indent: int) -> str:
    """A YAML literal block (``|``) body at the given indent."""
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in text.splitlines()) + "\n"


def weighted(rng: random.Random, items: Sequence[tuple[str, int]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


class Text:
    """Sentences of realistic length from small word pools."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self, name: str = "They") -> str:
        r = self.rng
        topic, other = r.sample(TOPICS_NOUNS, 2)
        forms = [
            f"{name} {r.choice(VERBS)} {topic} in {r.randint(2018, 2026)}, working with a team of {r.randint(3, 30)} people.",
            f"Their group is moving from {topic} towards {other}, and they are hiring slowly while the budget is reviewed.",
            f"A talk on {topic} at the {r.choice(CITIES)[0]} design meetup covered what went wrong in the first pilot and how they fixed it.",
            f"Colleagues describe {name.lower() if name == 'They' else name} as generous with time but busy around the end of each quarter.",
            f"The team shares its findings on {topic} in a monthly review that clinicians, designers and engineers all attend.",
            f"Most of the work is {r.choice(['qualitative', 'mixed-methods', 'survey-based', 'observational'])}, with about {r.randint(2, 12)} studies a year.",
        ]
        return r.choice(forms)

    def paragraph(self, sentences: int, name: str = "They") -> str:
        return " ".join(self.sentence(name) for _ in range(sentences))

    def markdown(self, name: str = "They") -> str:
        """A Markdown note: a paragraph, sometimes a list, bold or a link."""
        r = self.rng
        parts = [self.paragraph(r.randint(2, 3), name)]
        if r.random() < 0.5:
            parts[0] = parts[0].replace(" in ", " in **", 1).replace(",", "**,", 1)
            if parts[0].count("**") % 2:
                parts[0] = parts[0].replace("**", "")
        if r.random() < 0.4:
            parts.append("\n".join(f"- {self.sentence(name)}" for _ in range(r.randint(2, 3))))
        if r.random() < 0.3:
            slug = slugify(r.choice(TOPICS_NOUNS))
            parts.append(f"See the [write-up](https://blog.example.org/{slug}) for details.")
        return "\n\n".join(parts)


def person_names(rng: random.Random, n: int) -> list[str]:
    surnames = [h + t for h in SURNAME_HEADS for t in SURNAME_TAILS] + SURNAMES_EXTRA
    combos = len(FIRST) * len(surnames)
    picks = rng.sample(range(combos), min(n, combos))
    names = [f"{FIRST[i % len(FIRST)]} {surnames[i // len(FIRST)]}" for i in picks]
    while len(names) < n:  # pragma: no cover - more than 150,000 people
        names.append(f"{rng.choice(FIRST)} {rng.choice(surnames)} {len(names)}")
    return names


def org_names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    combos = [(f"{h} {k}", ind) for h in ORG_HEADS for k, ind in ORG_KINDS]
    rng.shuffle(combos)
    result = combos[:n]
    i = 0
    while len(result) < n:
        name, ind = combos[i % len(combos)]
        result.append((f"{name} {len(result) // len(combos) + 1}", ind))
        i += 1
    return result


def unique_ids(names: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    ids = []
    for name in names:
        base = slugify(name) or "person"
        ident, k = base, 2
        while ident in seen:
            ident, k = f"{base}-{k}", k + 1
        seen.add(ident)
        ids.append(ident)
    return ids


def organization_yaml(rng: random.Random, text: Text, name: str, industry: str, oid: str) -> str:
    city, region = rng.choice(CITIES)
    domain = oid.replace("-", "") + ".example.org"
    lines = [
        "# yaml-language-server: $schema=../../schemas/organization.schema.json",
        "# Research notes on one organization (synthetic benchmark data).",
        "",
        f"name: {q(name)}",
        f"website: https://www.{domain}",
        f"industry: {industry}",
    ]
    if rng.random() < 0.8:
        lines.append(f"size: about {rng.randint(20, 12000):,} people")
    lines.append(f"headquarters: {city}, {region}")
    lines += ["", "summary: |", block(text.markdown(name).rstrip(), 2).rstrip()]
    if rng.random() < 0.8:
        lines += ["", "focus:"]
        lines += [f"  - {q(text.sentence(name).rstrip('.'))}" for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.6:
        lines += ["", "culture: |", block(text.paragraph(rng.randint(2, 3)), 2).rstrip()]
    if rng.random() < 0.7:
        lines += ["", "roles:"]
        for _ in range(rng.randint(1, 3)):
            role = rng.choice(ROLES)
            lines.append(f"  - title: {q(role)}")
            if rng.random() < 0.7:
                lines.append(f"    url: https://www.{domain}/careers/{slugify(role)}")
            if rng.random() < 0.6:
                lines += ["    notes: |", block(text.paragraph(2), 6).rstrip()]
    if rng.random() < 0.7:
        lines += ["", "news:"]
        for _ in range(rng.randint(1, 3)):
            day = TODAY - dt.timedelta(days=rng.randint(5, 700))
            lines.append(f"  - date: {day.isoformat()}")
            lines.append(
                f"    headline: {q(f'{name} announces a new program on {rng.choice(TOPICS_NOUNS)}')}"
            )
            if rng.random() < 0.8:
                lines.append(f"    url: https://www.{domain}/news/{rng.randint(100, 999)}")
    if rng.random() < 0.6:
        lines += ["", "sources:"]
        lines += [
            f"  - https://www.{domain}/{p}"
            for p in ("about", "careers", "team")[: rng.randint(1, 3)]
        ]
    if rng.random() < 0.5:
        lines += ["", "notes: |", block(text.paragraph(2), 2).rstrip()]
    if rng.random() < 0.6:
        lines += ["", "tags:"] + [f"  - {t}" for t in rng.sample(TAGS, rng.randint(1, 3))]
    return "\n".join(lines) + "\n"


def contact_yaml(
    rng: random.Random,
    text: Text,
    index: int,
    name: str,
    cid: str,
    org_ids: Sequence[str],
    contact_ids: Sequence[str],
    contact_names: Sequence[str],
) -> str:
    first = name.split()[0]
    status = weighted(rng, STATUS_WEIGHTS)
    topic = rng.choice(TOPICS_NOUNS)
    org = rng.choice(org_ids) if rng.random() < 0.95 else None
    lines = [
        "# yaml-language-server: $schema=../../schemas/contact.schema.json",
        "# One person (synthetic benchmark data).",
        "",
        f"name: {q(name)}",
    ]
    if org:
        lines.append(f"organization: {org}")
    if rng.random() < 0.9:
        lines.append(f"role: {q(rng.choice(ROLES))}")
    if rng.random() < 0.6:
        lines.append(f"pronouns: {rng.choice(['she/her', 'he/him', 'they/them'])}")
    if rng.random() < 0.8:
        city, region = rng.choice(CITIES)
        lines.append(f"location: {city}, {region}")
    if rng.random() < 0.7:
        lines.append(f"email: {cid}@example.org")
    if rng.random() < 0.4:
        lines.append(f"phone: (612) 555-{rng.randint(0, 9999):04d}")
    if rng.random() < 0.6:
        lines.append(f"linkedin: https://linkedin.example.com/in/{cid}")

    connection = []
    ctype = weighted(rng, CONNECTION_TYPES)
    if rng.random() < 0.9:
        connection.append(f"  type: {ctype}")
    earlier = index > 0 and rng.random() < 0.15
    if earlier:
        connection.append(f"  via: {contact_ids[rng.randrange(index)]}")
    if rng.random() < 0.7:
        year = rng.randint(2012, 2026)
        story = (
            f"We overlapped at {rng.choice(SCHOOLS)} around {year}; {first} "
            f"{rng.choice(VERBS)} {topic} back then and we kept in touch for a while. "
            f"{text.sentence(first)}"
        )
        connection.append(f"  story: {q(story)}")
    if rng.random() < 0.4:
        connection.append(
            f"  last_spoke: {(TODAY - dt.timedelta(days=rng.randint(10, 2000))).isoformat()}"
        )
    if connection:
        lines += ["", "connection:", *connection]

    background = []
    if rng.random() < 0.7:
        background.append("  education:")
        for _ in range(rng.randint(1, 2)):
            degree, field = rng.choice(DEGREES)
            background.append(f"    - school: {rng.choice(SCHOOLS)}")
            if rng.random() < 0.9:
                background.append(f"      degree: {degree}")
                background.append(f"      field: {field}")
            if rng.random() < 0.8:
                background.append(f"      year: {rng.randint(1995, 2025)}")
    if rng.random() < 0.8:
        background.append("  experience:")
        start = rng.randint(2005, 2018)
        for k in range(rng.randint(1, 3)):
            where = (
                rng.choice(org_ids)
                if rng.random() < 0.3
                else f"{rng.choice(ORG_HEADS)} Community Hospital"
            )
            background.append(f"    - organization: {where}")
            background.append(f"      role: {q(rng.choice(PAST_ROLES + ROLES))}")
            background.append(f"      start: {start}")
            end = start + rng.randint(1, 5)
            if k < 2 and end < 2026:
                background.append(f"      end: {end}")
            start = end
    if rng.random() < 0.6:
        background.append("  interests:")
        background += [f"    - {i}" for i in rng.sample(INTERESTS, rng.randint(2, 4))]
    if rng.random() < 0.3:
        background.append(f"  transition: {rng.choice(TRANSITIONS)}")
    if rng.random() < 0.6:
        background += ["  notes: |", block(text.markdown(first), 4).rstrip()]
    if background:
        lines += ["", "background:", *background]

    if rng.random() < 0.7:
        lines += ["", "goals:"]
        lines += [f"  - {q(g.format(topic=topic))}" for g in rng.sample(GOALS, rng.randint(1, 3))]
    if rng.random() < 0.5:
        lines += ["", "questions:"]
        lines += [
            f"  - {q(x.format(topic=topic))}" for x in rng.sample(OPEN_QUESTIONS, rng.randint(1, 3))
        ]
    if rng.random() < 0.05:
        intro = (
            f"Hi {first}, thank you for making the time. I'm Adaora, a nurse in a medical ICU, "
            f"and for the last year I have been learning how research shapes {topic}. "
            "I took a certificate in user experience research this spring, and I ran a small "
            "survey on alarm fatigue with the nurses on my unit, which taught me how much I "
            "enjoy finding out why people work the way they do. I'm trying to understand what "
            "the first two years in a research role really look like for someone who comes "
            "from the bedside, and which of my skills carry over. I'd love to hear how you "
            "made your own move, what surprised you, and what you would tell someone starting "
            "out today."
        )
        lines += ["", f"intro: {q(intro)}"]

    meeting = [f"  status: {status}"]
    stages = [s for s, _ in STATUS_WEIGHTS]
    reached = stages.index(status)
    when = None
    if reached >= stages.index("scheduled"):
        if status == "scheduled":
            when = TODAY + dt.timedelta(days=rng.randint(0, 30))
        else:
            when = TODAY - dt.timedelta(days=rng.randint(1, 40))
    if reached >= stages.index("requested"):
        latest = min(when, TODAY) if when else TODAY
        requested = latest - dt.timedelta(days=rng.randint(3, 30))
        meeting.append(f"  requested: {requested.isoformat()}")
    if when is not None:
        meeting.append(
            f"  date: {when.isoformat()} {rng.choice(['09:30', '12:00', '15:30', '17:00'])}"
        )
    if rng.random() < 0.5:
        meeting.append(f"  duration: {rng.choice([15, 20, 30, 45])}")
    if rng.random() < 0.6:
        meeting.append(f"  format: {rng.choice(['in-person', 'video', 'phone'])}")
    if rng.random() < 0.3:
        meeting.append(f"  place: {q(rng.choice(PLACES))}")
    lines += ["", "meeting:", *meeting]

    after = status in ("met", "thanked", "closed")
    if after or rng.random() < 0.1:
        notes = "\n".join(f"- {text.sentence(first)}" for _ in range(rng.randint(2, 4)))
        lines += ["", "notes: |", block(notes, 2).rstrip()]
    if after or rng.random() < 0.1:
        lines += ["", "referrals:"]
        for _ in range(rng.randint(1, 3)):
            if index > 0 and rng.random() < 0.6:
                lines.append(f"  - {contact_ids[rng.randrange(len(contact_ids))]}")
            else:
                lines.append(
                    f"  - {q(rng.choice(contact_names).split()[0] + ' ' + rng.choice(SURNAMES_EXTRA))}"
                )
    if after:
        lines += ["", "follow_up:"]
        for k in range(rng.randint(1, 2)):
            day = TODAY + dt.timedelta(days=rng.randint(-20, 20))
            lines.append(f"  - date: {day.isoformat()}")
            lines.append(f"    note: {q(f'Send {first} the article on {topic} we talked about')}")
            if k == 0 and status != "met":
                lines.append("    done: true")
    if status in ("thanked", "closed"):
        season = rng.choice(["spring", "autumn"])
        lines += [
            "",
            "reflection:",
            f"  still_interested: {'true' if rng.random() < 0.7 else 'false'}",
            f"  timing: {q(f'Their next opening is expected in {season} {rng.randint(2027, 2028)}.')}",
            f"  next_steps: {q(f'Follow up on {topic} and talk to the people {first} suggested.')}",
        ]
    if rng.random() < 0.3:
        lines += ["", "visibility: public"]
    if rng.random() < 0.6:
        lines += ["", "tags:"] + [f"  - {t}" for t in rng.sample(TAGS, rng.randint(1, 3))]
    return "\n".join(lines) + "\n"


PROFILE_YML = """\
# You (synthetic benchmark data).
name: Adaora Lindqvist
pronouns: she/her
headline: ICU nurse exploring a move into UX research
goal: >-
  how clinicians move into UX research on health software, and what the first
  two years of that work actually look like
education:
  - school: Lakeshore State University
    degree: BSN
    field: Nursing
    year: 2016
  - school: Kestrel College of Design
    degree: Certificate
    field: User experience research
    year: 2026
experience:
  - organization: {employer}
    role: Registered Nurse, Medical ICU
    start: 2019
  - organization: Lakeshore Community Hospital
    role: Staff Nurse, Cardiac Step-down Unit
    start: 2016
    end: 2019
locations:
  - Minneapolis, Minnesota
  - Duluth, Minnesota
interests:
  - patient safety
  - alarm fatigue
  - plain-language health information
  - accessibility
  - trail running
  - community choirs
skills:
  - critical care nursing
  - interviewing patients and families under stress
  - moderated usability testing
  - survey design
email: adaora.lindqvist@example.com
phone: (612) 555-0142
"""

QUESTIONS_YML = """\
# Your own questions, merged over the built-in bank (synthetic benchmark data).
- id: transition-first-six-months
  topic: transition
  when: contact.background.transition
  text: >-
    Looking back on your move from {{ contact.background.transition }}, what surprised
    you most in the first six months?
  priority: 3

- id: clinical-lens-on-the-team
  topic: role
  when: org
  industries:
    - Technology
    - Design consultancy
    - Non-profit
  text: >-
    How does clinical experience show up in the way research gets done at
    {{ org.name }}?
  priority: 2

- id: public-sector-research-pace
  topic: organization
  when: org
  industries:
    - Public sector
  text: >-
    How do budget cycles and policy deadlines shape the way research is planned
    at {{ org.name }}?
  priority: 2
"""


def generate(contacts: int, out: Path, *, seed: int = 7, clean: bool = True) -> dict[str, int]:
    """Write a guide of ``contacts`` contacts and ``contacts // 5`` organizations to ``out``.

    Returns:
        Counts: ``contacts``, ``organizations`` and ``bytes`` (of the YAML written).
    """
    if contacts < 1:
        raise ValueError("at least one contact")
    rng = random.Random(seed * 1_000_003 + contacts)
    text = Text(rng)
    n_orgs = max(1, contacts // 5)
    if clean and out.exists():
        shutil.rmtree(out)
    content = out / "content"
    (content / "contacts").mkdir(parents=True, exist_ok=True)
    (content / "organizations").mkdir(parents=True, exist_ok=True)
    (content / "questions").mkdir(parents=True, exist_ok=True)
    total = 0

    orgs = org_names(rng, n_orgs)
    org_ids = unique_ids([name for name, _ in orgs])
    for (name, industry), oid in zip(orgs, org_ids, strict=True):
        body = organization_yaml(rng, text, name, industry, oid)
        (content / "organizations" / f"{oid}.yml").write_text(body, encoding="utf-8")
        total += len(body.encode())

    names = person_names(rng, contacts)
    ids = unique_ids(names)
    for index, (name, cid) in enumerate(zip(names, ids, strict=True)):
        body = contact_yaml(rng, text, index, name, cid, org_ids, ids, names)
        (content / "contacts" / f"{cid}.yml").write_text(body, encoding="utf-8")
        total += len(body.encode())

    profile = PROFILE_YML.format(employer=org_ids[0])
    (content / "profile.yml").write_text(profile, encoding="utf-8")
    (content / "questions" / "my-questions.yml").write_text(QUESTIONS_YML, encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        MKDOCS_YML.format(contacts=contacts, organizations=n_orgs, today=TODAY.isoformat()),
        encoding="utf-8",
    )
    return {"contacts": contacts, "organizations": n_orgs, "bytes": total}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("contacts", type=int, help="number of contacts (organizations: N/5)")
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    counts = generate(args.contacts, args.out, seed=args.seed)
    print(
        f"{args.out}: {counts['contacts']} contacts, {counts['organizations']} organizations, "
        f"{counts['bytes'] / counts['contacts'] / 1.2:,.0f} bytes of YAML per file on average",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
