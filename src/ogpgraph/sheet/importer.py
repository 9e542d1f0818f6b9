"""Import the OGP's public commitments sheet: every member, every plan, into the graph's ontology.

``ogpgraph import ogp-sheet FILE.csv`` reads the sheet (one row per commitment; the columns of
OGP's download, :data:`ogpgraph.sheet.read.COLUMNS`, in any order, header names matched case-, space- and
punctuation-insensitively, a UTF-8 byte-order mark tolerated) and writes **one** file,
``graph/imports/ogp-sheet-<stem>.nq``, in its own named graph
``https://w3id.org/ogpgraph/graph/imports/ogp-sheet-<stem>`` with the file as its ``ogp:Source``.
How rows become RDF is in :mod:`ogpgraph.sheet.rdf`; this module reads and checks the sheet,
runs the import and writes the file.

- Every problem is a :class:`~ogpgraph.core.findings.Finding` (:func:`sheet_problem`) naming the spreadsheet row (the header is row 1) and
  the column. ``error``: the row cannot be imported and is listed as skipped; ``warning``: one
  cell is not imported (an unknown value, a bad URL…), the rest of the row is.
- ``strict``: any problem is fatal and nothing is written.
- Nothing is lost when an import fails: the file is written to a temporary file and renamed
  only at the end; a failed or strict-refused import leaves the previous file as it was.
- Idempotent: the output depends only on the sheet's bytes and on the rest of the graph (other
  sheet imports excluded), is sorted N-Quads and carries no wall-clock time, so importing the
  same file twice gives the same bytes.

Why not :func:`ogpgraph.dataset.links.read_rows`: it reads lines with ``str.splitlines``, which drops
the line breaks inside quoted cells (the sheet's Full Text has them) and splits rows at U+2028;
this reader hands the file to :mod:`csv` with ``newline=""`` and streams it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ogpgraph.core.findings import Finding
from ogpgraph.sheet.names import clean, clean_text, name_key, slug, split_institutions
from ogpgraph.sheet.read import (
    COLUMNS,
    SHEET_FIELDS,
    ImportFailed,
    Sheet,
    SheetFileError,
    file_digest,
    import_graph_iri,
    import_name,
    read_sheet,
    sheet_problem,
)

__all__ = [
    "COLUMNS",
    "ImportFailed",
    "ImportResult",
    "Sheet",
    "SheetFileError",
    "SHEET_FIELDS",
    "sheet_problem",
    "clean",
    "clean_text",
    "import_sheet",
    "name_key",
    "read_sheet",
    "slug",
    "split_institutions",
]

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.project import Project
    from ogpgraph.dataset.store import KnowledgeGraph


@dataclass
class ImportResult:
    """What an import did: problems, counts, the output file, whether it was written."""

    sheet: Path
    output: Path
    graph: str
    problems: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    skipped_rows: list[int] = field(default_factory=list)
    written: bool = False
    unchanged: bool = False
    refused: bool = False

    @property
    def issues(self) -> list[Finding]:
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
        rows += [
            ("relevance claims", c.get("claims", 0)),
            ("IRM assessments", c.get("assessments", 0)),
            ("triples", c.get("triples", 0)),
        ]
        status = (
            "refused (--strict)"
            if self.refused
            else "unchanged"
            if self.unchanged
            else "written"
            if self.written
            else "not written"
        )
        rows += [("output", str(self.output)), ("status", status)]
        return rows

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": str(self.sheet),
            "output": str(self.output),
            "graph": self.graph,
            "written": self.written,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "counts": dict(sorted(self.counts.items())),
            "skipped_rows": self.skipped_rows,
            "problems": [p.as_dict(SHEET_FIELDS) for p in self.problems],
        }


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
        kg: the dataset to match against (default: :func:`ogpgraph.sheet.match.existing_graph`).

    Raises:
        SheetFileError: the file cannot be read or lacks a required column.
        ImportFailed: the output cannot be written.
    """
    from ogpgraph.core.project import Project, find_project
    from ogpgraph.sheet.match import existing_graph
    from ogpgraph.sheet.rdf import SheetGraph

    project = root if isinstance(root, Project) else find_project(root)
    sheet = read_sheet(path)
    name = import_name(sheet.path)
    out_dir = Path(output_dir) if output_dir is not None else project.graph_dir / "imports"
    result = ImportResult(
        sheet.path, out_dir / f"{name}.nq", import_graph_iri(name), problems=list(sheet.problems)
    )
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
    result.problems.sort(
        key=lambda p: (
            p.location.row or 0,
            (p.location.column_letter or "").rjust(3),
            p.location.column or "",
            p.message,
        )
    )
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
    :func:`ogpgraph.core.output.write_atomic`, which takes the whole content at once; streaming keeps
    a large import's peak memory down. Returns whether ``path`` was (re)written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        new = hashlib.sha256()
        with os.fdopen(fd, "wb") as handle:
            for line in lines:
                new.update(line)
                handle.write(line)
        if path.is_file() and file_digest(path) == new.hexdigest():
            os.unlink(tmp)
            return False
        os.replace(tmp, path)
        return True
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
