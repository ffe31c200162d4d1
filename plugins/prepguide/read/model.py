"""The data model of a guide: profile, organizations, contacts, question banks.

Pydantic v2 models that mirror docs/usage.md field for field. Every model
forbids unknown keys (validation turns them into did-you-mean messages) and
the JSON Schemas under ``schemas/`` are generated from these classes. The
types of their values (names, text, ids, URLs, dates) and the rules each one
checks are in :mod:`prepguide.read.fields`.

No MkDocs imports: the model is shared by the plugin, the command line and
any other engine.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .fields import (
    Date,
    DateTime,
    Flag,
    Id,
    Name,
    Text,
    Url,
    WholeNumber,
    YearOrDate,
    _whole_number,
)

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


STATUS_LABELS: dict[str, str] = {
    "researching": "Researching",
    "to-contact": "To contact",
    "requested": "Requested",
    "scheduled": "Scheduled",
    "met": "Met",
    "thanked": "Thanked",
    "closed": "Closed",
}
"""A readable label per ``meeting.status``, in pipeline order (the site and ``prepguide todo``)."""


TOPICS: tuple[str, ...] = get_args(Topic)
"""Question topics, in conversation order."""


Visibility = Literal["public", "private"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Education(_Model):
    """A school attended."""

    school: Text = Field(description="Name of the school (required).")
    degree: str | None = Field(None, description="Degree, e.g. BSN, MSc.")
    field: str | None = Field(None, description="Field of study.")
    year: Annotated[int, Field(ge=1900, le=2100), BeforeValidator(_whole_number)] | None = Field(
        None, description="Year of graduation."
    )


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
    duration: WholeNumber = Field(20, ge=5, le=120, description="Minutes, 5 to 120.")
    format: MeetingFormat | None = None
    place: str | None = Field(None, description="A venue or a call link (private).")


class FollowUp(_Model):
    """A follow-up to do."""

    date: Date = Field(description="When it is due (required).")
    note: Text = Field(description="What to do (required).")
    done: Flag = False


class Reflection(_Model):
    """After the talk: is the change still right for you? (private)"""

    still_interested: Flag | None = None
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
    referrals: list[Name] = Field(default_factory=list, description="Contact ids or names.")
    follow_up: list[FollowUp] = Field(default_factory=list, description="Private.")
    reflection: Reflection | None = Field(None, description="Private.")
    visibility: Visibility = "private"
    tags: list[Text] = Field(default_factory=list)


PAGE_MODELS: tuple[type[_Model], ...] = (
    Background,
    Connection,
    Contact,
    Education,
    Experience,
    FollowUp,
    Meeting,
    News,
    Organization,
    Profile,
    Reflection,
    Role,
)
"""The models whose values question templates read (the question bank's own entries aside)."""


class QuestionEntry(_Model):
    """One entry of a question bank."""

    id: Id = Field(description="Unique id; the id of a built-in question replaces it.")
    topic: Topic
    text: Text = Field(description="A Jinja2 template over `you`, `contact`, `org`.")
    when: str | None = Field(None, description="A condition, e.g. `contact.background.transition`.")
    industries: list[Text] = Field(default_factory=list)
    priority: WholeNumber = Field(0, description="Higher comes first within a topic.")
    group: Id | None = Field(
        None, description="Entries of one group ask the same thing: a list takes one of them."
    )


def json_schemas() -> dict[str, dict[str, Any]]:
    """Return the JSON Schema of each kind of file, keyed by kind.

    >>> schemas = json_schemas()
    >>> sorted(schemas), schemas["contact"]["$id"], "id" in schemas["contact"]["properties"]
    (['contact', 'organization', 'profile', 'questions'], 'prepguide/contact.schema.json', False)
    """
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
