"""English for the texts prepguide writes in the user's name: one place for it.

Every generated text has a speaker (you, the user) and an addressee (the
contact). Fragments taken from the data (goals, notes, ``connection.story``,
the headline, a role) were written for other readers, so before one is
inserted it is converted to that frame (see docs/prep.md, "Whose voice").
The package's modules, each importing only the ones before it:

- :mod:`~prepguide.text.phrases`: :func:`clause`, :func:`sentence`,
  :func:`join_words`, :func:`lower_first`, goals and headlines, ``MONTHS``.
- :mod:`~prepguide.text.dates`: days and times as every page and draft writes
  them (:func:`long_date`, :func:`long_datetime`, :func:`day_month_year`, ``WEEKDAYS``).
- :mod:`~prepguide.text.articles`: :func:`mid_sentence`, :func:`article`,
  :func:`with_article` (and :func:`with_article_simple`, the question
  templates' ``article`` filter), :func:`role_phrase`.
- :mod:`~prepguide.text.names`: :func:`first_name`, :func:`short_name`,
  :func:`org_phrase`.
- :mod:`~prepguide.text.notes`: Markdown notes as plain sentences
  (:func:`strip_markdown`, :func:`note_items`, :func:`first_sentence`).
- :mod:`~prepguide.text.verbs`: agreement, gerunds, participles.
- :mod:`~prepguide.text.tokens`: a fragment as words and gaps; verb agreement
  after a subject.
- :mod:`~prepguide.text.person`: :func:`to_second_person` (third person about
  the contact -> "you", the user's name -> "me"; an ambiguous fragment gives
  ``None`` and is left out) and :func:`to_third_person` (for a note someone
  else forwards).

Every function shows its behaviour as ``>>>`` examples, which the tests run
(tests/test_doctests.py). No MkDocs imports; no prepguide imports
outside the package.
"""

from __future__ import annotations

from .articles import (
    article,
    is_unique_title,
    mid_sentence,
    role_phrase,
    with_article,
    with_article_simple,
)
from .names import first_name, org_phrase, short_name
from .notes import first_item, first_sentence, note_items, strip_markdown
from .person import Conversion, Pronouns, pronoun_set, to_second_person, to_third_person
from .phrases import (
    MONTHS,
    clause,
    goal_clause,
    headline_verb,
    is_acronym,
    is_question_clause,
    join_words,
    lower_first,
    sentence,
)
from .verbs import (
    agree_plural,
    gerund,
    gerund_from_participle,
    gerund_phrase,
    is_participle,
    third_singular,
)

__all__ = [
    "MONTHS",
    "Conversion",
    "Pronouns",
    "agree_plural",
    "article",
    "clause",
    "first_item",
    "first_name",
    "first_sentence",
    "gerund",
    "gerund_from_participle",
    "gerund_phrase",
    "goal_clause",
    "headline_verb",
    "is_acronym",
    "is_participle",
    "is_question_clause",
    "is_unique_title",
    "join_words",
    "lower_first",
    "mid_sentence",
    "note_items",
    "org_phrase",
    "pronoun_set",
    "role_phrase",
    "sentence",
    "short_name",
    "strip_markdown",
    "third_singular",
    "to_second_person",
    "to_third_person",
    "with_article",
    "with_article_simple",
]
