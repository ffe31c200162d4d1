"""build_prep (the whole preparation for one conversation) and prep_warnings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest

from prepguide.guide.corpus import Corpus, CorpusLoader
from prepguide.options import Options
from prepguide.read.model import Contact, Organization, Profile
from prepguide.tailor.common_ground import fold
from prepguide.tailor.drafts import make_mailto
from prepguide.tailor.prep import Prep, build_prep, build_preps, prep_warnings
from prepguide.tailor.questions import is_referral_text
from prepguide.tailor.spoken_time import count_words, most_words, spoken_seconds

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = Options(today=dt.date(2026, 11, 26), timezone="America/Chicago")


@pytest.fixture(scope="module")
def example() -> Corpus:
    corpus = CorpusLoader().load(ROOT / "content")
    assert corpus.errors == []
    return corpus


def test_every_example_contact_gets_a_full_prep(example: Corpus) -> None:
    preps = build_preps(example, OPTIONS)
    assert set(preps) == set(example.contacts)
    for cid, prep in preps.items():
        contact = example.contacts[cid]
        assert isinstance(prep, Prep)
        assert not prep.placeholders
        assert prep.questions and is_referral_text(prep.questions[-1].text), cid
        assert {q.text for q in prep.questions} >= set(contact.questions) - {
            q for q in contact.questions if is_referral_text(q)
        }
        assert prep.budget_note
        assert 45 <= prep.intro.seconds <= 75, cid
        assert prep.intro.generated == (contact.intro is None)
        assert prep.outreach.words <= 150
        assert f"{contact.meeting.duration} minutes" in prep.outreach.body
        # The request for an introduction is shown until the introduction was made.
        asking = contact.connection.via is not None and contact.meeting.status not in (
            "scheduled",
            "met",
            "thanked",
        )
        assert (prep.intro_request is not None) == asking, cid
        assert (prep.forwardable is not None) == asking, cid
        assert prep.logistics and prep.reflection


def test_example_details(example: Corpus) -> None:
    marcus = build_prep(example, example.contacts["marcus-ebbesen"], OPTIONS)
    assert marcus.common_ground[0].kind == "mutual"
    assert "Anaïs" in marcus.intro.text
    assert marcus.intro_request is None  # scheduled: Anaïs introduced you already
    oliver = build_prep(example, example.contacts["oliver-brandt"], OPTIONS)
    assert oliver.intro_request is not None
    assert oliver.intro_request.body.startswith("Hi Inês,")
    assert marcus.logistics[0] == "Wednesday 2 December 2026, 12:30 (America/Chicago), 20 minutes"
    ines = build_prep(example, example.contacts["ines-carvalho"], OPTIONS)
    assert ines.common_ground[0].kind == "transition"
    joan = build_prep(example, example.contacts["joan-whitcombe"], OPTIONS)
    assert "70% configuration and training" in joan.thank_you.body
    assert joan.reflection[0][1] == "Yes"


def test_prep_is_deterministic(example: Corpus) -> None:
    contact = example.contacts["devika-raman"]
    assert build_prep(example, contact, OPTIONS) == build_prep(example, contact, OPTIONS)


def test_contacts_in_different_industries_get_different_questions(example: Corpus) -> None:
    colette = build_prep(example, example.contacts["colette-varga"], OPTIONS)
    elin = build_prep(example, example.contacts["elin-lindqvist"], OPTIONS)
    tailored = {q.text for q in colette.questions + colette.backups if q.source != "yours"}
    other = {q.text for q in elin.questions + elin.backups if q.source != "yours"}
    assert tailored != other
    assert any("Lumenchart" in t for t in tailored)
    assert any("Bellwether Mutual" in t for t in other)


def test_public_audience_leaves_private_fields_out(example: Corpus) -> None:
    public = dataclasses.replace(OPTIONS, audience="public")
    joan = build_prep(example, example.contacts["joan-whitcombe"], public)
    assert "70%" not in joan.thank_you.body
    assert all(answer is None for _, answer in joan.reflection)
    for draft in (joan.outreach, joan.thank_you, joan.follow_up, joan.referral_thanks):
        assert draft.mailto is None or draft.mailto.startswith("mailto:?")
        assert "example.org" not in draft.body


def test_playbook_mode_uses_placeholders_and_still_tailors() -> None:
    hospital = Organization.model_validate(
        {"id": "st-anne", "name": "St Anne Hospital", "industry": "Hospital"}
    )
    alumnus = Contact.model_validate(
        {
            "id": "kim-lee",
            "name": "Kim Lee",
            "organization": "st-anne",
            "role": "Charge Nurse",
            "connection": {"type": "alumni"},
            "background": {"transition": "teaching to nursing"},
        }
    )
    corpus = Corpus(organizations={"st-anne": hospital}, contacts={"kim-lee": alumnus})
    prep = build_prep(corpus, alumnus, OPTIONS)
    assert prep.placeholders
    assert "[your name]" in prep.intro.text
    assert "[your name]" in prep.outreach.body
    assert "[your name]" in prep.thank_you.body
    assert 45 <= prep.intro.seconds <= 75
    joined = " ".join(q.text for q in prep.questions + prep.backups)
    assert "St Anne Hospital" in joined
    assert "from teaching to nursing" in joined


def test_profile_makes_placeholders_false() -> None:
    you = Profile.model_validate({"name": "Sam Rivera"})
    contact = Contact.model_validate({"id": "x", "name": "Jo"})
    prep = build_prep(Corpus(profile=you, contacts={"x": contact}), contact, OPTIONS)
    assert not prep.placeholders
    assert "[your name]" not in prep.intro.text + prep.outreach.body


# ---------------------------------------------------------------------------
# Warnings

LONG_INTRO = " ".join(["word"] * 300)
CONTACT_FILE = f"""\
name: Sam Rivera
questions:
  - What does your week look like?
  - Do you like working there?
  - Don't you think the pay is too low?
