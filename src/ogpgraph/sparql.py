"""Run SPARQL safely over the dataset, and turn results into rows or standard result formats.

Safety: Oxigraph and rdflib both follow ``SERVICE`` to the network and have no switch to stop it,
and rdflib fetches ``FROM <url>``. :func:`check_query` refuses such queries *before* evaluation.

>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
ogpgraph.errors.UnsafeQueryError: SERVICE is refused at line 1, column 18: queries run on the local dataset only and never reach the network
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import namespaces as ns
from .errors import QueryError, UnsafeQueryError

if TYPE_CHECKING:  # pragma: no cover
    from .store import KnowledgeGraph

# Tokens of SPARQL that can hide keywords: strings, IRIs, comments, variables, prefixed names.
_TOKEN = re.compile(
    r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z][\w.\-]*)?:(?:[\w.\-:%]|\\.)*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_UPDATE_WORDS = {"INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH"}
_CHECKED_WORDS = _UPDATE_WORDS | {"PREFIX", "SERVICE", "LOAD", "FROM"}
_QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    offset: int


def tokens(query: str) -> list[Token]:
    """Split a query into tokens, dropping white space and comments."""
    out: list[Token] = []
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        out.append(Token(kind, match.group(), match.start()))
    return out


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def query_form(query: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK (or an update keyword), from the first keyword."""
    for tok in tokens(query):
        if tok.kind == "word":
            upper = tok.text.upper()
            if upper in _QUERY_FORMS or upper in _UPDATE_WORDS or upper == "LOAD":
                return upper
    return "SELECT"


def check_query(query: str, *, allowed_graphs: Iterable[str] = ()) -> None:
    """Refuse what would reach outside the local dataset, before evaluation.

    Refused: ``SERVICE``; ``LOAD`` and every other SPARQL Update operation (the dataset is
    read-only); ``FROM``/``FROM NAMED`` with an IRI that is not a named graph of the dataset
    (Oxigraph would not fetch it, but rdflib and other engines do).

    Raises:
        UnsafeQueryError: with the line and column of the offending keyword.
    """
    allowed = set(allowed_graphs)
    toks = tokens(query)
    prefixes = dict(ns.PREFIXES)
    for i, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        word = tok.text.upper()
        if word not in _CHECKED_WORDS:
            continue
        line, col = line_col(query, tok.offset)
        where = f"at line {line}, column {col}"
        if word == "PREFIX" and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            prefixes[toks[i + 1].text.rstrip(":")] = toks[i + 2].text[1:-1]
            toks[i + 1] = Token("declared", toks[i + 1].text, toks[i + 1].offset)
        elif word == "SERVICE":
            raise UnsafeQueryError(
                f"SERVICE is refused {where}: queries run on the local dataset only "
                "and never reach the network"
            )
        elif word == "LOAD":
            raise UnsafeQueryError(f"LOAD is refused {where}: the dataset is read-only")
        elif word in _UPDATE_WORDS and word != "WITH" and _is_update(toks, i):
            raise UnsafeQueryError(
                f"SPARQL Update ({word}) is refused {where}: the dataset is read-only"
            )
        elif word == "FROM":
            j = i + 1
            if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "NAMED":
                j += 1
            if j >= len(toks):
                continue
            target = toks[j]
            iri = None
            if target.kind == "iri":
                iri = target.text[1:-1]
            elif target.kind == "pname":
                prefix, _, local = target.text.partition(":")
                if prefix in prefixes:
                    iri = prefixes[prefix] + local
            if iri is None or iri not in allowed:
                shown = iri if iri is not None else target.text
                raise UnsafeQueryError(
                    f"FROM <{shown}> is refused {where}: only the dataset's own named graphs "
                    "can be used (nothing is fetched); list them with `ogpgraph stats`"
                )


def check_prefixes(query: str) -> None:
    """Name an undeclared prefix plainly (Oxigraph's own message lists character classes).

    Raises:
        QueryError: with the prefix and its line and column.
    """
    toks = tokens(query)
    declared = set(ns.PREFIXES)
    for i, tok in enumerate(toks):
        if tok.kind == "word" and tok.text.upper() == "PREFIX" and i + 1 < len(toks):
            declared.add(toks[i + 1].text.split(":", 1)[0])
    for i, tok in enumerate(toks):
        if tok.kind != "pname":
            continue
        if i > 0 and toks[i - 1].kind == "word" and toks[i - 1].text.upper() == "PREFIX":
            continue
        prefix = tok.text.split(":", 1)[0]
        if prefix not in declared:
            line, col = line_col(query, tok.offset)
            raise QueryError(
                f"SPARQL syntax error at line {line}, column {col}: unknown prefix {prefix + ':'!r}",
                hint="Declare it with PREFIX, or use one of the predeclared prefixes: "
                + ", ".join(sorted(ns.PREFIXES)))


def _is_update(toks: list[Token], i: int) -> bool:
    """INSERT/DELETE start an update, unless used as a word elsewhere (it cannot be, in queries)."""
    return not any(t.kind == "word" and t.text.upper() in _QUERY_FORMS for t in toks[:i])


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


@functools.lru_cache(maxsize=256)
def _check_cached(query: str, allowed_graphs: tuple[str, ...]) -> None:
    """:func:`check_query`, remembered per query text (code that queries in a loop pays once)."""
    check_query(query, allowed_graphs=allowed_graphs)


