"""Upload the dataset to a researcher's triple store with the SPARQL 1.1 Graph Store Protocol.

One HTTP ``PUT`` per named graph (one per source), which replaces what that graph held, then one
``COUNT`` query per graph on the store's SPARQL endpoint to check that it holds what was sent.
Works with Oxigraph (``/store``), Fuseki (``/DATASET/data``), GraphDB
(``/repositories/REPO/rdf-graphs/service``) and Virtuoso (``/sparql-graph-crud-auth``, Digest).

Virtuoso cuts every result at its ``ResultSetMaxRows`` without an error. Counts come from
``COUNT`` queries, which that cap does not cut, and a probe finds the cap: a count equal to it
is reported as untrusted, never as verified.

>>> guess_graph_store("http://127.0.0.1:7878/query")
'http://127.0.0.1:7878/store'
>>> guess_graph_store("http://localhost:3030/ogp/sparql")
'http://localhost:3030/ogp/data'
>>> guess_graph_store("http://localhost:8890/sparql", authenticated=True)
'http://localhost:8890/sparql-graph-crud-auth'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit, urlunsplit

from ogpgraph.core.errors import OgpgraphError

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph
    from ogpgraph.remote.client import Client

#: Rows the cap probe asks for at most (enough to see Virtuoso's default cap of 10,000).
PROBE_ROWS = 20_000  # the LIMIT of queries/internal/remote-probe.rq


def guess_graph_store(endpoint: str, *, authenticated: bool = False) -> str | None:
    """The Graph Store Protocol URL that usually goes with a query endpoint, or None."""
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    segments = path.split("/")
    if len(segments) >= 2 and segments[-2] == "repositories":  # GraphDB, RDF4J
        new = path + "/rdf-graphs/service"
    elif path == "/query":  # Oxigraph
        new = "/store"
    elif path == "/sparql":  # Virtuoso
        new = "/sparql-graph-crud-auth" if authenticated else "/sparql-graph-crud"
    elif segments[-1] in ("sparql", "query") and len(segments) >= 3:  # Fuseki: /DATASET/sparql
        new = "/".join(segments[:-1]) + "/data"
    else:
        return None
    return urlunsplit((parts.scheme, parts.netloc, new, "", ""))


def graph_url(graph_store: str, graph: str) -> str:
    """``graph_store?graph=IRI`` (kept after any parameters the URL already has)."""
    parts = urlsplit(graph_store)
    query = (parts.query + "&" if parts.query else "") + urlencode({"graph": graph})
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


@dataclass
class GraphReport:
    """One named graph: what was sent, what the store then counted, and the verdict."""

    graph: str
    sent: int
    counted: int | None = None
    status: str = "not checked"  # verified | mismatch | untrusted

    @property
    def ok(self) -> bool:
        return self.status == "verified"


@dataclass
class PublishReport:
    """What :func:`publish` did."""

    endpoint: str
    graph_store: str
    graphs: list[GraphReport] = field(default_factory=list)
    row_cap: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(g.ok for g in self.graphs)

    @property
    def triples(self) -> int:
        return sum(g.sent for g in self.graphs)


def _graph_body(kg: KnowledgeGraph, graph: str) -> tuple[bytes, int]:
    """The triples of one named graph as N-Triples (valid Turtle too), and how many."""
    import pyoxigraph as ox

    triples = [q.triple for q in kg.quads(graph)]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", len(triples)


def remote_counts(client: Client, endpoint: str, graphs: list[str]) -> dict[str, int]:
    """Triples per named graph on the remote store, by COUNT (missing graphs count 0)."""
    import pyoxigraph as ox

    from ogpgraph.core.queries import internal_query

    text = internal_query("remote-graph-counts", {"g": [ox.NamedNode(g) for g in graphs]})
    counts = {g: 0 for g in graphs}
    for row in client.select(endpoint, text):
        counts[str(row["g"])] = int(row["n"])
    return counts


def probe_row_cap(client: Client, endpoint: str, graph: str, size: int) -> int | None:
    """The server's silent row cap, if it has one small enough to matter here.

    Asks for up to ``size`` rows (at most :data:`PROBE_ROWS`) of a graph known to hold ``size``
    triples: fewer rows back, or an ``X-SPARQL-MaxRows`` header, mean results are cut.
    """
    import pyoxigraph as ox

    from ogpgraph.core.queries import internal_query

    limit = min(size, PROBE_ROWS)
    # asks for PROBE_ROWS rows (its LIMIT): as many as ``limit`` from a graph of ``size`` triples
    text = internal_query("remote-probe", {"g": [ox.NamedNode(graph)]})
    rows = client.query(endpoint, text, form="SELECT")
    if client.max_rows is not None:
        return client.max_rows
    if len(rows) < limit:
        return len(rows)
    return None


def publish(
    kg: KnowledgeGraph,
    endpoint: str,
    *,
    graph_store: str | None = None,
    user: str | None = None,
    password: str | None = None,
    progress: Callable[[str, int], None] | None = None,
    insecure: bool = False,
) -> PublishReport:
    """PUT every named graph of ``kg`` to the Graph Store, then verify the counts.

    Args:
        endpoint: the store's SPARQL query endpoint (for the COUNT queries).
        graph_store: its Graph Store Protocol endpoint (default: guessed from ``endpoint``).
        user, password: HTTP Basic or Digest credentials, used when the server asks.
        progress: called with (graph, triples) after each upload.
        insecure: allow credentials over plain http to another machine (refused otherwise,
            before anything is sent: :func:`ogpgraph.remote.client.check_transport`).

    Raises:
        OgpgraphError: no graph store URL could be guessed.
        RemoteError: the server cannot be reached, refuses the credentials, or fails.
    """
    from ogpgraph.core.sanitize import redact_url
    from ogpgraph.remote.client import Client

    store_url = graph_store or guess_graph_store(endpoint, authenticated=user is not None)
    if store_url is None:
        raise OgpgraphError(
            f"cannot tell the Graph Store address that goes with {redact_url(endpoint)}",
            hint="Give it with --graph-store URL (e.g. Fuseki: …/DATASET/data, Oxigraph: …/store).",
        )
    from ogpgraph.remote.client import check_transport

    for url in (endpoint, store_url):
        check_transport(url, credentials=user is not None, insecure=insecure)
    report = PublishReport(endpoint, store_url)
    graphs = kg.graph_names()
    with Client(user=user, password=password, insecure=insecure) as client:
        for graph in graphs:
            body, count = _graph_body(kg, graph)
            client.request(
                "PUT",
                graph_url(store_url, graph),
                what=f"uploading <{graph}>",
                content=body,
                headers={"Content-Type": "text/turtle; charset=utf-8"},
            )
            report.graphs.append(GraphReport(graph, count))
            if progress is not None:
                progress(graph, count)
        counts = remote_counts(client, endpoint, graphs)
        if report.graphs:
            largest = max(report.graphs, key=lambda g: g.sent)
            if counts.get(largest.graph) == largest.sent:
                report.row_cap = probe_row_cap(client, endpoint, largest.graph, largest.sent)
            elif client.max_rows is not None:
                report.row_cap = client.max_rows
    for entry in report.graphs:
        entry.counted = counts.get(entry.graph, 0)
        if report.row_cap is not None and entry.counted == report.row_cap:
            entry.status = "untrusted"
        elif entry.counted == entry.sent:
            entry.status = "verified"
        else:
            entry.status = "mismatch"
    if report.row_cap is not None:
        report.notes.append(
            f"the store cuts query results at {report.row_cap:,} rows without an error (Virtuoso: "
            "ResultSetMaxRows in virtuoso.ini); the counts above come from COUNT queries, which "
            "it does not cut, but any query result of that size from it is incomplete"
        )
    return report
