"""`ogpgraph publish` against a real Oxigraph server started here, and clear errors."""

from __future__ import annotations

import httpx
import pytest
import rdflib
from rdflib.compare import isomorphic

from ogpgraph.remote.publish import graph_url, guess_graph_store

from . import serve_fixtures

# fixtures (assigned, so that pytest finds them here)
mini_store = serve_fixtures.mini_store
oxigraph_server = serve_fixtures.oxigraph_server

SMALL = """@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
GRAPH <https://w3id.org/ogpgraph/graph/test> {
  <https://w3id.org/ogpgraph/nz/x> a ogp:Commitment ; rdfs:label "x"@en , "ex"@mi ;
      ogp:dueDate "2016-06-30"^^xsd:date ; ogp:note [ rdfs:label "a blank node" ] .
}
"""


def remote_counts(base: str) -> dict[str, int]:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    with httpx.Client(trust_env=False) as http:
        response = http.post(
            base + "/query",
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
    response.raise_for_status()
    return {b["g"]["value"]: int(b["n"]["value"]) for b in response.json()["results"]["bindings"]}


def local_counts(kg) -> dict[str, int]:
    return {g: len(list(kg.quads(g))) for g in kg.graph_names()}


def test_publish_the_bundled_graph_to_oxigraph(cli, root, kg, oxigraph_server):
    result = cli("publish", "--endpoint", oxigraph_server.base + "/query", root=root)
    assert result.exit_code == 0, result.output
    expected = local_counts(kg)
    assert remote_counts(oxigraph_server.base) == expected
    assert result.stdout.count(" verified") == len(expected)
    assert f"{len(expected)} graphs, {sum(expected.values()):,} triples uploaded" in result.stdout
    assert f"graph store: {oxigraph_server.base}/store" in result.stdout
    # again: PUT replaces, nothing doubles
    again = cli("publish", "--endpoint", oxigraph_server.base + "/query", root=root)
    assert again.exit_code == 0, again.output
    assert remote_counts(oxigraph_server.base) == expected


def test_publish_replaces_only_our_graphs(cli, make_project, oxigraph_server):
    proj = make_project({"t/a.trig": SMALL})
    ours = "https://w3id.org/ogpgraph/graph/test"
    theirs = "https://example.org/their-graph"
    with httpx.Client(trust_env=False) as http:
        for graph in (ours, theirs):
            http.put(
                graph_url(oxigraph_server.base + "/store", graph),
                content=b"<http://e.org/old> <http://e.org/p> 1 , 2 , 3 , 4 , 5 , 6 , 7 , 8 , 9 .",
                headers={"Content-Type": "text/turtle"},
            ).raise_for_status()
    result = cli("publish", "--endpoint", oxigraph_server.base + "/query", root=proj)
    assert result.exit_code == 0, result.output
    counts = remote_counts(oxigraph_server.base)
    assert counts[theirs] == 9
    assert counts[ours] == 6
    # the content itself, blank node and typed literals included
    with httpx.Client(trust_env=False) as http:
        text = http.get(
            oxigraph_server.base + "/store",
            params={"graph": ours},
            headers={"Accept": "application/n-triples"},
        ).text
    import pyoxigraph as ox

    mine = [
        q.triple for q in ox.parse(SMALL, format=ox.RdfFormat.TRIG) if q.graph_name.value == ours
    ]
    expected = rdflib.Graph().parse(
        data=ox.serialize(mine, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt"
    )
    assert isomorphic(rdflib.Graph().parse(data=text, format="nt"), expected)


def test_connection_refused_is_a_clear_error(cli, root):
    from .serve_fixtures import free_port

    port = free_port()
    result = cli("publish", "--endpoint", f"http://127.0.0.1:{port}/query", root=root)
    assert result.exit_code == 2
    assert "connection refused" in result.output
    assert "Traceback" not in result.output


def test_404_is_a_clear_error(cli, make_project, oxigraph_server):
    proj = make_project({"t/a.trig": SMALL})
    result = cli(
        "publish",
        "--endpoint",
        oxigraph_server.base + "/query",
        "--graph-store",
        oxigraph_server.base + "/nowhere",
        root=proj,
    )
    assert result.exit_code == 2
    assert "404" in result.output and "--graph-store" in result.output
    assert "Traceback" not in result.output


def test_unknown_graph_store_address_asks_for_it(cli, make_project):
    proj = make_project({"t/a.trig": SMALL})
    result = cli("publish", "--endpoint", "http://127.0.0.1:9/somewhere", root=proj)
    assert result.exit_code == 2
    assert "--graph-store" in result.output


def test_401_is_a_clear_error(cli, make_project, mini_store, monkeypatch):
    proj = make_project({"t/a.trig": SMALL})
    server = mini_store(status=401)
    monkeypatch.delenv("OGPGRAPH_PASSWORD", raising=False)
    result = cli("publish", "--endpoint", server.base + "/query", root=proj)
    assert result.exit_code == 2
    assert "401" in result.output and "--user" in result.output
    monkeypatch.setenv("OGPGRAPH_PASSWORD", "wrong")
    result = cli("publish", "--endpoint", server.base + "/query", "--user", "ann", root=proj)
    assert result.exit_code == 2
    assert "refused the credentials (401" in result.output
    assert "Traceback" not in result.output


def test_basic_auth_with_the_password_from_the_environment(
    cli, make_project, mini_store, monkeypatch
):
    proj = make_project({"t/a.trig": SMALL})
    server = mini_store(user="ann", password="s3cret: with spaces")
    monkeypatch.setenv("OGPGRAPH_PASSWORD", "s3cret: with spaces")
    result = cli("publish", "--endpoint", server.base + "/query", "--user", "ann", root=proj)
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.output
    assert all(
        " verified" in line for line in result.stdout.splitlines() if line.startswith("https://")
    )
    assert any(auth and auth.startswith("Basic ") for _m, _p, auth in server.requests)


def test_the_password_is_never_an_option(cli, root, monkeypatch):
    result = cli("publish", "--endpoint", "http://127.0.0.1:9/query", "--password", "x", root=root)
    assert result.exit_code == 2
    assert "No such option" in result.output
    monkeypatch.delenv("OGPGRAPH_PASSWORD", raising=False)
    result = cli("publish", "--endpoint", "http://127.0.0.1:9/query", "--user", "ann", root=root)
    assert result.exit_code == 2
    assert "OGPGRAPH_PASSWORD" in result.output


def test_a_count_equal_to_the_row_cap_is_flagged(cli, make_project, mini_store):
    """A Virtuoso-like store that cuts results at 12 rows: a graph of exactly 12 triples cannot
    be verified by its count, and publish says so (exit 1)."""
    triples = "\n".join(
        f"  <https://w3id.org/ogpgraph/t/s{i}> <https://w3id.org/ogpgraph/t/p> {i} ."
        for i in range(12)
    )
    proj = make_project(
        {"t/a.trig": "GRAPH <https://w3id.org/ogpgraph/graph/twelve> {\n" + triples + "\n}\n"}
    )
    server = mini_store(cap=12)
    result = cli(
        "publish",
        "--endpoint",
        server.base + "/query",
        "--graph-store",
        server.base + "/store",
        root=proj,
    )
    assert result.exit_code == 1, result.output
    line = next(ln for ln in result.stdout.splitlines() if "graph/twelve" in ln)
    assert line.rstrip().endswith("untrusted")
    assert "cuts query results at 12 rows" in result.output
    ontology = next(ln for ln in result.stdout.splitlines() if "graph/ontology" in ln)
    assert ontology.rstrip().endswith("verified")


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store"),
        ("http://localhost:3030/ds/sparql", "http://localhost:3030/ds/data"),
        ("http://localhost:3030/ds/query", "http://localhost:3030/ds/data"),
        (
            "http://localhost:7200/repositories/ogp",
            "http://localhost:7200/repositories/ogp/rdf-graphs/service",
        ),
        ("http://localhost:8890/sparql", "http://localhost:8890/sparql-graph-crud"),
        ("http://localhost:9/elsewhere", None),
    ],
)
def test_graph_store_guesses(endpoint, expected):
    assert guess_graph_store(endpoint) == expected


def test_graph_url_keeps_existing_parameters():
    assert (
        graph_url("http://h/s?x=1", "https://w3id.org/ogpgraph/graph/a")
        == "http://h/s?x=1&graph=https%3A%2F%2Fw3id.org%2Fogpgraph%2Fgraph%2Fa"
    )