intro: >-
  {LONG_INTRO}
"""
BANK_FILE = """\
- id: my-open
  topic: role
  text: What does {{{{ contact.role }}}} involve?
- id: my-closed
  topic: role
  text: Is {{{{ org.name }}}} a good place to work?
- id: my-broken
  topic: role
  text: What is {{{{ contact.role
- id: my-bad-when
  topic: role
  when: contact.role ==
  text: What now?
"""


def write_guide(root: Path) -> Corpus:
    (root / "content" / "contacts").mkdir(parents=True)
    (root / "content" / "questions").mkdir(parents=True)
    (root / "content" / "contacts" / "sam-rivera.yml").write_text(CONTACT_FILE, encoding="utf-8")
    (root / "content" / "questions" / "mine.yml").write_text(BANK_FILE.format(), encoding="utf-8")
    corpus = CorpusLoader().load(root / "content", root)
    assert corpus.errors == []
    return corpus


def test_hand_written_intro_out_of_range_is_a_warning_at_its_line(tmp_path: Path) -> None:
    corpus = write_guide(tmp_path)
    problems = [p for p in prep_warnings(corpus, OPTIONS) if "`intro`" in p.message]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == "content/contacts/sam-rivera.yml"
    assert problem.line == 6
    assert problem.severity == "warning"
    assert "138 seconds" in problem.message and "45–75" in problem.message
    roomy = dataclasses.replace(OPTIONS, words_per_minute=250, intro_seconds=75)
    assert not [p for p in prep_warnings(corpus, roomy) if "`intro`" in p.message]


def test_invalid_bank_templates_are_warnings_at_their_lines(tmp_path: Path) -> None:
    corpus = write_guide(tmp_path)
    problems = {p.line: p for p in prep_warnings(corpus, OPTIONS) if p.path.endswith("mine.yml")}
    assert "`text`: not a valid template" in problems[9].message
    assert "`when`: not a valid condition" in problems[12].message


def test_closed_and_leading_questions_are_warnings_at_their_lines(tmp_path: Path) -> None:
    import prepguide.lint  # noqa: F401  (a broken import fails, never skips)

    corpus = write_guide(tmp_path)
    problems = prep_warnings(corpus, OPTIONS)
    contact = {p.line: p for p in problems if p.path.endswith("sam-rivera.yml")}
    assert 2 not in contact and 3 not in contact
    assert contact[4].message.startswith("`questions[1]`: closed question (")
    assert '; try: "' in contact[4].message
    assert contact[5].message.startswith("`questions[2]`: leading question (")
    bank = {p.line: p for p in problems if p.path.endswith("mine.yml")}
    assert 3 not in bank
    assert bank[6].message.startswith("`text`: closed question (")
    assert all(p.severity == "warning" for p in problems)
    assert problems == sorted(problems)


def test_example_guide_warnings(example: Corpus) -> None:
    problems = prep_warnings(example, OPTIONS)
    # Devika's hand-written intro is about a minute long: no intro warning.
    assert not [p for p in problems if "`intro`" in p.message]


# ---------------------------------------------------------------------------
# The fast text helpers agree with the straightforward versions

_ALPHABET = (
    [chr(i) for i in range(128)] * 4
    + [chr(i) for i in range(128, 0x250)]
    + list("’‘“”—–…€漢😀\u00a0\u2003\u200b\u0301\u0308ﬁ①ǅÅ")
)


def _samples(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_ALPHABET, k=rng.randint(0, 14))) for _ in range(count)]


def test_count_words_is_the_count_of_tokens_with_a_letter_or_digit() -> None:
    for text in [*_samples(20000, 1), "[your name]", " — ", "_ _x", "a\u00a0b\x1cc"]:
        expected = sum(1 for token in text.split() if re.search(r"[^\W_]", token))
        assert count_words(text) == expected, repr(text)


def test_mailto_is_escaped_as_urllib_escapes_it() -> None:
    samples = _samples(20000, 2)
    for address, subject, body in zip(samples, samples[1:], samples[2:], strict=False):
        lines = body.replace("\r\n", "\n").replace("\n", "\r\n")
        expected = (
            f"mailto:{quote(address, safe='@')}"
            f"?subject={quote(subject, safe='')}&body={quote(lines, safe='')}"
        )
        assert make_mailto(address, subject, body) == expected
    assert (
        make_mailto("", "", "a\n\nb%20\n\n\nc")
        == "mailto:?subject=&body=a%0D%0A%0D%0Ab%2520%0D%0A%0D%0A%0D%0Ac"
    )
    with pytest.raises(UnicodeEncodeError):
        make_mailto("", "", "a lone \ud800 surrogate")


def test_fold_has_an_exact_ascii_shortcut() -> None:
    def reference(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
        folded = re.sub(r"['’`]", "", folded)
        return " ".join(re.sub(r"[^\w]+|_", " ", folded).split())

    pairs = [chr(i) + chr(j) for i in range(128) for j in range(128)]
    for text in [*_samples(20000, 3), *pairs]:
        assert fold(text) == reference(text), repr(text)


def test_intro_word_limits_match_the_spoken_time() -> None:
    for wpm in range(60, 251):
        for limit in range(-1, 200, 7):
            most = most_words(limit, wpm)
            assert spoken_seconds(most + 1, wpm) > limit
            assert most < 0 or spoken_seconds(most, wpm) <= limit


def test_preps_of_every_contact_match_one_by_one(example: Corpus) -> None:
    playbook = dataclasses.replace(example, profile=None)
    for corpus in (example, playbook):
        preps = build_preps(corpus, OPTIONS)
        for cid, prep in preps.items():
            assert prep == build_prep(corpus, corpus.contacts[cid], OPTIONS)


def test_check_warns_on_double_questions_and_job_requests(tmp_path: Path) -> None:
    from prepguide.guide.corpus import CorpusLoader
    from prepguide.options import Options
    from prepguide.tailor.prep import prep_warnings

    contact = tmp_path / "content/contacts/dana.yml"
    contact.parent.mkdir(parents=True)
    contact.write_text(
        "name: Dana\nquestions:\n"
        "  - What drew you to nursing, and what made you leave?\n"
        "  - Can you get me a job at your company?\n"
        "  - How do you spend a typical week?\n",
        encoding="utf-8",
    )
    corpus = CorpusLoader().load(tmp_path / "content", tmp_path)
    found = [(p.line, p.message) for p in prep_warnings(corpus, Options())]
    assert [line for line, _ in found] == [3, 4]
    assert found[0][1].startswith("`questions[0]`: ") and "two questions" in found[0][1]
    assert found[1][1].startswith("`questions[1]`: closed question")
    assert "job" in found[1][1]
