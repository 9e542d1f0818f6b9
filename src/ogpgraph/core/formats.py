"""One registry of formats: RDF syntaxes and SPARQL result formats, each declared once.

Every table of formats in the package is derived from :data:`FORMATS`: the files the store loads
(:func:`suffix_table`), the dump files (:func:`dump_formats`), the dumps ``diff`` reads, the
``query --format`` choices, the endpoint's content negotiation (:func:`negotiable`,
:func:`content_type`), and the Accept headers sent to a remote endpoint (:func:`accept_header`).

>>> get("ttl").name, get("turtle").media_type, get("nq").holds_graphs
('turtle', 'text/turtle', True)
>>> [f.short for f in results_formats()]
['json', 'xml', 'csv', 'tsv']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph


class Format(NamedTuple):
    """One format: an RDF syntax (``kind="rdf"``) or a SPARQL result format (``kind="results"``).

    Attributes:
        name: the full name (``turtle``, ``nquads``; ``json`` for SPARQL results JSON).
        short: the name on the command line and in the endpoint's ``format=`` (``ttl``, ``nq``).
        kind: ``rdf`` or ``results``.
        media_types: the first is the one written in a Content-Type; others are accepted too.
        suffixes: file endings, the first the one written.
        oxigraph: the member of ``pyoxigraph.RdfFormat`` or ``QueryResultsFormat``.
        holds_graphs: an RDF syntax that keeps named graphs (TriG, N-Quads, JSON-LD).
        prefixes: written with the project's ``@prefix`` lines (Turtle, TriG).
        charset: the Content-Type says ``; charset=utf-8`` (text formats without a fixed one).
        project: read from a project's ontology/ and graph/ folders.
        dump: written as ``exports/ogpgraph<suffix>`` (and read back by ``diff``).
        graph_result: offered for CONSTRUCT and DESCRIBE results (by the endpoint and ``query``).
        remote_q: the Accept quality asked of a remote endpoint (0: not asked for).
    """

    name: str
    short: str
    kind: str
    media_types: tuple[str, ...]
    suffixes: tuple[str, ...]
    oxigraph: str
    holds_graphs: bool = False
    prefixes: bool = False
    charset: bool = False
    project: bool = False
    dump: bool = False
    graph_result: bool = False
    remote_q: float = 0.0

    @property
    def media_type(self) -> str:
        """The media type written in a Content-Type (without parameters)."""
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        """The Content-Type header of a response in this format."""
        return self.media_type + ("; charset=utf-8" if self.charset else "")

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the format goes by."""
        return (self.name,) if self.name == self.short else (self.name, self.short)

    def pyoxigraph_format(self) -> Any:
        """The ``pyoxigraph.RdfFormat`` or ``pyoxigraph.QueryResultsFormat``."""
        import pyoxigraph as ox

        table = ox.RdfFormat if self.kind == "rdf" else ox.QueryResultsFormat
        return getattr(table, self.oxigraph)


#: Every format, in order of preference within each kind (the endpoint offers them in this order).
FORMATS: tuple[Format, ...] = (
    # RDF syntaxes
    Format(
        "turtle",
        "ttl",
        "rdf",
        ("text/turtle", "application/x-turtle"),
        (".ttl",),
        "TURTLE",
        prefixes=True,
        charset=True,
        project=True,
        dump=True,
        graph_result=True,
        remote_q=0.9,
    ),
    Format(
        "trig",
        "trig",
        "rdf",
        ("application/trig",),
        (".trig",),
        "TRIG",
        holds_graphs=True,
        prefixes=True,
        project=True,
        dump=True,
    ),
    Format(
        "ntriples",
        "nt",
        "rdf",
        ("application/n-triples",),
        (".nt",),
        "N_TRIPLES",
        project=True,
        dump=True,
        graph_result=True,
        remote_q=1.0,
    ),
    Format(
        "nquads",
        "nq",
        "rdf",
        ("application/n-quads",),
        (".nq",),
        "N_QUADS",
        holds_graphs=True,
        project=True,
        dump=True,
    ),
    Format(
        "jsonld",
        "jsonld",
        "rdf",
        ("application/ld+json",),
        (".jsonld", ".json"),
        "JSON_LD",
        holds_graphs=True,
        dump=True,
        graph_result=True,
        remote_q=0.4,
    ),
    Format(
        "rdfxml",
        "rdfxml",
        "rdf",
        ("application/rdf+xml",),
        (".rdf",),
        "RDF_XML",
        graph_result=True,
        remote_q=0.5,
    ),
    # SPARQL 1.1 query result formats
    Format(
        "json",
        "json",
        "results",
        ("application/sparql-results+json", "application/json"),
        (".srj",),
        "JSON",
        remote_q=1.0,
    ),
    Format(
        "xml",
        "xml",
        "results",
        ("application/sparql-results+xml", "application/xml", "text/xml"),
        (".srx",),
        "XML",
        remote_q=0.8,
    ),
    Format(
        "csv",
        "csv",
        "results",
        ("text/csv",),
        (".csv",),
        "CSV",
        charset=True,
        remote_q=0.3,
    ),
    Format(
        "tsv",
        "tsv",
        "results",
        ("text/tab-separated-values",),
        (".tsv",),
        "TSV",
        charset=True,
        remote_q=0.5,
    ),
)


def get(name: str, kind: str | None = None) -> Format:
    """A format by any of its names (``turtle`` or ``ttl``), optionally of one kind.

    Raises:
        KeyError: no such format.
    """
    for fmt in FORMATS:
        if name in fmt.names and (kind is None or fmt.kind == kind):
            return fmt
    raise KeyError(name)


def rdf_formats() -> tuple[Format, ...]:
    """The RDF syntaxes."""
    return tuple(f for f in FORMATS if f.kind == "rdf")


