"""Names as people say them: a person's first name, an organization's short name.

No MkDocs imports; no prepguide imports.
"""

from __future__ import annotations

import functools
import re

_TITLES = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."}


def first_name(name: str) -> str:
    """Return the first word of a person's name (titles such as "Dr." skipped).

    The whole name when it has one word.

    >>> first_name("Dr. Ines Okafor")
    'Ines'
    >>> first_name("Prof.")
    'Prof.'
    """
    words = name.split()
    while len(words) > 1 and words[0].casefold() in _TITLES:
        words = words[1:]
    return words[0] if words else name


_LEGAL_SUFFIX = re.compile(
    r"(,?\s+(Inc\.?|Incorporated|LLC|L\.L\.C\.|LLP|Ltd\.?|Limited|Corp\.?|Corporation|"
    r"GmbH|PLC|plc|AG|S\.A\.|B\.V\.|Pty\.?\s+Ltd\.?|&\s+Co\.?|Co\.))+\s*$"
)
_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Za-z&]*[A-Z])\)")


@functools.lru_cache(maxsize=4096)  # a function of the text: organizations recur on many pages
def short_name(name: str) -> str:
    """The name of an organization as people say it in a sentence or subject line.

    An acronym in parentheses is used ("… Evaluation (NIHME)" -> "NIHME");
    legal suffixes are dropped ("Inc.", "LLC", "Ltd"), and so is
    "Department of" in a name of more than four words.

    >>> short_name("Northfield Institute for Health Metrics and Evaluation (NIHME)")
    'NIHME'
    >>> short_name("Halvard Health Analytics, Inc.")
    'Halvard Health Analytics'
    >>> short_name("Lindgren Public Health Analytics LLC")
    'Lindgren Public Health Analytics'
    >>> short_name("Riverbend County Department of Public Health and Environment")
    'Riverbend County Public Health and Environment'
    >>> short_name("Department of Health")
    'Department of Health'
    >>> short_name("Harbor & Finch")
    'Harbor & Finch'
    """
    text = " ".join(name.split())
    found = _ACRONYM_IN_PARENS.search(text)
    if found:
        return found.group(1)
    shorter = _LEGAL_SUFFIX.sub("", text).strip(" ,")
    text = shorter or text
    if len(text.split()) > 4:
        dropped = re.sub(r"\bDepartment of\s+", "", text).strip()
        if len(dropped.split()) >= 2:
            text = dropped
    return text


_THE_HEADS = re.compile(
    r"^(University|Department|Office|School|Institute|Center|Centre|Centers|Bureau|Ministry|"
    r"Board|College|Council|Agency|Division|Society|Association|Academy|Museum)\s+(of|for)\s"
)


def org_phrase(name: str) -> str:
    """An organization's name as it reads in running text: "the" before "University of …".

    >>> org_phrase("University of Lakemont School of Public Health")
    'the University of Lakemont School of Public Health'
    >>> org_phrase("Bluestem Mutual Insurance Company")
    'Bluestem Mutual Insurance Company'
    >>> org_phrase("The Acme Company")
    'The Acme Company'
    """
    text = " ".join(name.split())
    return f"the {text}" if _THE_HEADS.match(text) else text
