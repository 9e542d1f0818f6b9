"""Import the OGP's public commitments sheet: every member, every plan, into the graph's ontology.

``ogpgraph import ogp-sheet FILE.csv`` reads the sheet (one row per commitment; the columns of
``shared/EXTERNAL_FACTS.md``, in any order, header names matched case-, space- and
punctuation-insensitively, a UTF-8 byte-order mark tolerated) and writes **one** file,
``graph/imports/ogp-sheet-<stem>.nq``, in its own named graph
``https://w3id.org/ogpgraph/graph/imports/ogp-sheet-<stem>`` with the file as its ``ogp:Source``.
How rows become RDF is in :mod:`ogpgraph.ogpsheet_rdf`; this module reads and checks the sheet,
runs the import and writes the file.

- Every problem is a :class:`SheetProblem` naming the spreadsheet row (the header is row 1) and
  the column. ``error``: the row cannot be imported and is listed as skipped; ``warning``: one
  cell is not imported (an unknown value, a bad URL…), the rest of the row is.
- ``strict``: any problem is fatal and nothing is written.
- Nothing is lost when an import fails: the file is written to a temporary file and renamed
  only at the end; a failed or strict-refused import leaves the previous file as it was.
- Idempotent: the output depends only on the sheet's bytes and on the rest of the graph (other
  sheet imports excluded), is sorted N-Quads and carries no wall-clock time, so importing the
  same file twice gives the same bytes.

Why not :func:`ogpgraph.links.read_rows`: it reads lines with ``str.splitlines``, which drops
the line breaks inside quoted cells (the sheet's Full Text has them) and splits rows at U+2028;
this reader hands the file to :mod:`csv` with ``newline=""`` and streams it.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import namespaces as ns
from .errors import DataError, OgpgraphError
from .ogpsheet_names import clean, clean_text, name_key, slug, split_institutions

__all__ = ["COLUMNS", "ImportFailed", "ImportResult", "Sheet", "SheetFileError", "SheetProblem",
           "clean", "clean_text", "import_sheet", "name_key", "read_sheet", "slug",
           "split_institutions"]

if TYPE_CHECKING:  # pragma: no cover
    from .project import Project
    from .store import KnowledgeGraph

#: column key -> the header as the OGP writes it
COLUMNS: dict[str, str] = {
    "id": "Commitment Unique Identifier",
    "member": "Country/Locality",
    "region": "Region",
    "theme": "Theme",
    "year": "Year Of Submission",
    "plan": "Action Plan Number",
    "number": "Commitment Number",
    "title": "Commitment Title",
    "short_title": "Short Title",
    "text": "Full Text",
    "lead": "Lead Institution",
    "support": "Supporting Institution(s)",
    "url": "URL",
    "value_information": "OGP Value Access To Information",
    "value_participation": "OGP Value Civic Participation",
    "value_accountability": "OGP Value Public Accountability",
    "value_technology": "OGP Value Technology",
    "specificity": "Specificity",
    "impact": "Potential Impact",
    "completion": "Completion (Progress Report)",
    "opened": "Did It Open Government (Overall)",
}
#: columns without which no row can be imported (plus one of the two title columns)
REQUIRED = ("id", "member", "plan", "number", "lead")
TITLE_COLUMNS = ("short_title", "title")
#: other spellings seen in exports of the sheet (normalised header -> column key)
ALIASES = {"completion": "completion", "diditopengovernment": "opened",
           "supportinginstitution": "support", "supportinginstitutions": "support",
           "country": "member", "locality": "member", "commitmentid": "id"}


class SheetFileError(DataError):
    """The sheet cannot be read at all (unreadable, not UTF-8, no header, a required column
    missing): exit 2, with every header problem listed."""

    def __init__(self, message: str, *, path: Path, problems: list[SheetProblem] | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message, path=path, hint=hint)
        self.problems = problems or []


class ImportFailed(OgpgraphError):
    """The import was refused (``--strict`` with problems) or could not be written: exit 1."""

    exit_code = 1


@dataclass(frozen=True)
class SheetProblem:
    """One problem of the sheet: where (spreadsheet row, column) and what.

    ``severity`` is ``error`` (the row is skipped) or ``warning`` (one cell is not imported).
    """

    row: int
    column: str
    message: str
    severity: str = "warning"
    letter: str = ""

    def __str__(self) -> str:
        where = f"row {self.row}"
        if self.column:
            where += f", column {self.column!r}" + (f" ({self.letter})" if self.letter else "")
        return f"{where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "column_letter": self.letter,
                "severity": self.severity, "message": self.message}


@dataclass
class Sheet:
    """A read sheet: the header as written, column key -> position, and the data rows."""

    path: Path
    digest: str
    header: list[str]
    positions: dict[str, int]
    rows: list[tuple[int, list[str]]]
    problems: list[SheetProblem] = field(default_factory=list)

    def heading(self, key: str) -> str:
        """The column's header as the file writes it (the OGP's name if the column is absent)."""
        pos = self.positions.get(key)
        return self.header[pos].strip() if pos is not None else COLUMNS[key]

    def letter(self, key: str) -> str:
        pos = self.positions.get(key)
        return column_letter(pos) if pos is not None else ""

    def cells(self, values: list[str]) -> dict[str, str]:
        """A row's cells by column key (absent columns and missing cells read as blank)."""
        return {key: (values[pos] if pos < len(values) else "")
                for key, pos in self.positions.items()}


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def header_key(name: str) -> str:
    """A header reduced to lower-case letters and digits: 'Supporting Institution(s)' ->
    'supportinginstitutions'."""
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKC", name).casefold())


