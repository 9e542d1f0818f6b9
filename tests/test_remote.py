"""`ogpgraph query --endpoint URL`: the same query command against a remote SPARQL endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogpgraph.core.queries import stored_queries
from ogpgraph.remote.client import values_block

from . import serve_fixtures

# fixtures (assigned, so that pytest finds them here)
mini_store = serve_fixtures.mini_store
served = serve_fixtures.served

QUERIES = stored_queries()


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cli-store")


def run(cli, *args: str, root: Path | None = None):
    return cli("query", *args, root=root)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml", "table", "markdown"])
def test_remote_select_prints_what_a_local_query_prints(cli, root, served, cli_store, fmt):
    remote = run(cli, "--endpoint", served.url, "--name", "commitments", "--format", fmt)
    here = run(cli, "--name", "commitments", "--format", fmt, "--store", str(cli_store), root=root)
    assert remote.exit_code == 0, remote.output
    assert remote.stdout_bytes == here.stdout_bytes


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_remote_construct(cli, root, served, cli_store, fmt):
    query = "CONSTRUCT WHERE { ?c a ogp:Commitment ; rdfs:label ?l }"  # predeclared prefixes
    remote = run(cli, "--endpoint", served.url, query, "--format", fmt)
    here = run(cli, query, "--format", fmt, "--store", str(cli_store), root=root)
    assert remote.exit_code == 0, remote.output
    if fmt == "ttl":  # the order of @prefix lines is not fixed: compare the graphs
        import rdflib
        from rdflib.compare import isomorphic

        parsed = [rdflib.Graph().parse(data=r.stdout, format="turtle") for r in (remote, here)]
        assert len(parsed[0]) > 0 and isomorphic(*parsed)
    else:
        assert remote.stdout == here.stdout


def test_remote_ask_and_param(cli, root, served):
    result = run(cli, "--endpoint", served.url, "ASK { ?c a ogp:Commitment }")
    assert result.exit_code == 0 and result.stdout == "true\n"
    result = run(
        cli,
        "--endpoint",
        served.url,
        "--name",
        "sources-of-fact",
        "--param",
        "fact=commitment-3",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert rows and all(
        r["fact"]["value"] == "https://w3id.org/ogpgraph/nz/commitment/3" for r in rows
    )


def test_connection_refused(cli):
    from .serve_fixtures import free_port

    result = run(cli, "--endpoint", f"http://127.0.0.1:{free_port()}/sparql", "ASK {}")
    assert result.exit_code == 2
    assert "connection refused" in result.output and "Traceback" not in result.output


def test_remote_errors_carry_the_servers_message(cli, served):
    # SPARQL 1.1 grammar, but the server refuses it: ?s is projected from an aggregate query
    result = run(cli, "--endpoint", served.url, "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "400" in result.output and "unbound" in result.output


def test_remote_syntax_errors_are_found_before_anything_is_sent(cli, loopback_spy):
    result = run(cli, "--endpoint", loopback_spy.url + "sparql", "SELECT ?s WHERE { ?s ?p }")
    assert result.exit_code == 2
    assert "syntax error at line 1, column 26" in result.output
    assert loopback_spy.connections == 0


def test_service_is_refused_before_anything_is_sent(cli, loopback_spy):
    result = run(
        cli,
        "--endpoint",
        loopback_spy.url + "sparql",
        f"SELECT * WHERE {{ SERVICE <{loopback_spy.url}> {{ ?s ?p ?o }} }}",
    )
    assert result.exit_code == 2 and "SERVICE is refused" in result.output
    result = run(
        cli,
        "--endpoint",
        loopback_spy.url + "sparql",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    )
    assert result.exit_code == 2 and "refused" in result.output
    assert loopback_spy.connections == 0


def test_a_capped_result_is_flagged(cli, mini_store):
    import pyoxigraph as ox

    server = mini_store(cap=5)
    for i in range(8):
        server.store.add(
            ox.Quad(
                ox.NamedNode(f"http://e.org/s{i}"),
                ox.NamedNode("http://e.org/p"),
                ox.Literal(str(i)),
            )
        )
    result = run(
        cli, "--endpoint", server.base + "/query", "SELECT * WHERE { ?s ?p ?o }", "--format", "csv"
    )
    assert result.exit_code == 1
    assert "cut this result at 5 rows" in result.output
    small = run(cli, "--endpoint", server.base + "/query", "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    assert small.exit_code == 0


def test_values_block_serialises_terms():
    assert values_block({"x": "https://e.org/a", "n": 3, "t": 'say "hi"'}) == (
        "VALUES (?x ?n ?t) { (<https://e.org/a> "
        '"3"^^<http://www.w3.org/2001/XMLSchema#integer> "say \\"hi\\"") }'
    )


def test_virtuoso_blank_nodes_are_read():
    import httpx

    from ogpgraph.remote.client import parse_response

    body = json.dumps(
        {
            "head": {"vars": ["s"]},
            "results": {"bindings": [{"s": {"type": "bnode", "value": "nodeID://b10001"}}]},
        }
    ).encode()
    response = httpx.Response(
        200, content=body, headers={"Content-Type": "application/sparql-results+json"}
    )
    result = parse_response("select", response, None)
    assert len(result) == 1
