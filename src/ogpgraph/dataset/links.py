"""The tables TINZ (and government) edit: recommendation links under ``graph/links/`` and
status assessments under ``graph/assessments/`` (CSV, a header row required, columns in any
order).

A **links table** (:data:`LINKS`) holds one row per link::

    recommendation, target, relation, status, rationale, evidence_source, asserted_by,
    asserted_on, reviewer, signed_off, certainty, note

A **status assessment table** (:data:`ASSESSMENTS`) holds one row per judgement of a
recommendation's status::

    recommendation, status, rationale, evidence_source, asserted_by, asserted_on, reviewer,
    signed_off

A **pillars table** (:data:`PILLARS`, ``graph/pillars/``) holds one row per integrity pillar a
recommendation touches, as the asserter's own report says (``rec ogp:touchesPillar pillar`` in
the table's graph, with an ``rdf:Statement`` saying who and when)::

    recommendation, pillar, rationale, evidence_source, asserted_by, asserted_on, reviewer,
    signed_off

- ``recommendation``: a short identifier of an NIS recommendation or part (``nis-rec-5``,
  ``nis-rec-1-uncac``);
- ``pillar`` (pillars): the pillar's name (``public-sector``, ``media``…);
- ``target`` (links): the commitment, focus area, result, initiative, action plan, document or
  event it links to (``commitment-3``, ``result-4``…);
- ``relation`` (links): ``addresses``, ``partly-addresses``, ``does-not-address``, or ``linked``
  when the source links the two without grading how far the target addresses the
  recommendation;
- ``status``: the asserter's judgement of the recommendation's status (required in an
  assessment table; optional in a links table, where it is a status assessment of the
  recommendation made with the link): ``met``, ``progressing``, ``not-fully-addressed``,
  ``not-started`` or ``unknown``;
- ``rationale``: why (required); ``evidence_source``: where the evidence is (a case study's
  identifier, a URL, a report section IRI, or a citation; may be blank);
- ``asserted_by``: the organisation's identifier (``org-tinz``); ``asserted_on``: a date,
  ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``;
- ``reviewer`` (optional): the person or team under the organisation who made the row;
  ``signed_off`` (optional): ``yes`` on the row that is the organisation's position when
  reviewers differ;
- ``certainty`` (links, optional): the notation of a concept of the certainty scheme
  (:class:`~ogpgraph.model.Certainty`): ``dataset-reading`` when the source gives no grade and
  the row's grade is this dataset's reading of its words, or ``uncertain``; a row with a
  certainty needs a ``note``;
- ``note`` (links, optional): what a reader should know about the row, e.g. which words a grade
  reads (the link's ``skos:note``).

Rows are dated statements, not state: a newer row by the same assessor supersedes an older one
(which stays, as history), and reviewers' rows become one organisational position by the rule in
:mod:`ogpgraph.model.positions`. :func:`check_links` reports every problem of one table by row
and column (never a traceback); :func:`check_positions` the rows of several tables that give one
assessor two positions on one date; :func:`compile_links` turns a valid table into RDF in the
named graph ``graph/<folder>/<key>`` (the file's stem, percent-encoded when it holds spaces or
other characters an IRI may not: :func:`table_key`), with PROV (who asserted each row) and
``dcterms:date``/``ogp:date`` (when, as precise as given; ``prov:generatedAtTime`` too when the
day is known).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import DataError
from ogpgraph.core.queries import internal_query
from ogpgraph.model import (
    LINK_RELATIONS,
    Certainty,
    Kind,
    Relation,
    Status,
    asserter_words,
    status_words,
)
from ogpgraph.model.positions import SIGNED, UNSIGNED, Row, truthy

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.findings import Finding
    from ogpgraph.dataset.store import KnowledgeGraph


@dataclass(frozen=True)
class TableKind:
    """A kind of table TINZ or government edits: its folder under ``graph/``, its columns and the
    ones a row must fill, and what one row is (in messages)."""

    folder: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    row_is: str
    #: the column naming what a row links the recommendation to (None: a status assessment)
    target: str | None = None

    @property
    def graph_prefix(self) -> str:
        """The prefix of its tables' named graphs (``…/graph/links/``)."""
        return f"{ns.GRAPH}{self.folder}/"

    @property
    def source_prefix(self) -> str:
        """The prefix of its tables' source IRIs (``…/source/links/``)."""
        return f"{ns.SOURCE}{self.folder}/"

    @property
    def links(self) -> bool:
        """A recommendation links table (target, relation; positions per link)."""
        return self.target == "target"


