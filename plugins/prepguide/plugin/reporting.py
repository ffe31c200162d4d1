"""The build's problems as MkDocs shows them: located errors, warnings, the error page."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from ..errors import Problem, format_problems, visible
from ..guide.corpus import Corpus
from ..read.model import Contact, Organization
from ..render.generated import clashes as generated_clashes
from ..render.generated import user_sources
from ..tailor.questions import TemplateBudgetError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger("prepguide.plugin")


def clashes(
    generated: list[File], user: Files, config: MkDocsConfig, root: Path | None
) -> list[Problem]:
    """A user's file at the source path or the URL of a generated page is an error.

    MkDocs would silently replace one with the other (``content/contacts/index.md``
    and the generated ``contacts.md`` are both ``/contacts/``): prepguide never
    overwrites a user's page, and never lets one replace a generated page.
    """
    # The rule is shared with `prepguide check` (prepguide.render.generated); the user's files
    # are listed as check lists them, with those exclude_docs excludes (MkDocs keeps them
    # in its files, and on_files would refuse them after site/ is cleaned).
    del user
    return generated_clashes(
        [f.src_uri for f in generated],
        user_sources(Path(config.docs_dir)),
        use_directory_urls=config.use_directory_urls,
        docs_dir=Path(config.docs_dir),
        root=root,
    )


def located_failure(exc: BaseException, corpus: Corpus, *, budget: bool = False) -> str:
    """The message of a build stopped by a value that could not be rendered.

    ``check`` accepts what the build can render, so this is a last resort: the
    message names the contact or organization whose page failed (found in the
    traceback), or the question bank entry over its budget, and asks for a report.

    >>> print(located_failure(ValueError("year 0 is out of range"), Corpus()))
    prepguide could not build the site; nothing was written:
    content/:1:1: error: a value here could not be read or rendered (ValueError: year 0 is out of range); check this file's values, and please report this as a bug of prepguide
    """
    if budget and isinstance(exc, TemplateBudgetError):
        located = locate_bank_entry(exc, corpus)
        if located:
            return f"prepguide could not build the site; nothing was written:\n{located}"
    what = visible(f"{type(exc).__name__}: {exc}")[:300]
    place = "content/:1:1"
    tb = exc.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):  # the innermost frame that knows whose file it was
        values = frame.f_locals
        contact, org = values.get("contact"), values.get("org")
        display = values.get("display")
        if isinstance(display, str) and isinstance(values.get("path"), Path):
            place = f"{visible(display)}:1:1"  # the loader, reading that file
            break
        if isinstance(contact, Contact) and contact.id in corpus.contacts:
            path, line, column = corpus.locate("contact", contact.id, ())
            place = f"{visible(path)}:{line}:{column}"
            break
        if isinstance(org, Organization) and org.id in corpus.organizations:
            path, line, column = corpus.locate("organization", org.id, ())
            place = f"{visible(path)}:{line}:{column}"
            break
    return (
        "prepguide could not build the site; nothing was written:\n"
        f"{place}: error: a value here could not be read or rendered ({what}); "
        "check this file's values, and please report this as a bug of prepguide"
    )


def locate_bank_entry(exc: TemplateBudgetError, corpus: Corpus) -> str | None:
    """``path:line:col: error: ...`` for the bank entry whose template is over budget."""
    key = "when" if exc.expression else "text"
    for entry, (path, index) in zip(corpus.questions, corpus.question_sources, strict=False):
        if getattr(entry, key) == exc.source:
            document = corpus.documents.get(path)
            line, column = document.position((index, key)) if document else (1, 1)
            return Problem(path, line, column, "error", f"`{key}`: {exc.message}").format()
    return None


_LOCATED = re.compile(r"^(?P<where>.+?:\d+:\d+): (?P<severity>error|warning): (?P<message>.*)$")


def error_block(message: str) -> str:
    """The problems of a failed serve build as an HTML block, every value escaped.

    ``message`` is the ``PluginError``'s text: a first line saying what failed,
    then one ``path:line:col: error: message`` line per problem (the message
    ends with how to fix it).

    >>> print(error_block("prepguide could not build the site; nothing was written:\\n"
    ...                   "contacts/ana.yml:3:7: error: `date`: <b>soon</b> is not a date; write 2026-12-04"))
    <div class="pg-build-errors admonition failure" role="alert">
    <p class="admonition-title">The guide has errors: these pages are not up to date</p>
    <p>prepguide could not build the site:</p>
    <ul>
    <li><code class="pg-error-where">contacts/ana.yml:3:7</code> <span class="pg-error-severity">error:</span> <span class="pg-error-message">`date`: &lt;b&gt;soon&lt;/b&gt; is not a date; write 2026-12-04</span></li>
    </ul>
    <p>Fix them and save: this page reloads by itself. <code>prepguide check</code> lists the same problems.</p>
    </div>
    """
    lines = [line for line in message.splitlines() if line.strip()]
    head = lines[0] if lines and not _LOCATED.match(lines[0]) else ""
    body = lines[1:] if head else lines
    # The site is served, with this page: "nothing was written" is for `mkdocs build`.
    head = re.sub(r"; nothing was written:$", ":", head)
    items = []
    for line in body:
        found = _LOCATED.match(line)
        if found is None:
            items.append(f"<li>{html.escape(line)}</li>")
            continue
        items.append(
            f'<li><code class="pg-error-where">{html.escape(found["where"])}</code> '
            f'<span class="pg-error-severity">{found["severity"]}:</span> '
            f'<span class="pg-error-message">{html.escape(found["message"])}</span></li>'
        )
    return (
        '<div class="pg-build-errors admonition failure" role="alert">\n'
        '<p class="admonition-title">The guide has errors: these pages are not up to date</p>\n'
        + (f"<p>{html.escape(head)}</p>\n" if head else "")
        + "<ul>\n"
        + "\n".join(items)
        + "\n</ul>\n"
        "<p>Fix them and save: this page reloads by itself. "
        "<code>prepguide check</code> lists the same problems.</p>\n"
        "</div>"
    )


def error_page(message: str) -> str:
    """The Markdown of the page served at every address while the notes have errors."""
    return (
        '---\ntitle: "Errors in the research notes"\n---\n\n'
        "# Errors in the research notes\n\n" + error_block(message) + "\n"
    )


def report(problems: list[Problem]) -> None:
    """Log warnings; raise one ``PluginError`` listing every error."""
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        if problem.severity == "warning":
            log.warning(problem.format())
    if errors:
        count = len(errors)
        raise PluginError(
            f"prepguide found {count} error{'s' * (count != 1)} in the research notes; "
            f"nothing was written:\n{format_problems(errors)}"
        )
