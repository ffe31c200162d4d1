"""Validate one loaded YAML document against the model, with located messages.

Pydantic reports each problem with a ``loc`` path such as
``("meeting", "duration")``; this module turns it into the line and column
of that key or value (from :class:`~prepguide.read.loader.Document`) and a message
that says how to fix it: the closest known field for a typo, the allowed
values of an enum, the format of a date.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from ..errors import Problem
from .fields import DATE_CORE, WHITE_SPACE_CHARS
from .loader import Document
from .model import Contact, Organization, Profile, QuestionEntry

Kind = Literal["profile", "organization", "contact", "questions"]

MODELS: dict[str, type[BaseModel]] = {
    "profile": Profile,
    "organization": Organization,
    "contact": Contact,
    "questions": QuestionEntry,
}
_BANK = TypeAdapter(list[QuestionEntry])
_DAY_RE = re.compile(DATE_CORE)


def closest(word: str, candidates: typing.Iterable[str]) -> str | None:
    """Return the candidate closest to ``word``, if any is close enough.

    A near spelling wins; else the one candidate that ``word`` begins (3 letters or more).

    >>> closest("stauts", ["status", "date"]), closest("lumen", ["lumenchart", "other"])
    ('status', 'lumenchart')
    >>> closest("zzz", ["status"]) is None
    True
    """
    options = sorted(candidates)
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    if len(word) >= 3:
        prefixed = [c for c in options if c.startswith(word) or c.startswith(f"{word}-")]
        if len(prefixed) == 1:
            return prefixed[0]
    return None


def validate_document(
    doc: Document, kind: Kind, file_id: str | None = None, *, timezone: str = "UTC"
) -> tuple[Any, list[Problem]]:
    r"""Validate a document as a file of the given kind.

    Arguments:
        doc: The loaded document.
        kind: What the file holds.
        file_id: The id from the file stem (organizations and contacts).
        timezone: The guide's ``timezone`` option: a date-time written with an
            offset becomes naive local time of this zone (see docs/usage.md,
            "Dates").

    Returns:
        The model (a list of entries for question banks), or ``None`` when the
        file has errors, and the problems found.

    >>> from prepguide.read.loader import load_bytes
    >>> doc = load_bytes(b"name: Ana\nmeeting:\n  duration: 500\n", "contacts/ana.yml")
    >>> model, problems = validate_document(doc, "contact", "ana")
    >>> print(model, *(p.format() for p in problems))
    None contacts/ana.yml:3:13: error: `meeting.duration` must be between 5 and 120 minutes, not `500`
    >>> model, problems = validate_document(load_bytes(b"name: Ana Lima", "c/ana-lima.yml"), "contact", "ana-lima")
    >>> model.id, model.name, problems
    ('ana-lima', 'Ana Lima', [])
    """
    data = doc.data
    if kind == "questions":
        if not isinstance(data, list):
            return None, [
                _error(
                    doc,
                    (),
                    "a question bank is a list of entries, each starting with `- id: …`",
                )
            ]
        try:
            return _BANK.validate_python(data), []
        except ValidationError as exc:
            return None, sorted(_problems(doc, exc, QuestionEntry, is_list=True))
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "a single value"
        return None, [
            _error(
                doc,
                (),
                f"the file holds {found}; it must be a mapping of fields such as `name: …`",
            )
        ]
    model = MODELS[kind]
    if "id" in data and kind in ("organization", "contact"):
        return None, [
            _error(
                doc,
                ("id",),
                "`id`: unknown field; the id is the file name, so rename the file instead",
                value=False,
            )
        ]
    if file_id is not None:
        data = {**data, "id": file_id}
    try:
        result = model.model_validate(data, context={"timezone": _zone(timezone)})
    except ValidationError as exc:
        return None, sorted(_problems(doc, exc, model, is_list=False))
    return result, _warnings(doc, result)


def _warnings(doc: Document, result: BaseModel) -> list[Problem]:
    """Problems of a valid file that still deserve a look.

    A scheduled meeting whose date has no time is a meeting at midnight (00:00)
    on pages, dashboard, ``todo`` and in the calendar (see docs/usage.md,
    "Dates"): most likely the time was forgotten.
    """
    if not isinstance(result, Contact) or result.meeting.status != "scheduled":
        return []
    meeting = doc.data.get("meeting") if isinstance(doc.data, dict) else None
    written = meeting.get("date") if isinstance(meeting, dict) else None
    day = written.strip(WHITE_SPACE_CHARS) if isinstance(written, str) else ""
    if not _DAY_RE.fullmatch(day):
        return []
    line, column = doc.position(("meeting", "date"))
    return [
        Problem(
            doc.path,
            line,
            column,
            "warning",
            f"`meeting.date`: a scheduled meeting without a time is at midnight (00:00) "
            f"on the pages and in the calendar; add the time, e.g. `{day} 15:30`",
        )
    ]


@functools.lru_cache(maxsize=16)
def _zone(name: str) -> dt.tzinfo:
    """The time zone of a ``timezone`` option (UTC when unknown: options are checked elsewhere)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.timezone.utc


