"""Regenerate the README's screenshots from the example guide (``make screenshots``).

Builds the repository's example guide (content/, mkdocs.yml, site_overrides/) into a
temporary folder, serves it on 127.0.0.1, opens it in Debian's Chromium through Playwright
(never a browser downloaded by ``playwright install``; no host but loopback resolves) and
writes, at 1280×800:

* ``docs/images/dashboard.png``: the home page (pipeline, what is due, upcoming meetings);
* ``docs/images/prep-page.png``: the prep page of the next meeting, its first screen.

When Pillow is installed the images are reduced to a 256-colour palette (a third of the
size, no visible change on a page of text); otherwise they are kept as Chromium wrote them.
See docs/development.md, "Screenshots".

Usage: ``.venv/bin/python scripts/screenshots.py [--out DIR] [--chromium PATH]``
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1280, 800
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]
SHOTS = (
    ("dashboard.png", "/"),
    ("prep-page.png", "/contacts/marcus-ebbesen/"),
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build(root: Path, site_url: str) -> Path:
    """Build the example guide copied to ``root`` for ``site_url``; return the site folder."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.pop("PREPGUIDE_AUDIENCE", None)  # the example is a private guide
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    site = root / "site"
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), site_url=site_url)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return site


def shrink(path: Path) -> None:
    """Reduce a screenshot to a 256-colour palette, if Pillow is installed."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs/images")
    parser.add_argument(
        "--chromium",
        default=os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium",
    )
    args = parser.parse_args(argv)
    if not os.access(args.chromium, os.X_OK):
        print(
            f"screenshots: no Chromium at {args.chromium}: apt-get install chromium",
            file=sys.stderr,
        )
        return 1
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="prepguide-shots-") as tmp:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
        url = f"http://127.0.0.1:{server.server_address[1]}"
        site = build(Path(tmp), url + "/")
        server.RequestHandlerClass = functools.partial(_Quiet, directory=str(site))  # type: ignore[assignment]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=args.chromium, args=CHROMIUM_ARGS
                )
                page = browser.new_page(
                    viewport={"width": WIDTH, "height": HEIGHT},
                    color_scheme="light",
                    reduced_motion="reduce",
                )
                for name, path in SHOTS:
                    page.goto(url + path, wait_until="networkidle")
                    page.evaluate("document.fonts.ready")
                    target = args.out / name
                    page.screenshot(path=str(target), animations="disabled", caret="hide")
                    shrink(target)
                    print(
                        f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: {target.stat().st_size // 1024} KB"
                    )
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
