"""Browser tests: build the example guide once, serve it on 127.0.0.1, drive Debian's Chromium.

Playwright launches the system Chromium through ``executable_path`` (``playwright install`` is
never needed), with flags that resolve no host name but loopback, so a test cannot reach the
network even by accident. Every test records its pages' script errors and any request to
another host (``watch``); ``offline_guard`` adds a route guard that aborts such requests.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Locator, Page, Request, Route

from tests.conftest import build_site, copy_example

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # resolve no host names at all; MAP * also matches IP literals, so exclude loopback
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="session", autouse=True)
def _require_chromium() -> None:
    """Skip (not fail) every browser test on a machine without Chromium, before any build.
    CI installs it (``make test`` runs apt-get install chromium as root)."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium, or set CHROMIUM=path")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium (never a browser downloaded by ``playwright install``)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a page's dozen requests share connections

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # a navigation aborts the previous page's requests (the search index, mostly):
        # the broken pipe that follows is expected, not worth a traceback
        pass


@dataclass(frozen=True)
class ServedSite:
    url: str  # http://127.0.0.1:<port>, no trailing slash
    path: Path  # the built site


def build_and_serve(root: Path, env: dict[str, str]) -> Iterator[ServedSite]:
    """Build the guide at ``root`` (with ``env`` set) for the address it is then served at."""
    site_dir = root / "site"
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _Server(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    try:
        with pytest.MonkeyPatch.context() as mp:
            for key, value in env.items():
                mp.setenv(key, value)
            assert build_site(root, site_url=url + "/") == site_dir
        assert (site_dir / "index.html").is_file()
        thread.start()
        yield ServedSite(url, site_dir)
    finally:
        if thread.is_alive():
            server.shutdown()
            thread.join(timeout=5)
        server.server_close()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The repository's example guide (content/, mkdocs.yml, site_overrides/), built once per
    session and served on 127.0.0.1 with an ephemeral port, in a daemon thread.

    The server binds first so that the build can set ``site_url`` to its address: material's
    instant navigation only follows links listed in the sitemap, which is empty without a
    ``site_url``. That is how the site behaves under ``mkdocs serve`` and once deployed."""
    root = copy_example(tmp_path_factory.mktemp("example-guide"))
    yield from build_and_serve(root, {})


@pytest.fixture(scope="session")
def example_site(served_site: ServedSite) -> Path:
    """The folder of the built example site."""
    return served_site.path


@pytest.fixture(scope="session")
def base_url(served_site: ServedSite) -> str:
    """pytest-base-url's fixture: ``page.goto("/contacts/")`` goes to the served site."""
    return served_site.url


@dataclass
class Watch:
    """What a test's browser context did: script errors, requests to hosts other than
    loopback (``external``), and with ``offline_guard`` the requests it let through (``local``)
    and those it aborted (``aborted``)."""

    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    local: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


@pytest.fixture(autouse=True)
def watch(context: BrowserContext, page: Page) -> Watch:
    """For every test: record console errors and uncaught exceptions of its page, and every
    request its browser context issues to a host other than loopback (Chromium cannot resolve
    one, so the request fails, but it is issued and recorded). This only listens."""
    seen = Watch()

    def on_request(request: Request) -> None:
        if _is_external(request.url):
            seen.external.append(request.url)

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            seen.errors.append(f"{page.url}: console error: {msg.text} at {msg.location}")

    def on_pageerror(exc: Error) -> None:
        seen.errors.append(f"{page.url}: uncaught {exc.name}: {exc.message}\n{exc.stack}")

    context.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", on_pageerror)
    return seen


@pytest.fixture
def offline_guard(context: BrowserContext, watch: Watch) -> Watch:
    """A context-level route guard: every request of every page and worker (material's search
    worker included) passes through it; loopback ones go on and are recorded in
    ``watch.local``, others are aborted and recorded in ``watch.aborted``. It costs a round trip
    to Python per request, so only the tests that prove the site offline use it."""

    def guard(route: Route) -> None:
        url = route.request.url
        if _is_external(url):
            watch.aborted.append(url)
            route.abort("blockedbyclient")
        else:
            watch.local.append(url)
            route.continue_()

    context.route("**/*", guard)
    return watch


def is_focused(locator: Locator) -> bool:
    """Whether the element has the keyboard focus."""
    return bool(locator.evaluate("el => el === document.activeElement"))


def tab_to(page: Page, target: Locator, limit: int = 150) -> int:
    """Press Tab until ``target`` has the focus; return how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if is_focused(target):
            return presses
    raise AssertionError(f"{target} never got the focus in {limit} presses of Tab")