_KEYS = {header_key(h): k for k, h in COLUMNS.items()} | ALIASES


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def read_sheet(path: str | Path) -> Sheet:
    """Read the sheet: header, column positions and every non-blank row with its row number.

    Raises:
        SheetFileError: unreadable, not UTF-8, empty, a CSV syntax error, a duplicated or a
            missing required column (each listed by row 1 and column).
    """
    path = Path(path)
    if not path.is_file():
        raise SheetFileError("no such file", path=path)
    try:
        digest = _digest(path)
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            if first.startswith("\ufeff"):  # a second BOM, or utf-8-sig not applied on seek
                first = first[1:]
            reader = csv.reader(handle, delimiter=_delimiter(first))
            records = _records(reader)
            header = next(records, None)
            if header is None:
                raise SheetFileError("the file is empty: it needs a header row with the "
                                     "sheet's columns", path=path)
            header = [h.lstrip("\ufeff") for h in header[1]]
            rows = list(records)
    except UnicodeDecodeError as error:
        raise SheetFileError(f"not UTF-8 text ({error.reason} at byte {error.start})",
                             path=path, hint="Save the sheet as CSV UTF-8.") from None
    except csv.Error as error:
        raise SheetFileError(f"CSV syntax error: {error}", path=path) from None
    except OSError as error:
        raise SheetFileError(f"cannot read: {error.strerror}", path=path) from None
    positions: dict[str, int] = {}
    problems: list[SheetProblem] = []
    fatal: list[SheetProblem] = []
    for pos, name in enumerate(header):
        key = _KEYS.get(header_key(name))
        if key is None:
            if name.strip():
                problems.append(SheetProblem(1, name.strip(), "unknown column: ignored",
                                             "note", column_letter(pos)))
            continue
        if key in positions:
            fatal.append(SheetProblem(1, name.strip(), f"the column appears twice (also "
                                      f"{column_letter(positions[key])}): which one to read "
                                      "is ambiguous", "error", column_letter(pos)))
            continue
        positions[key] = pos
    for key in REQUIRED:
        if key not in positions:
            fatal.append(SheetProblem(1, COLUMNS[key], "required column is missing from the "
                                      "header", "error"))
    if not any(k in positions for k in TITLE_COLUMNS):
        fatal.append(SheetProblem(1, COLUMNS["short_title"], "the header needs 'Short Title' "
                                  "or 'Commitment Title'", "error"))
    if fatal:
        more = f" (and {len(fatal) - 1} more)" if len(fatal) > 1 else ""
        raise SheetFileError(f"{fatal[0]}{more}", path=path, problems=fatal + problems,
                             hint="The columns are listed in shared/EXTERNAL_FACTS.md; header "
                             "names are matched ignoring case, spaces and punctuation.")
    return Sheet(path, digest, header, positions, rows, problems)


