"""MkDocs hooks that print the build process's memory at each stage (Linux).

Add to a guide's ``mkdocs.yml`` (for example a copy of ``benchmarks/out/guide-10000``)::

    hooks:
      - /path/to/benchmarks/rss_hook.py

and run ``mkdocs build``: each line shows the resident set size (RSS) and its peak so far
(high-water mark) after loading the notes, after generating the pages, while MkDocs converts
and writes them, and at the end.
"""

from __future__ import annotations

import sys
import time
from typing import Any

_START = time.perf_counter()
_COUNTS = {"markdown": 0, "context": 0}
_EVERY = 3000


def _memory() -> str:
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            fields[name] = value.split()
    rss, peak = int(fields["VmRSS"][0]) // 1024, int(fields["VmHWM"][0]) // 1024
    return f"RSS {rss} MB, peak {peak} MB"


def _say(stage: str) -> None:
    print(f"[{time.perf_counter() - _START:6.1f} s] {stage}: {_memory()}", file=sys.stderr)


def on_pre_build(config: Any) -> None:
    _say("notes loaded (prepguide's on_pre_build runs first)")


def on_nav(nav: Any, config: Any, files: Any) -> None:
    _say("pages generated")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> None:
    _COUNTS["markdown"] += 1
    if _COUNTS["markdown"] % _EVERY == 0:
        _say(f"{_COUNTS['markdown']:,} pages converted")


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> None:
    _COUNTS["context"] += 1
    if _COUNTS["context"] % _EVERY == 0:
        _say(f"{_COUNTS['context']:,} pages written")


def on_post_build(config: Any) -> None:
    _say("search index written, build done")
