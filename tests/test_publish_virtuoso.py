"""`ogpgraph publish` and `query --endpoint` against Debian's Virtuoso, which .ci/run starts on
127.0.0.1 with a non-default dba password and a small ResultSetMaxRows (its silent row cap).

Locally, run the Virtuoso block of .ci/run first (it exports OGPGRAPH_TEST_VIRTUOSO,
OGPGRAPH_TEST_VIRTUOSO_PASSWORD and OGPGRAPH_TEST_VIRTUOSO_MAXROWS); without it these tests are
skipped, except in CI (CI=true), where a missing Virtuoso is a failure.
"""

from __future__ import annotations

import os

import httpx
import pytest

BASE = os.environ.get("OGPGRAPH_TEST_VIRTUOSO", "")
PASSWORD = os.environ.get("OGPGRAPH_TEST_VIRTUOSO_PASSWORD", "")
MAXROWS = int(os.environ.get("OGPGRAPH_TEST_VIRTUOSO_MAXROWS") or 0)


@pytest.fixture(scope="module")
def virtuoso() -> str:
    if not BASE:
        if os.environ.get("CI"):
            pytest.fail("CI: OGPGRAPH_TEST_VIRTUOSO is not set: .ci/run should start Virtuoso")
        pytest.skip(
            "Virtuoso is not running here: run the Virtuoso block of .ci/run "
            "(it sets OGPGRAPH_TEST_VIRTUOSO)"
        )
    try:
        httpx.get(BASE + "/sparql", params={"query": "ASK {}"}, timeout=10, trust_env=False)
    except httpx.HTTPError as error:
        pytest.fail(f"OGPGRAPH_TEST_VIRTUOSO={BASE} does not answer: {error}")
    return BASE


def remote_count(base: str, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    response = httpx.post(
        base + "/sparql",
        data={"query": query},
        trust_env=False,
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    response.raise_for_status()
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_publish_to_virtuoso_with_digest_auth(cli, root, kg, virtuoso, monkeypatch):
    monkeypatch.setenv("OGPGRAPH_PASSWORD", PASSWORD)
    result = cli("publish", "--endpoint", virtuoso + "/sparql", "--user", "dba", root=root)
    assert result.exit_code == 0, result.output
    assert f"graph store: {virtuoso}/sparql-graph-crud-auth" in result.stdout
    for graph in kg.graph_names():
        assert remote_count(virtuoso, graph) == len(list(kg.quads(graph))), graph
    assert result.stdout.count(" verified") == len(kg.graph_names())
    if MAXROWS and MAXROWS < max(len(list(kg.quads(g))) for g in kg.graph_names()):
        assert f"cuts query results at {MAXROWS:,} rows" in result.output


def test_wrong_password_is_a_clear_401(cli, root, virtuoso, monkeypatch):
    monkeypatch.setenv("OGPGRAPH_PASSWORD", "dba")  # the default, which CI changed
    result = cli("publish", "--endpoint", virtuoso + "/sparql", "--user", "dba", root=root)
    assert result.exit_code == 2
    assert "refused the credentials (401" in result.output
    assert "Traceback" not in result.output


def test_a_capped_select_is_flagged(cli, root, virtuoso, monkeypatch):
    if not MAXROWS:
        pytest.skip("OGPGRAPH_TEST_VIRTUOSO_MAXROWS is not set")
    monkeypatch.setenv("OGPGRAPH_PASSWORD", PASSWORD)
    assert (
        cli("publish", "--endpoint", virtuoso + "/sparql", "--user", "dba", root=root).exit_code
        == 0
    )
    result = cli(
        "query",
        "--endpoint",
        virtuoso + "/sparql",
        "--format",
        "csv",
        "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/ogpgraph/graph/ontology> { ?s ?p ?o } }",
    )
    assert result.exit_code == 1
    assert f"cut this result at {MAXROWS:,} rows" in result.output
    assert len(result.stdout.strip().splitlines()) == MAXROWS + 1  # the rows are still printed


def test_a_graph_the_size_of_the_cap_is_untrusted(cli, make_project, virtuoso, monkeypatch):
    if not MAXROWS:
        pytest.skip("OGPGRAPH_TEST_VIRTUOSO_MAXROWS is not set")
    graph = "https://w3id.org/ogpgraph/graph/test-cap"
    triples = "\n".join(
        f"  <https://w3id.org/ogpgraph/t/s{i}> <https://w3id.org/ogpgraph/t/p> {i} ."
        for i in range(MAXROWS)
    )
    proj = make_project({"t/a.trig": f"GRAPH <{graph}> {{\n{triples}\n}}\n"})
    monkeypatch.setenv("OGPGRAPH_PASSWORD", PASSWORD)
    result = cli("publish", "--endpoint", virtuoso + "/sparql", "--user", "dba", root=proj)
    assert result.exit_code == 1, result.output
    line = next(ln for ln in result.stdout.splitlines() if "graph/test-cap" in ln)
    assert line.rstrip().endswith("untrusted")
    assert remote_count(virtuoso, graph) == MAXROWS


def test_query_endpoint_reads_virtuoso_json(cli, root, virtuoso, monkeypatch):
    """Virtuoso's blank nodes (nodeID://…) and typed literals come through."""
    monkeypatch.setenv("OGPGRAPH_PASSWORD", PASSWORD)
    assert (
        cli("publish", "--endpoint", virtuoso + "/sparql", "--user", "dba", root=root).exit_code
        == 0
    )
    result = cli(
        "query",
        "--endpoint",
        virtuoso + "/sparql",
        "--format",
        "json",
        "SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isBlank(?s)) } LIMIT 3",
    )
    assert result.exit_code == 0, result.output