def syntax_error(query: str, error: SyntaxError) -> QueryError:
    """A readable SPARQL syntax error with the position and a caret under it."""
    message = str(error)
    match = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    if not match:
        return QueryError(f"SPARQL syntax error: {message}")
    # Oxigraph reports the position just after the offending character: step back one.
    line, col, why = int(match.group(1)), max(int(match.group(2)) - 1, 1), match.group(3)
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * max(col - 1, 0) + "^"
    return QueryError(f"SPARQL syntax error at line {line}, column {col}: {why}\n  {text}\n  {caret}")


def run_query(
    kg: KnowledgeGraph,
    query: str,
    *,
    bindings: Mapping[str, Any] | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> Any:
    """Check and run a query on the union of the dataset's named graphs.

    Returns pyoxigraph's ``QuerySolutions`` (SELECT), ``QueryBoolean`` (ASK) or ``QueryTriples``
    (CONSTRUCT/DESCRIBE).
    """
    import pyoxigraph as ox

    _check_cached(query, tuple(kg.graph_names()) if "FROM" in query.upper() else ())
    substitutions = None
    if bindings:
        substitutions = {ox.Variable(k): _term(v) for k, v in bindings.items() if v is not None}
    try:
        return kg.store.query(
            query,
            use_default_graph_as_union=True,
            prefixes=dict(prefixes if prefixes is not None else ns.PREFIXES),
            substitutions=substitutions,
        )
    except SyntaxError as error:
        if prefixes is None:
            check_prefixes(query)  # a clearer message for the commonest mistake
        raise syntax_error(query, error) from None
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"query failed: {error}") from None


_XSD_INT = {ns.XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                                  "positiveInteger", "negativeInteger", "nonPositiveInteger")}
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
    return tuple(sorted(((p, b) for p, b in prefixes.items() if text.startswith(b)),
                        key=lambda pb: -len(pb[1])))


def _pick(iri: str, candidates: tuple[tuple[str, str], ...]) -> str:
    """``prefix:local`` with the first candidate whose local name is displayable, else the IRI."""
    for prefix, base in candidates:
        if _LOCAL.fullmatch(iri, len(base)):
            return f"{prefix}:{iri[len(base):]}"
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
    """A SELECT result as an :class:`ogpgraph.output.Table` of display strings."""
    from .output import Table

    names = [v.value for v in result.variables]
    rows = [[display(row[n]) for n in names] for row in result]
    return Table(names, rows)


def _safe_results(text: str, fmt: str) -> str:
    """A SPARQL results document that a spreadsheet, terminal or editor cannot turn against its
    reader (:mod:`ogpgraph.sanitize`), everywhere it is written: the CLI and the endpoint.

    CSV (W3C: plain values, no escapes): formula-like cells get a leading ``'``, control
    characters show as ``<U+XXXX>``. TSV (values in Turtle syntax): a literal whose text starts
    like a formula has that character written as a ``\\u`` escape, and control characters
    too, so the value is unchanged. JSON and XML: control characters as ``\\u``/``&#x…;``
    escapes, the same data.
    """
    from .sanitize import escape_controls_json

    if fmt == "csv":
        import csv
        import io

        from .sanitize import csv_cell

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in csv.reader(io.StringIO(text, newline="")):
            writer.writerow([csv_cell(cell) for cell in row])
        return out.getvalue()
    if fmt == "tsv":
        return "\n".join("\t".join(_safe_tsv_term(t) for t in line.split("\t"))
                         for line in escape_controls_json(text).split("\n"))
    if fmt == "xml":
        from .sanitize import escape_controls_xml

        return escape_controls_xml(text)
    return escape_controls_json(text)


def _safe_tsv_term(term: str) -> str:
    """A Turtle-syntax term of a SPARQL TSV result: a literal ``"=…"`` becomes ``"\\u003D…"``."""
    from .sanitize import is_formula_like

    if term[:1] == '"' and len(term) > 1:
        body = term[1:term.rfind('"')] if term.rfind('"') > 0 else term[1:]
        if is_formula_like(body):
            return f'"\\u{ord(term[1]):04X}' + term[2:]
    return term


def serialize_result(result: Any, fmt: str) -> str:
    """Serialise any query result in ``fmt`` (see :data:`SELECT_FORMATS`, :data:`GRAPH_FORMATS`).

    SELECT and ASK in json/csv/tsv/xml use the SPARQL 1.1 result formats; CONSTRUCT and DESCRIBE
    give Turtle (``table`` and ``ttl``), N-Triples or JSON-LD, with the project's prefixes.
    Results are made safe for their reader by :func:`_safe_results`.
    """
    import pyoxigraph as ox

    from .output import render

    kind = result_kind(result)
    if kind == "graph":
        rdf_format = {
            "nt": ox.RdfFormat.N_TRIPLES,
            "jsonld": ox.RdfFormat.JSON_LD,
        }.get(fmt, ox.RdfFormat.TURTLE)
        triples = sorted(result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        prefixes = dict(ns.PREFIXES) if rdf_format == ox.RdfFormat.TURTLE else None
        from .export import _sorted_prefixes

        return _sorted_prefixes(ox.serialize(triples, format=rdf_format, prefixes=prefixes)).decode("utf-8")
    results_format = {
        "json": ox.QueryResultsFormat.JSON,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
        "xml": ox.QueryResultsFormat.XML,
    }.get(fmt)
    if results_format is not None:
        text = result.serialize(format=results_format).decode("utf-8")
        text = _safe_results(text, fmt)
        return text if text.endswith("\n") else text + "\n"
    if kind == "ask":
        return ("true" if bool(result) else "false") + "\n"
    return render(result_table(result), "markdown" if fmt == "markdown" else "table")
