"""Recommendation links: CSV tables under ``graph/links/`` that TINZ (and government) edit.

One row per link, with these columns (any order; a header row is required)::

    recommendation, target, relation, status, rationale, evidence_source, asserted_by, asserted_on

- ``recommendation``: a short identifier of an NIS recommendation (``nis-rec-5``);
- ``target``: the commitment, focus area, result or initiative it links to (``commitment-3``,
  ``result-4``, ``initiative-realme``…);
- ``relation``: ``addresses``, ``partly-addresses`` or ``does-not-address``;
- ``status``: the asserter's judgement of the recommendation's status: ``met``, ``progressing``,
  ``not-fully-addressed``, ``not-started`` or ``unknown`` (may be blank);
- ``rationale``: why (required); ``evidence_source``: where the evidence is (a URL, a report
  section IRI, or a citation; may be blank);
- ``asserted_by``: the organisation's identifier (``org-tinz``); ``asserted_on``: a date,
  ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

:func:`check_links` reports every problem by row and column (never a traceback);
:func:`compile_links` turns a valid file into RDF in the named graph ``graph/links/<key>`` (the
file's stem, percent-encoded when it holds spaces or other characters an IRI may not: :func:`table_key`),
with PROV (who asserted each link) and ``dcterms:date`` (when, as precise as given;
``prov:generatedAtTime`` too when the day is known).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import DataError
from ogpgraph.core.queries import internal_query
from ogpgraph.model import LINK_RELATIONS, Kind, Relation, Status

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.findings import Finding
    from ogpgraph.dataset.store import KnowledgeGraph

COLUMNS = (
    "recommendation",
    "target",
    "relation",
    "status",
    "rationale",
    "evidence_source",
    "asserted_by",
    "asserted_on",
)
REQUIRED = ("recommendation", "target", "relation", "rationale", "asserted_by", "asserted_on")
#: the ``relation`` column's values (from the model)
RELATIONS: tuple[str, ...] = tuple(r.value for r in LINK_RELATIONS)
#: the ``status`` column's values (from the model)
STATUSES: tuple[str, ...] = Status.values()
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
    from ogpgraph.core.files import read_text

    rows = _csv_rows(path, read_text(path, utf16=True, hint=SAVE_HINT))
    if not rows:
        return [], []
    header = [h.strip().lower().replace(" ", "_") for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    out = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values) or is_comment(values):
            continue
        record = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
        extra = values[len(header) :]
        if any(v.strip() for v in extra):
            record["__extra__"] = ",".join(extra)
        out.append((number, record))
    return header, out


def check_links(path: str | Path, kg: KnowledgeGraph) -> list[Finding]:
    """Every problem of a links file, by row and column; an empty list when it is valid.

    It checks what :func:`compile_links` and the shapes of ``ogp:RecommendationLink`` need, so
    that a table it accepts builds and validates: identifiers of the right kinds (recommendation,
    target, an organisation as asserter), the relation and status vocabularies, dates, an
    ``evidence_source`` IRI naming a source or report section, and one row per recommendation
    and target (the link's IRI), so that no link gets two asserters, relations or dates."""
    from ogpgraph.dataset.resolve import identifiers, suggest

    path = Path(path)
    shown = str(path)
    problems: list[Finding] = []
    header, rows = read_rows(path)
    if not header:
        return [
            _problem(
                shown, 1, "", f"the file is empty: it needs a header row ({', '.join(COLUMNS)})"
            )
        ]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    for column in missing:
        problems.append(_problem(shown, 1, column, "required column is missing from the header"))
    for column in unknown:
        problems.append(
            _problem(shown, 1, column, f"unknown column (expected: {', '.join(COLUMNS)})")
        )
    if missing:
        return problems
    ids = identifiers(kg)
    types = _types(kg)
    seen: dict[tuple[str, str], tuple[int, str]] = {}

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
        for column in REQUIRED:
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
        asserter = rec.get("asserted_by", "")
        if asserter and asserter not in ids:
            unknown_id(number, "asserted_by", asserter, "organisation")
        elif asserter and not types.get(ids[asserter], set()) & set(Kind.ORGANISATION.classes):
            problems.append(
                _problem(
                    shown,
                    number,
                    "asserted_by",
                    f"{asserter!r} is not an organisation (a link is asserted by an organisation)",
                )
            )
        evidence = rec.get("evidence_source", "")
        if evidence:
            message = _evidence_problem(evidence, types)
            if message:
                problems.append(_problem(shown, number, "evidence_source", message))
        date = rec.get("asserted_on", "")
        if date and not _valid_date(date):
            problems.append(
                _problem(
                    shown,
                    number,
                    "asserted_on",
                    f"{date!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
                )
            )
        # one link per recommendation and target in a file: its IRI is made of the file's key,
        # the recommendation and the target, so two such rows would merge into one link with two
        # asserters, relations or dates (which validate then rejects by IRI)
        if r and t:
            if (r, t) in seen:
                first, first_asserter = seen[(r, t)]
                if asserter == first_asserter:
                    message = f"duplicate of row {first} (same recommendation, target and asserter)"
                else:
                    message = (
                        f"row {first} links the same recommendation and target, asserted by "
                        f"{first_asserter!r}: one file holds one link per recommendation and "
                        "target (one asserter per link)"
                    )
                    problems.append(
                        _problem(
                            shown,
                            first,
                            "asserted_by",
                            f"row {number} links the same recommendation and target, asserted "
                            f"by {asserter!r}: one file holds one link per recommendation and "
                            "target (one asserter per link)",
                        )
                    )
                problems.append(
                    _problem(
                        shown, number, "asserted_by" if asserter != first_asserter else "", message
                    )
                )
            else:
                seen[(r, t)] = (number, asserter)
    return problems


def _evidence_problem(evidence: str, types: dict[str, set[str]]) -> str | None:
    """What is wrong with an ``evidence_source`` cell, or None. A cell that starts with the
    sources' namespace becomes a ``dcterms:source`` of the link, so it must be an IRI that names
    a source or report section in the graph; anything else (a URL, a citation) is kept as text."""
    import pyoxigraph as ox

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


def compile_links(path: str | Path, *, graph: str, kg: KnowledgeGraph) -> list[Any]:
    """The quads of a valid links file (raises :class:`DataError` naming row and column if not).

    Each row becomes an ``ogp:RecommendationLink`` with ``prov:wasAttributedTo`` and
    ``prov:generatedAtTime``; the file itself is an ``ogp:Source`` cited by every link.
    """
    import pyoxigraph as ox

    from ogpgraph.dataset.resolve import identifiers

    path = Path(path)
    problems = check_links(path, kg)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(
            str(problems[0]) + more,
            hint=f"Run `ogpgraph links check {path}` for every problem.",
            problems=problems,
        )
    N, L = ox.NamedNode, ox.Literal
    G = N(graph)
    ids = identifiers(kg)
    asserter_key = table_key(path)
    source = N(ns.SOURCE + "links/" + asserter_key)
    quads = [
        ox.Quad(source, N(ns.RDF + "type"), N(ns.OGP + "Source"), G),
        ox.Quad(
            source,
            N(ns.RDFS + "label"),
            L(f"Recommendation links table graph/links/{path.name}", language="en"),
            G,
        ),
    ]
    _header, rows = read_rows(path)
    for _number, rec in rows:
        rec_id, target_id = rec["recommendation"], rec["target"]
        link = N(f"{ns.BASE}nz/link/{asserter_key}/{rec_id}--{target_id}")

        def add(p: str, o: Any, link: Any = link) -> None:
            quads.append(ox.Quad(link, N(p), o, G))

        add(ns.RDF + "type", N(ns.OGP + "RecommendationLink"))
        add(
            ns.RDFS + "label",
            L(f"{rec_id} {rec['relation']} {target_id} ({path.stem})", language="en"),
        )
        add(ns.OGP + "recommendation", N(ids[rec_id]))
        add(ns.OGP + "linkedTo", N(ids[target_id]))
        add(ns.OGP + "linkRelation", N(ns.VOCAB + "link-relation/" + rec["relation"]))
        if rec.get("status"):
            add(ns.OGP + "assessedStatus", N(ns.VOCAB + "recommendation-status/" + rec["status"]))
        add(ns.OGP + "rationale", L(rec["rationale"], language="en"))
        if rec.get("evidence_source"):
            add(ns.OGP + "evidenceSource", L(rec["evidence_source"]))
            evidence = rec["evidence_source"]
            if evidence.startswith(ns.SOURCE):
                add(ns.DCTERMS + "source", N(evidence))
        add(ns.DCTERMS + "source", source)
        add(ns.PROV + "wasAttributedTo", N(ids[rec["asserted_by"]]))
        add(ns.DCTERMS + "date", _date_literal(rec["asserted_on"]))
        if len(rec["asserted_on"]) == 10:  # PROV wants an instant: only when the day is known
            add(ns.PROV + "generatedAtTime", _date_literal(rec["asserted_on"]))
    return quads
