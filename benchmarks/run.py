"""Benchmarks: prepguide beside plain MkDocs, from 200 to 10,000 contacts.

    .venv/bin/python benchmarks/run.py             # 200, 1,000 and 5,000 contacts, serve, search, profile
    .venv/bin/python benchmarks/run.py --large     # the same and 10,000 contacts (about 30 min more)
    .venv/bin/python benchmarks/run.py --sizes 200,1000 --no-browser --no-profile   # quick look

For each size N the script writes a synthetic guide (``generate.py``: N contacts,
N/5 organizations) and, beside it, a *baseline*: the same number of plain
Markdown pages of the same sizes (page for page), with the same theme, Markdown
extensions, search plugin and nav settings (index pages in the nav, the others
not), built by MkDocs alone. Builds alternate between the two, each in its own
process (so peak RSS is per build), and every figure is the median of the runs.

It also measures ``mkdocs serve`` rebuilds after one contact file changes (with
and without ``--dirty``), loading and validating single files, the time to the
first search result in Chromium at 2,000 contacts, and a cProfile of a build at
1,000 contacts. Results are kept in ``benchmarks/results.json`` (a run updates
the sizes it measured) and written to ``docs/benchmarks.md`` between the
``<!-- bench:start -->`` and ``<!-- bench:end -->`` markers.

Times are wall-clock (what a user waits) and CPU (user + system of the build
process). On a machine shared with other work, CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "out"
RESULTS = HERE / "results.json"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
SEARCH_SIZE = 2000
SERVE_SIZE = 1000
SERVE_MORE_EDITS = (0.25, 0.75)
"""Where in the contact list the extra serve edits fall (page-cache modes)."""
PROFILE_SIZE = 1000
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
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]

sys.path.insert(0, str(HERE))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# ---------------------------------------------------------------------------
# Child processes: one build (or one measurement) each, printing one JSON line


def _quiet_mkdocs() -> dict[str, int]:
    """Silence MkDocs' console output; count warnings and errors instead."""
    import logging

    counts = {"warnings": 0, "errors": 0}

    class Counter(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.ERROR:
                counts["errors"] += 1
            elif record.levelno >= logging.WARNING:
                counts["warnings"] += 1

    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(Counter())
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    return counts


OWN_CPU: dict[str, float] = {}
"""CPU seconds spent inside prepguide's event handlers during the current build."""


def _time_plugin_events() -> None:
    """Wrap prepguide's event handlers to add their CPU time to :data:`OWN_CPU`.

    The plugin itself records wall-clock seconds in ``plugin.timings``; this
    adds the CPU seconds of the same handlers (steadier on a busy machine).
    Must run before the config is loaded: MkDocs registers the bound methods.
    """
    from prepguide.plugin import PrepGuidePlugin

    for name in ("on_config", "on_pre_build", "on_files"):
        original = getattr(PrepGuidePlugin, name)
        if not getattr(original, "_bench_wrapped", False):
            setattr(PrepGuidePlugin, name, _cpu_timed(name, original))


def _cpu_timed(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            OWN_CPU[name] = OWN_CPU.get(name, 0.0) + time.process_time() - start

    functools.update_wrapper(wrapped, original)  # keeps MkDocs' event priority
    wrapped._bench_wrapped = True  # type: ignore[attr-defined]
    return wrapped


def _site_stats(site: Path) -> dict[str, Any]:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    html_bytes = sum(p.stat().st_size for p in pages)
    index = site / "search" / "search_index.json"
    entries = 0
    if index.is_file():
        entries = len(json.loads(index.read_text(encoding="utf-8"))["docs"])
    return {
        "pages": len(pages),
        "html_bytes": html_bytes,
        "search_index_bytes": index.stat().st_size if index.is_file() else 0,
        "search_entries": entries,
    }


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_build(root: Path, site: Path, sizes_out: Path | None) -> dict[str, Any]:
    """One ``mkdocs build`` of ``root`` into ``site``, as the command line runs it."""
    counts = _quiet_mkdocs()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    prepguide = (root / ".prepguide").is_file()
    # prepguide is imported here, before the clock starts, to time its events; MkDocs imports
    # the floor's and the baseline's plugins while loading the config, inside the timing. The
    # import's time is added to the build's, so that every build counts its plugins' imports.
    import_wall0, import_cpu0 = time.perf_counter(), time.process_time()
    if prepguide:
        _time_plugin_events()
    import_wall = time.perf_counter() - import_wall0
    import_cpu = time.process_time() - import_cpu0
    capture: dict[str, Any] = {}
    if sizes_out is not None:
        _capture_pages(capture)
    OWN_CPU.clear()
    # The earlier builds' files are on disk before the clock starts (see measure_size).
    os.sync()
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    wall = time.perf_counter() - wall0 + import_wall
    cpu = time.process_time() - cpu0 + import_cpu
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result: dict[str, Any] = {"wall": wall, "cpu": cpu, **counts, **_site_stats(site)}
    # CPU split into user and kernel time (the import's is counted as user time).
    result["sys_cpu"] = usage.ru_stime - usage0.ru_stime
    result["import_cpu"] = import_cpu
    if prepguide:
        plugin = cfg.plugins["prepguide"]
        result["own_wall"] = dict(plugin.timings)
        result["own_cpu"] = dict(OWN_CPU)
    if sizes_out is not None:
        result["wall"] -= capture.get("seconds", 0.0)
        sizes_out.write_text(json.dumps(capture["pages"]), encoding="utf-8")
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _capture_pages(capture: dict[str, Any]) -> None:
    """Record the size of every page prepguide generates (to size the baseline)."""
    from prepguide.plugin import PrepGuidePlugin

    original = PrepGuidePlugin.on_files

    def on_files(self: Any, files: Any, /, *, config: Any) -> Any:
        result = original(self, files, config=config)
        start = time.perf_counter()
        pages = []
        for file in result or files:
            if file.generated_by and file.is_documentation_page():
                pages.append(
                    (file.src_uri, len(file.content_string), not file.inclusion.is_not_in_nav())
                )
        capture["pages"] = pages
        capture["seconds"] = time.perf_counter() - start
        return result

    functools.update_wrapper(on_files, original)
    PrepGuidePlugin.on_files = on_files  # type: ignore[method-assign]


def child_serve(root: Path, dirty: bool, page_cache: bool = False) -> dict[str, Any]:
    """``mkdocs serve`` in miniature: build, change one contact file, rebuild.

    As ``mkdocs serve`` does, the rebuild loads a fresh config in the same
    process: MkDocs hands back the same plugin instance (its ``plugin_cache``
    keeps plugins that define ``on_startup``), so prepguide's parse cache survives.
    """
    counts = _quiet_mkdocs()
    _time_plugin_events()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    serve_url = "http://127.0.0.1:8000/"

    def config() -> Any:
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        cfg.site_url = serve_url
        return cfg

    try:
        cfg = config()
        cfg.plugins.on_startup(command="serve", dirty=dirty)
        plugin = cfg.plugins["prepguide"]
        if not page_cache:  # measure the rebuild as it was before the plugin kept pages
            plugin.page_cache = None
        cache = plugin.page_cache
        OWN_CPU.clear()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        build(cfg, serve_url=serve_url, dirty=dirty)
        first = {"wall": time.perf_counter() - wall0, "cpu": time.process_time() - cpu0}
        entries_before = _site_stats(site)["search_entries"]

        target, new_role = _edit_one_contact(root)
        parsed = plugin.loader.parsed
        before_rebuild = time.time()
        time.sleep(0.05)
        OWN_CPU.clear()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        cfg2 = config()
        build(cfg2, serve_url=serve_url, dirty=dirty)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        same_plugin = cfg2.plugins["prepguide"] is plugin
        page = site / "contacts" / target.stem / "index.html"
        html = page.read_text(encoding="utf-8")
        rewritten = sum(
            1
            for p in site.rglob("*.html")
            if p.name != "404.html" and p.stat().st_mtime > before_rebuild
        )
        stats = _site_stats(site)
        first_own = dict(OWN_CPU)
        reparsed = plugin.loader.parsed - parsed
        # More edits, of other contacts, for a steadier figure of prepguide's own work.
        own_edits = [sum(OWN_CPU.values())]
        walls = [{"wall": wall, "cpu": cpu}]
        for where in SERVE_MORE_EDITS if page_cache else ():
            _edit_one_contact(root, where)
            time.sleep(0.05)
            OWN_CPU.clear()
            wall0, cpu0 = time.perf_counter(), time.process_time()
            cfg3 = config()
            build(cfg3, serve_url=serve_url, dirty=dirty)
            walls.append({"wall": time.perf_counter() - wall0, "cpu": time.process_time() - cpu0})
            own_edits.append(sum(OWN_CPU.values()))
            cfg2 = cfg3
        outputs = plugin.outputs
        kept = {
            "reused": outputs.reused,
            "converted": outputs.converted,
            "rendered": outputs.rendered,
        }
        cfg2.plugins.on_shutdown()
        same = None
        if not dirty and page_cache:
            # The served site against a clean build of the same notes, in a new process.
            clean = Path(tempfile.mkdtemp(prefix="bench-clean-"))
            try:
                run_child("clean", str(root), str(clean), serve_url)
                served_files, clean_files = site_files(site), site_files(clean)
                differ = sorted(
                    name
                    for name in set(served_files) | set(clean_files)
                    if served_files.get(name) != clean_files.get(name)
                )
                same = {"files": len(clean_files), "different": differ[:20]}
            finally:
                shutil.rmtree(clean, ignore_errors=True)
        return {
            "walls_edits": walls,
            "kept": kept,
            "same_as_clean": same,
            "own_cpu_edits": own_edits,
            "dirty": dirty,
            "page_cache": page_cache,
            "pages_reused": cache.hits if cache is not None else 0,
            "first_build": first,
            "wall": wall,
            "cpu": cpu,
            "own_wall": dict(plugin.timings),
            "own_cpu": first_own,
            "reparsed": reparsed,
            "same_plugin_instance": same_plugin,
            "edited_page_fresh": new_role in html,
            "pages_rewritten": rewritten,
            "pages": stats["pages"],
            "search_entries_before": entries_before,
            "search_entries_after": stats["search_entries"],
            "peak_rss_mb": _peak_rss_mb(),
            **counts,
        }
    finally:
        shutil.rmtree(site, ignore_errors=True)


def _edit_one_contact(root: Path, where: float = 0.5) -> tuple[Path, str]:
    """Change the role of one contact (a typical edit): by default the one in the middle."""
    contacts = sorted((root / "content" / "contacts").glob("*.yml"))
    target = contacts[int(len(contacts) * where)]
    text = target.read_text(encoding="utf-8")
    new_role = f"Principal Researcher (edited {time.time_ns()})"
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("role:"):
            lines[index] = f'role: "{new_role}"\n'
            break
    else:
        at = next(i for i, line in enumerate(lines) if line.startswith("name:"))
        lines.insert(at + 1, f'role: "{new_role}"\n')
    target.write_text("".join(lines), encoding="utf-8")
    return target, new_role


def child_loadfiles(folders: Sequence[Path]) -> dict[str, Any]:
    """Load and validate every contact file of each folder in passes; best and median per file.

    At least five passes and 2,000 loads per folder, so that a small folder (the
    example guide's ten files) is not measured on a few milliseconds that one
    pause of a shared machine can double.
    """
    from prepguide.read.loader import load_file
    from prepguide.read.validate import validate_document

    result: dict[str, Any] = {}
    for folder in folders:
        paths = sorted(folder.glob("*.yml"))
        runs = []
        for _ in range(max(5, -(-2000 // max(1, len(paths))))):
            start = time.process_time()
            for path in paths:
                doc = load_file(path, path.name)
                validate_document(doc, "contact", path.stem)
            runs.append((time.process_time() - start) / len(paths) * 1000)
        sizes = [p.stat().st_size for p in paths]
        result[str(folder)] = {
            "files": len(paths),
            "mean_bytes": statistics.mean(sizes),
            "ms_best": min(runs),
            "ms_median": statistics.median(runs),
        }
    return result


def child_profile(root: Path, site: Path, top: int) -> dict[str, Any]:
    """cProfile one build; the share of each part and the hottest functions."""
    import cProfile
    import pstats

    _quiet_mkdocs()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    cfg.plugins.on_startup(command="build", dirty=False)
    profiler = cProfile.Profile()
    profiler.enable()
    build(cfg)
    profiler.disable()
    cfg.plugins.on_shutdown()
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    own = [
        (value[3], value[2], value[1], _short(filename), line, name)
        for (filename, line, name), value in raw.items()
        if "/prepguide/" in filename
    ]
    own.sort(reverse=True)
    return {
        "areas": _profile_areas(raw),
        "own_cumulative": [
            {"cum": c, "tot": t, "calls": n, "where": f"{f}:{ln}", "function": fn}
            for c, t, n, f, ln, fn in own[:top]
        ],
    }


def _cumulative(raw: dict[Any, Any], path_end: str, name: str) -> float:
    return sum(
        value[3]
        for (filename, _line, function), value in raw.items()
        if filename.endswith(path_end) and function == name
    )


def _profile_areas(raw: dict[Any, Any]) -> dict[str, float]:
    """Split a profiled build by where MkDocs spends it (cumulative time of each step)."""
    total = _cumulative(raw, "mkdocs/commands/build.py", "build")
    own = sum(
        _cumulative(raw, "prepguide/plugin/__init__.py", event)
        for event in ("on_config", "on_pre_build", "on_files")
    )
    populate = _cumulative(raw, "mkdocs/commands/build.py", "_populate_page")
    build_page = _cumulative(raw, "mkdocs/commands/build.py", "_build_page")
    # Every page goes through prepguide's stand-in for the search plugin's on_page_context when
    # it is installed (plugin/serving.py; Material's own runs inside it for Markdown pages).
    search = _cumulative(raw, "prepguide/plugin/serving.py", "on_page_context") or _cumulative(
        raw, "material/plugins/search/plugin.py", "on_page_context"
    )
    write = _cumulative(raw, "mkdocs/utils/__init__.py", "write_file")
    parts = {
        "prepguide's events (load, validate, tailor, render)": own,
        "MkDocs: Markdown to HTML for every page (`_populate_page`)": populate,
        "search plugin: indexing each page": search,
        "theme: rendering each page's template": build_page - search - write,
        "writing files": write,
    }
    parts["everything else (config, nav, static files, search index, link checks)"] = total - sum(
        parts.values()
    )
    return {k: v / total for k, v in parts.items()} if total else {}


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/plugins/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def child_search(site: Path, query: str) -> dict[str, Any]:
    """Serve ``site`` on 127.0.0.1 and time material's search box in Chromium."""
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    outside: list[str] = []
    result: dict[str, Any] = {"query": query}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})

            def guard(route: Any) -> None:
                url = route.request.url
                if url.startswith(("http://127.0.0.1", "http://localhost")):
                    route.continue_()
                else:
                    outside.append(url)
                    route.abort()

            context.route("**/*", guard)
            page = context.new_page()
            box = "input[data-md-component='search-query']"
            item = ".md-search-result__item"
            for attempt in ("cold", "warm"):
                if attempt == "cold":
                    start = time.perf_counter()
                    page.goto(base, wait_until="load")
                    result["page_load_s"] = time.perf_counter() - start
                else:
                    page.locator(box).fill("")
                    page.wait_for_selector(item, state="detached", timeout=30_000)
                words = query if attempt == "cold" else query.split()[-1]
                typed = time.perf_counter()
                page.locator(box).click()
                page.locator(box).press_sequentially(words)
                page.wait_for_selector(item, timeout=180_000)
                shown = time.perf_counter()
                result[f"{attempt}_first_result_s"] = shown - typed
                if attempt == "cold":
                    result["cold_from_navigation_s"] = shown - start
                    result["results_shown"] = page.locator(item).count()
            browser.close()
    finally:
        server.shutdown()
    result["outside_requests"] = len(outside)
    return result


# ---------------------------------------------------------------------------
# The baseline: plain Markdown pages of the same sizes

WORDS = """
research interview question answer team design product health patient clinic nurse hospital
study method survey usability report finding change career move role manager program data people
work week year plan goal meeting notes advice skill community practice lab portfolio
""".split()  # noqa: SIM905


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def plain_page(title: str, size: int, rng: random.Random) -> str:
    """A plain Markdown page of about ``size`` characters: headings, prose, lists, links, code."""
    parts = [f"# {title}\n"]
    length = len(parts[0])
    section = 0
    while length < size:
        section += 1
        kind = section % 6
        if kind == 1:
            chunk = f"## Section {section}\n"
        elif kind == 2:
            chunk = " ".join(_sentence(rng) for _ in range(4)) + "\n"
        elif kind == 3:
            chunk = "".join(
                f"- **{rng.choice(WORDS).title()}:** {_sentence(rng)} [more](#section-{section})\n"
                for _ in range(4)
            )
        elif kind == 4:
            chunk = f"### Part {section}\n\n" + " ".join(_sentence(rng) for _ in range(3)) + "\n"
        elif kind == 5:
            chunk = "".join(f"    {_sentence(rng)}\n" for _ in range(5))
        else:
            chunk = "".join(f"{n}. {_sentence(rng)}\n" for n in range(1, 4))
        parts.append(chunk)
        length += len(chunk) + 1
    return "\n".join(parts)[: max(size, len(parts[0]))] + "\n"


def write_baseline(guide: Path, pages: Sequence[Sequence[Any]], out: Path) -> None:
    """Plain pages with the guide's page paths and sizes, theme and settings, without prepguide."""
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    rng = random.Random(len(pages))
    for src_uri, size, _in_nav in pages:
        path = content / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        title = Path(src_uri).stem.replace("-", " ").title()
        path.write_text(plain_page(title, int(size), rng), encoding="utf-8")
    not_in_nav = sorted(
        {"/" + src.split("/")[0] + "/" for src, _size, in_nav in pages if not in_nav and "/" in src}
    )
    config = (guide / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?ms)^  - prepguide:.*?(?=^\S)", "", config)
    config = config.replace("site_name: Benchmark guide", "site_name: Benchmark baseline")
    config += "not_in_nav: |\n" + "".join(f"  {p}\n" for p in not_in_nav)
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")


def write_floor(guide: Path, pages: Sequence[Sequence[Any]], out: Path) -> None:
    """The MkDocs floor: as many short pages as the guide has, out of the nav, with search.

    The guide's theme, Markdown extensions and search plugin, without prepguide; the
    pages in the guide's nav stay in the nav (with short bodies too), every other page
    is a heading and a sentence in a folder kept out of the nav.
    """
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    rng = random.Random(len(pages))
    for index, (src_uri, _size, in_nav) in enumerate(pages):
        path = content / (src_uri if in_nav else f"pages/page-{index}.md")
        path.parent.mkdir(parents=True, exist_ok=True)
        title = Path(src_uri).stem.replace("-", " ").title()
        path.write_text(f"# {title}\n\n{_sentence(rng)}\n", encoding="utf-8")
    config = (guide / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?ms)^  - prepguide:.*?(?=^\S)", "", config)
    config = config.replace("site_name: Benchmark guide", "site_name: Benchmark floor")
    config += "not_in_nav: |\n  /pages/\n"
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, the sitemap's dates left out (they are the build's date)."""
    files = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.name == "sitemap.xml.gz":  # gzip stamps its own time
            continue
        data = path.read_bytes()
        if path.name == "sitemap.xml":
            data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"", data)
        files[path.relative_to(site).as_posix()] = data
    return files


def child_clean(root: Path, site: Path, site_url: str) -> dict[str, Any]:
    """A clean ``mkdocs build`` with the serve URL (to compare a served site with)."""
    _quiet_mkdocs()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site), site_url=site_url)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return {"site": str(site)}


# ---------------------------------------------------------------------------
# The parent: runs children, collects, writes the results


def run_child(*args: str, timeout: float = 3600) -> dict[str, Any]:
    """Run this script as a child; return the JSON of its last output line."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    proc = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
        )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def log(message: str) -> None:
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", file=sys.stderr, flush=True)


def prepare(n: int) -> tuple[Path, Path]:
    """Write the guide of ``n`` contacts (and an empty baseline folder)."""
    from generate import generate

    guide = WORK / f"guide-{n}"
    generate(n, guide)
    (guide / ".prepguide").write_text("marks a prepguide benchmark guide\n", encoding="utf-8")
    return guide, WORK / f"baseline-{n}"


def measure_size(n: int, repeat: int) -> dict[str, Any]:
    """Build the guide of ``n`` contacts and its baseline ``repeat`` times each, alternating."""
    guide, baseline = prepare(n)
    sizes = WORK / f"pages-{n}.json"
    floor = WORK / f"floor-{n}"
    # Every build writes into a folder of its own that does not exist yet, and none is removed
    # before the last: on this machine, building over an earlier site (MkDocs cleans it out
    # first) or right after removing one cost 0.2 s to 2 s of kernel time, growing from build
    # to build of the same guide, noise larger than the margin the floor's ratio is judged by.
    builds = WORK / f"builds-{n}"
    shutil.rmtree(builds, ignore_errors=True)
    builds.mkdir(parents=True)
    runs: dict[str, list[dict[str, Any]]] = {"prepguide": [], "baseline": [], "floor": []}
    for rep in range(repeat):
        log(f"N={n}: prepguide build {rep + 1}/{repeat}")
        extra = ("--sizes-out", str(sizes)) if rep == 0 else ()
        site = builds / f"prepguide-{rep}"
        runs["prepguide"].append(run_child("build", str(guide), str(site), *extra))
        if rep == 0:
            pages = json.loads(sizes.read_text(encoding="utf-8"))
            write_baseline(guide, pages, baseline)
            write_floor(guide, pages, floor)
        # The floor right after prepguide (their ratio is taken pair by pair), then the baseline.
        log(f"N={n}: floor build {rep + 1}/{repeat}")
        runs["floor"].append(run_child("build", str(floor), str(builds / f"floor-{rep}")))
        log(f"N={n}: baseline build {rep + 1}/{repeat}")
        runs["baseline"].append(run_child("build", str(baseline), str(builds / f"baseline-{rep}")))
    shutil.rmtree(builds, ignore_errors=True)  # up to 4 GB at 10,000 contacts
    return {
        "contacts": n,
        "organizations": n // 5,
        "repeat": repeat,
        "prepguide": _summary(runs["prepguide"]),
        "baseline": _summary(runs["baseline"]),
        "floor": _summary(runs["floor"]),
        # Build by build (prepguide, then the floor right after it): the ratio of CPU per page.
        "floor_ratios": [
            (p["cpu"] / p["pages"]) / (f["cpu"] / f["pages"])
            for p, f in zip(runs["prepguide"], runs["floor"], strict=True)
        ],
        "measured": dt.datetime.now().isoformat(timespec="minutes"),
    }


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def med(get: Callable[[dict[str, Any]], float]) -> float:
        return statistics.median(get(r) for r in runs)

    first = runs[0]
    summary: dict[str, Any] = {
        "pages": first["pages"],
        "wall": med(lambda r: r["wall"]),
        "cpu": med(lambda r: r["cpu"]),
        "walls": [r["wall"] for r in runs],
        "cpus": [r["cpu"] for r in runs],
        "sys_cpus": [r.get("sys_cpu") for r in runs],
        "html_bytes": first["html_bytes"],
        "search_index_bytes": first["search_index_bytes"],
        "search_entries": first["search_entries"],
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "warnings": first["warnings"],
        "errors": first["errors"],
    }
    if "own_wall" in first:
        summary["own_wall"] = med(lambda r: sum(r["own_wall"].values()))
        summary["own_cpu"] = med(lambda r: sum(r["own_cpu"].values()))
        summary["own_wall_steps"] = {
            k: statistics.median(r["own_wall"].get(k, 0.0) for r in runs) for k in first["own_wall"]
        }
        # The share is taken build by build (own work over that build's total), then the
        # median: a machine whose speed drifts slows a build's two parts together.
        summary["own_shares_cpu"] = [sum(r["own_cpu"].values()) / r["cpu"] for r in runs]
        summary["own_share_cpu"] = statistics.median(summary["own_shares_cpu"])
        summary["own_share_wall"] = med(lambda r: sum(r["own_wall"].values()) / r["wall"])
    return summary


def _share(p: dict[str, Any], kind: str) -> float:
    """prepguide's own share of a build: the median of each build's share (older results:
    the median own work over the median build)."""
    key = f"own_share_{kind}"
    return float(p[key]) if key in p else float(p[f"own_{kind}"] / p[kind])


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    from importlib.metadata import version

    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GB"
    system = platform.platform()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    packages = {}
    for name in (
        "mkdocs",
        "mkdocs-material",
        "markdown",
        "pydantic",
        "ruamel.yaml",
        "ruamel.yaml.clib",
        "jinja2",
        "playwright",
    ):
        with contextlib.suppress(Exception):
            packages[name] = version(name)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "system": system,
        "python": platform.python_version(),
        "packages": packages,
        "load_average": os.getloadavg()[0],
    }


