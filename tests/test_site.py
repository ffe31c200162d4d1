"""Page addresses of the generated site: URLs and the relative links between pages."""

from __future__ import annotations

import datetime as dt
import posixpath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepguide.render.brief import is_web_address, relative_day
from prepguide.render.pages import page_url, relative_url, relpath
from prepguide.render.templating import letter_html

SEGMENTS = st.sampled_from(["contacts", "organizations", "dana-whitfield", "a", "b", "", ".", ".."])
PATHS = st.lists(SEGMENTS, max_size=5).map(lambda parts: "/" + "/".join(parts))


@settings(max_examples=2000, deadline=None)
@given(PATHS, PATHS)
def test_relpath_is_posixpath_relpath(path: str, start: str) -> None:
    assert relpath(path, start) == posixpath.relpath(path, start)


def test_relpath_of_relative_paths_is_left_to_posixpath() -> None:
    assert relpath("contacts/x", "organizations") == posixpath.relpath(
        "contacts/x", "organizations"
    )


@pytest.mark.parametrize(
    ("to_src", "from_src", "directory_urls", "expected"),
    [
        ("organizations/acme.md", "contacts/dana.md", True, "../../organizations/acme/"),
        ("organizations/acme.md", "contacts/dana.md", False, "../organizations/acme.html"),
        ("contacts/dana.md", "network.md", True, "../contacts/dana/"),
        ("contacts/dana.md", "network.md", False, "contacts/dana.html"),
        ("index.md", "contacts/dana.md", True, "../.."),
        ("contacts/dana.md", "contacts/dana.md", True, "./"),
        ("contacts/index.md", "index.md", True, "contacts/"),
    ],
)
def test_relative_urls_between_pages(
    to_src: str, from_src: str, directory_urls: bool, expected: str
) -> None:
    assert relative_url(to_src, from_src, directory_urls) == expected


def test_page_urls() -> None:
    assert page_url("contacts/dana.md", True) == "contacts/dana/"
    assert page_url("contacts/dana.md", False) == "contacts/dana.html"
    assert page_url("index.md", True) == ""
    assert page_url("contacts/README.md", False) == "contacts/"


@pytest.mark.parametrize(
    ("place", "is_link"),
    [
        ("https://meet.example.com/j/7042-1166", True),
        ("http://zoom.example.org/j/1", True),
        ("javascript:alert(1)", False),
        ('https://x.example/" onmouseover="alert(1)', False),
        ("https://x.example/<script>", False),
        ("Blue Heron Coffee, Lake Street", False),
        ("data:text/html,hi", False),
        ("https://", False),
        ("", False),
        (None, False),
    ],
)
def test_only_an_http_address_is_a_call_link(place: str | None, is_link: bool) -> None:
    assert is_web_address(place) is is_link


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 11, 26), "today"),
        (dt.date(2026, 11, 27), "tomorrow"),
        (dt.date(2026, 11, 25), "yesterday"),
        (dt.date(2026, 12, 2), "in 6 days"),
        (dt.date(2026, 11, 20), "6 days ago"),
        (dt.date(2027, 1, 4), "on 4 January 2027"),
    ],
)
def test_relative_day(day: dt.date, text: str) -> None:
    assert relative_day(day, dt.date(2026, 11, 26)) == text


def test_letter_keeps_paragraphs_and_line_breaks_and_escapes() -> None:
    html = letter_html("Hi <b>Ana</b>,\n\nThanks.\nMore.\n\n\nBest,\nMe")
    assert html == ("<p>Hi &lt;b&gt;Ana&lt;/b&gt;,</p><p>Thanks.<br>More.</p><p>Best,<br>Me</p>")
