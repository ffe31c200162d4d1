"""Under a real ``mkdocs serve``: errors show in the open tab, and the tab recovers.

A ``mkdocs serve`` subprocess serves a copy of the example guide on 127.0.0.1 at a free port.
Before the fix, a failed rebuild left MkDocs' server waiting for a build that never came:
the open tab kept the old page and every request hung (docs/usage.md, "Files").
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Page, expect

from tests.conftest import copy_example

pytestmark = pytest.mark.browser

STARTUP_SECONDS = 120
ERRORS = ".pg-build-errors"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"mkdocs serve exited:\n{log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    pytest.fail(f"mkdocs serve did not answer at {url}:\n{log.read_text(encoding='utf-8')}")


class Serve:
    def __init__(self, root: Path, url: str, log: Path) -> None:
        self.root, self.url, self.log = root, url, log

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Serve]:
    root = copy_example(tmp_path / "guide")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PREPGUIDE_AUDIENCE", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/", STARTUP_SECONDS, process, log)
        yield Serve(root, url, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_errors_show_in_the_open_tab_and_it_recovers(page: Page, serve: Serve) -> None:
    contact = serve.root / "content/contacts/joan-whitcombe.yml"
    good = contact.read_text(encoding="utf-8")
    assert "\n  status: met\n" in good
    line = good[: good.index("\n  status: met\n") + 1].count("\n") + 1

    page.goto(serve.url + "/contacts/joan-whitcombe/")
    expect(page.locator("article h1").first).to_contain_text("Joan Whitcombe")

    # A typo (with markup in it): the open tab reloads to the list of problems.
    contact.write_text(
        good.replace("\n  status: met\n", '\n  status: "<i>sheduled</i>"\n'), encoding="utf-8"
    )
    errors = page.locator(ERRORS)
    expect(errors).to_be_visible(timeout=30_000)
    expect(errors.locator(".pg-error-where")).to_have_text(
        f"content/contacts/joan-whitcombe.yml:{line}:11"
    )
    message = errors.locator(".pg-error-message")
    expect(message).to_contain_text("`<i>sheduled</i>` is not allowed")  # shown as typed
    expect(message).to_contain_text("did you mean `scheduled`?")  # the hint
    assert errors.locator("i").count() == 0  # escaped: never an element
    # Every page of the site says so, and none hangs: the dashboard, another prep page.
    for path in ("/", "/contacts/devika-raman/", "/network/", "/contacts/"):
        page.goto(serve.url + path, timeout=15_000)
        expect(page.locator(ERRORS)).to_contain_text("joan-whitcombe.yml")
        # The error page is converted, wherever it stands (pages written as HTML included).
        expect(page.locator("article h1").first).to_contain_text("Errors in the research notes")
        assert "# Errors" not in page.locator("article").inner_text()
    # The terminal has the same problem, as an error.
    assert f"content/contacts/joan-whitcombe.yml:{line}:11: error:" in serve.output()

    # The next good save brings the guide back in the same tab.
    page.goto(serve.url + "/contacts/joan-whitcombe/")
    expect(page.locator(ERRORS)).to_be_visible()
    contact.write_text(good, encoding="utf-8")
    expect(page.locator(ERRORS)).to_have_count(0, timeout=30_000)
    expect(page.locator("article h1").first).to_contain_text("Joan Whitcombe")


def test_an_option_error_shows_too(page: Page, serve: Serve) -> None:
    config = serve.root / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    page.goto(serve.url + "/")
    expect(page.locator("article h1").first).to_contain_text("informational interviews")
    config.write_text(good.replace("timezone: America/Chicago", "timezone: Mars/Olympus"))
    expect(page.locator(ERRORS)).to_contain_text("Mars/Olympus", timeout=30_000)
    expect(page.locator(ERRORS)).to_contain_text("mkdocs.yml:1:1")
    config.write_text(good, encoding="utf-8")
    expect(page.locator(ERRORS)).to_have_count(0, timeout=30_000)


def test_the_dashboard_links_the_calendar_served_as_text_calendar(page: Page, serve: Serve) -> None:
    page.goto(serve.url + "/")
    link = page.locator("article a[href$='calendar.ics']").first
    expect(link).to_be_visible()
    expect(page.locator("article")).to_contain_text("subscribe")
    expect(page.locator("article")).to_contain_text(f"{serve.url}/calendar.ics")
    href = link.evaluate("a => a.href")
    assert href == f"{serve.url}/calendar.ics"
    with urllib.request.urlopen(href, timeout=10) as response:
        assert response.headers.get_content_type() == "text/calendar"
        calendar = icalendar.Calendar.from_ical(response.read())
    assert calendar.walk("VEVENT")
