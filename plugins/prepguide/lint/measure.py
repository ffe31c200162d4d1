"""Measure the linter on a labelled ``label<TAB>question`` file (see docs/linter.md)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .linter import lint_lines, lint_question
from .result import LABELS


@dataclass(frozen=True)
class Evaluation:
    """Accuracy and per-label precision/recall of the linter on a labelled set."""

    total: int
    correct: int
    precision: dict[str, float]
    recall: dict[str, float]
    support: dict[str, int]
    errors: tuple[tuple[str, str, str], ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_markdown(self) -> str:
        lines = [
            "| label | precision | recall | questions |",
            "|---|---|---|---|",
        ]
        for label in LABELS:
            lines.append(
                f"| {label} | {self.precision[label]:.3f} | {self.recall[label]:.3f} "
                f"| {self.support[label]} |"
            )
        lines.append(
            f"| **accuracy** | | **{self.accuracy:.3f}** ({self.correct}/{self.total}) "
            f"| {self.total} |"
        )
        return "\n".join(lines)

    def confusion(self) -> dict[tuple[str, str], int]:
        """``(expected, got) -> count`` over every question."""
        counts: dict[tuple[str, str], int] = {(g, o): 0 for g in LABELS for o in LABELS}
        for label in LABELS:
            wrong = sum(1 for gold, _, _ in self.errors if gold == label)
            counts[(label, label)] = self.support[label] - wrong
        for gold, got, _ in self.errors:
            counts[(gold, got)] += 1
        return counts

    def confusion_markdown(self) -> str:
        """Rows: the label in the file; columns: the linter's label."""
        counts = self.confusion()
        lines = ["| expected \\ linter | " + " | ".join(LABELS) + " |", "|---" * 4 + "|"]
        for gold in LABELS:
            cells = " | ".join(str(counts[(gold, got)]) for got in LABELS)
            lines.append(f"| {gold} | {cells} |")
        return "\n".join(lines)


def load_labelled(path: Path | str, section: str | None = None) -> list[tuple[str, str]]:
    """Read ``label<TAB>question`` lines; blank lines and ``#`` comments are skipped.

    A comment ``# section: NAME`` starts a named part of the file; with ``section`` only the
    questions of that part are returned.
    """
    items: list[tuple[str, str]] = []
    current = ""
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        header = re.match(r"^#\s*section:\s*(\S+)", line)
        if header:
            current = header.group(1)
            continue
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, question = line.partition("\t")
        if not sep or label not in LABELS:
            raise ValueError(f"{path}:{number}: expected 'open|closed|leading<TAB>question'")
        if section is None or section == current:
            items.append((label, question))
    return items


def evaluate(items: Iterable[tuple[str, str]]) -> Evaluation:
    """Run the linter over labelled questions and measure it."""
    pairs = [(gold, lint_question(question).label, question) for gold, question in items]
    precision: dict[str, float] = {}
    recall: dict[str, float] = {}
    support: dict[str, int] = {}
    for label in LABELS:
        predicted = sum(1 for _, got, _ in pairs if got == label)
        actual = sum(1 for gold, _, _ in pairs if gold == label)
        hits = sum(1 for gold, got, _ in pairs if gold == got == label)
        precision[label] = hits / predicted if predicted else 0.0
        recall[label] = hits / actual if actual else 0.0
        support[label] = actual
    errors = tuple((gold, got, q) for gold, got, q in pairs if gold != got)
    correct = sum(1 for gold, got, _ in pairs if gold == got)
    return Evaluation(len(pairs), correct, precision, recall, support, errors)


def _main(argv: Sequence[str] | None = None) -> int:
    import argparse  # here: the build imports this module only to lint

    parser = argparse.ArgumentParser(
        prog="python -m prepguide.lint",
        description="Lint interview questions (one a line), or measure the linter on a "
        "labelled TSV with --evaluate.",
    )
    parser.add_argument("file", nargs="?", help="questions, one a line (default: stdin)")
    parser.add_argument(
        "--evaluate",
        metavar="TSV",
        help="print precision/recall per label on a label<TAB>question file, as Markdown",
    )
    parser.add_argument(
        "--section", help="with --evaluate, only the questions under '# section: NAME'"
    )
    parser.add_argument(
        "--errors", action="store_true", help="with --evaluate, also list the misses"
    )
    args = parser.parse_args(argv)
    if args.evaluate:
        try:
            items = load_labelled(args.evaluate, args.section)
            if not items:
                raise ValueError(
                    f"{args.evaluate}: no labelled questions (section {args.section!r})"
                )
            result = evaluate(items)
        except (OSError, ValueError) as exc:
            parser.exit(2, f"python -m prepguide.lint: error: {exc}\n")
        print(result.to_markdown())
        print()
        print(result.confusion_markdown())
        if args.errors:
            print()
            for gold, got, question in result.errors:
                print(f"{gold}\t{got}\t{question}")
        return 0
    try:
        if args.file:
            with open(args.file, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        else:
            lines = sys.stdin.read().splitlines()
    except OSError as exc:
        parser.exit(2, f"python -m prepguide.lint: error: {exc}\n")
    for line in lint_lines(lines):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(_main(["--evaluate", *sys.argv[1:]] if sys.argv[1:2] != ["--evaluate"] else None))
