"""``serve`` as linked data and as stored-query pages, on the bundled graph (loopback only):
IRIs under the base dereference with content negotiation, the stored queries have pages and
downloads with required parameters, ``/sparql`` takes ``format=`` and describes itself."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urljoin

import httpx
import pyoxigraph as ox
import pytest

from ogpgraph.core import namespaces as ns
from ogpgraph.core.queries import stored_queries

from . import serve_fixtures

served = serve_fixtures.served  # the fixture (assigned, so that pytest finds it here)

C3 = ns.BASE + "nz/commitment/3"
SD = "http://www.w3.org/ns/sparql-service-description#"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


def client() -> httpx.Client:
    return httpx.Client(trust_env=False, timeout=30)


def triples(body: bytes, fmt: ox.RdfFormat) -> set[tuple[str, str, str]]:
    return {(str(t.subject), str(t.predicate), str(t.object)) for t in ox.parse(body, format=fmt)}


# ---------------------------------------------------------------------------- linked data
@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ],
)
def test_an_iri_dereferences_to_its_description(served, accept, media, fmt):
    with client() as http:
        response = http.get(served.base + "/nz/commitment/3", headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert "Accept" in response.headers["vary"]
    found = triples(response.content, fmt)
    label = '"Commitment 3: National Integrity System assessment report"@en'
    assert (f"<{C3}>", f"<{ns.RDFS}label>", label) in found
    # an incoming link, and the label of the resource it comes from
    case = f"<{ns.BASE}nz/case-study/nis-engagement>"
    assert (case, f"<{ns.OGP}illustrates>", f"<{C3}>") in found
    assert any(s == case and p == f"<{ns.RDFS}label>" for s, p, _o in found)
    # the section a fact comes from, with its pages
    section = f"<{ns.SOURCE}nz-sar-2016/annex-1-nis>"
    assert (
        section,
        f"<{ns.OGP}pageStart>",
        '"43"^^<http://www.w3.org/2001/XMLSchema#integer>',
    ) in found


def test_the_suffix_form_and_head(served):
    with client() as http:
        by_suffix = http.get(served.base + "/nz/commitment/3.ttl")
        by_accept = http.get(served.base + "/nz/commitment/3", headers={"Accept": "text/turtle"})
        head = http.head(served.base + "/nz/commitment/3", headers={"Accept": "text/turtle"})
    assert by_suffix.status_code == 200
    assert by_suffix.content == by_accept.content
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("text/turtle")


def test_a_browser_gets_the_page_with_relative_links_that_resolve(served):
    url = served.base + "/nz/commitment/3"
    with client() as http:
        response = http.get(url, headers={"Accept": BROWSER})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        page = response.text
        assert "<h1>Commitment 3: National Integrity System assessment report</h1>" in page
        assert "Incoming links" in page and "Facts, by source" in page and "<svg" in page
        assert "pp. 43–44" in page  # a cited section with its pages
        hrefs = sorted(set(re.findall(r'href="([^"]+)"', page)))
        assert hrefs and not [h for h in hrefs if h.startswith(("/", "http:", "https:"))], hrefs
        for href in hrefs[:40]:
            target = urljoin(url, href.replace("&amp;", "&"))
            answer = http.get(target, headers={"Accept": BROWSER})
            assert answer.status_code == 200, (href, answer.text)


def test_unknown_iris_404_and_unsupported_types_406(served):
    with client() as http:
        unknown = http.get(served.base + "/nz/commitment/999", headers={"Accept": "text/turtle"})
        refused = http.get(served.base + "/nz/commitment/3", headers={"Accept": "image/png"})
        favicon = http.get(served.base + "/favicon.ico")
    assert unknown.status_code == 404 and "nothing is known" in unknown.text
    assert refused.status_code == 406 and "text/turtle" in refused.text
    assert favicon.status_code == 204


def test_the_ontology_iri_serves_the_ontology(served):
    with client() as http:
        response = http.get(served.base + "/ontology", headers={"Accept": "text/turtle"})
        page = http.get(served.base + "/ontology", headers={"Accept": BROWSER})
    assert response.status_code == 200
    found = triples(response.content, ox.RdfFormat.TURTLE)
    owl = "http://www.w3.org/2002/07/owl#"
    assert (f"<{ns.BASE}ontology>", f"<{ns.RDF}type>", f"<{owl}Ontology>") in found
    assert (f"<{ns.OGP}Commitment>", f"<{ns.RDF}type>", f"<{owl}Class>") in found
    # the ontology's terms only: not the vocabularies of the same graph
    assert not [s for s, _p, _o in found if s.startswith(f"<{ns.VOCAB}")]
    assert page.status_code == 200 and "ogpgraph ontology" in page.text


def test_a_named_graph_iri_serves_the_graph(served):
    with client() as http:
        by_iri = http.get(served.base + "/graph/nz-sar-2016.nt")
        by_store = http.get(
            served.base + "/store",
            params={"graph": ns.SEED_GRAPH},
            headers={"Accept": "application/n-triples"},
        )
    assert by_iri.status_code == 200
    assert triples(by_iri.content, ox.RdfFormat.N_TRIPLES) == triples(
        by_store.content, ox.RdfFormat.N_TRIPLES
    )


# ---------------------------------------------------------------------------- stored queries
def test_the_list_of_stored_queries(served):
    with client() as http:
        response = http.get(served.base + "/queries")
    assert response.status_code == 200
    assert 'href="queries/sources-of-fact"' in response.text
    assert "fact (required)" in response.text


def test_a_required_parameter_is_required(served):
    with client() as http:
        form = http.get(served.base + "/queries/sources-of-fact")
        submitted = http.get(served.base + "/queries/sources-of-fact", params={"fact": ""})
        download = http.get(served.base + "/queries/sources-of-fact.csv")
    assert form.status_code == 200
    assert 'name="fact" value="" required' in form.text
    assert "<table>" not in form.text  # nothing ran
    assert submitted.status_code == 400 and "needs fact" in submitted.text
    assert download.status_code == 400
    assert "the stored query 'sources-of-fact' needs fact" in download.text


def test_downloads_are_what_the_cli_prints(served, cli, root):
    printed = cli(
        "query",
        "--name",
        "sources-of-fact",
        "--param",
        "fact=commitment-3",
        "--format",
        "csv",
        root=root,
    )
    assert printed.exit_code == 0
    with client() as http:
        got = http.get(
            served.base + "/queries/sources-of-fact.csv", params={"fact": "commitment-3"}
        )
        tsv = http.get(
            served.base + "/queries/sources-of-fact.tsv", params={"fact": "commitment-3"}
        )
        js = http.get(
            served.base + "/queries/sources-of-fact.json", params={"fact": "commitment-3"}
        )
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert got.text.replace("\r\n", "\n") == printed.output.replace("\r\n", "\n")
    assert 'filename="sources-of-fact.csv"' in got.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert rows and {r["fact"] for r in rows} == {C3}
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    assert len(json.loads(js.text)["results"]["bindings"]) == len(rows)


def test_the_query_page_shows_the_result_and_its_downloads(served):
    with client() as http:
        page = http.get(served.base + "/queries/sources-of-fact", params={"fact": "commitment-3"})
    assert page.status_code == 200
    assert "<table>" in page.text and "Annex 1, part 3: National Integrity System" in page.text
    assert 'href="sources-of-fact.csv?fact=commitment-3"' in page.text
    assert "default-src" in page.headers["content-security-policy"]


@pytest.mark.parametrize(
    "value",
    [
        '" } UNION { ?fact ?p ?o } #',
        "commitment-3> } UNION { ?fact ?p ?o } #",
        "x } ?fact ?p ?o . { ?a ?b ?c",
    ],
)
def test_a_parameter_value_is_a_term_never_query_text(served, value):
    """A value that would widen the query if it were spliced into the text matches nothing:
    it is bound as one term after the guard has parsed the stored query."""
    with client() as http:
        response = http.get(served.base + "/queries/sources-of-fact.json", params={"fact": value})
    assert response.status_code in (200, 400), response.text
    if response.status_code == 200:
        assert json.loads(response.text)["results"]["bindings"] == []


def test_an_iri_value_is_never_fetched(served, loopback_spy):
    with client() as http:
        response = http.get(
            served.base + "/queries/sources-of-fact.json", params={"fact": loopback_spy.url}
        )
    assert response.status_code == 200
    assert json.loads(response.text)["results"]["bindings"] == []
    assert loopback_spy.connections == 0


def test_unknown_parameters_and_queries(served):
    with client() as http:
        extra = http.get(served.base + "/queries/commitments.csv", params={"nope": "1"})
        unknown = http.get(served.base + "/queries/no-such-query")
    assert extra.status_code == 400 and "unknown parameter nope" in extra.text
    assert unknown.status_code == 404 and "sources-of-fact" in unknown.text


# ---------------------------------------------------------------------------- /sparql
@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
    ],
)
def test_format_parameter_on_sparql(served, fmt, media):
    query = f"SELECT ?c WHERE {{ ?c a <{ns.OGP}Commitment> }} LIMIT 2"
    with client() as http:
        response = http.get(
            served.url, params={"query": query, "format": fmt}, headers={"Accept": "text/csv"}
        )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)


def test_format_parameter_errors(served):
    with client() as http:
        bad = http.get(served.url, params={"query": "ASK {}", "format": "pdf"})
        graph = http.get(
            served.url, params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "format": "csv"}
        )
    assert bad.status_code == 400 and "format=" in bad.text
    assert graph.status_code == 406 and "ttl" in graph.text


def test_service_description(served):
    with client() as http:
        turtle = http.get(served.url)
        jsonld = http.get(served.url, headers={"Accept": "application/ld+json"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    store = ox.Store()
    store.load(turtle.content, format=ox.RdfFormat.TURTLE)
    endpoint = ox.NamedNode(served.url)
    assert list(
        store.quads_for_pattern(
            endpoint, ox.NamedNode(ns.RDF + "type"), ox.NamedNode(SD + "Service")
        )
    )
    assert list(store.quads_for_pattern(endpoint, ox.NamedNode(SD + "endpoint"), endpoint))
    names = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(SD + "name"), None)}
    assert ns.SEED_GRAPH in names and ns.ONTOLOGY_GRAPH in names
    formats = {
        q.object.value
        for q in store.quads_for_pattern(endpoint, ox.NamedNode(SD + "resultFormat"), None)
    }
    assert "http://www.w3.org/ns/formats/SPARQL_Results_CSV" in formats
    assert jsonld.status_code == 200
    assert triples(jsonld.content, ox.RdfFormat.JSON_LD) == triples(
        turtle.content, ox.RdfFormat.TURTLE
    ) or len(list(ox.parse(jsonld.content, format=ox.RdfFormat.JSON_LD))) == len(store)


@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_every_stored_query_has_a_page_and_a_download(served, name):
    required = stored_queries()[name].required
    with client() as http:
        page = http.get(served.base + f"/queries/{name}")
        download = http.get(served.base + f"/queries/{name}.csv")
    assert page.status_code == 200, page.text
    assert download.status_code == (400 if required else 200), download.text
    if not required:
        assert "<table>" in page.text
