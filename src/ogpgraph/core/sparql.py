"""Run SPARQL over the dataset, and turn results into rows or standard result formats.

Safety lives in :mod:`ogpgraph.core.guard`: every query from outside the package is parsed, checked
and run as the canonical text the guard wrote (:func:`run_query`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import QueryError

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph


def _term(value: Any) -> Any:
    import pyoxigraph as ox

    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode(ns.XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(ns.XSD + "integer"))
    text = str(value)
    if re.match(r"^[a-z][a-z0-9+.\-]*:[^\s<>\"]+$", text) and "://" in text:
        return ox.NamedNode(text)
    return ox.Literal(text)


def run_query(
    kg: KnowledgeGraph,
    query: str,
    *,
    bindings: Mapping[str, Any] | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> Any:
    """Check and run a query on the union of the dataset's named graphs.

    Text from outside the package goes through :func:`ogpgraph.core.guard.check` and the engine runs
    the canonical text it returns; :class:`~ogpgraph.core.guard.Trusted` text runs as it is.

    Returns pyoxigraph's ``QuerySolutions`` (SELECT), ``QueryBoolean`` (ASK) or ``QueryTriples``
    (CONSTRUCT/DESCRIBE).
    """
    import pyoxigraph as ox

    from ogpgraph.core.guard import check, engine_syntax_error, syntax_error

    declared = dict(prefixes if prefixes is not None else ns.PREFIXES)
    checked = check(query, allowed_graphs=kg.graph_names(), prefixes=declared)
    substitutions = None
    if bindings:
        substitutions = {ox.Variable(k): _term(v) for k, v in bindings.items() if v is not None}
    try:
        return kg.store.query(
            checked.text,
            use_default_graph_as_union=True,
            prefixes=declared,
            substitutions=substitutions,
        )
    except SyntaxError as error:
        # the canonical text of a checked query reads as the original does: locate the error
        # in the text the user wrote
        located = engine_syntax_error(query, declared)
        raise (located or syntax_error(checked.text, error)) from None
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"query failed: {error}") from None


_XSD_INT = {
    ns.XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
    )
}
_XSD_FLOAT = {ns.XSD + "double", ns.XSD + "float"}


def python_value(term: Any) -> Any:
    """A Python value for a pyoxigraph term: IRIs and strings as str, numbers, booleans, None.

    >>> import pyoxigraph as ox
    >>> python_value(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    3
    """
    import pyoxigraph as ox

    if term is None:
        return None
    if type(term) is not ox.Literal or term.language:
        return term.value
    dt = term.datatype.value
    if dt == _XSD_STRING:
        return term.value
    if dt in _XSD_INT:
        return int(term.value)
    if dt == _XSD_DECIMAL:
        return Decimal(term.value)
    if dt in _XSD_FLOAT:
        return float(term.value)
    if dt == _XSD_BOOLEAN:
        return term.value in ("true", "1")
    return term.value


_XSD_STRING = ns.XSD + "string"
_XSD_DECIMAL = ns.XSD + "decimal"
_XSD_BOOLEAN = ns.XSD + "boolean"


def short_iri(iri: str, prefixes: Mapping[str, str] | None = None) -> str:
    """``ogp:Commitment`` for a known namespace, the IRI otherwise (longest namespace wins)."""
    if prefixes is None:
        return _short_default(iri)
    return _shorten(iri, prefixes)


_LOCAL = re.compile(r"[A-Za-z0-9_\-./]*")  # a local name for display: slashes allowed


@functools.lru_cache(maxsize=65536)
def _short_default(iri: str) -> str:
    # the namespaces that can match depend only on the IRI up to its last / or #: look them up
    # once per such folder (tables of many IRIs share a few folders)
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    return _pick(iri, _default_candidates(iri[:cut]))


@functools.lru_cache(maxsize=4096)
def _default_candidates(folder: str) -> tuple[tuple[str, str], ...]:
    return _candidates(folder, ns.PREFIXES)


def _shorten(iri: str, prefixes: Mapping[str, str]) -> str:
    return _pick(iri, _candidates(iri, prefixes))


def _candidates(text: str, prefixes: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The (prefix, namespace) pairs whose namespace starts ``text``, longest namespace first."""
    return tuple(
        sorted(
            ((p, b) for p, b in prefixes.items() if text.startswith(b)), key=lambda pb: -len(pb[1])
        )
    )


def _pick(iri: str, candidates: tuple[tuple[str, str], ...]) -> str:
    """``prefix:local`` with the first candidate whose local name is displayable, else the IRI."""
    for prefix, base in candidates:
        if _LOCAL.fullmatch(iri, len(base)):
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def display(term: Any) -> str:
    """How a term shows in a terminal table."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


#: Output formats of ``ogpgraph query`` by result kind.
SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml", "markdown")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")


def result_kind(result: Any) -> str:
    """``select``, ``ask`` or ``graph``."""
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return "ask"
    if isinstance(result, ox.QueryTriples):
        return "graph"
    return "select"


def result_table(result: Any) -> Any:
    """A SELECT result as an :class:`ogpgraph.core.output.Table` of display strings."""
    from ogpgraph.core.output import Table

    names = [v.value for v in result.variables]
    rows = [[display(row[n]) for n in names] for row in result]
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
    from ogpgraph.core.sanitize import escape_controls_json

    if fmt == "csv":
        import csv
        import io

        from ogpgraph.core.sanitize import csv_cell

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
        from ogpgraph.core.sanitize import escape_controls_xml

        return escape_controls_xml(text)
    return escape_controls_json(text)


def _safe_tsv_term(term: str) -> str:
    """A Turtle-syntax term of a SPARQL TSV result: a literal ``"=…"`` becomes ``"\\u003D…"``."""
    from ogpgraph.core.sanitize import is_formula_like

    if term[:1] == '"' and len(term) > 1:
        body = term[1 : term.rfind('"')] if term.rfind('"') > 0 else term[1:]
        if is_formula_like(body):
            return f'"\\u{ord(term[1]):04X}' + term[2:]
    return term


def serialize_result(result: Any, fmt: str) -> str:
    """Serialise any query result in ``fmt`` (see :data:`SELECT_FORMATS`, :data:`GRAPH_FORMATS`).

    SELECT and ASK in json/csv/tsv/xml use the SPARQL 1.1 result formats; CONSTRUCT and DESCRIBE
    give Turtle (``table`` and ``ttl``), N-Triples or JSON-LD, with the project's prefixes.
    Results are made safe for their reader by :func:`safe_results`.
    """
    import pyoxigraph as ox

    from ogpgraph.core.output import render

    kind = result_kind(result)
    if kind == "graph":
        rdf_format = {
            "nt": ox.RdfFormat.N_TRIPLES,
            "jsonld": ox.RdfFormat.JSON_LD,
        }.get(fmt, ox.RdfFormat.TURTLE)
        triples = sorted(result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        prefixes = dict(ns.PREFIXES) if rdf_format == ox.RdfFormat.TURTLE else None
        from ogpgraph.core.formats import sort_prefix_lines

        return sort_prefix_lines(
            ox.serialize(triples, format=rdf_format, prefixes=prefixes)
        ).decode("utf-8")
    results_format = {
        "json": ox.QueryResultsFormat.JSON,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
        "xml": ox.QueryResultsFormat.XML,
    }.get(fmt)
    if results_format is not None:
        text = result.serialize(format=results_format).decode("utf-8")
        text = safe_results(text, fmt)
        return text if text.endswith("\n") else text + "\n"
    if kind == "ask":
        return ("true" if bool(result) else "false") + "\n"
    return render(result_table(result), "markdown" if fmt == "markdown" else "table")
