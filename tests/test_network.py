"""Nothing reaches the network at run time: SERVICE, LOAD, updates and FROM <url|file> are
refused before evaluation, and a loopback listener sees no request."""

from __future__ import annotations

import pytest

from ogpgraph.core.errors import UnsafeQueryError
from ogpgraph.core.guard import check as check_query

DATA = """@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
GRAPH <https://w3id.org/ogpgraph/graph/test> {
  <https://w3id.org/ogpgraph/nz/x> a ogp:Commitment ; rdfs:label "x"@en .
}
"""


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o . SERVICE SILENT <{url}sparql> {{ ?s ?p ?o }} }}",
        "PREFIX x: <{url}>\nSELECT * WHERE {{ service x:q {{ ?s ?p ?o }} }}",
        "SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{url}g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}",
        "LOAD <{url}data.ttl>",
        "INSERT DATA {{ <{url}a> <{url}b> <{url}c> }}",
        "DELETE WHERE {{ ?s ?p ?o }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_outbound_queries_are_refused_and_nothing_is_sent(
    cli, make_project, loopback_spy, template
):
    proj = make_project({"x/a.trig": DATA})
    query = template.format(url=loopback_spy.url)
    result = cli("query", query, root=proj)
    assert result.exit_code == 2, result.output
    assert "refused" in result.output
    assert loopback_spy.connections == 0


def test_keywords_inside_strings_iris_and_variables_are_not_refused():
    check_query(
        'SELECT ?service WHERE { ?service <http://e.org/SERVICE> "SERVICE LOAD FROM <x>" }  # SERVICE'
    )


def test_from_a_named_graph_of_the_dataset_is_allowed(cli, make_project):
    proj = make_project({"x/a.trig": DATA})
    result = cli(
        "query",
        "SELECT ?s FROM <https://w3id.org/ogpgraph/graph/test> WHERE { ?s a ogp:Commitment }",
        "--format",
        "csv",
        root=proj,
    )
    assert result.exit_code == 0, result.output
    assert "https://w3id.org/ogpgraph/nz/x" in result.output


def test_refusal_names_the_position():
    with pytest.raises(UnsafeQueryError, match="line 2, column 3"):
        check_query("SELECT * WHERE {\n  SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")


def test_owl_imports_are_not_fetched(cli, make_project, loopback_spy):
    """An owl:imports in the data is just a triple: loading, validating and querying fetch nothing."""
    data = DATA.replace(
        'rdfs:label "x"@en .',
        f'rdfs:label "x"@en .\n  <https://w3id.org/ogpgraph/nz/x> owl:imports <{loopback_spy.url}onto.ttl> .',
    )
    proj = make_project({"x/a.trig": data})
    cli("validate", root=proj)
    cli("stats", root=proj)
    assert loopback_spy.connections == 0


def test_jsonld_export_has_no_remote_context(kg):
    from ogpgraph.dumps.rdf import dump

    text = dump(kg, "jsonld").decode()
    assert "@context" not in text


def test_jsonld_remote_context_is_not_fetched(cli, tmp_path, loopback_spy):
    """A JSON-LD file whose @context is a URL: reading it (diff reads dumps) fetches nothing."""
    doc = (
        '{"@context": "' + loopback_spy.url + 'ctx.jsonld", '
        '"@id": "https://w3id.org/ogpgraph/nz/x", "label": "x"}'
    )
    a, b = tmp_path / "a.jsonld", tmp_path / "b.jsonld"
    a.write_text(doc)
    b.write_text(doc)
    result = cli("diff", str(a), str(b))
    assert "Traceback" not in result.output
    assert loopback_spy.connections == 0
