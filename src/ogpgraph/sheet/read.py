"""Reading the OGP commitments sheet: columns, rows and the problems found in them.

The reader hands the file to :mod:`csv` with ``newline=""`` and streams it (see
:mod:`ogpgraph.sheet.importer` for why not :func:`ogpgraph.dataset.links.read_rows`).
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import DataError, OgpgraphError
from ogpgraph.core.findings import Finding, Location, Severity
from ogpgraph.sheet.names import slug

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
ALIASES = {
    "completion": "completion",
    "diditopengovernment": "opened",
    "supportinginstitution": "support",
    "supportinginstitutions": "support",
    "country": "member",
    "locality": "member",
    "commitmentid": "id",
}


class SheetFileError(DataError):
    """The sheet cannot be read at all (unreadable, not UTF-8, no header, a required column
    missing): exit 2, with every header problem listed."""

    def __init__(
        self,
        message: str,
        *,
        path: Path,
        problems: list[Finding] | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, path=path, hint=hint, problems=problems or ())


class ImportFailed(OgpgraphError):
    """The import was refused (``--strict`` with problems) or could not be written: exit 1."""

    exit_code = 1


#: a sheet problem's JSON keys (``ogpgraph import ogp-sheet --format json``)
SHEET_FIELDS = ("row", "column", "column_letter", "severity", "message")
_SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "note": Severity.INFO}


def sheet_problem(
    row: int, column: str, message: str, severity: str = "warning", letter: str = ""
) -> Finding:
    """One problem of the sheet (a :class:`~ogpgraph.core.findings.Finding` of kind ``sheet``):
    where (spreadsheet row, column and its letter) and what.

    ``severity`` is ``error`` (the row is skipped), ``warning`` (one cell is not imported) or
    ``note`` (nothing lost, e.g. an extra column ignored; severity ``info``).
    """
    return Finding(
        _SEVERITIES[severity],
        "sheet",
        f"row {row}",
        message,
        location=Location(row=row, column=column or None, column_letter=letter or None),
    )


@dataclass
class Sheet:
    """A read sheet: the header as written, column key -> position, and the data rows."""

    path: Path
    digest: str
    header: list[str]
    positions: dict[str, int]
    rows: list[tuple[int, list[str]]]
    problems: list[Finding] = field(default_factory=list)

    def heading(self, key: str) -> str:
        """The column's header as the file writes it (the OGP's name if the column is absent)."""
        pos = self.positions.get(key)
        return self.header[pos].strip() if pos is not None else COLUMNS[key]

    def letter(self, key: str) -> str:
        pos = self.positions.get(key)
        return column_letter(pos) if pos is not None else ""

    def cells(self, values: list[str]) -> dict[str, str]:
        """A row's cells by column key (absent columns and missing cells read as blank)."""
        return {
            key: (values[pos] if pos < len(values) else "") for key, pos in self.positions.items()
        }


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


def file_digest(path: Path) -> str:
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
        digest = file_digest(path)
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            if first.startswith("\ufeff"):  # a second BOM, or utf-8-sig not applied on seek
                first = first[1:]
            reader = csv.reader(handle, delimiter=_delimiter(first))
            records = _records(reader)
            header_record = next(records, None)
            if header_record is None:
                raise SheetFileError(
                    "the file is empty: it needs a header row with the sheet's columns", path=path
                )
            header = [h.lstrip("\ufeff") for h in header_record[1]]
            rows = list(records)
    except UnicodeDecodeError as error:
        raise SheetFileError(
            f"not UTF-8 text ({error.reason} at byte {error.start})",
            path=path,
            hint="Save the sheet as CSV UTF-8.",
        ) from None
    except csv.Error as error:
        raise SheetFileError(f"CSV syntax error: {error}", path=path) from None
    except OSError as error:
        raise SheetFileError(f"cannot read: {error.strerror}", path=path) from None
    positions: dict[str, int] = {}
    problems: list[Finding] = []
    fatal: list[Finding] = []
    for pos, name in enumerate(header):
        key = _KEYS.get(header_key(name))
        if key is None:
            if name.strip():
                problems.append(
                    sheet_problem(
                        1, name.strip(), "unknown column: ignored", "note", column_letter(pos)
                    )
                )
            continue
        if key in positions:
            fatal.append(
                sheet_problem(
                    1,
                    name.strip(),
                    f"the column appears twice (also "
                    f"{column_letter(positions[key])}): which one to read "
                    "is ambiguous",
                    "error",
                    column_letter(pos),
                )
            )
            continue
        positions[key] = pos
    for key in REQUIRED:
        if key not in positions:
            fatal.append(
                sheet_problem(
                    1, COLUMNS[key], "required column is missing from the header", "error"
                )
            )
    if not any(k in positions for k in TITLE_COLUMNS):
        fatal.append(
            sheet_problem(
                1,
                COLUMNS["short_title"],
                "the header needs 'Short Title' or 'Commitment Title'",
                "error",
            )
        )
    if fatal:
        more = f" (and {len(fatal) - 1} more)" if len(fatal) > 1 else ""
        raise SheetFileError(
            f"{fatal[0]}{more}",
            path=path,
            problems=fatal + problems,
            hint="The sheet's columns are: "
            + "; ".join(COLUMNS.values())
            + ". Header names are matched ignoring case, spaces and punctuation.",
        )
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