def load_results() -> dict[str, Any]:
    if RESULTS.is_file():
        return json.loads(RESULTS.read_text(encoding="utf-8"))
    return {"sizes": {}}


def save_results(results: dict[str, Any]) -> None:
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def compile_prepguide() -> None:
    """Compile prepguide's modules to bytecode, as an installed package has them.

    MkDocs, Material and the other packages in the environment were compiled when pip
    installed them; prepguide, run from its source folder, is compiled when imported and
    the bytecode written for the next run, unless ``PYTHONDONTWRITEBYTECODE`` is set (as it
    is on this machine, where every build then compiled prepguide's 120 modules again:
    0.11 s that no installed copy spends).
    """
    import compileall

    import prepguide

    compileall.compile_dir(str(Path(prepguide.__file__).parent), quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    global RESULTS, DOC
    parser = argparse.ArgumentParser(description="prepguide's benchmarks (see docs/benchmarks.md)")
    parser.add_argument("--sizes", default="200,1000,5000", help="contact counts, comma-separated")
    parser.add_argument("--large", action="store_true", help="also 10,000 contacts")
    parser.add_argument(
        "--max", type=int, default=None, help="largest size to run (10000 = --large)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="builds of each kind up to 1,000 contacts (larger: 1)"
    )
    parser.add_argument(
        "--no-serve", action="store_true", help="skip the serve-rebuild measurement"
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="skip the search measurement in Chromium"
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile of a build")
    parser.add_argument(
        "--doc-only", action="store_true", help="rewrite docs/benchmarks.md from results.json"
    )
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="results file (default: %(default)s)"
    )
    parser.add_argument(
        "--doc", type=Path, default=DOC, help="Markdown file to update (default: %(default)s)"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--sizes-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(child(args.child, args.sizes_out)))
        return 0
    RESULTS, DOC = args.results.resolve(), args.doc.resolve()
    results = load_results()
    if not args.doc_only:
        compile_prepguide()
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        largest = args.max if args.max is not None else (10_000 if args.large else None)
        if largest is not None:
            sizes = sorted({*(s for s in sizes if s <= largest), largest})
        WORK.mkdir(parents=True, exist_ok=True)
        results["machine"] = machine()
        results["started"] = dt.datetime.now().isoformat(timespec="minutes")
        for n in sizes:
            results["sizes"][str(n)] = measure_size(n, args.repeat if n <= 1000 else 1)
            save_results(results)
        log("loading single files")
        results["loadfiles"] = child_loadfiles_run()
        results["loadfiles_measured"] = _now()
        save_results(results)
        if not args.no_serve:
            guide, _ = prepare(SERVE_SIZE)
            modes = (
                ("normal", ("page-cache",)),
                ("dirty", ("page-cache",)),
                ("normal, no page cache", ()),
            )
            for mode, extra in modes:
                log(f"serve rebuild at {SERVE_SIZE} contacts ({mode})")
                results.setdefault("serve", {})[mode] = run_child(
                    "serve", str(guide), "dirty" if mode == "dirty" else "normal", *extra
                )
                results["serve"][mode]["measured"] = _now()
                save_results(results)
        if not args.no_profile:
            log(f"cProfile of a build at {PROFILE_SIZE} contacts")
            guide, _ = prepare(PROFILE_SIZE)
            results["profile"] = run_child("profile", str(guide), str(WORK / "site-profile"), "25")
            results["profile"]["measured"] = _now()
            save_results(results)
        if not args.no_browser:
            log(f"search in Chromium at {SEARCH_SIZE} contacts")
            results["search"] = measure_search(SEARCH_SIZE)
            results["search"]["measured"] = _now()
            save_results(results)
        results["machine"]["load_average_end"] = os.getloadavg()[0]
        results["finished"] = dt.datetime.now().isoformat(timespec="minutes")
        save_results(results)
    write_doc(results)
    log(f"wrote {DOC}")
    return 0


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="minutes")


