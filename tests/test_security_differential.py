"""Whatever ``prepguide check`` accepts, ``mkdocs build`` builds; whatever it refuses, the build
refuses with the same kind of located message, and no command shows a traceback.

The guides are drawn by Hypothesis (``tests/hostile.py``): every free string field of the
schemas holds HTML, script, control characters, astral emoji, bidi overrides, Jinja syntax or a
10 KB string. Both audiences are built. The browser half of this test (the payloads never run) is
``tests/browser/test_security_payloads.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort, PluginError

from prepguide.cli import main
from tests.conftest import build_site
from tests.hostile import hostile_guide, write_guide

EXAMPLES = int(os.environ.get("PREPGUIDE_FUZZ_EXAMPLES", "20"))


def _set(files: dict[str, Any], rel: str, dotted: str, value: object) -> None:
    target = files[rel]
    *parents, last = dotted.split(".")
    for name in parents:
        target = target.setdefault(name, {})
    target[last] = value


MISTAKES: dict[str, Callable[[dict[str, Any]], None]] = {
    # a value check refuses: the build must refuse it too, before site/ is touched
    "line break in a name": lambda f: _set(f, "contacts/zed-one.yml", "name", "Zed\nOne"),
    "year 9999": lambda f: _set(f, "contacts/zed-one.yml", "meeting.date", "9999-12-31 10:00"),
    "epoch date": lambda f: _set(f, "contacts/zed-two.yml", "meeting.date", 1764000000),
    "unknown org": lambda f: _set(f, "contacts/zed-one.yml", "organization", "nowhere"),
    "reserved id": lambda f: f.update({"contacts/index.yml": {"name": "Index"}}),
    "duration out of range": lambda f: _set(f, "contacts/zed-two.yml", "meeting.duration", 500),
    "unknown field": lambda f: _set(f, "profile.yml", "nmae", "typo"),
}


def run_cli(root: Path, *argv: str) -> tuple[int, str, str]:
    """Run ``prepguide`` in-process in ``root``; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("audience", ["private", "public"])
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("PREPGUIDE_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(guide=hostile_guide(), mistake=st.sampled_from(sorted(MISTAKES)) | st.none())
def test_check_and_build_agree(
    tmp_path_factory: pytest.TempPathFactory,
    audience: str,
    guide: tuple[dict[str, object], dict[str, str]],
    mistake: str | None,
) -> None:
    files, _tags = guide
    if mistake:
        MISTAKES[mistake](files)
    root = write_guide(tmp_path_factory.mktemp("hostile"), files, audience)
    code, out, err = run_cli(root, "check", "--format", "json")
    assert code in (0, 1), err
    assert "Traceback" not in out + err
    problems = json.loads(out)
    errors = [p for p in problems if p["severity"] == "error"]
    assert (code == 1) == bool(errors)
    for problem in problems:
        assert problem["path"] and problem["line"] >= 1 and problem["column"] >= 1

    # the same guide through MkDocs: accepted by check -> builds; refused -> a PluginError
    previous = root / "site"
    previous.mkdir()
    (previous / "kept.html").write_text("an earlier build", encoding="utf-8")
    event("refused by check" if errors else "accepted by check")
    if errors:
        with pytest.raises((Abort, PluginError)):
            build_site(root)
        assert (previous / "kept.html").is_file(), "a refused build emptied site/"
    else:
        site = build_site(root)
        assert (site / "index.html").is_file()
        assert (site / "contacts" / "zed-one" / "index.html").is_file()

    code, out, err = run_cli(root, "todo", "--format", "json")
    assert code in (0, 1), err
    assert "Traceback" not in out + err