def results_formats() -> tuple[Format, ...]:
    """The SPARQL result formats (for SELECT and ASK)."""
    return tuple(f for f in FORMATS if f.kind == "results")


def graph_result_formats() -> tuple[Format, ...]:
    """The RDF syntaxes a CONSTRUCT or DESCRIBE result is given in."""
    return tuple(f for f in FORMATS if f.graph_result)


def project_formats() -> tuple[Format, ...]:
    """The RDF syntaxes read from a project's folders."""
    return tuple(f for f in FORMATS if f.project)


def dump_formats() -> tuple[Format, ...]:
    """The RDF syntaxes of the dump files."""
    return tuple(f for f in FORMATS if f.dump)


def suffix_table(formats: tuple[Format, ...]) -> dict[str, Format]:
    """File ending (``.ttl``) -> format, for the given formats."""
    return {suffix: f for f in formats for suffix in f.suffixes}


def by_media_type(media_type: str, formats: tuple[Format, ...] = FORMATS) -> Format | None:
    """The format of a Content-Type's media type (parameters ignored), among ``formats``."""
    media = media_type.split(";")[0].strip().lower()
    for f in formats:
        if media in f.media_types:
            return f
    return None


def negotiable(kind: str) -> tuple[tuple[str, Format], ...]:
    """(media type, format) pairs an endpoint offers for a result of ``kind`` (select, ask,
    graph), in order of preference: each format's main media type first, then the others."""
    formats = graph_result_formats() if kind == "graph" else results_formats()
    main = [(f.media_type, f) for f in formats]
    others = [(m, f) for f in formats for m in f.media_types[1:]]
    return tuple(main + others)


def accept_header(kind: str) -> str:
    """The Accept header to send a remote endpoint for a result of ``kind``: the formats it
    reads, best first, with their qualities."""
    formats = graph_result_formats() if kind == "graph" else results_formats()
    asked = sorted((f for f in formats if f.remote_q > 0), key=lambda f: -f.remote_q)
    return ", ".join(
        f.media_type + ("" if f.remote_q == 1.0 else f";q={f.remote_q:g}") for f in asked
    )


def rdf_format(name: str) -> pyoxigraph.RdfFormat:
    """pyoxigraph's format for a syntax name (``turtle``, ``trig``, ``ntriples``, ``nquads``…)."""
    native: pyoxigraph.RdfFormat = get(name, "rdf").pyoxigraph_format()
    return native


def sort_prefix_lines(data: bytes) -> bytes:
    """Oxigraph writes ``@prefix`` lines in hash order: sort them, for byte-identical output."""
    lines = data.split(b"\n")
    head = [line for line in lines if line.startswith(b"@prefix ")]
    rest = lines[len(head) :]
    return b"\n".join(sorted(head) + rest)


def _escaped_name_as_iri(token: str, prefixes: Mapping[str, str]) -> str:
    """A prefixed name with backslash escapes (``nz:a\\/b``) as its full ``<IRI>``; any other
    token as it is. A leading ``^^`` (a literal's datatype) is kept."""
    lead = "^^" if token.startswith("^^") else ""
    name = token[len(lead) :]
    prefix, colon, local = name.partition(":")
    if not colon or "\\" not in local or prefix not in prefixes:
        return token
    out, i = [], 0
    while i < len(local):
        if local[i] == "\\" and i + 1 < len(local):
            i += 1
        out.append(local[i])
        i += 1
    return f"{lead}<{prefixes[prefix]}{''.join(out)}>"


def full_iris_for_escaped_names(data: bytes, prefixes: Mapping[str, str]) -> bytes:
    """Turtle or TriG as Oxigraph wrote it, with every prefixed name that needed a backslash
    escape (``nz:claim\\/s3-bps\\/commitment-1``: a ``/`` may not stand unescaped in a local
    name) written as its full IRI instead, so that every prefixed name in the output reads and
    pastes as it stands. String literals and ``<IRI>`` s are copied untouched.

    >>> full_iris_for_escaped_names(b'ex:a\\\\/b ex:p "x\\\\/y" .', {"ex": "http://e.org/"})
    b'<http://e.org/a/b> ex:p "x\\\\/y" .'
    """
    text = data.decode("utf-8")
    if "\\" not in text:
        return data
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":  # a string literal, to its closing quote ("""…""" included)
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + len(quote))
            out.append(text[i:j])
            i = j
        elif c == "<":  # an IRI: no escapes to look at
            j = text.find(">", i)
            j = n if j < 0 else j + 1
            out.append(text[i:j])
            i = j
        elif c.isspace() or c in ",;()[]{}":
            out.append(c)
            i += 1
        else:  # a token: up to white space, a delimiter or a quote, escapes kept whole
            j = i
            while j < n and not (text[j].isspace() or text[j] in ",;()[]{}\"'<"):
                j += 2 if text[j] == "\\" else 1
            out.append(_escaped_name_as_iri(text[i:j], prefixes))
            i = j
    return "".join(out).encode("utf-8")


def serialize_rdf(
    statements: Any, syntax: Format, prefixes: Mapping[str, str] | None = None
) -> bytes:
    """Triples or quads in an RDF syntax, written by pyoxigraph: with ``prefixes`` (Turtle, TriG)
    the ``@prefix`` lines sorted and no backslash-escaped prefixed name
    (:func:`full_iris_for_escaped_names`), so the same statements always give the same bytes."""
    import pyoxigraph as ox

    data = (
        ox.serialize(
            statements,
            format=syntax.pyoxigraph_format(),
            prefixes=dict(prefixes) if prefixes else None,
        )
        or b""
    )
    if prefixes:
        data = full_iris_for_escaped_names(data, prefixes)
    return sort_prefix_lines(data)