def _error(
    doc: Document, loc: tuple[str | int, ...], message: str, *, value: bool = True
) -> Problem:
    """An error at the value (or, with ``value=False``, the key) ``loc`` of ``doc``."""
    line, column = doc.position(loc, value=value)
    return Problem(doc.path, line, column, "error", message)


def _problems(
    doc: Document, exc: ValidationError, model: type[BaseModel], *, is_list: bool
) -> list[Problem]:
    seen: set[tuple[str | int, ...]] = set()
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if loc in seen:
            continue
        seen.add(loc)
        message, at_key = _message(err, loc, model, is_list)
        problems.append(_error(doc, loc, message, value=not at_key))
    return problems


def _dotted(loc: tuple[str | int, ...]) -> str:
    """A field's path as messages write it.

    >>> _dotted(("meeting", "date")), _dotted((0, "text")), _dotted(("background", "education", 1, "year"))
    ('meeting.date', '[0].text', 'background.education[1].year')
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


def _message(
    err: Any, loc: tuple[str | int, ...], model: type[BaseModel], is_list: bool
) -> tuple[str, bool]:
    """Return the message for one pydantic error, and whether it points at the key.

    >>> from prepguide.read.model import Contact
    >>> _message({"type": "extra_forbidden", "input": 1}, ("nmae",), Contact, False)
    ('`nmae`: unknown field; did you mean `name`?', True)
    >>> _message({"type": "missing"}, ("meeting", "status"), Contact, False)
    ('`meeting.status` is required; add a line `status: …`', True)
    >>> _message({"type": "less_than_equal", "input": 500}, ("meeting", "duration"), Contact, False)
    ('`meeting.duration` must be between 5 and 120 minutes, not `500`', False)
    >>> _message({"type": "http_url", "msg": "`x` is not an http(s) URL"}, ("linkedin",), Contact, False)
    ('`linkedin`: `x` is not an http(s) URL', False)
    """
    kind = err["type"]
    name = _dotted(loc)
    given = err.get("input")
    field_loc = loc[1:] if is_list else loc
    if kind == "extra_forbidden":
        return _unknown_field(name, str(loc[-1]), _fields_at(model, field_loc[:-1])), True
    if kind == "missing":
        return f"`{name}` is required; add a line `{loc[-1]}: …`", True
    if kind == "literal_error":
        return _not_allowed(name, given, _literal_values(model, field_loc)), False
    if kind.startswith("date"):  # date_… and datetime_…
        return _date_message(kind, name, given, err.get("ctx") or {}), False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = _bounds(model, field_loc)
        unit = " minutes" if loc[-1] == "duration" else ""
        return f"`{name}` must be between {low} and {high}{unit}, not {_show(given)}", False
    typed = _type_message(kind, name, given)
    # Otherwise pydantic's message, or the model's own (http_url, prepguide_id, prepguide_period…)
    return (typed if typed is not None else f"`{name}`: {err['msg']}"), False


def _unknown_field(name: str, key: str, known: list[str]) -> str:
    """The message for a key the model does not know: the closest field, or all of them.

    >>> _unknown_field("meeting.stauts", "stauts", ["status", "date"])
    '`meeting.stauts`: unknown field; did you mean `status`?'
    >>> _unknown_field("reflection.why", "why", ["timing", "next_steps"])
    '`reflection.why`: unknown field; known fields: timing, next_steps'
    """
    guess = closest(key, known)
    hint = f"did you mean `{guess}`?" if guess else "known fields: " + ", ".join(known)
    return f"`{name}`: unknown field; {hint}"


def _not_allowed(name: str, given: Any, allowed: list[str]) -> str:
    """The message for a value outside an enum, with the closest allowed one.

    >>> _not_allowed("meeting.format", "vidéo", ["in-person", "video", "phone"])
    '`meeting.format`: `vidéo` is not allowed; use one of: in-person, video, phone; did you mean `video`?'
    >>> _not_allowed("meeting.format", 3, ["in-person", "video", "phone"])
    '`meeting.format`: `3` is not allowed; use one of: in-person, video, phone'
    """
    guess = closest(str(given), allowed) if isinstance(given, str) else None
    hint = f"; did you mean `{guess}`?" if guess else ""
    return f"`{name}`: `{given}` is not allowed; use one of: {', '.join(allowed)}{hint}"


def _date_message(kind: str, name: str, given: Any, ctx: dict[str, Any]) -> str:
    """The message for a date (``date_…``) or date-time (``datetime_…``) pydantic refused.

    >>> _date_message("date_from_text", "meeting.requested", "2026-13-01", {"error": "month value is outside expected range"})
    '`meeting.requested`: `2026-13-01` is not a valid date (month value is outside expected range); write dates as YYYY-MM-DD, e.g. 2026-12-04'
    >>> _date_message("datetime_parsing", "meeting.date", "soon", {})
    '`meeting.date`: `soon` is not a valid date-time (not a date-time); write it as YYYY-MM-DD HH:MM, e.g. 2026-12-04 15:30'
    """
    if kind.startswith("datetime"):
        why = ctx.get("error", "not a date-time")
        return (
            f"`{name}`: {_show(given)} is not a valid date-time ({why}); "
            "write it as YYYY-MM-DD HH:MM, e.g. 2026-12-04 15:30"
        )
    why = ctx.get("error", "not a date")
    return (
        f"`{name}`: {_show(given)} is not a valid date ({why}); "
        "write dates as YYYY-MM-DD, e.g. 2026-12-04"
    )


def _type_message(kind: str, name: str, given: Any) -> str | None:
    """The message for a value of the wrong type (text, number, yes/no, list, mapping), or None.

    >>> _type_message("string_type", "name", 123)
    '`name` must be text, not a number (`123`); put the value in quotes'
    >>> _type_message("int_parsing", "background.education[0].year", "abc")
    '`background.education[0].year` must be a whole number, not `abc`'
    >>> _type_message("bool_parsing", "follow_up[0].done", "maybe")
    '`follow_up[0].done` must be `true` or `false`, not `maybe`'
    >>> _type_message("list_type", "tags", "justone")
    '`tags` must be a list: write each item on its own line starting with `- `'
    >>> _type_message("dict_type", "meeting", "hello")
    '`meeting` must be a mapping of fields (`key: value` lines indented below it), not text'
    >>> _type_message("string_too_short", "role", "")
    '`role` must not be empty'
    >>> _type_message("url_type", "website", 1) is None
    True
    """
    if kind == "string_type":
        return f"`{name}` must be text, not {_type_name(given)}; put the value in quotes"
    if kind == "string_too_short":
        return f"`{name}` must not be empty"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"`{name}` must be a whole number, not {_show(given)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"`{name}` must be `true` or `false`, not {_show(given)}"
    if kind == "list_type":
        return f"`{name}` must be a list: write each item on its own line starting with `- `"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"`{name}` must be a mapping of fields (`key: value` lines indented below it), "
            f"not {_type_name(given)}"
        )
    return None


def _show(value: Any) -> str:
    """A given value as messages quote it.

    >>> print(_show("abc"), _show(3), _show([1]), _show(None), _show(True))
    `abc` `3` a list `None` `True`
    """
    if isinstance(value, str):
        return f"`{value}`"
    if isinstance(value, (dict, list)):
        return _type_name(value)
    return f"`{value!r}`"


def _type_name(value: Any) -> str:
    """What kind of value was given, as messages say it.

    >>> [_type_name(v) for v in (True, 3.5, [], {}, None, "x")]
    ['`true` (true/false)', 'a number (`3.5`)', 'a list', 'a mapping', 'empty', 'text']
    """
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (true/false)"
    if isinstance(value, (int, float)):
        return f"a number (`{value}`)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return "text"


def _annotation_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
    """Return the annotation of the field at ``loc`` (list indexes skipped)."""
    current: Any = model
    annotation: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        sub = _submodel(annotation)
        if sub is None or part not in sub.model_fields:
            return None
        annotation = sub.model_fields[part].annotation
        current = sub
    del current
    return annotation


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    annotation = model if not loc else _annotation_at(model, loc)
    sub = _submodel(annotation)
    if sub is None:
        return []
    return [name for name in sub.model_fields if name != "id" or sub is QuestionEntry]


def _literal_values(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    found: list[str] = []

    def walk(annotation: Any) -> None:
        origin = get_origin(annotation)
        if origin is Literal:
            found.extend(str(a) for a in get_args(annotation))
        elif origin in (Union, types.UnionType, list, typing.Annotated) or get_args(annotation):
            for arg in get_args(annotation):
                walk(arg)

    walk(_annotation_at(model, loc))
    return found


def _bounds(model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[Any, Any]:
    sub = _submodel(_annotation_at(model, loc[:-1]) if len(loc) > 1 else model)
    low: Any = "?"
    high: Any = "?"
    if sub is not None and isinstance(loc[-1], str) and loc[-1] in sub.model_fields:
        field = sub.model_fields[loc[-1]]
        for meta in [*field.metadata, *_metadata(field.annotation)]:
            low = getattr(meta, "ge", low) if getattr(meta, "ge", None) is not None else low
            high = getattr(meta, "le", high) if getattr(meta, "le", None) is not None else high
    return low, high


def _metadata(annotation: Any) -> list[Any]:
    """The constraints inside an annotation, e.g. of ``Annotated[int, Field(ge=1)] | None``."""
    found: list[Any] = []
    for arg in get_args(annotation):
        if isinstance(arg, FieldInfo):
            found.extend(arg.metadata)
        else:
            found.extend(_metadata(arg))
    return found