#: the columns every kind of table shares
_SHARED = ("rationale", "evidence_source", "asserted_by", "asserted_on", "reviewer", "signed_off")
#: recommendation links: ``graph/links/*.csv``
LINKS = TableKind(
    "links",
    ("recommendation", "target", "relation", "status", *_SHARED, "certainty", "note"),
    ("recommendation", "target", "relation", "rationale", "asserted_by", "asserted_on"),
    "link",
    "target",
)
#: status assessments: ``graph/assessments/*.csv``
ASSESSMENTS = TableKind(
    "assessments",
    ("recommendation", "status", *_SHARED),
    ("recommendation", "status", "rationale", "asserted_by", "asserted_on"),
    "status assessment",
)
#: which integrity pillars a recommendation touches, as an organisation's own report says:
#: ``graph/pillars/*.csv``
PILLARS = TableKind(
    "pillars",
    ("recommendation", "pillar", *_SHARED),
    ("recommendation", "pillar", "rationale", "asserted_by", "asserted_on"),
    "pillar a recommendation touches",
    "pillar",
)
TABLE_KINDS: tuple[TableKind, ...] = (LINKS, ASSESSMENTS, PILLARS)
#: the files of a table folder that are tables: comma-, semicolon- or tab-separated text
TABLE_SUFFIXES: tuple[str, ...] = (".csv", ".tsv")
#: what a file of a table folder that is not a table is, and what to do, by suffix
NOT_A_TABLE: dict[str, str] = {
    ".xlsx": "an Excel workbook: save it as CSV UTF-8 (File > Save As > CSV UTF-8)",
    ".xls": "an Excel workbook: save it as CSV UTF-8 (File > Save As > CSV UTF-8)",
    ".ods": "a spreadsheet workbook: save it as CSV UTF-8",
    ".txt": "Excel's Unicode text is read as a table when it is named .tsv: rename it",
}


def not_tables(folders: Iterable[Path]) -> list[tuple[Path, str]]:
    """The files in table folders that are not read as tables (a workbook, a .txt), each with
    what it is and what to do: they would otherwise be passed over without a word."""
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if (
                path.is_file()
                and not path.name.startswith(".")
                and path.suffix not in TABLE_SUFFIXES
            ):
                what = NOT_A_TABLE.get(path.suffix.lower(), "not a table (.csv or .tsv)")
                found.append((path, what))
    return found


COLUMNS = LINKS.columns
REQUIRED = LINKS.required


def table_kind(path: str | Path) -> TableKind:
    """The kind of a table, from its folder (``graph/assessments/`` holds status assessments,
    ``graph/pillars/`` pillars, ``graph/links/`` links). A file elsewhere (``links check
    ~/Downloads/tinz.csv``) is known by its header: a ``target`` column makes it a links table,
    a ``pillar`` column a pillars table, a ``status`` column without either a status table;
    anything else is read as a links table (whose checks then name the missing columns)."""
    folder = Path(path).parent.name
    by_folder = next((kind for kind in TABLE_KINDS if kind.folder == folder), None)
    if by_folder is not None:
        return by_folder
    try:
        header = set(read_rows(Path(path))[0])
    except (DataError, OSError):
        return LINKS
    by_column = next((k for k in TABLE_KINDS if k.target and k.target in header), None)
    if by_column is not None:
        return by_column
    return ASSESSMENTS if "status" in header else LINKS


#: the ``relation`` column's values (from the model)
RELATIONS: tuple[str, ...] = tuple(r.value for r in LINK_RELATIONS)
#: the ``status`` column's values (from the model)
STATUSES: tuple[str, ...] = Status.values()
#: the ``certainty`` column's values (from the model: the certainty scheme's notations)
CERTAINTIES: tuple[str, ...] = Certainty.values()
#: the classes a link's ``target`` may have: those of the kinds a link may start from
TARGET_KINDS: tuple[str, ...] = tuple(
    cls for kind in Kind if kind in Relation.ADDRESSES.sources for cls in kind.classes
)
#: the classes an ``evidence_source`` IRI must have (the shapes' ``dcterms:source`` rule,
#: sh:class ogp:Source with its subclasses in ontology/ogpgraph.ttl)
SOURCE_CLASSES: tuple[str, ...] = (
    ns.OGP + "Source",
    ns.OGP + "ReportSection",
    ns.OGP + "RelevanceTable",
)
#: the most characters a cell may hold (128 Ki, the csv module's default field limit): a links
#: table is edited by hand, and a longer cell is a mistake (an unclosed quote), not a rationale
MAX_CELL = 131_072
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


#: a links problem's JSON keys (``ogpgraph links check --format json``)
LINK_FIELDS = ("path=file", "row", "column", "message")


