"""Line accounting: every line of a source text is quoted or described in the graph, or skipped
on purpose with a reason.

A source text is ``graph/<folder>/source-report.txt`` (the report converted to text); the lines
skipped on purpose are listed beside it in ``skipped-lines.tsv`` (columns ``reason`` and
``text``; a ``text`` starting with ``re:`` is a regular expression the whole piece must match).
Each non-blank line is cut into pieces (table cells at tabs; paragraphs and list items at
``<p>``, ``<li>`` and ``<br>``), and each piece is normalised (markup, Markdown links and
emphasis, footnote markers, typographic quotes and dashes, spacing). A piece is accounted for when
some text of the graph contains it (or, failing that, each of its sentences), or when the skip
list names it. A line is accounted for when all its pieces are; the others are reported, each
with its line number and the pieces nothing accounts for.

:func:`account_for_sources` is what ``ogpgraph validate --coverage`` runs.
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ogpgraph.core.errors import DataError
from ogpgraph.core.findings import Finding, Location, Severity
from ogpgraph.core.queries import internal_query

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

#: the name of a source text, and of the skip list beside it
SOURCE_TEXT = "source-report.txt"
SKIP_LIST = "skipped-lines.tsv"

#: why a piece of a source text may be left out of the graph
SKIP_REASONS: dict[str, str] = {
    "heading": "a heading whose section or block is in the graph (ogp:ReportSection or the block)",
    "table-scaffolding": "a table's header, row names, column names, ticks or empty cells",
    "contact-details": "e-mail addresses and phone numbers, deliberately not recorded",
    "page-furniture": "title page, copyright, ISBN, rules and other print furniture",
    "contents": "the contents list (its sections are ogp:ReportSection resources)",
    "cross-reference": "a pointer to another part of the report or to a web page",
    "framing": "words that introduce a list, a table or a section and state nothing of their own",
}

#: the kind of the findings :func:`account_for_sources` reports
KIND = "unaccounted-line"

_BLOCK = re.compile(r"</?(?:p|li|ul|ol|br|div)\b[^>]*>", re.I)
_SUP = re.compile(r"<sup>[^<]*</sup>", re.I)
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$])")
_EMPHASIS = re.compile(r"\*([^*\s][^*]*)\*")
_HEADING = re.compile(r"^#+\s*")
_BULLET = re.compile(r"^(?:[-•○◦▪]\s+)+")
_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_SPACE_BEFORE = re.compile(r" ([,.;:)])")  # left where a footnote marker was taken out
_SENTENCE = re.compile(r"(?<=[.!?:])\s+")
_TRIM = " .,;:"
#: a shorter piece counts as quoted only when a whole text of the graph is that piece (so that a
#: row name such as "Ambition" is not "quoted" by any sentence that contains the word)
MIN_QUOTE = 25


def normalise(text: str) -> str:
    """Text as the accounting compares it: no markup, plain quotes and dashes, single spaces.

    >>> normalise("<b>Result six:</b> Increase the  number<sup>1</sup> of ‘young’ people")
    "Result six: Increase the number of 'young' people"
    >>> normalise("[Kia Tūtahi \\\\(Standing Together\\\\)](#) **Accord**")
    'Kia Tūtahi (Standing Together) Accord'
    """
    text = _SUP.sub(" ", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_ESCAPE.sub(r"\1", _MD_ESCAPE.sub(r"\1", text))  # "\\\\_" in the conversion too
    text = _EMPHASIS.sub(r"\1", html.unescape(text).replace("**", "")).translate(_FOLD)
    text = _SPACE_BEFORE.sub(r"\1", " ".join(text.split()))
    text = _HEADING.sub("", text)
    text = _BULLET.sub("", text)
    if len(text) > 1 and text[0] == "*" and text[-1] == "*":
        text = text[1:-1]
    return text.strip()


def pieces(line: str) -> list[str]:
    """The normalised pieces of a line: its table cells, paragraphs and list items.

    >>> pieces("Ambition\\t<p>One.</p> <ul><li>• Two</li></ul>\\t\\t")
    ['Ambition', 'One.', 'Two']
    """
    out = []
    if line.lstrip().startswith("|"):  # a Markdown table row: its cells
        line = line.replace("|", "\t")
    for cell in _BLOCK.sub("\t", _SUP.sub(" ", line)).split("\t"):
        text = normalise(cell)
        if text.strip(_TRIM + "✓*-"):
            out.append(text)
    return out


@dataclass(frozen=True)
class SkipEntry:
    """One entry of a skip list: why, and the piece (or the pattern of pieces) it skips."""

    reason: str
    text: str
    line: int

    def matches(self, piece: str) -> bool:
        if self.text.startswith("re:"):
            return re.fullmatch(self.text[3:], piece) is not None
        return piece == self.text


def read_skip_list(path: Path) -> list[SkipEntry]:
    """The entries of a skip list (TSV with a ``reason`` and a ``text`` column).

    Raises:
        DataError: a missing column, an unknown reason, an empty text or a bad pattern, naming
            the file and line.
    """
    entries: list[SkipEntry] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header != ["reason", "text"]:
            raise DataError(f"{path}: line 1: the header must be 'reason<TAB>text'")
        for number, row in enumerate(reader, start=2):
            if not row or row[0].startswith("#"):
                continue
            if len(row) != 2:
                raise DataError(f"{path}: line {number}: expected 2 columns, found {len(row)}")
            reason, text = row
            if reason not in SKIP_REASONS:
                raise DataError(
                    f"{path}: line {number}: unknown reason {reason!r}; "
                    f"use one of {', '.join(SKIP_REASONS)}"
                )
            if not text.strip():
                raise DataError(f"{path}: line {number}: the text is empty")
            if text.startswith("re:"):
                try:
                    re.compile(text[3:])
                except re.error as e:
                    raise DataError(f"{path}: line {number}: bad pattern: {e}") from None
            entries.append(SkipEntry(reason, text, number))
    return entries


@dataclass
class LineAccount:
    """How the lines of one source text are accounted for.

    ``markup``: lines of markup alone (rules, empty table rows); ``quoted``: lines every piece of which the graph quotes or describes; ``skipped``: lines
    every piece of which the skip list names, by the reason of their first skipped piece;
    ``mixed``: lines partly quoted, partly skipped; ``skipped_pieces``: the pieces and sentences
    skipped, by reason; ``unexplained``: line number and the pieces nothing accounts for;
    ``unused``: skip-list entries that match nothing (stale).
    """

    path: Path
    lines: int = 0
    markup: int = 0
    quoted: int = 0
    mixed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_pieces: Counter[str] = field(default_factory=Counter)
    unexplained: list[tuple[int, list[str]]] = field(default_factory=list)
    unused: list[SkipEntry] = field(default_factory=list)

    def findings(self, root: Path | None = None) -> list[Finding]:
        """One error per unexplained line, at its line number; one warning per stale entry of
        the skip list."""
        name = _display(self.path, root)
        skip_name = _display(self.path.with_name(SKIP_LIST), root)
        found = [
            Finding(
                Severity.ERROR,
                KIND,
                name,
                "neither quoted nor described in the graph, nor skipped: "
                + " | ".join(repr(p[:120]) for p in missing),
                location=Location(file=name, line=number),
            )
            for number, missing in self.unexplained
        ]
        found += [
            Finding(
                Severity.WARNING,
                "unused-skip",
                skip_name,
                f"skip-list entry ({entry.reason}) matches no line: {entry.text[:120]!r}",
                location=Location(file=skip_name, line=entry.line),
            )
            for entry in self.unused
        ]
        return found

    def summary(self) -> str:
        """One line: lines in all, how each is accounted for, and the skipped pieces by reason."""
        skipped = sum(self.skipped.values())
        by_reason = ", ".join(f"{r} {n}" for r, n in sorted(self.skipped_pieces.items()))
        return (
            f"{self.path.name}: {self.lines} non-blank lines: {self.quoted} quoted, "
            f"{self.markup} markup only, "
            f"{self.mixed} partly quoted and partly skipped, {skipped} skipped, "
            f"{len(self.unexplained)} unexplained; skipped pieces: {by_reason or 'none'}"
        )


def _display(path: Path, root: Path | None) -> str:
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


class _Texts:
    """The graph's texts, normalised, searchable for a piece."""

    def __init__(self, texts: list[str]) -> None:
        self.whole = {t.casefold() for t in texts}
        self.blob = "\n".join(texts)

    def has(self, piece: str) -> bool:
        """Whether a text of the graph is the piece, or (a piece of :data:`MIN_QUOTE` characters
        or more) contains it; a trailing full stop or colon does not count."""
        for candidate in {piece, piece.rstrip(_TRIM)}:
            if candidate.casefold() in self.whole or (
                len(candidate) >= MIN_QUOTE and candidate in self.blob
            ):
                return True
        return False


