"""Question banks: the built-in bank, user banks merged over it, and selection.

A bank entry's ``text`` is a Jinja2 template over ``you`` (the profile),
``contact`` and ``org`` (the contact's organization); its ``when`` is a Jinja2
expression over the same names. Both run in a sandbox in which a missing or
empty field is *undefined*: a condition that touches one is false, and a
text that prints one is not used at all. Templates are compiled once per
distinct text and cached for the whole process; the common kinds (names,
attributes, items, the filters, ``not``/``and``/``or``, ``{% if %}``)
are evaluated straight from the parsed template with the sandbox's own
attribute and item access, which gives the sandbox's result without the cost
of a Jinja2 context per call.

Selection (:func:`select_questions`) keeps the contact's own questions,
adds the best tailored ones up to a budget fitted to the meeting's length,
puts everything in conversation order and ends with a referral question.

The modules, each importing only those above it:

- ``items``: :class:`BankItem`, :class:`SelectedQuestion`, :class:`Selection`.
- ``industry``: industry keys and keywords, :func:`industry_matches`.
- ``workplace``: :class:`Work` (alone, clinical, consultancy) for conditions.
- ``duplicates``: intents and content words, :func:`near_duplicates`.
- ``goals``: :func:`goal_question` (a goal made a question to ask aloud).
- ``topics``: :func:`classify_topic`, :func:`is_referral_text`.
- ``budget``: the evaluation budget (``MAX_STEPS``…) and its checks.
- ``filters``: the filters a text may use, bounded.
- ``sandbox``: the Jinja2 environment, :func:`template_error`, :func:`budget_error`.
- ``evaluate``: :func:`render_text`, :func:`condition_holds` (the fast path).
- ``banks``: :func:`builtin_bank`, :func:`merge_banks`.
- ``plan``: a merged bank prepared for selection, :func:`candidates_for`.
- ``selection``: :func:`select_questions`, :func:`choose_questions`.

This package re-exports the public names of those modules, so
``from prepguide.tailor.questions import select_questions`` keeps working.
"""

from __future__ import annotations

from .banks import builtin_bank, is_referral_entry, merge_banks
from .budget import (
    MAX_BITS,
    MAX_NUMBER,
    MAX_OUTPUT,
    MAX_PRINTED_BITS,
    MAX_RANGE,
    MAX_SIZE,
    MAX_STEPS,
    TemplateBudgetError,
)
from .duplicates import SIMILARITY, content_words, near_duplicates, question_intent
from .evaluate import condition_holds, render_text
from .filters import MAX_PLAIN_WORK, MAX_WRAP
from .goals import goal_question
from .industry import INDUSTRIES, INDUSTRY_KEYWORDS, industry_key, industry_matches
from .items import BankItem, SelectedQuestion, Selection, Source
from .plan import candidates_for
from .sandbox import budget_error, template_error
from .selection import (
    BACKUPS_PER_TOPIC,
    CLOSING_MINUTES,
    FEASIBILITY_MINUTES,
    INTRO_MINUTES,
    MIN_QUESTIONS,
    MINUTES_PER_QUESTION,
    choose_questions,
    question_budget,
    select_questions,
)
from .topics import classify_topic, is_referral_text
from .workplace import Work, work_of

__all__ = [
    "BACKUPS_PER_TOPIC",
    "CLOSING_MINUTES",
    "FEASIBILITY_MINUTES",
    "INDUSTRIES",
    "INDUSTRY_KEYWORDS",
    "INTRO_MINUTES",
    "MAX_BITS",
    "MAX_NUMBER",
    "MAX_OUTPUT",
    "MAX_PLAIN_WORK",
    "MAX_PRINTED_BITS",
    "MAX_RANGE",
    "MAX_SIZE",
    "MAX_STEPS",
    "MAX_WRAP",
    "MINUTES_PER_QUESTION",
    "MIN_QUESTIONS",
    "SIMILARITY",
    "BankItem",
    "SelectedQuestion",
    "Selection",
    "Source",
    "TemplateBudgetError",
    "Work",
    "budget_error",
    "builtin_bank",
    "candidates_for",
    "choose_questions",
    "classify_topic",
    "condition_holds",
    "content_words",
    "goal_question",
    "industry_key",
    "industry_matches",
    "is_referral_entry",
    "is_referral_text",
    "merge_banks",
    "near_duplicates",
    "question_budget",
    "question_intent",
    "render_text",
    "select_questions",
    "template_error",
    "work_of",
]
