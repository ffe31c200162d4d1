"""Days and times in English, as every page, draft and command writes them.

One place for the names of weekdays and months (``MONTHS`` is in
:mod:`~prepguide.text.phrases`), so no text depends on the machine's locale.
"""

from __future__ import annotations

import datetime as dt

from .phrases import MONTHS

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: dt.date | None) -> str:
    """A day with its weekday ("" for none): the pages' and drafts' way.

    >>> long_date(dt.date(2026, 12, 4))
    'Friday 4 December 2026'
    >>> long_date(None)
    ''
    """
    if day is None:
        return ""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def long_datetime(moment: dt.datetime | None) -> str:
    """A day and time ("" for none).

    >>> long_datetime(dt.datetime(2026, 12, 4, 15, 30))
    'Friday 4 December 2026, 15:30'
    """
    if moment is None:
        return ""
    return f"{long_date(moment.date())}, {moment:%H:%M}"


def day_month_year(day: dt.date) -> str:
    """A day without its weekday (in sentences about what happened).

    >>> day_month_year(dt.date(2026, 11, 20))
    '20 November 2026'
    """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
