"""Text for new files: ``%%key%%`` templates, YAML scalars, safe ``#`` comments, names.

Templates in ``scaffold/`` hold placeholders ``%%key%%``; a placeholder alone
on a line that receives an empty value removes the line (:func:`render`).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping

from ruamel.yaml import YAML

_PLACEHOLDER = re.compile(r"%%([a-z_]+)%%")


def render(text: str, values: Mapping[str, str]) -> str:
    r"""Replace ``%%key%%`` placeholders; drop lines whose only content became empty.

    >>> render("name: %%name%%\n  %%org%%\nend\n", {"name": "Ana", "org": ""})
    'name: Ana\nend\n'

    Raises:
        KeyError: A placeholder has no value (a bug in the template).
    """
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        only = _PLACEHOLDER.fullmatch(line.strip())
        replaced = _PLACEHOLDER.sub(lambda m: values[m.group(1)], line)
        if only and not values[only.group(1)]:
            continue
        out.append(replaced)
    return "".join(out)


def yaml_scalar(text: str) -> str:
    r"""Return ``text`` as one YAML scalar: plain when that is safe, else quoted.

    >>> yaml_scalar("Grace O'Neil"), yaml_scalar("2014"), yaml_scalar("a: b")
    ("Grace O'Neil", "'2014'", "'a: b'")
    >>> yaml_scalar("two\nlines")
    '"two\\nlines"'
    """
    yaml = YAML(typ="rt")
    yaml.width = 1 << 16
    buffer = io.StringIO()
    yaml.dump({"k": text}, buffer)
    value = buffer.getvalue()[len("k: ") :].rstrip("\n")
    if "\n" in value or value.startswith(("|", ">")):
        return json.dumps(text, ensure_ascii=False)
    return value


def comment_text(text: str) -> str:
    r"""Make user text safe inside a ``#`` comment (one line, no control characters).

    >>> comment_text("Ana\n# Lima\x07  Jr")
    'Ana # Lima Jr'
    """
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def clean_name(name: str) -> str:
    r"""Collapse whitespace (line breaks included) in a name typed on the command line.

    >>> clean_name("  Grace\n O'Neil ")
    "Grace O'Neil"
    """
    return " ".join(name.split())
