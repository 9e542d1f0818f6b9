"""The SPARQL 1.1 Protocol's rules, as plain functions: content negotiation and reading a request.

>>> negotiate("select", "text/csv;q=0.9, application/sparql-results+json")
'json'
>>> negotiate("graph", "application/n-triples, */*;q=0.1")
'nt'
>>> negotiate("select", "text/turtle") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from ogpgraph.core import formats

#: Media types the endpoint gives, by result kind, in order of preference (the first is the
#: default), with the format names of :func:`ogpgraph.core.results.serialize_result`: from the
#: registry (:func:`ogpgraph.core.formats.negotiable`).
RESULT_TYPES: dict[str, tuple[tuple[str, str], ...]] = {
    kind: tuple((media, f.short) for media, f in formats.negotiable(kind))
    for kind in ("select", "ask", "graph")
}

#: Media types a resource IRI is given in (``serve``'s linked data), HTML first: a browser,
#: or a client that takes anything, gets the page.
RESOURCE_TYPES: tuple[tuple[str, str], ...] = (
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    *((media, fmt) for media, fmt in RESULT_TYPES["graph"] if fmt in ("ttl", "jsonld", "nt")),
)

#: The Content-Type sent with each format.
CONTENT_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    **{f.short: f.content_type for f in formats.results_formats() + formats.graph_result_formats()},
}

#: What ``format=`` on ``/sparql`` may name, by result kind.
FORMAT_NAMES: dict[str, tuple[str, ...]] = {
    kind: tuple(dict.fromkeys(fmt for _media, fmt in offers))
    for kind, offers in RESULT_TYPES.items()
}


def size_text(n: int) -> str:
    """A byte count as the limits are given: ``64 MiB``, ``256 KiB``, ``100 bytes``.

    >>> size_text(64 << 20), size_text(256 << 10), size_text(1536), size_text(100)
    ('64 MiB', '256 KiB', '1.5 KiB', '100 bytes')
    """
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift:
            return f"{n / (1 << shift):g} {unit}"
    return f"{n} bytes"


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    index: int

    def matches(self, media_type: str) -> int:
        """-1 when it does not match, else its specificity (0: */*, 1: type/*, 2: exact)."""
        main, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type == main and self.subtype == "*":
            return 1
        if self.type == main and self.subtype == sub:
            return 2
        return -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header (missing or empty: ``*/*``)."""
    ranges: list[MediaRange] = []
    for index, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if media == "*":
            media = "*/*"
        main, _, sub = media.partition("/")
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(main, sub or "*", q, index))
    return ranges or [MediaRange("*", "*", 1.0, 0)]


def negotiate(kind: str, accept: str | None) -> str | None:
    """The format to answer a ``kind`` result (select, ask, graph) with, or None (406).

    Each offered type takes the quality of the most specific range that matches it; the best
    quality wins, then the most specific match, then the client's order, then ours.
    """
    return negotiate_among(RESULT_TYPES[kind], accept)


def negotiate_among(offers: tuple[tuple[str, str], ...], accept: str | None) -> str | None:
    """The format of the best of ``offers`` (media type, format) for ``accept``, or None.

    >>> negotiate_among(RESOURCE_TYPES, "text/html,application/xhtml+xml,*/*;q=0.8")
    'html'
    >>> negotiate_among(RESOURCE_TYPES, "application/ld+json"), negotiate_among(RESOURCE_TYPES, None)
    ('jsonld', 'html')
    """
    ranges = parse_accept(accept)
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for order, (media_type, fmt) in enumerate(offers):
        match: MediaRange | None = None
        specificity = -1
        for media_range in ranges:
            level = media_range.matches(media_type)
            if level > specificity:
                match, specificity = media_range, level
        if match is None or match.q <= 0:
            continue
        rank = (match.q, specificity, -match.index, -order)
        if best is None or rank > best:
            best, chosen = rank, fmt
    return chosen


def offered(kind: str) -> str:
    """The media types a ``kind`` result (or ``resource``) can be given in, for a 406 message."""
    seen: list[str] = []
    offers = RESOURCE_TYPES if kind == "resource" else RESULT_TYPES[kind]
    for media_type, _fmt in offers:
        if media_type not in seen:
            seen.append(media_type)
    return ", ".join(seen)


@dataclass(frozen=True)
class ProtocolRequest:
    """What a protocol request asks: at most one query or update, and the dataset parameters."""

    query: str | None = None
    update: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None


class ProtocolError(Exception):
    """A request that breaks the protocol: answered with ``status`` and the message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def format_name(value: str) -> str | None:
    """The result format a ``format=`` value names (a name, or a media type as SPARQLWrapper
    also sends), or None.

    >>> format_name("csv"), format_name("text/tab-separated-values"), format_name("pdf")
    ('csv', 'tsv', None)
    """
    value = value.strip().lower()
    if any(value in fmts for fmts in FORMAT_NAMES.values()):
        return value
    media = value.split(";")[0].strip()
    for offers in RESULT_TYPES.values():
        for media_type, fmt in offers:
            if media == media_type:
                return fmt
    return None


def read_request(
    method: str, query_string: str, content_type: str | None, body: bytes
) -> ProtocolRequest:
    """Read a query (or update) request as the SPARQL 1.1 Protocol defines it.

    GET: ``?query=…`` (and ``format=csv``, ``tsv``, ``json``, ``xml``; ``ttl``, ``nt``,
    ``jsonld``, ``rdfxml`` for graphs: the result format, instead of the Accept header); POST ``application/x-www-form-urlencoded``: ``query=…`` (or ``update=…``)
    in the body; POST ``application/sparql-query`` (or ``-update``): the body is the text, the
    other parameters in the URL.

    Raises:
        ProtocolError: 400 for a malformed request, 415 for a body type we do not read.
    """
    params = parse_qsl(query_string, keep_blank_values=True)
    media = (content_type or "").split(";")[0].strip().lower()
    if method == "POST":
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(400, "the request body is not UTF-8") from None
        if media == "application/x-www-form-urlencoded":
            params += parse_qsl(decoded, keep_blank_values=True)
        elif media == "application/sparql-query":
            params.append(("query", decoded))
        elif media == "application/sparql-update":
            params.append(("update", decoded))
        else:
            raise ProtocolError(
                415,
                f"unsupported request body type {media or '(none)'!r}: send the query as "
                "application/sparql-query, or as query=… in application/x-www-form-urlencoded",
            )
    queries = [v for k, v in params if k == "query"]
    updates = [v for k, v in params if k == "update"]
    if len(queries) > 1 or len(updates) > 1 or (queries and updates):
        raise ProtocolError(400, "give exactly one query (or update) parameter")
    names = {format_name(v) for k, v in params if k == "format" and v.strip()}
    if len(names) > 1 or None in names:
        known = sorted({f for fmts in FORMAT_NAMES.values() for f in fmts})
        raise ProtocolError(
            400,
            f"format= takes one of {', '.join(known)} or its media type (or leave it out and "
            "send Accept)",
        )
    return ProtocolRequest(
        query=queries[0] if queries else None,
        update=updates[0] if updates else None,
        default_graphs=tuple(v for k, v in params if k == "default-graph-uri"),
        named_graphs=tuple(v for k, v in params if k == "named-graph-uri"),
        format=next(iter(names)) if names else None,
    )
