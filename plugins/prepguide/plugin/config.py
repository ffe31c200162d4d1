"""The plugin's options in ``mkdocs.yml`` (see docs/usage.md, "Plugin options").

The defaults are :data:`prepguide.options.DEFAULTS`: the command line reads the same ones.
"""

from __future__ import annotations

import datetime as dt

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..options import AUDIENCES, DEFAULTS


class PrepGuideConfig(Config):
    """Options of the ``prepguide`` plugin."""

    enabled = c.Type(bool, default=True)
    """Set to false to build the site without prepguide's pages (the YAML files stay out)."""

    audience = c.Choice(AUDIENCES, default=DEFAULTS.audience)
    """`private`: your own guide, everything shown. `public`: a playbook to publish, only
    contacts with `visibility: public` and no private field. `PREPGUIDE_AUDIENCE=public` makes
    any build public; it never makes a public guide private."""

    today = c.Optional(c.Type((str, dt.date)))
    """The day the dashboard counts from; default `SOURCE_DATE_EPOCH`, else today."""

    timezone = c.Type(str, default=DEFAULTS.timezone)
    """The guide's time zone: meeting date-times are local times there."""

    words_per_minute = c.Type(int, default=DEFAULTS.words_per_minute)
    """Speaking rate used to time intro scripts (125-150 is conversational)."""

    intro_seconds = c.Type(int, default=DEFAULTS.intro_seconds)
    """Target length of the intro script, in seconds."""