def table_key(path: str | Path) -> str:
    """The identifier of a links table in IRIs (its named graph ``graph/links/<key>``, its source
    and its links): the file's stem, percent-encoded byte by byte (UTF-8) except for ASCII
    letters, digits and ``-._~``. Deterministic and one-to-one (``%`` itself is encoded), so two
    files never share a key, and the bundled names are unchanged.

    >>> table_key("graph/links/tinz.csv"), table_key("tinz (1).csv"), table_key("tīnz.csv")
    ('tinz', 'tinz%20%281%29', 't%C4%ABnz')
    """
    from urllib.parse import quote

    return quote(Path(path).stem, safe="")


def _problem(path: str, row: int, column: str, message: str) -> Finding:
    """One problem in a links file (a :class:`~ogpgraph.core.findings.Finding` of kind
    ``links``): where (file, row — the header is row 1 —, column) and what."""
    # imported here: loading a clean table (every command's start-up) makes no findings
    from ogpgraph.core.findings import Finding, Location, Severity

    return Finding(
        Severity.ERROR,
        "links",
        path,
        message,
        location=Location(file=path, row=row, column=column or None),
    )


def _types(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """Every typed resource and its types (the graph's ``types`` index)."""

    def make() -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for row in kg.select(internal_query("dataset-types")):
            found.setdefault(row["s"], set()).add(row["t"])
        return found

    return kg.index("types", make)


#: what a links-table error about its encoding suggests (Excel's own words for the format)
SAVE_HINT = (
    'Save the file as UTF-8. In Excel: File > Save As, then "CSV UTF-8 (Comma delimited) (*.csv)".'
)
#: the separators a links table may use: Excel saves ``;`` where the decimal mark is a comma,
#: and tabs for "Text (Tab delimited)"
SEPARATORS = (",", ";", "\t")


def separator(text: str) -> str:
    r"""The separator of a CSV text, from its header row: the one of :data:`SEPARATORS` that
    occurs most often in the first line (outside quotes); a comma on a tie or when none occurs.

    >>> separator("recommendation;target;relation\n"), separator("a,b\n"), separator("a\tb;c\tb")
    (';', ',', '\t')
    """
    first = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    counts = {sep: first.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])  # max keeps the first on a tie
    return best if counts[best] else ","


def _unclosed_quote(text: str, sep: str) -> tuple[int, int] | None:
    """Where the quote that is still open at the end of ``text`` opens and where its record
    starts (indexes), or None.

    Reads as the csv module does: a quote opens a quoted cell only at the start of a cell;
    inside one, ``""`` is a quote and a single ``"`` closes it."""
    state, opened, record, opened_record = "start", 0, 0, 0
    for index, char in enumerate(text):
        if state == "quoted":
            if char == '"':
                state = "after"
        elif state == "after" and char == '"':
            state = "quoted"
        elif char == sep or char in "\r\n":
            state = "start"
            if char in "\r\n":
                record = index + 1
        elif state == "start" and char == '"':
            state, opened, opened_record = "quoted", index, record
        else:
            state = "plain"
    return (opened, opened_record) if state == "quoted" else None


def _csv_rows(path: Path, text: str) -> list[list[str]]:
    """The cells of a CSV text (comma, ``;`` or tab separated: :func:`separator`), each at most
    :data:`MAX_CELL` characters (a longer one is a :class:`DataError` naming its row and column,
    not the csv module's field-limit error); a quote left open is a :class:`DataError` naming
    the row (and column) where it opens."""
    sep = separator(text)
    unclosed = _unclosed_quote(text, sep)
    if unclosed is not None:
        opened, row_start = unclosed
        before = list(csv.reader(io.StringIO(text[:row_start], newline=""), delimiter=sep))
        cells = next(csv.reader([text[row_start:opened]], delimiter=sep), [""])
        header = [h.strip() for h in before[0]] if before else []
        index = len(cells) - 1
        column = header[index] if len(before) and index < len(header) else ""
        where = f"column {column!r}" if column else f"column {index + 1}"
        raise DataError(
            f"row {len(before) + 1}, {where}: a quote opens here and is never closed (line "
            f"{text.count(chr(10), 0, opened) + 1}); the rest of the file would be one cell",
            path=path,
            hint='Close the quote, or write a quote inside a quoted cell as two ("").',
        )
    # csv on the text itself (not splitlines): a quoted cell may hold a line break. The csv
    # module's own limit is lifted while reading (the text is in memory already) so that a long
    # cell can be reported where it is; MAX_CELL is then checked below.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    limit = csv.field_size_limit(max(len(text), MAX_CELL) + 1)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise DataError(f"row {reader.line_num}: CSV syntax error: {error}", path=path) from None
    finally:
        csv.field_size_limit(limit)
    header = rows[0] if rows else []
    for number, values in enumerate(rows, start=1):
        for index, value in enumerate(values):
            if len(value) > MAX_CELL:
                column = header[index].strip() if index < len(header) and number > 1 else ""
                where = f"column {column!r}" if column else f"column {index + 1}"
                raise DataError(
                    f"row {number}, {where}: the cell holds {len(value):,} characters; the most "
                    f"a cell may hold is {MAX_CELL:,}",
                    path=path,
                )
    return rows


