"""A citable release: the vocabulary page, the compact JSON-LD and its context (never fetched
from anywhere), the VoID description's computed counts, the licences and CITATION.cff."""

from __future__ import annotations

import json
import re
import socket
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from ogpgraph.core import namespaces as ns

ROOT = Path(__file__).resolve().parents[1]
VOID = ns.VOID
XSD_INT = ns.XSD + "integer"


@pytest.fixture(scope="module")
def outputs(kg):
    from ogpgraph.build import generate

    return generate(kg)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or resolve a name fails (and is recorded)."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access refused by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def _package_version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"$', text, re.M)
    assert match
    return match.group(1)


# ---------------------------------------------------------------- ontology.html
def test_the_vocabulary_page_documents_every_term_with_an_anchor(outputs, kg):
    from ogpgraph.pages.ontology import terms

    page = outputs["ontology.html"].decode("utf-8")
    _about, known = terms(kg)
    assert len(known) >= 130
    for term in known.values():
        assert f'id="{term.local}"' in page, term.local
        for text in (*term.definitions, *term.comments):
            assert _html(text) in page, term.local
    assert 'id="commitment"' in page  # …/ontology.html#commitment
    assert '<a href="#Commitment">' in page  # the contents and the ranges link to the terms
    assert f"version {_package_version()}" in page


def _html(text: str) -> str:
    from ogpgraph.pages.html import esc

    return esc(text)


def test_the_vocabulary_page_is_offline_and_in_the_navigation(outputs):
    from ogpgraph.pages.html import NAV

    page = outputs["ontology.html"].decode("utf-8")
    assert "default-src 'none'" in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r'\bsrc="', page)
    assert ("ontology.html", "Vocabulary") in NAV
    assert 'href="ontology.html" aria-current="page"' in page
    for name in ("index.html", "graph.html"):
        assert 'href="ontology.html"' in outputs[name].decode("utf-8"), name


def test_the_vocabulary_page_is_deterministic(kg):
    from ogpgraph.pages.ontology import ontology_page

    assert ontology_page(kg) == ontology_page(kg)


def test_every_example_query_runs_and_finds_the_terms_that_the_data_uses(kg):
    from ogpgraph.core.queries import internal_query
    from ogpgraph.pages.ontology import example_query, terms

    _about, known = terms(kg)
    uses = {str(r["term"]): int(r["n"]) for r in kg.select(internal_query("pages-ontology-usage"))}
    used = [t for t in known.values() if uses.get(t.iri)]
    assert len(used) >= 100
    for term in known.values():
        rows = kg.select(example_query(term))
        assert bool(rows) == bool(uses.get(term.iri)), term.local


# ---------------------------------------------------------------- JSON-LD
def test_the_context_is_the_compact_exports_inline_context(outputs):
    context = json.loads(outputs["context.jsonld"])["@context"]
    compact = json.loads(outputs["ogpgraph.compact.jsonld"])
    assert compact["@context"] == context  # inline: nothing to fetch
    assert context["ogp"] == ns.OGP
    assert context["leadAgency"] == {"@id": "ogp:leadAgency", "@type": "@id"}
    assert "value" not in context or isinstance(context["value"], str)  # a prefix, not a term
    text = outputs["ogpgraph.compact.jsonld"].decode("utf-8")
    assert '"leadAgency": "nz-org:' in text and '"@type": "ogp:Commitment"' in text


def test_the_compact_json_ld_holds_exactly_the_dataset_without_the_network(outputs, kg, no_network):
    from ogpgraph.dumps.rdf import canonical_quads

    parsed = ox.Dataset(ox.parse(outputs["ogpgraph.compact.jsonld"], format=ox.RdfFormat.JSON_LD))
    parsed.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    assert set(parsed) == set(canonical_quads(kg))
    import rdflib

    # rdflib's JSON-LD processor too reads it without fetching anything, to what the N-Quads say
    graph, nquads = rdflib.Dataset(), rdflib.Dataset()
    graph.parse(data=outputs["ogpgraph.compact.jsonld"], format="json-ld")
    nquads.parse(data=outputs["ogpgraph.nq"], format="nquads")
    assert len(graph) == len(nquads) > 9000
    assert no_network == []


def test_the_network_fixture_refuses_connections(no_network):
    with pytest.raises(OSError, match="refused by the test"):
        socket.create_connection(("127.0.0.1", 9))
    assert len(no_network) == 1