def child_loadfiles_run() -> dict[str, Any]:
    guide = WORK / f"guide-{SERVE_SIZE}"
    if not guide.is_dir():
        prepare(SERVE_SIZE)
    return run_child(
        "loadfiles", str(guide / "content" / "contacts"), str(ROOT / "content" / "contacts")
    )


def measure_search(n: int) -> dict[str, Any]:
    guide, _ = prepare(n)
    site = WORK / f"site-{n}"
    built = run_child("build", str(guide), str(site))
    names = sorted((guide / "content" / "contacts").glob("*.yml"))
    target = names[len(names) // 3].read_text(encoding="utf-8")
    match = re.search(r'^name: "(.*)"$', target, re.MULTILINE)
    query = match.group(1) if match else "Research"
    result = run_child("search", str(site), query, timeout=900)
    result.update(
        contacts=n,
        search_index_bytes=built["search_index_bytes"],
        search_entries=built["search_entries"],
        generated_sections_indexed=generated_entries(site),
    )
    return result


GENERATED_SECTIONS = {
    "questions": re.compile(r"Questions"),
    "intro": re.compile(r"One-minute intro"),
    "drafts": re.compile(
        r"Outreach|Outreach email|Thank-you note|Follow-up note|A note they can forward"
        r"|Thanks for suggesting .*|Ask .* for an introduction"
    ),
    "logistics": re.compile(r"Venue and logistics"),
    "after the talk": re.compile(r"After the talk"),
}
"""Search entries of prep pages whose text prepguide writes (the same on every page but names).

The reflection is searched once some of it is answered (your own words), so it is not here."""


def generated_entries(site: Path) -> dict[str, int]:
    """How many search entries of the prep pages hold generated text, by kind."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    counts = dict.fromkeys(GENERATED_SECTIONS, 0)
    for entry in index["docs"]:
        if not entry["location"].startswith("contacts/"):
            continue
        for kind, pattern in GENERATED_SECTIONS.items():
            if pattern.fullmatch(entry["title"]):
                counts[kind] += 1
                break
    return counts


def child(args: Sequence[str], sizes_out: Path | None) -> dict[str, Any]:
    mode, *rest = args
    if mode == "build":
        return child_build(Path(rest[0]), Path(rest[1]), sizes_out)
    if mode == "clean":
        return child_clean(Path(rest[0]), Path(rest[1]), rest[2])
    if mode == "serve":
        return child_serve(Path(rest[0]), rest[1] == "dirty", "page-cache" in rest[2:])
    if mode == "loadfiles":
        return child_loadfiles([Path(p) for p in rest])
    if mode == "profile":
        return child_profile(Path(rest[0]), Path(rest[1]), int(rest[2]))
    if mode == "search":
        return child_search(Path(rest[0]), rest[1])
    raise SystemExit(f"unknown child mode {mode}")


# ---------------------------------------------------------------------------
# docs/benchmarks.md


def _ms(seconds: float, pages: int) -> float:
    return seconds / pages * 1000


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def write_doc(results: dict[str, Any]) -> None:
    block = "\n".join(render(results))
    text = DOC.read_text(encoding="utf-8") if DOC.is_file() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text = text.rstrip() + f"\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{block}\n{END}{tail}", encoding="utf-8")


def render(results: dict[str, Any]) -> Iterator[str]:
    m = results.get("machine", {})
    sizes = sorted(results.get("sizes", {}).values(), key=lambda r: r["contacts"])
    pk = m.get("packages", {})
    yield "<!-- Generated by benchmarks/run.py from benchmarks/results.json; edits here are overwritten. -->"
    yield ""
    yield (
        f"Last run {results.get('started', '?')} to {results.get('finished', '?')} (each part "
        f"shows when it was measured) on {m.get('cpu', '?')}, "
        f"{m.get('cores', '?')} cores, {m.get('memory', '?')} RAM, {m.get('system', '?')}; "
        f"Python {m.get('python', '?')}, mkdocs {pk.get('mkdocs', '?')}, mkdocs-material "
        f"{pk.get('mkdocs-material', '?')}, Markdown {pk.get('markdown', '?')}, ruamel.yaml "
        f"{pk.get('ruamel.yaml', '?')} (clib {pk.get('ruamel.yaml.clib', 'missing')}), pydantic "
        f"{pk.get('pydantic', '?')}. Load average {m.get('load_average', 0):.1f} at the start and "
        f"{m.get('load_average_end', 0):.1f} at the end (the machine is shared: compare CPU "
        "times, and ratios measured in the same run)."
    )
    yield ""
    if sizes:
        yield "### Builds: prepguide beside plain MkDocs"
        yield ""
        yield (
            "Baseline: the same number of plain Markdown pages with the same paths and sizes "
            "(page for page), the same theme, extensions, search plugin and nav settings, built "
            "without prepguide. Per page = whole `mkdocs build` (config, build, write) divided by "
            "the pages built; median of the runs."
        )
        yield ""
        yield (
            "| contacts | pages | runs | prepguide ms/page (wall / CPU) | baseline ms/page (wall / CPU) "
            "| ratio (CPU) | prepguide's own share (wall / CPU) | HTML per page (prepguide / baseline) "
            "| search index | per contact | peak RSS (prepguide / baseline) | measured |"
        )
        yield "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
        for r in sizes:
            p, b = r["prepguide"], r["baseline"]
            pages = p["pages"]
            yield (
                f"| {r['contacts']:,} | {pages:,} | {r['repeat']} "
                f"| {_ms(p['wall'], pages):.1f} / {_ms(p['cpu'], pages):.1f} "
                f"| {_ms(b['wall'], b['pages']):.1f} / {_ms(b['cpu'], b['pages']):.1f} "
                f"| {p['cpu'] / b['cpu'] * b['pages'] / pages:.2f} "
                f"| {_share(p, 'wall'):.0%} / {_share(p, 'cpu'):.0%} "
                f"| {_kb(p['html_bytes'] / pages)} / {_kb(b['html_bytes'] / b['pages'])} "
                f"| {_kb(p['search_index_bytes'])} | {p['search_index_bytes'] / r['contacts'] / 1024:.1f} KB "
                f"| {p['peak_rss_mb']:,.0f} / {b['peak_rss_mb']:,.0f} MB | {r['measured']} |"
            )
        yield ""
        yield "prepguide's own work by step (wall seconds, `plugin.timings`; load = read, validate and check the notes, render = tailor and render every page):"
        yield ""
        yield (
            "| contacts | "
            + " | ".join(sorted(sizes[0]["prepguide"].get("own_wall_steps", {})))
            + " | own CPU s | build CPU s |"
        )
        yield "|---:|" + "---:|" * (len(sizes[0]["prepguide"].get("own_wall_steps", {})) + 2)
        for r in sizes:
            steps = r["prepguide"].get("own_wall_steps", {})
            yield (
                f"| {r['contacts']:,} | "
                + " | ".join(f"{steps[k]:.2f}" for k in sorted(steps))
                + f" | {r['prepguide']['own_cpu']:.2f} | {r['prepguide']['cpu']:.1f} |"
            )
        yield ""
    yield from render_goals(results, sizes)
    yield from render_serve(results)
    yield from render_search(results)
    yield from render_loadfiles(results)
    yield from render_profile(results)


def render_goals(results: dict[str, Any], sizes: list[dict[str, Any]]) -> Iterator[str]:
    by_n = {r["contacts"]: r for r in sizes}
    previous = results.get("previous", {})
    before = previous.get("label", "the previous run")
    yield "### The goals of issue 17 (speed a user waits for)"
    yield ""
    yield f"| goal | figure | before ({before}) | verdict |"
    yield "|---|---|---|---|"
    serve = results.get("serve", {}).get("normal")
    if serve and serve.get("walls_edits"):
        walls = [e["wall"] for e in serve["walls_edits"]]
        cpus = [e["cpu"] for e in serve["walls_edits"]]
        yield (
            f"| serve: the edited page fresh within 2 s of saving one contact at {SERVE_SIZE:,} "
            f"| whole rebuild (config loaded again, built, written) {statistics.median(walls):.2f} s "
            f"wall, {statistics.median(cpus):.2f} s CPU, median of {len(walls)} edits "
            f"(wall {', '.join(f'{w:.2f}' for w in walls)} s); edited page fresh: "
            f"{'yes' if serve['edited_page_fresh'] else 'no'} "
            f"| {previous.get('serve_rebuild_wall_s', float('nan')):.1f} s wall "
            f"| {_verdict(statistics.median(walls) <= 2.0 and serve['edited_page_fresh'])} |"
        )
        same = serve.get("same_as_clean")
        if same is not None:
            ok = not same["different"]
            detail = (
                "every file identical"
                if ok
                else f"{len(same['different'])} files differ: {', '.join(same['different'][:5])}"
            )
            yield (
                f"| serve: the served site is what a clean build makes (pages, nav, search index) "
                f"| after 3 edits, {same['files']:,} files compared byte for byte with a clean "
                f"`mkdocs build` in a new process (sitemap dates aside): {detail}; search entries "
                f"{serve['search_entries_before']:,} → {serve['search_entries_after']:,} "
                f"| (`--dirty`: index cut to the rebuilt pages) | {_verdict(ok)} |"
            )
    if 1000 in by_n and "floor" in by_n[1000]:
        row = by_n[1000]
        p, f = row["prepguide"], row["floor"]
        ratios = row.get("floor_ratios") or [(p["cpu"] / p["pages"]) / (f["cpu"] / f["pages"])]
        ratio = statistics.median(ratios)
        yield (
            f"| full build at 1,000: CPU per page ≤ 2× the plain-material floor (same number of "
            f"short pages out of the nav, with search, measured in the same run) "
            f"| {_ms(p['cpu'], p['pages']):.1f} ms against {_ms(f['cpu'], f['pages']):.1f} ms per page: "
            f"×{ratio:.2f} (build by build: {', '.join(f'×{x:.2f}' for x in ratios)}) "
            f"| {previous.get('build_1000_cpu_ms_per_page', float('nan')):.1f} ms/page, "
            f"{previous.get('floor_ratio', '')} | {_verdict(ratio <= 2.0)} |"
        )
    search = results.get("search")
    if search:
        cold = search["cold_first_result_s"]
        yield (
            f"| search: first result within 2 s of typing on a fresh page at {search['contacts']:,} "
            f"| {cold:.2f} s ({search['warm_first_result_s']:.2f} s with the index loaded); index "
            f"{_kb(search['search_index_bytes'])}, {search['search_entries']:,} entries "
            f"| {previous.get('search_cold_first_result_s', float('nan')):.2f} s, "
            f"{_kb(previous.get('search_index_bytes', 0))} "
            f"| {_verdict(cold <= 2.0)} |"
        )
        indexed = search.get("generated_sections_indexed")
        if indexed is not None:
            yield (
                "| search: repeated generated text (questions, drafts, logistics) out of the index "
                f"| entries under generated headings: {', '.join(f'{k} {v:,}' for k, v in indexed.items()) or 'none'} "
                f"| questions, intro and drafts already excluded | {_verdict(not any(indexed.values()))} |"
            )
    yield ""
    yield "### Earlier goals"
    yield ""
    yield "| goal | figure | verdict |"
    yield "|---|---|---|"
    small, large = by_n.get(200), by_n.get(max(by_n) if by_n else 0)
    if small and large and large is not small:
        ps, pl = small["prepguide"], large["prepguide"]
        cpu_ratio = (pl["cpu"] / pl["pages"]) / (ps["cpu"] / ps["pages"])
        wall_ratio = (pl["wall"] / pl["pages"]) / (ps["wall"] / ps["pages"])
        html_ratio = (pl["html_bytes"] / pl["pages"]) / (ps["html_bytes"] / ps["pages"])
        yield (
            f"| 1. linear: per-page cost and HTML size at {large['contacts']:,} within 1.25× of 200 "
            f"| per page ×{cpu_ratio:.2f} (CPU), ×{wall_ratio:.2f} (wall); HTML per page ×{html_ratio:.2f} "
            f"| {_verdict(cpu_ratio <= 1.25 and html_ratio <= 1.25)} |"
        )
    if 1000 in by_n:
        p = by_n[1000]["prepguide"]
        share = _share(p, "cpu")
        each = ", ".join(f"{x:.1%}" for x in p.get("own_shares_cpu", ()))
        yield (
            f"| 2. prepguide's own work ≤ 10% of the build at 1,000 "
            f"| {share:.1%} of CPU (median of the builds{': ' + each if each else ''}; "
            f"own work {p['own_cpu']:.2f} s of {p['cpu']:.1f} s in the median build); "
            f"{_share(p, 'wall'):.1%} of wall "
            f"| {_verdict(share <= 0.10)} |"
        )
    loads = results.get("loadfiles", {})
    for folder, figures in loads.items():
        label = "synthetic" if "guide-" in folder else "the example guide's"
        yield (
            f"| 2. load + validate a typical contact file ≤ 1 ms ({label}, {figures['mean_bytes']:,.0f} bytes on average) "
            f"| {figures['ms_median']:.2f} ms (best {figures['ms_best']:.2f}) "
            f"| {_verdict(figures['ms_median'] <= 1.0)} |"
        )
    serve = results.get("serve", {}).get("normal")
    if serve:
        edits = serve.get("own_cpu_edits") or [sum(serve["own_cpu"].values())]
        own = statistics.median(edits)
        each = ", ".join(f"{e * 1000:,.0f}" for e in edits)
        yield (
            f"| 3. serve: one file re-parsed, prepguide's own rebuild work < 100 ms at {SERVE_SIZE:,} "
            f"| {serve['reparsed']} file re-parsed; own work {own * 1000:,.0f} ms CPU, median of "
            f"{len(edits)} edits ({each} ms) of a {serve['wall']:.1f} s rebuild "
            f"| {_verdict(serve['reparsed'] == 1 and own < 0.1)} |"
        )
    if large:
        rss = large["prepguide"]["peak_rss_mb"]
        yield (
            f"| 4. peak RSS < 1 GB at {large['contacts']:,} | {rss:,.0f} MB "
            f"(baseline {large['baseline']['peak_rss_mb']:,.0f} MB) | {_verdict(rss < 1024)} |"
        )
    search = results.get("search")
    if search:
        extra = ""
        yield (
            f"| 5. search index usable at {search['contacts']:,} "
            f"| {_kb(search['search_index_bytes'])} ({search['search_index_bytes'] / search['contacts'] / 1024:.1f} KB per contact); "
            f"first result {search['cold_first_result_s']:.1f} s after typing on a fresh page "
            f"({search['warm_first_result_s']:.2f} s once the index is loaded){extra} | reported |"
        )
    yield ""


def render_serve(results: dict[str, Any]) -> Iterator[str]:
    serve = results.get("serve")
    if not serve:
        return
    stamp = max((r.get("measured", "") for r in serve.values()), default="")
    yield f"### `mkdocs serve`: one contact file changes ({SERVE_SIZE:,} contacts; {stamp or 'date not recorded'})"
    yield ""
    yield (
        "Simulated as `mkdocs serve` does it: a first build, then one contact's `role` is edited "
        "and the config is loaded again in the same process (MkDocs hands back the same plugin "
        "instance, so prepguide's parse cache is kept) and the site rebuilt with the serve URL. "
        "With the page cache, two more contacts are then edited the same way, one rebuild each; "
        "prepguide's own work is the median of the three rebuilds (each one in brackets)."
    )
    yield ""
    yield "| mode | files re-parsed | prepguide's own work (CPU / wall) | whole rebuild (wall / CPU) | MkDocs and theme (CPU) | pages rewritten | search entries before → after | edited page fresh |"
    yield "|---|---:|---:|---:|---:|---:|---:|---|"
    for mode, r in serve.items():
        own_cpu, own_wall = sum(r["own_cpu"].values()), sum(r["own_wall"].values())
        edits = r.get("own_cpu_edits") or [own_cpu]
        own_text = f"{own_cpu * 1000:,.0f} / {own_wall * 1000:,.0f} ms"
        if len(edits) > 1:
            own_text = (
                f"{statistics.median(edits) * 1000:,.0f} ms CPU "
                f"({', '.join(f'{e * 1000:,.0f}' for e in edits)})"
            )
        label = "`--dirty`" if r["dirty"] else "normal"
        kept = r.get("kept")
        if kept:
            label += (
                f"; MkDocs' work kept: {kept['reused']:,} pages' HTML and search entries reused, "
                f"{kept['converted']:,} converted, {kept['rendered']:,} theme templates rendered"
            )
        if r.get("page_cache"):
            label += f" ({r['pages_reused']:,} outputs reused from the page cache)"
        else:
            label += ", page cache switched off (as before it was wired in)"
        yield (
            f"| {label} | {r['reparsed']} "
            f"| {own_text} | {r['wall']:.1f} / {r['cpu']:.1f} s "
            f"| {r['cpu'] - own_cpu:.1f} s | {r['pages_rewritten']:,} of {r['pages']:,} "
            f"| {r['search_entries_before']:,} → {r['search_entries_after']:,} | {'yes' if r['edited_page_fresh'] else 'no'} |"
        )
        del mode
    yield ""


def render_search(results: dict[str, Any]) -> Iterator[str]:
    s = results.get("search")
    if not s:
        return
    yield f"### Search in the browser ({s['contacts']:,} contacts; {s.get('measured', 'date not recorded')})"
    yield ""
    yield (
        f"The built site served on 127.0.0.1, Debian's Chromium driven by Playwright. The index "
        f"(`search/search_index.json`) is {_kb(s['search_index_bytes'])} with {s['search_entries']:,} "
        f"entries ({s['search_index_bytes'] / s['contacts'] / 1024:.1f} KB per contact). The page "
        f"loaded in {s['page_load_s']:.2f} s; typing “{s['query']}” into the search box right after "
        f"showed the first result {s['cold_first_result_s']:.2f} s after the first key "
        f"({s['cold_from_navigation_s']:.2f} s from navigation: the search worker downloads and "
        f"indexes the file first); a second search, with the index loaded, took "
        f"{s['warm_first_result_s']:.2f} s. Requests outside 127.0.0.1: {s['outside_requests']}."
    )
    yield ""


def render_loadfiles(results: dict[str, Any]) -> Iterator[str]:
    loads = results.get("loadfiles")
    if not loads:
        return
    yield (
        "### Loading and validating one contact file "
        f"({results.get('loadfiles_measured', 'date not recorded')})"
    )
    yield ""
    yield "| files | mean size | ms per file (median of the passes, at least 5 and 2,000 loads; CPU) | best pass |"
    yield "|---|---:|---:|---:|"
    for folder, f in loads.items():
        label = "synthetic guide" if "guide-" in folder else "example guide (`content/contacts`)"
        yield f"| {f['files']:,} ({label}) | {f['mean_bytes']:,.0f} B | {f['ms_median']:.3f} | {f['ms_best']:.3f} |"
    yield ""


def render_profile(results: dict[str, Any]) -> Iterator[str]:
    prof = results.get("profile")
    if not prof:
        return
    yield (
        f"### Where a build's time goes ({PROFILE_SIZE:,} contacts, cProfile; "
        f"{prof.get('measured', 'date not recorded')})"
    )
    yield ""
    yield (
        "Share of the profiled build, by step (cumulative time; cProfile slows Python code more "
        "than C code, so these shares differ from the unprofiled CPU shares above):"
    )
    yield ""
    yield "| part | share |"
    yield "|---|---:|"
    for area, share in prof["areas"].items():
        yield f"| {area} | {share:.0%} |"
    yield ""
    yield "prepguide's functions by cumulative time (profiled seconds):"
    yield ""
    yield "| cumulative s | own s | calls | function |"
    yield "|---:|---:|---:|---|"
    for row in prof["own_cumulative"][:20]:
        yield f"| {row['cum']:.2f} | {row['tot']:.2f} | {row['calls']:,} | `{row['where']}` {row['function']} |"
    yield ""


if __name__ == "__main__":
    sys.exit(main())