#: what starts a comment row: its first cell begins with it (after spaces)
COMMENT = "#"


def is_comment(values: list[str]) -> bool:
    """Whether a row of cells is a comment (an example or a note, not a link): its first cell
    starts with :data:`COMMENT`. No identifier, relation or status starts with ``#``.

    >>> is_comment(["# nis-rec-5", "commitment-3"]), is_comment(["nis-rec-5", "# x"])
    (True, False)
    """
    return bool(values) and values[0].lstrip().startswith(COMMENT)


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and rows (with their 1-based line numbers) of a CSV, BOM and stray spaces removed.

    What a spreadsheet saves is read as it is: UTF-8 with or without a BOM, UTF-16 with a BOM
    ("Unicode text"), ``,``, ``;`` or tab separators, and empty cells after the last column
    (``a,b,c,,,``), in the header as in the rows. A comment row (:func:`is_comment`) is skipped
    like an empty one. Any other encoding is a :class:`DataError`
    naming the line and byte and the encoding it looks like, with :data:`SAVE_HINT`.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise DataError(f"cannot read: {error.strerror or error}", path=path) from None
    if data.startswith(b"PK\x03\x04"):  # a zip: a workbook, not text
        raise DataError(f"this is {NOT_A_TABLE['.xlsx']}", path=path)
    header, rows = _parsed(str(path), data)
    # copies: the cache below keeps the parse, callers get their own rows
    return list(header), [(number, dict(record)) for number, record in rows]


@functools.lru_cache(maxsize=32)
def _parsed(
    path: str, data: bytes
) -> tuple[tuple[str, ...], tuple[tuple[int, dict[str, str]], ...]]:
    """:func:`read_rows` of a file's bytes, kept for the same path and bytes: checking a table,
    checking positions across tables and compiling it read it several times in one load (a
    file that changed has other bytes, so it is read afresh)."""
    from ogpgraph.core.files import decode_utf8

    rows = _csv_rows(Path(path), decode_utf8(data, path, utf16=True, hint=SAVE_HINT))
    if not rows:
        return (), ()
    header = [h.strip().lower().replace(" ", "_") for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    out = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values) or is_comment(values):
            continue
        record = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
        if record.get("asserted_on"):
            record["asserted_on"] = spreadsheet_date(record["asserted_on"])
        extra = values[len(header) :]
        if any(v.strip() for v in extra):
            record["__extra__"] = ",".join(extra)
        out.append((number, record))
    return tuple(header), tuple(out)


