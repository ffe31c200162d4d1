"""The data model of a guide: profile, organizations, contacts, question banks.

Pydantic v2 models that mirror docs/usage.md field for field. Every model
forbids unknown keys (validation turns them into did-you-mean messages) and
the JSON Schemas under ``schemas/`` are generated from these classes.

No MkDocs imports: the model is shared by the plugin, the command line and
any other engine.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .ids import slugify  # re-exported: ids are folded from names in ids.py

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)

ConnectionType = Literal[
    "family", "friend", "colleague", "mentor", "alumni", "mutual", "conference", "online", "cold"
]
Status = Literal["researching", "to-contact", "requested", "scheduled", "met", "thanked", "closed"]
MeetingFormat = Literal["in-person", "video", "phone"]
Topic = Literal[
    "rapport",
    "role",
    "organization",
    "trends",
    "path",
    "transition",
    "advice",
    "resources",
    "timing",
    "next-steps",
]
CONNECTION_TYPES: tuple[str, ...] = get_args(ConnectionType)
STATUSES: tuple[str, ...] = get_args(Status)
"""Meeting statuses, in the order a conversation goes through them."""
FORMATS: tuple[str, ...] = get_args(MeetingFormat)
TOPICS: tuple[str, ...] = get_args(Topic)
"""Question topics, in conversation order."""
Visibility = Literal["public", "private"]


_CONTROL_CHARS = re.compile(r"[\x00-\x1f]")
_UNSAFE_URL_CHARS = re.compile(r'[ <>"`\\]')


def _check_url(value: str) -> str:
    stripped = value.strip()
    parts = urlsplit(stripped)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.netloc
        or _UNSAFE_URL_CHARS.search(stripped)
        or _CONTROL_CHARS.search(value)
    ):
        raise PydanticCustomError(
            "http_url",
            "`{value}` is not an http(s) URL; write a full address such as https://example.org/",
            {"value": value},
        )
    return stripped


def _check_id(value: str) -> str:
    if not ID_RE.match(value):
        raise PydanticCustomError(
            "prepguide_id",
            "`{value}` is not an id; ids are lowercase words joined by hyphens, like `{fixed}`",
            {"value": value, "fixed": slugify(value) or "jane-doe"},
        )
    return value


Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]
"""An absolute http or https URL (no ``javascript:``, ``data:`` or ``file:``)."""

Id = Annotated[str, AfterValidator(_check_id), Field(pattern=ID_PATTERN)]
"""A file stem: lowercase words and digits joined by single hyphens."""

Text = Annotated[str, Field(min_length=1)]

_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Control characters (C0, DEL, C1) and the Unicode line and paragraph separators."""


def _check_one_line(value: str) -> str:
    found = _LINE_BREAKS.search(value)
    if found is not None:
        raise PydanticCustomError(
            "prepguide_one_line",
            "a name is one line of text, but this one holds a line break or control "
            "character (U+{code}); write the name on one line",
            {"code": f"{ord(found.group()):04X}"},
        )
    return value


Name = Annotated[
    str,
    Field(
        min_length=1,
        json_schema_extra={"pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]+$"},
    ),
    AfterValidator(_check_one_line),
]
"""A name: one line of text without control characters (it goes into titles and calendars)."""

FIRST_YEAR, LAST_YEAR = 1900, 2200
"""Dates must fall in these years (both included): far enough for any career, and date
arithmetic (nudges, due days, calendars) never leaves the range Python can represent."""

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
DATETIME_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$"
)
_DATE_RE = re.compile(DATE_PATTERN)
_DATETIME_RE = re.compile(DATETIME_PATTERN)