def graph_texts(kg: KnowledgeGraph) -> list[str]:
    """Every text of the dataset, normalised (the line accounting's side of the comparison)."""
    return sorted({normalise(row["text"]) for row in kg.select(internal_query("accounting-texts"))})


def _skip(skips: list[SkipEntry], piece: str) -> SkipEntry | None:
    return next((e for e in skips if e.matches(piece)), None)


def account_for_text(path: Path, texts: list[str], skips: list[SkipEntry]) -> LineAccount:
    """Account for each non-blank line of ``path`` against the graph's ``texts`` and ``skips``."""
    graph = _Texts(texts)
    account = LineAccount(path)
    used: set[int] = set()

    def skipped(piece: str) -> str | None:
        entry = _skip(skips, piece) or _skip(skips, piece.rstrip(_TRIM))
        if entry is None:
            return None
        used.add(entry.line)
        account.skipped_pieces[entry.reason] += 1
        return entry.reason

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        account.lines += 1
        parts = pieces(line)
        if not parts:  # a rule, an empty table row: markup and nothing else
            account.markup += 1
            continue
        missing: list[str] = []
        reasons: list[str] = []
        quoted = 0
        for piece in parts:
            if graph.has(piece):
                quoted += 1
                continue
            reason = skipped(piece)
            if reason is not None:
                reasons.append(reason)
                continue
            # else each sentence on its own: quoted, or skipped
            for sentence in (s for s in _SENTENCE.split(piece) if s.strip(_TRIM)):
                if graph.has(sentence):
                    quoted += 1
                elif (reason := skipped(sentence)) is not None:
                    reasons.append(reason)
                else:
                    missing.append(sentence)
        if missing:
            account.unexplained.append((number, missing))
        elif not reasons:
            account.quoted += 1
        elif quoted:
            account.mixed += 1
        else:
            account.skipped[reasons[0]] += 1
    account.unused = [e for e in skips if e.line not in used]
    return account


def account_for_sources(kg: KnowledgeGraph) -> list[LineAccount]:
    """Account for every source text of the project's graph folder (``*/source-report.txt``)."""
    if kg.project is None:  # a graph made from text, not loaded from a project
        return []
    texts = graph_texts(kg)
    accounts = []
    for path in sorted(kg.project.graph_dir.glob(f"*/{SOURCE_TEXT}")):
        skip_path = path.with_name(SKIP_LIST)
        skips = read_skip_list(skip_path) if skip_path.exists() else []
        accounts.append(account_for_text(path, texts, skips))
    return accounts