def check_links(path: str | Path, kg: KnowledgeGraph) -> list[Finding]:
    """Every problem of one table (links or status assessments: :func:`table_kind`), by row and
    column; an empty list when it is valid.

    It checks what :func:`compile_links` and the shapes need, so that a table it accepts builds
    and validates: identifiers of the right kinds (recommendation, target, an organisation as
    asserter), the relation, status and certainty vocabularies (a certainty with a note), dates,
    ``signed_off`` values, an
    ``evidence_source`` IRI naming a source or report section, one row per recommendation,
    target, date and reviewer (the row's IRI), and one position per assessor and date
    (:func:`check_positions` over this table alone; ``links check`` and loading run it over
    every table together)."""
    from ogpgraph.dataset.resolve import identifiers, suggest

    path = Path(path)
    kind = table_kind(path)
    shown = str(path)
    problems: list[Finding] = []
    header, rows = read_rows(path)
    if not header:
        return [
            _problem(
                shown,
                1,
                "",
                f"the file is empty: it needs a header row ({', '.join(kind.columns)})",
            )
        ]
    missing = [c for c in kind.required if c not in header]
    unknown = [c for c in header if c not in kind.columns]
    for column in missing:
        problems.append(_problem(shown, 1, column, "required column is missing from the header"))
    for column in unknown:
        hint = (
            " (a links table's target and relation have no place in a status assessment "
            "table under assessments/)"
            if column in LINKS.columns
            else ""
        )
        problems.append(
            _problem(
                shown, 1, column, f"unknown column (expected: {', '.join(kind.columns)}){hint}"
            )
        )
    if missing:
        return problems
    ids = identifiers(kg)
    types = _types(kg)
    seen: dict[tuple[str, ...], tuple[int, str]] = {}

    def unknown_id(row: int, column: str, value: str, what: str) -> None:
        close = suggest(kg, value)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        problems.append(_problem(shown, row, column, f"unknown {what} {value!r}{hint}"))

    for number, rec in rows:
        if "__extra__" in rec:
            problems.append(
                _problem(
                    shown,
                    number,
                    "",
                    "more cells than header columns (a comma inside a value needs quotes)",
                )
            )
        for column in kind.required:
            if not rec.get(column):
                problems.append(_problem(shown, number, column, "required value is missing"))
        r, t = rec.get("recommendation", ""), rec.get("target", "")
        if r:
            if r not in ids:
                unknown_id(number, "recommendation", r, "recommendation")
            elif not types.get(ids[r], set()) & set(Kind.RECOMMENDATION.classes):
                problems.append(
                    _problem(shown, number, "recommendation", f"{r!r} is not an NIS recommendation")
                )
        if t:
            if t not in ids:
                unknown_id(number, "target", t, "identifier")
            elif not types.get(ids[t], set()) & set(TARGET_KINDS):
                problems.append(
                    _problem(
                        shown,
                        number,
                        "target",
                        f"{t!r} is not a commitment, focus area, result, initiative, action plan, document or event",
                    )
                )
        pillar = rec.get("pillar", "")
        if pillar and pillar_iri(pillar, types) is None:
            names = sorted(_pillars(types))
            problems.append(
                _problem(
                    shown,
                    number,
                    "pillar",
                    f"unknown pillar {pillar!r} (use: {', '.join(names) or 'none in the graph'})",
                )
            )
        relation = rec.get("relation", "")
        if relation and relation not in RELATIONS:
            problems.append(
                _problem(
                    shown,
                    number,
                    "relation",
                    f"unknown relation {relation!r} (use: {', '.join(RELATIONS)})",
                )
            )
        status = rec.get("status", "")
        if status and status not in STATUSES:
            problems.append(
                _problem(
                    shown,
                    number,
                    "status",
                    f"unknown status {status!r} (use: {', '.join(STATUSES)})",
                )
            )
        signed = rec.get("signed_off", "")
        if signed and signed.lower() not in SIGNED + UNSIGNED:
            problems.append(
                _problem(
                    shown,
                    number,
                    "signed_off",
                    f"{signed!r} is neither yes nor no (use yes on the row that is the "
                    "organisation's position, or leave it blank)",
                )
            )
        certainty = rec.get("certainty", "")
        if certainty and certainty not in CERTAINTIES:
            problems.append(
                _problem(
                    shown,
                    number,
                    "certainty",
                    f"unknown certainty {certainty!r} (use: {', '.join(CERTAINTIES)}, or leave it "
                    "blank)",
                )
            )
        elif certainty and not rec.get("note"):
            problems.append(
                _problem(
                    shown,
                    number,
                    "note",
                    f"a row with certainty {certainty!r} needs a note saying why (e.g. which words "
                    "of the source its grade reads)",
                )
            )
        asserter = rec.get("asserted_by", "")
        if asserter and asserter not in ids:
            unknown_id(number, "asserted_by", asserter, "organisation")
        elif asserter and not types.get(ids[asserter], set()) & set(Kind.ORGANISATION.classes):
            problems.append(
                _problem(
                    shown,
                    number,
                    "asserted_by",
                    f"{asserter!r} is not an organisation (a {kind.row_is} is asserted by an "
                    "organisation; name a reviewer in the reviewer column)",
                )
            )
        evidence = rec.get("evidence_source", "")
        if evidence:
            message = _evidence_problem(evidence, types, ids)
            if message:
                problems.append(_problem(shown, number, "evidence_source", message))
        date = rec.get("asserted_on", "")
        if date and not _valid_date(date):
            problems.append(
                _problem(
                    shown,
                    number,
                    "asserted_on",
                    f"{date!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY; a spreadsheet's "
                    "day/month/year such as 31/12/2016 is read in New Zealand order)",
                )
            )
        # one row per recommendation, target, date and reviewer in a file: the row's IRI is made
        # of them (with the file's key), so two such rows would merge into one resource with two
        # asserters, relations or statuses (which validate then rejects by IRI)
        t = rec.get(kind.target, "") if kind.target else ""
        key = (r, t, date, rec.get("reviewer", "").casefold())
        if r and (t or not kind.target) and date:
            what = (
                f"recommendation, {kind.target}, date and reviewer"
                if kind.target
                else ("recommendation, date and reviewer")
            )
            if key in seen:
                first, first_asserter = seen[key]
                if asserter == first_asserter:
                    message = f"duplicate of row {first} (same asserter, {what})"
                else:
                    message = (
                        f"row {first} has the same {what}, asserted by {first_asserter!r}: one "
                        f"file holds one row per {what} (one asserter per row)"
                    )
                    problems.append(
                        _problem(
                            shown,
                            first,
                            "asserted_by",
                            f"row {number} has the same {what}, asserted by {asserter!r}: one "
                            f"file holds one row per {what} (one asserter per row)",
                        )
                    )
                problems.append(
                    _problem(
                        shown, number, "asserted_by" if asserter != first_asserter else "", message
                    )
                )
            else:
                seen[key] = (number, asserter)
    if not problems:
        problems.extend(check_positions([path], kg))
    return problems


