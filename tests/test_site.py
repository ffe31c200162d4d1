"""Page addresses of the generated site: URLs and the relative links between pages."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepguide.site import page_url, relative_url, relpath

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
