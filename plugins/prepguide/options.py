"""Guide options shared by the MkDocs plugin and the command line.

The plugin reads them from ``mkdocs.yml`` through MkDocs' config system; the
command line reads the same keys from the nearest ``mkdocs.yml``. Both end
in one :class:`Options` value, so the dashboard and ``prepguide todo`` count
from the same day.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, timezone
from typing import Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Audience = Literal["private", "public"]
AUDIENCE_ENV = "PREPGUIDE_AUDIENCE"
AUDIENCES: tuple[str, ...] = get_args(Audience)


class OptionError(ValueError):
    """An option has a value the guide cannot use."""


@dataclass(frozen=True)
class Options:
    """The options of one guide (see docs/usage.md, "Plugin options")."""

    audience: Audience = "private"
    today: date | None = None
    timezone: str = "UTC"
    words_per_minute: int = 130
    intro_seconds: int = 60

    @property
    def tz(self) -> ZoneInfo:
        """The guide's timezone."""
        return ZoneInfo(self.timezone)

    def resolved_today(self) -> date:
        """The day the dashboard counts from.

        ``today`` when set; else the date of ``SOURCE_DATE_EPOCH`` (reproducible
        builds); else today's date in the guide's timezone.
        """
        if self.today is not None:
            return self.today
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isdigit():
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(self.tz).date()
        return datetime.now(self.tz).date()


DEFAULTS = Options()
"""Every option's default, in one place: the plugin's config schema (config.py),
:func:`make_options` and the command line (guide/config_file.py) read them here."""

OPTION_NAMES: tuple[str, ...] = (*(f.name for f in fields(Options)), "enabled")
"""The keys of the ``prepguide`` plugin in ``mkdocs.yml`` (``enabled`` is the plugin's own)."""


def make_options(
    *,
    audience: str | None = DEFAULTS.audience,
    today: object = DEFAULTS.today,
    timezone: str | None = DEFAULTS.timezone,
    words_per_minute: object = DEFAULTS.words_per_minute,
    intro_seconds: object = DEFAULTS.intro_seconds,
    environ: Mapping[str, str] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Options:
    """Build validated options; ``PREPGUIDE_AUDIENCE`` may make ``audience`` public.

    Arguments:
        warn: Called with a message when ``PREPGUIDE_AUDIENCE`` is ignored.

    Raises:
        OptionError: A value is out of range or of the wrong kind.

    >>> make_options(today="2026-12-04", timezone="Europe/Paris", environ={})
    Options(audience='private', today=datetime.date(2026, 12, 4), timezone='Europe/Paris', words_per_minute=130, intro_seconds=60)
    >>> make_options(environ={"PREPGUIDE_AUDIENCE": "public"}).audience
    'public'
    >>> make_options(today="12/04/2026", environ={})
    Traceback (most recent call last):
    prepguide.options.OptionError: today: `12/04/2026` is not a date; write it as YYYY-MM-DD, or leave it out
    >>> make_options(timezone="Mars/Base", environ={})
    Traceback (most recent call last):
    prepguide.options.OptionError: timezone: `Mars/Base` is not a known time zone; use a name like `Europe/Paris` or `UTC`
    """
    env = os.environ if environ is None else environ
    audience = resolve_audience(audience, env.get(AUDIENCE_ENV), warn)
    day: date | None
    if today is None or today == "":
        day = None
    elif isinstance(today, datetime):
        day = today.date()
    elif isinstance(today, date):
        day = today
    else:
        try:
            day = date.fromisoformat(str(today).strip())
        except ValueError:
            raise OptionError(
                f"today: `{today}` is not a date; write it as YYYY-MM-DD, or leave it out"
            ) from None
    zone = timezone or "UTC"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise OptionError(
            f"timezone: `{zone}` is not a known time zone; use a name like `Europe/Paris` or `UTC`"
        ) from None
    wpm = _int_in("words_per_minute", words_per_minute, 60, 250)
    seconds = _int_in("intro_seconds", intro_seconds, 15, 300)
    return Options(audience, day, zone, wpm, seconds)


def resolve_audience(
    configured: str | None,
    from_env: str | None,
    warn: Callable[[str], None] | None = None,
) -> Audience:
    """The audience of a build: ``PREPGUIDE_AUDIENCE`` can make it public, never private.

    A guide whose ``mkdocs.yml`` says ``audience: public`` is a playbook meant to be
    published; an environment variable left over in a shell or a CI job must not
    publish its private fields (docs/usage.md, "Plugin options"). Asking for
    ``private`` there is ignored, with a warning (so ``--strict`` fails).

    Raises:
        OptionError: ``audience`` or ``PREPGUIDE_AUDIENCE`` is neither private nor public.

    >>> resolve_audience("private", "public"), resolve_audience(None, ""), resolve_audience("public", "private")
    ('public', 'private', 'public')
    >>> resolve_audience("private", "everyone")
    Traceback (most recent call last):
    prepguide.options.OptionError: PREPGUIDE_AUDIENCE: `everyone` is not allowed; set it to `public`, or unset it
    """
    configured = configured or "private"
    if configured not in ("private", "public"):
        raise OptionError(f"audience: `{configured}` is not allowed; use `private` or `public`")
    wanted = (from_env or "").strip()
    if not wanted:
        return configured  # type: ignore[return-value]
    if wanted not in ("private", "public"):
        raise OptionError(
            f"{AUDIENCE_ENV}: `{wanted}` is not allowed; set it to `public`, or unset it"
        )
    if wanted == "private" and configured == "public":
        if warn is not None:
            warn(
                f"{AUDIENCE_ENV}=private is ignored: mkdocs.yml says `audience: public`, and "
                "the environment can make a build public, never private; to build the "
                "private guide, set `audience: private` in mkdocs.yml"
            )
        return "public"
    return wanted  # type: ignore[return-value]


def _int_in(name: str, value: object, low: int, high: int) -> int:
    """A whole-number option, checked against its range.

    >>> _int_in("words_per_minute", 130, 60, 250)
    130
    >>> _int_in("intro_seconds", 5, 15, 300)
    Traceback (most recent call last):
    prepguide.options.OptionError: intro_seconds: 5 is out of range; use a number from 15 to 300
    >>> _int_in("words_per_minute", "fast", 60, 250)
    Traceback (most recent call last):
    prepguide.options.OptionError: words_per_minute: `fast` must be a whole number from 60 to 250
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise OptionError(f"{name}: `{value}` must be a whole number from {low} to {high}")
    if not low <= value <= high:
        raise OptionError(f"{name}: {value} is out of range; use a number from {low} to {high}")
    return value