def _position_rows(
    paths: Sequence[Path], kg: KnowledgeGraph
) -> dict[tuple[str, ...], list[Row[tuple[str, int, str]]]]:
    """The rows of valid tables grouped by what one position is about: ``("status", assessor,
    recommendation)`` and ``("link", assessor, recommendation, target)``; each row's item is
    (file, row number, column)."""
    from ogpgraph.dataset.resolve import assessors, identifiers

    ids = identifiers(kg)
    who = assessors(kg)
    grouped: dict[tuple[str, ...], list[Row[tuple[str, int, str]]]] = {}
    for path in paths:
        kind = table_kind(path)
        for number, rec in read_rows(path)[1]:
            assessor = who.get(ids.get(rec.get("asserted_by", ""), ""), "")
            date, reviewer = rec["asserted_on"], rec.get("reviewer", "")
            signed = truthy(rec.get("signed_off", ""))
            if rec.get("status"):
                grouped.setdefault(("status", assessor, rec["recommendation"]), []).append(
                    Row(rec["status"], date, reviewer, signed, item=(str(path), number, "status"))
                )
            if kind.links:
                grouped.setdefault(
                    ("link", assessor, rec["recommendation"], rec["target"]), []
                ).append(
                    Row(rec["relation"], date, reviewer, signed, (str(path), number, "relation"))
                )
    return grouped


def check_positions(paths: Sequence[str | Path], kg: KnowledgeGraph) -> list[Finding]:
    """The rows of the given (individually valid) tables that give one assessor two statuses of
    one recommendation, or two relations of one link, on one date (rule 3 of
    :mod:`ogpgraph.model.positions`): each such row named by file, row and column."""
    from ogpgraph.model.positions import disagreeing

    problems: list[Finding] = []
    grouped = _position_rows([Path(p) for p in paths], kg)
    for key in sorted(grouped):
        for rows in disagreeing(grouped[key]):
            what = "status of" if key[0] == "status" else "relation of the link of"
            subject = key[2] if key[0] == "status" else f"{key[2]} to {key[3]}"
            signed = sum(1 for row in rows if row.signed_off)
            fix = (
                "mark the organisation's position with signed_off = yes on one row, or date the "
                "rows apart"
                if signed < 2
                else f"signed_off = yes is on {signed} of these rows: leave it on only the one "
                "that is the organisation's position, or date the rows apart"
            )
            for row in rows:
                if row.item is None:
                    continue
                file, number, column = row.item
                said = "; ".join(
                    (
                        f"row {other.item[1]}"
                        if other.item[0] == file
                        else f"{other.item[0]} row {other.item[1]}"
                    )
                    + f": {other.value}"
                    + (f" (reviewer {other.reviewer})" if other.reviewer else "")
                    for other in rows
                    if other.item
                )
                problems.append(
                    _problem(
                        file,
                        number,
                        column,
                        f"{asserter_words(key[1])} gives two positions on the {what} {subject} "
                        f"on {row.date} ({said}): {fix}",
                    )
                )
    return problems


def _pillars(types: dict[str, set[str]]) -> dict[str, str]:
    """Each integrity pillar's name (the last segment of its IRI: ``public-sector``) and IRI."""
    pillar = Kind.PILLAR.classes
    return {iri.rsplit("/", 1)[-1]: iri for iri, found in types.items() if found & set(pillar)}


def pillar_iri(value: str, types: dict[str, set[str]]) -> str | None:
    """The IRI of a pillar named ``public-sector`` or ``pillar-public-sector``, or None."""
    found = _pillars(types)
    return found.get(value) or found.get(value.removeprefix("pillar-"))


def case_study_iri(value: str, ids: dict[str, str], types: dict[str, set[str]]) -> str | None:
    """The IRI of the case study an ``evidence_source`` cell names by its identifier, or None."""
    iri = ids.get(value.strip())
    if iri is not None and types.get(iri, set()) & set(Kind.CASE_STUDY.classes):
        return iri
    return None


def _evidence_problem(
    evidence: str, types: dict[str, set[str]], ids: dict[str, str] | None = None
) -> str | None:
    """What is wrong with an ``evidence_source`` cell, or None. A cell that starts with the
    sources' namespace becomes a ``dcterms:source`` of the row, so it must be an IRI that names
    a source or report section in the graph; a known identifier must name a case study (cited
    as ``ogp:citesCaseStudy``); anything else (a URL, a citation) is kept as text."""
    import pyoxigraph as ox

    if ids is not None and evidence.strip() in ids:
        if case_study_iri(evidence, ids, types) is None:
            return (
                f"{evidence!r} is an identifier, but not of a case study: evidence is a case "
                "study, a source or section IRI, a URL or a citation"
            )
        return None
    if not evidence.startswith(ns.SOURCE):
        return None
    try:
        ox.NamedNode(evidence)
    except ValueError:
        return f"{evidence!r} is not a valid IRI (a space or another character an IRI may not hold)"
    found = types.get(evidence)
    if not found:
        return f"{evidence!r} names no source in the graph (check the source or section IRI)"
    if not found & set(SOURCE_CLASSES):
        return f"{evidence!r} is not a source or report section"
    return None


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{4})$")
_YEAR_MONTH_DAY = re.compile(r"^(\d{4})/(\d{1,2})(?:/(\d{1,2}))?$")