def _records(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with their spreadsheet row numbers (a quoted line break inside a cell
    does not start a new row)."""
    for number, values in enumerate(reader, start=1):
        if any(v.strip() for v in values):
            yield number, values


# --------------------------------------------------------------------------- the import
def import_name(path: Path) -> str:
    """``ogp-sheet-<stem>`` for a sheet file (a stem that already starts with 'ogp-sheet' is
    not repeated): the output file's stem, its named graph and its source."""
    stem = slug(path.stem, limit=80)
    return stem if stem == "ogp-sheet" or stem.startswith("ogp-sheet-") else f"ogp-sheet-{stem}"


def import_graph_iri(name: str) -> str:
    return f"{ns.GRAPH}imports/{name}"


@dataclass
class ImportResult:
    """What an import did: problems, counts, the output file, whether it was written."""

    sheet: Path
    output: Path
    graph: str
    problems: list[SheetProblem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    skipped_rows: list[int] = field(default_factory=list)
    written: bool = False
    unchanged: bool = False
    refused: bool = False

    @property
    def issues(self) -> list[SheetProblem]:
        """Problems proper (notes such as an ignored extra column left out)."""
        return [p for p in self.problems if p.severity in ("error", "warning")]

    def summary(self) -> list[tuple[str, int | str]]:
        c = self.counts
        rows: list[tuple[str, int | str]] = [
            ("rows read", c.get("rows", 0)),
            ("rows imported", c.get("imported", 0)),
            ("rows skipped", len(self.skipped_rows)),
            ("problems", len(self.issues)),
            ("  errors (row skipped)", sum(p.severity == "error" for p in self.issues)),
            ("  warnings (cell not imported)", sum(p.severity == "warning" for p in self.issues)),
        ]
        for kind in ("members", "action plans", "commitments", "organisations"):
            rows.append((f"{kind} created", c.get(f"{kind} created", 0)))
            rows.append((f"{kind} matched", c.get(f"{kind} matched", 0)))
        rows += [("relevance claims", c.get("claims", 0)),
                 ("IRM assessments", c.get("assessments", 0)),
                 ("triples", c.get("triples", 0))]
        status = ("refused (--strict)" if self.refused else "unchanged" if self.unchanged
                  else "written" if self.written else "not written")
        rows += [("output", str(self.output)), ("status", status)]
        return rows

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": str(self.sheet), "output": str(self.output), "graph": self.graph,
                "written": self.written, "unchanged": self.unchanged, "refused": self.refused,
                "counts": dict(sorted(self.counts.items())), "skipped_rows": self.skipped_rows,
                "problems": [p.as_dict() for p in self.problems]}


def import_sheet(
    path: str | Path,
    root: str | Path | Project | None = None,
    *,
    strict: bool = False,
    output_dir: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    kg: KnowledgeGraph | None = None,
) -> ImportResult:
    """Import one sheet into ``graph/imports/<name>.nq`` (or ``output_dir``).

    Args:
        path: the CSV file.
        root: the project (default: found as for every command).
        strict: any problem is fatal: nothing is written and ``refused`` is set.
        output_dir: where to write (default ``graph/imports`` of the project).
        progress: called with (rows done, rows in all) as rows are converted.
        kg: the dataset to match against (default: :func:`ogpgraph.ogpsheet_match.existing_graph`).

    Raises:
        SheetFileError: the file cannot be read or lacks a required column.
        ImportFailed: the output cannot be written.
    """
    from .ogpsheet_match import existing_graph
    from .ogpsheet_rdf import SheetGraph
    from .project import Project, find_project

    project = root if isinstance(root, Project) else find_project(root)
    sheet = read_sheet(path)
    name = import_name(sheet.path)
    out_dir = Path(output_dir) if output_dir is not None else project.graph_dir / "imports"
    result = ImportResult(sheet.path, out_dir / f"{name}.nq", import_graph_iri(name),
                          problems=list(sheet.problems))
    if kg is None:
        kg = existing_graph(project)
    builder = SheetGraph(kg, sheet, name)
    total = len(sheet.rows)
    for done, (number, values) in enumerate(sheet.rows, start=1):
        builder.add_row(number, values)
        if progress is not None:
            progress(done, total)
    lines = builder.nquads()
    result.problems += builder.problems
    result.problems.sort(key=lambda p: (p.row, p.letter.rjust(3), p.column, p.message))
    result.counts = builder.counts()
    result.skipped_rows = sorted(builder.skipped)
    if strict and result.issues:
        result.refused = True
        return result
    try:
        result.unchanged = not write_lines_atomic(result.output, lines)
    except OSError as error:
        raise ImportFailed(f"cannot write {result.output}: {error.strerror or error}") from None
    result.written = not result.unchanged
    return result


def write_lines_atomic(path: Path, lines: Iterator[bytes]) -> bool:
    """Stream lines to a temporary file beside ``path``, then rename it over ``path`` — unless
    the bytes are those already there (then the file is left alone). Like
    :func:`ogpgraph.output.write_atomic`, which takes the whole content at once; streaming keeps
    a large import's peak memory down. Returns whether ``path`` was (re)written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        new = hashlib.sha256()
        with os.fdopen(fd, "wb") as handle:
            for line in lines:
                new.update(line)
                handle.write(line)
        if path.is_file() and _digest(path) == new.hexdigest():
            os.unlink(tmp)
            return False
        os.replace(tmp, path)
        return True
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