# ---------------------------------------------------------------- void.ttl
def _void(outputs) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for t in ox.parse(outputs["void.ttl"], format=ox.RdfFormat.TURTLE):
        found[t.subject.value][t.predicate.value].append(t.object.value)
    return found


def test_void_counts_are_the_datas(outputs, kg):
    void = _void(outputs)
    dataset = void[ns.DATASET]
    quads = list(kg.quads())
    assert dataset[VOID + "triples"] == [str(len(quads))]
    assert dataset[VOID + "distinctSubjects"] == [str(len({q.subject for q in quads}))]
    assert dataset[VOID + "properties"] == [str(len({q.predicate for q in quads}))]
    per_graph: dict[str, list] = defaultdict(list)
    for q in quads:
        per_graph[q.graph_name.value].append(q)
    subsets = dataset[VOID + "subset"]
    assert len(subsets) == len(per_graph)
    for sub in subsets:
        graph = void[sub][ns.DCTERMS + "title"][0].split("<")[1].rstrip(">")
        assert void[sub][VOID + "triples"] == [str(len(per_graph[graph]))], graph
        subjects = {q.subject for q in per_graph[graph]}
        assert void[sub][VOID + "distinctSubjects"] == [str(len(subjects))], graph
    typed: dict[str, set] = defaultdict(set)
    for q in quads:
        if q.predicate.value == ns.RDF + "type":
            typed[q.object.value].add(q.subject)
    partitions = {
        void[p][VOID + "class"][0]: int(void[p][VOID + "entities"][0])
        for p in dataset[VOID + "classPartition"]
    }
    assert partitions == {c: len(s) for c, s in typed.items()}
    assert dataset[VOID + "classes"] == [str(len(typed))]
    assert partitions[ns.SKOS + "Concept"] > 9 and partitions[ns.SKOS + "ConceptScheme"] > 1


def test_void_names_creator_versions_and_downloads_and_no_endpoint(outputs):
    void = _void(outputs)
    dataset = void[ns.DATASET]
    version = _package_version()
    assert dataset[ns.DCAT + "version"] == [version]
    assert dataset[ns.DCAT + "hasVersion"] == [f"{ns.DATASET}/{version}"]
    assert dataset[ns.DCTERMS + "conformsTo"] == [f"{ns.BASE}ontology/{version}"]
    (creator,) = dataset[ns.DCTERMS + "creator"]
    assert dataset[ns.DCTERMS + "publisher"] == [creator]
    assert void[creator][ns.FOAF + "name"] == ["ogpgraph developers"]
    distributions = dataset[ns.DCAT + "distribution"]
    names = {void[d][ns.DCTERMS + "title"][0] for d in distributions}
    assert {"ogpgraph.ttl", "ogpgraph.compact.jsonld", "context.jsonld"} <= names
    for d in distributions:
        name = void[d][ns.DCTERMS + "title"][0]
        assert void[d][ns.DCAT + "downloadURL"] == [ns.BASE + "exports/" + name]
        assert void[d][ns.DCAT + "byteSize"] == [str(len(outputs[name]))]
    assert VOID + "sparqlEndpoint" not in dataset  # nothing serves the static exports


def test_void_names_an_endpoint_only_when_given(kg):
    from ogpgraph.dumps.rdf import describe

    text = describe(kg, {}, "0.1.0", endpoint="http://127.0.0.1:8000/sparql").decode()
    assert "void:sparqlEndpoint <http://127.0.0.1:8000/sparql>" in text


# ---------------------------------------------------------------- licences and citation
def test_licences_and_citation_agree_with_the_package():
    import yaml

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^license = "MIT"$', text, re.M)
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "CC BY 4.0" in (ROOT / "DATA-LICENSE.md").read_text(encoding="utf-8")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "license"):
        assert cff[key], key
    assert cff["version"] == _package_version()
    assert cff["license"] == "MIT"
    authors = re.search(r"^authors = \[\{ name = \"([^\"]+)\" \}\]$", text, re.M)
    assert authors and [a["name"] for a in cff["authors"]] == [authors.group(1)]
    from ogpgraph.dumps.rdf import CREATOR, release_date

    assert CREATOR[1] == authors.group(1)
    assert str(cff["date-released"]) == release_date(ROOT, cff["version"])