def spreadsheet_date(value: str) -> str:
    """A date as a spreadsheet in New Zealand saves it, written as the tables store it: day,
    month and year in New Zealand order (``31/12/2016``, ``1.2.2016``: 1 February) become
    ``2016-12-31``, ``12/2016`` becomes ``2016-12``, ``2016/12/31`` becomes ``2016-12-31``.
    Anything else is left as it is (and checked as a date).

    >>> spreadsheet_date("31/12/2016"), spreadsheet_date("1/2/2016"), spreadsheet_date("12/2016")
    ('2016-12-31', '2016-02-01', '2016-12')
    >>> spreadsheet_date("2016-03-15"), spreadsheet_date("12/31/2016")
    ('2016-03-15', '12/31/2016')
    """
    match = _DAY_MONTH_YEAR.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        return iso if _valid_date(iso) else value
    match = _MONTH_YEAR.match(value)
    if match:
        month, year = int(match.group(1)), int(match.group(2))
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else value
    match = _YEAR_MONTH_DAY.match(value)
    if match:
        iso = f"{match.group(1)}-{int(match.group(2)):02d}" + (
            f"-{int(match.group(3)):02d}" if match.group(3) else ""
        )
        return iso if _valid_date(iso) else value
    return value


def _valid_date(value: str) -> bool:
    """A real calendar date, month or year (2016-02-30 and 2014-13 are not)."""
    import datetime

    if not _DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        datetime.date(
            parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
        )
    except ValueError:
        return False
    return True


def _date_literal(value: str) -> Any:
    import pyoxigraph as ox

    datatype = {10: "date", 7: "gYearMonth", 4: "gYear"}[len(value)]
    return ox.Literal(value, datatype=ox.NamedNode(ns.XSD + datatype))


def _slug(value: str) -> str:
    """A reviewer's name as an IRI segment (percent-encoded, case folded)."""
    from urllib.parse import quote

    return quote(value.strip().casefold(), safe="")


def row_iri(kind: TableKind, key: str, rec: dict[str, str]) -> str:
    """The IRI of a table row: the table's kind and key, the recommendation (and target), the
    date, and the reviewer when there is one — so dated rows and reviewers' rows are distinct
    resources (history), and one row per such combination is allowed in a file."""
    what = {"target": "link", "pillar": "pillar-link"}.get(kind.target or "", "assessment")
    path = rec["recommendation"] + (f"--{rec[kind.target]}" if kind.target else "")
    reviewer = f"/{_slug(rec['reviewer'])}" if rec.get("reviewer") else ""
    return f"{ns.BASE}nz/{what}/{key}/{path}/{rec['asserted_on']}{reviewer}"


