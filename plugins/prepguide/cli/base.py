"""What the ``prepguide`` command line and its subcommands share.

Exit codes, :class:`CommandError` and the loading of a guide live here, below
both :mod:`prepguide.cli` (the parser and ``main``) and :mod:`prepguide.cli.commands`
(one module per subcommand), so that neither imports the other's module to
get them. ``prepguide.cli`` re-exports every name.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..guide.config_file import Guide, find_guide
from ..guide.corpus import Corpus, CorpusLoader

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2
"""Exit codes (docs/usage.md): 0 ok, 1 a problem in the notes, 2 a usage error."""


class CommandError(Exception):
    """A command cannot go on; the message is shown as is."""

    def __init__(self, message: str, code: int = EXIT_PROBLEM) -> None:
        super().__init__(message)
        self.code = code


def load_guide(content: Path | None = None) -> tuple[Guide, Corpus]:
    """Find the guide from the current folder and load its corpus."""
    guide = find_guide(content=content)
    if not guide.content_dir.is_dir():
        named = ""
        if content is None and guide.config_file is not None:
            named = f" (the docs_dir of {guide.config_file})"
        raise CommandError(
            f"no content folder at {guide.content_dir}{named}; run the command inside a guide "
            "(or `prepguide init DIR` to start one)"
        )
    corpus = CorpusLoader().load(guide.content_dir, guide.root, timezone=guide.options.timezone)
    return guide, corpus


def all_problems(guide: Guide, corpus: Corpus) -> list[Problem]:
    """Every problem of a guide: validation, cross-references, prep warnings, and the
    user's files at the path of a generated page (as the build finds them)."""
    problems = list(corpus.problems)
    if not corpus.errors:
        problems.extend(extra_warnings(guide, corpus))
        problems.extend(generated_clashes(guide, corpus))
    return sorted(problems)


def generated_clashes(guide: Guide, corpus: Corpus) -> list[Problem]:
    """A user's file where the build generates one (see :mod:`prepguide.render.generated`)."""
    from ..guide.config_file import plugin_options, read_config
    from ..render.generated import guide_clashes

    config = read_config(guide.config_file) if guide.config_file is not None else {}
    if (plugin_options(config) or {}).get("enabled", True) is False:
        return []
    return guide_clashes(
        corpus,
        docs_dir=guide.content_dir,
        root=guide.root,
        public=guide.options.audience == "public",
        config=config,
    )


def extra_warnings(guide: Guide, corpus: Corpus) -> list[Problem]:
    """Warnings beyond the schema: question lint and intro timing."""
    from ..tailor.prep import prep_warnings

    return prep_warnings(corpus, guide.options)
