"""Query results as text: every format a SELECT, ASK, CONSTRUCT or DESCRIBE result is written in.

SELECT and ASK use the SPARQL 1.1 result formats (JSON, XML, CSV, TSV; :mod:`ogpgraph.core.formats`)
or the row formats of :mod:`ogpgraph.core.output` (table, markdown); CONSTRUCT and DESCRIBE use the
registry's graph-result syntaxes (Turtle, N-Triples, JSON-LD, RDF/XML). Every result is made safe
for its reader (:func:`safe_results`, :mod:`ogpgraph.core.sanitize`) here, for the command line, the
endpoint and remote results alike.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ogpgraph.core import formats
from ogpgraph.core import namespaces as ns
from ogpgraph.core.output import ROW_FORMATS, Table, render
from ogpgraph.core.sanitize import (
    csv_cell,
    escape_controls_json,
    escape_controls_xml,
    is_formula_like,
)
from ogpgraph.core.values import display

#: SPARQL result formats by their short names (json, xml, csv, tsv).
RESULTS_FORMATS: tuple[str, ...] = tuple(f.short for f in formats.results_formats())
#: Formats of a SELECT or ASK result: the row formats with the SPARQL result formats.
SELECT_FORMATS: tuple[str, ...] = tuple(
    dict.fromkeys([*ROW_FORMATS[:-1], *RESULTS_FORMATS, ROW_FORMATS[-1]])
)
#: Formats of a CONSTRUCT or DESCRIBE result (``table`` is Turtle too).
GRAPH_FORMATS: tuple[str, ...] = tuple(f.short for f in formats.graph_result_formats())
#: Every format a query result can be written in.
QUERY_FORMATS: tuple[str, ...] = SELECT_FORMATS + GRAPH_FORMATS


def result_kind(result: Any) -> str:
    """``select``, ``ask`` or ``graph``."""
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return "ask"
    if isinstance(result, ox.QueryTriples):
        return "graph"
    return "select"


def result_table(result: Any) -> Table:
    """A SELECT result as an :class:`ogpgraph.core.output.Table` of display strings."""
    names = [v.value for v in result.variables]
    rows: list[Sequence[Any]] = [[display(row[n]) for n in names] for row in result]
    return Table(names, rows)


def safe_results(text: str, fmt: str) -> str:
    """A SPARQL results document that a spreadsheet, terminal or editor cannot turn against its
    reader (:mod:`ogpgraph.core.sanitize`), everywhere it is written: the CLI and the endpoint.

    CSV (W3C: plain values, no escapes): formula-like cells get a leading ``'``, control
    characters show as ``<U+XXXX>``. TSV (values in Turtle syntax): a literal whose text starts
    like a formula has that character written as a ``\\u`` escape, and control characters
    too, so the value is unchanged. JSON and XML: control characters as ``\\u``/``&#x…;``
    escapes, the same data.
    """
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in csv.reader(io.StringIO(text, newline="")):
            writer.writerow([csv_cell(cell) for cell in row])
        return out.getvalue()
    if fmt == "tsv":
        return "\n".join(
            "\t".join(_safe_tsv_term(t) for t in line.split("\t"))
            for line in escape_controls_json(text).split("\n")
        )
    if fmt == "xml":
        return escape_controls_xml(text)
    return escape_controls_json(text)


def _safe_tsv_term(term: str) -> str:
    """A Turtle-syntax term of a SPARQL TSV result: a literal ``"=…"`` becomes ``"\\u003D…"``."""
    if term[:1] == '"' and len(term) > 1:
        body = term[1 : term.rfind('"')] if term.rfind('"') > 0 else term[1:]
        if is_formula_like(body):
            return f'"\\u{ord(term[1]):04X}' + term[2:]
    return term


def serialize_results_bytes(data: bytes, fmt: str) -> str:
    """A SPARQL results document as Oxigraph wrote it, made safe and ended with a newline."""
    text = safe_results(data.decode("utf-8"), fmt)
    return text if text.endswith("\n") else text + "\n"


def serialize_triples(triples: Iterable[Any], fmt: str) -> bytes:
    """Triples in a graph-result syntax (``ttl``, ``nt``, ``jsonld``, ``rdfxml``; ``table`` is
    Turtle), in a stable order, Turtle with the project's prefixes sorted."""

    try:
        syntax = formats.get(fmt, "rdf")
    except KeyError:
        syntax = formats.get("turtle")
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return formats.serialize_rdf(ordered, syntax, ns.PREFIXES if syntax.prefixes else None)


def serialize_result(result: Any, fmt: str) -> str:
    """Serialise any query result in ``fmt`` (see :data:`SELECT_FORMATS`, :data:`GRAPH_FORMATS`).

    SELECT and ASK in json/csv/tsv/xml use the SPARQL 1.1 result formats; CONSTRUCT and DESCRIBE
    give Turtle (``table`` and ``ttl``), N-Triples, JSON-LD or RDF/XML, with the project's
    prefixes. Results are made safe for their reader by :func:`safe_results`.
    """
    kind = result_kind(result)
    if kind == "graph":
        return serialize_triples(result, fmt).decode("utf-8")
    if fmt in RESULTS_FORMATS:
        syntax = formats.get(fmt, "results").pyoxigraph_format()
        return serialize_results_bytes(result.serialize(format=syntax), fmt)
    if kind == "ask":
        return ("true" if bool(result) else "false") + "\n"
    return render(result_table(result), "markdown" if fmt == "markdown" else "table")