def compile_links(path: str | Path, *, graph: str, kg: KnowledgeGraph) -> list[Any]:
    """The quads of a valid table (raises :class:`DataError` naming row and column if not).

    A links table's row becomes an ``ogp:RecommendationLink``; a status (an assessment table's
    row, or a links row's ``status``) an ``ogp:StatusAssessment`` of the recommendation
    (``ogp:about`` the link's target, for a links row). Each has ``prov:wasAttributedTo``, its
    date, its reviewer (``ogp:reviewer``) and sign-off (``ogp:signedOff``) when given; the file
    itself is an ``ogp:Source`` cited by every row.
    A link's ``certainty`` and ``note`` become ``ogp:certainty`` and ``skos:note``.
    """
    import pyoxigraph as ox

    from ogpgraph.dataset.resolve import identifiers

    path = Path(path)
    problems = check_links(path, kg)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(
            problems[0].where_and_what + more,
            hint=f"Run `ogpgraph links check {path}` for every problem.",
            problems=problems,
        )
    kind = table_kind(path)
    N, L = ox.NamedNode, ox.Literal
    G = N(graph)
    ids = identifiers(kg)
    key = table_key(path)
    source = N(kind.source_prefix + key)
    what = {
        "target": "Recommendation links",
        "pillar": "Recommendation pillars",
    }.get(kind.target or "", "Recommendation status assessments")
    types = _types(kg)
    quads = [
        ox.Quad(source, N(ns.RDF + "type"), N(ns.OGP + "Source"), G),
        ox.Quad(
            source,
            N(ns.RDFS + "label"),
            L(f"{what} table graph/{kind.folder}/{path.name}", language="en"),
            G,
        ),
    ]
    _header, rows = read_rows(path)
    for _number, rec in rows:
        rec_id = rec["recommendation"]
        subject = N(row_iri(kind, key, rec))
        by = f" by {rec['reviewer']}" if rec.get("reviewer") else ""

        def add(p: str, o: Any, s: Any) -> None:
            quads.append(ox.Quad(s, N(p), o, G))

        def provenance(s: Any, rec: dict[str, str] = rec) -> None:
            add(ns.PROV + "wasAttributedTo", N(ids[rec["asserted_by"]]), s)
            if rec.get("reviewer"):
                add(ns.OGP + "reviewer", L(rec["reviewer"]), s)
            if rec.get("signed_off"):
                add(
                    ns.OGP + "signedOff",
                    L(
                        "true" if truthy(rec["signed_off"]) else "false",
                        datatype=N(ns.XSD + "boolean"),
                    ),
                    s,
                )
            add(ns.OGP + "rationale", L(rec["rationale"], language="en"), s)
            if rec.get("evidence_source"):
                add(ns.OGP + "evidenceSource", L(rec["evidence_source"]), s)
                if rec["evidence_source"].startswith(ns.SOURCE):
                    add(ns.DCTERMS + "source", N(rec["evidence_source"]), s)
                study = case_study_iri(rec["evidence_source"], ids, types)
                if study is not None:
                    add(ns.OGP + "citesCaseStudy", N(study), s)
            add(ns.DCTERMS + "source", source, s)
            if len(rec["asserted_on"]) == 10:  # PROV wants an instant: only when the day is known
                add(ns.PROV + "generatedAtTime", _date_literal(rec["asserted_on"]), s)

        if kind.links:
            target_id = rec["target"]
            add(ns.RDF + "type", N(ns.OGP + "RecommendationLink"), subject)
            add(
                ns.RDFS + "label",
                L(
                    f"{rec_id} {rec['relation']} {target_id} ({path.stem}, "
                    f"{rec['asserted_on']}{by})",
                    language="en",
                ),
                subject,
            )
            add(ns.OGP + "recommendation", N(ids[rec_id]), subject)
            add(ns.OGP + "linkedTo", N(ids[target_id]), subject)
            add(ns.OGP + "linkRelation", N(ns.VOCAB + "link-relation/" + rec["relation"]), subject)
            add(ns.DCTERMS + "date", _date_literal(rec["asserted_on"]), subject)
            if rec.get("certainty"):
                add(ns.OGP + "certainty", N(ns.VOCAB + "certainty/" + rec["certainty"]), subject)
            if rec.get("note"):
                add(ns.SKOS + "note", L(rec["note"], language="en"), subject)
            provenance(subject)
        if kind.target == "pillar":
            # the statement itself, in the table's graph (the views draw it), and who made it
            pillar = N(pillar_iri(rec["pillar"], types) or "")
            add(ns.OGP + "touchesPillar", pillar, N(ids[rec_id]))
            add(ns.RDF + "type", N(ns.RDF + "Statement"), subject)
            add(
                ns.RDFS + "label",
                L(
                    f"{rec_id} touches {rec['pillar']} ({path.stem}, {rec['asserted_on']}{by})",
                    language="en",
                ),
                subject,
            )
            add(ns.RDF + "subject", N(ids[rec_id]), subject)
            add(ns.RDF + "predicate", N(ns.OGP + "touchesPillar"), subject)
            add(ns.RDF + "object", pillar, subject)
            add(ns.DCTERMS + "date", _date_literal(rec["asserted_on"]), subject)
            provenance(subject)
        if rec.get("status"):
            assessment = N(subject.value + "/status") if kind.links else subject
            add(ns.RDF + "type", N(ns.OGP + "StatusAssessment"), assessment)
            add(
                ns.RDFS + "label",
                L(
                    f"Status of {rec_id} by {rec['asserted_by']}{by} on {rec['asserted_on']}: "
                    f"{status_words(rec['status'])} ({path.stem})",
                    language="en",
                ),
                assessment,
            )
            add(ns.OGP + "assessedEntity", N(ids[rec_id]), assessment)
            add(
                ns.OGP + "status",
                N(ns.VOCAB + "recommendation-status/" + rec["status"]),
                assessment,
            )
            add(ns.OGP + "date", _date_literal(rec["asserted_on"]), assessment)
            if kind.links:
                add(ns.OGP + "about", N(ids[rec["target"]]), assessment)
                add(ns.PROV + "wasDerivedFrom", subject, assessment)
            provenance(assessment)
    return quads