def _date_text(value: Any, pattern: re.Pattern[str], kind: str, example: str) -> Any:
    """Let through date objects and ISO text; refuse numbers and any other text."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and pattern.match(value.strip()):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError(
            "prepguide_date",
            "`{value}` is a bare number, not a {kind}; write it as {example}",
            {"value": value, "kind": kind, "example": example},
        )
    raise PydanticCustomError(
        "prepguide_date",
        "`{value}` is not a valid {kind}; write it as {example}",
        {"value": value, "kind": kind, "example": example},
    )


def _check_year(value: dt.date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError(
            "prepguide_date_range",
            "`{value}` is not in the years {first} to {last}; check the year",
            {"value": value.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR},
        )


def _date_in_range(value: dt.date) -> dt.date:
    _check_year(value)
    return value


def _local_time(value: dt.datetime, info: ValidationInfo) -> dt.datetime:
    """A date-time as naive local time of the guide (see docs/usage.md, "Dates").

    Text without an offset is already local time of the guide. Text with an
    offset (``…+05:00``, ``…Z``) is that instant, converted here into the
    guide's time zone: the ``timezone`` of the validation context (a
    ``tzinfo``, which :func:`prepguide.validate.validate_document` passes),
    else UTC. So every ``meeting.date`` of a loaded guide is naive and in
    the same zone, for pages, dashboard, ``todo`` and calendar alike.
    """
    if value.tzinfo is not None:
        context = info.context if isinstance(info.context, dict) else {}
        zone = context.get("timezone") or dt.timezone.utc
        value = value.astimezone(zone).replace(tzinfo=None)  # keeps `fold` in a repeated hour
    _check_year(value)
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(lambda v: _date_text(v, _DATE_RE, "date", "YYYY-MM-DD, e.g. 2026-12-04")),
    AfterValidator(_date_in_range),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]
"""A day, ``2026-12-04``, in the years 1900 to 2200 (not a bare number)."""

DateTime = Annotated[
    dt.datetime,
    BeforeValidator(
        lambda v: _date_text(
            v,
            _DATETIME_RE,
            "date-time",
            "YYYY-MM-DD HH:MM, e.g. 2026-12-04 15:30 (local time of the guide), "
            "or with an offset, e.g. 2026-12-04T15:30:00+01:00",
        )
    ),
    AfterValidator(_local_time),
    WithJsonSchema({"type": "string", "pattern": DATETIME_PATTERN}),
]
"""A date-time, naive local time of the guide once validated (see :func:`_local_time`)."""
_PERIOD_RE = re.compile(r"^(19|20)\d\d(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _check_period(value: Any) -> str | None:
    if value is None:
        return None
    text = (
        str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    )
    if text.lower() == "present" or _PERIOD_RE.match(text):
        return text.lower() if text.lower() == "present" else text
    raise PydanticCustomError(
        "prepguide_period",
        "`{value}` is not a year or date; write a year (2019), a month (2019-09), "
        "a date (2019-09-01) or `present`",
        {"value": value},
    )


YearOrDate = Annotated[
    Any,
    AfterValidator(_check_period),
    WithJsonSchema(
        {"type": ["integer", "string"], "description": "A year, YYYY-MM, YYYY-MM-DD or `present`."}
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Education(_Model):
    """A school attended."""

    school: Text = Field(description="Name of the school (required).")
    degree: str | None = Field(None, description="Degree, e.g. BSN, MSc.")
    field: str | None = Field(None, description="Field of study.")
    year: int | None = Field(None, ge=1900, le=2100, description="Year of graduation.")


class Experience(_Model):
    """A job held."""

    organization: Text = Field(description="Free text or an organization id (required).")
    role: str | None = Field(None, description="Title held.")
    start: YearOrDate = Field(None, description="Year or date started.")
    end: YearOrDate = Field(None, description="Year or date ended, or `present`.")


class Profile(_Model):
    """You: ``content/profile.yml``."""

    name: Name = Field(description="Your name (required).")
    pronouns: str | None = None
    headline: str | None = Field(None, description="Who you are now, one line.")
    goal: str | None = Field(None, description="What you are exploring.")
    education: list[Education] = Field(default_factory=list)
    experience: list[Experience] = Field(default_factory=list)
    locations: list[Text] = Field(default_factory=list, description="Places you live or lived.")
    interests: list[Text] = Field(default_factory=list)
    skills: list[Text] = Field(default_factory=list)
    email: str | None = Field(None, description="Private.")
    phone: str | None = Field(None, description="Private.")


class Role(_Model):
    """A position of interest at an organization."""

    title: Text = Field(description="Job title (required).")
    url: Url | None = None
    notes: str | None = Field(None, description="Markdown.")


class News(_Model):
    """A dated news item about an organization."""

    date: Date | None = None
    headline: Text = Field(description="Headline (required).")
    url: Url | None = None


class Organization(_Model):
    """An organization: ``content/organizations/<id>.yml``."""

    id: Id = Field(description="The file stem; not written in the file.")
    name: Name = Field(description="Name (required).")
    website: Url | None = None
    industry: str | None = None
    size: str | None = Field(None, description='e.g. "about 1,200 people".')
    headquarters: str | None = None
    summary: str | None = Field(None, description="What they do (Markdown).")
    focus: list[Text] = Field(default_factory=list, description="Current focus and initiatives.")
    culture: str | None = Field(None, description="The environment (Markdown).")
    roles: list[Role] = Field(default_factory=list)
    news: list[News] = Field(default_factory=list)
    sources: list[Url] = Field(default_factory=list)
    notes: str | None = Field(None, description="Private notes (Markdown).")
    tags: list[Text] = Field(default_factory=list)


class Connection(_Model):
    """How you are connected to a contact."""

    type: ConnectionType | None = Field(None, description="How you reach them.")
    via: Id | None = Field(None, description="Contact id of who introduces you.")
    story: str | None = Field(None, description="How you know them.")
    last_spoke: Date | None = None


class Background(_Model):
    """What your research found about a contact."""

    education: list[Education] = Field(default_factory=list)
    experience: list[Experience] = Field(default_factory=list)
    interests: list[Text] = Field(default_factory=list)
    transition: str | None = Field(None, description='A career change, "nursing to UX research".')
    notes: str | None = Field(None, description="Talks, posts, projects (Markdown).")


class Meeting(_Model):
    """The conversation itself."""

    status: Status = "researching"
    requested: Date | None = Field(None, description="When you sent the request.")
    date: DateTime | None = Field(
        None,
        description="Local date-time of the guide, `2026-12-04 15:30`, or an instant with an "
        "offset, `2026-12-04T15:30:00+01:00`.",
    )
    duration: int = Field(20, ge=5, le=120, description="Minutes, 5 to 120.")
    format: MeetingFormat | None = None
    place: str | None = Field(None, description="A venue or a call link (private).")


class FollowUp(_Model):
    """A follow-up to do."""

    date: Date = Field(description="When it is due (required).")
    note: Text = Field(description="What to do (required).")
    done: bool = False


class Reflection(_Model):
    """After the talk: is the change still right for you? (private)"""

    still_interested: bool | None = None
    timing: str | None = None
    next_steps: str | None = None


class Contact(_Model):
    """A person: ``content/contacts/<id>.yml``."""

    id: Id = Field(description="The file stem; not written in the file.")
    name: Name = Field(description="Their name (required).")
    organization: Id | None = Field(None, description="An organization id.")
    role: str | None = Field(None, description="Current title.")
    pronouns: str | None = None
    location: str | None = None
    email: str | None = Field(None, description="Private.")
    phone: str | None = Field(None, description="Private.")
    linkedin: Url | None = None
    connection: Connection = Field(default_factory=Connection)
    background: Background = Field(default_factory=Background)
    goals: list[Text] = Field(default_factory=list)
    questions: list[Text] = Field(default_factory=list)
    intro: str | None = Field(None, description="A hand-written intro script.")
    meeting: Meeting = Field(default_factory=Meeting)
    notes: str | None = Field(None, description="What you wrote during and after (private).")
    referrals: list[Text] = Field(default_factory=list, description="Contact ids or names.")
    follow_up: list[FollowUp] = Field(default_factory=list, description="Private.")
    reflection: Reflection | None = Field(None, description="Private.")
    visibility: Visibility = "private"
    tags: list[Text] = Field(default_factory=list)


class QuestionEntry(_Model):
    """One entry of a question bank."""

    id: Id = Field(description="Unique id; the id of a built-in question replaces it.")
    topic: Topic
    text: Text = Field(description="A Jinja2 template over `you`, `contact`, `org`.")
    when: str | None = Field(None, description="A condition, e.g. `contact.background.transition`.")
    industries: list[Text] = Field(default_factory=list)
    priority: int = Field(0, description="Higher comes first within a topic.")
    group: Id | None = Field(
        None, description="Entries of one group ask the same thing: a list takes one of them."
    )


def json_schemas() -> dict[str, dict[str, Any]]:
    """Return the JSON Schema of each kind of file, keyed by kind."""
    schemas: dict[str, dict[str, Any]] = {}
    for kind, model in (
        ("profile", Profile),
        ("organization", Organization),
        ("contact", Contact),
    ):
        schema = model.model_json_schema()
        schema["properties"].pop("id", None)
        schema["required"] = [r for r in schema.get("required", []) if r != "id"]
        schemas[kind] = schema
    entry = QuestionEntry.model_json_schema()
    schemas["questions"] = {
        "title": "QuestionBank",
        "description": "A prepguide question bank: a list of entries.",
        "type": "array",
        "items": {"$ref": "#/$defs/QuestionEntry"},
        "$defs": {**entry.pop("$defs", {}), "QuestionEntry": entry},
    }
    for kind, schema in schemas.items():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"prepguide/{kind}.schema.json"
    return schemas
