"""The action plan at a glance (:mod:`ogpgraph.analysis.overview`), checked against the graph
read independently (SPARQL on the bundled data), and the dashboard that renders it."""

from __future__ import annotations

import html
import re

import pyoxigraph
import pytest

from ogpgraph.analysis.overview import (
    agency_rows,
    at_a_glance,
    citations,
    data_as_at,
    gap_groups,
    plain_date,
    responds_to,
)
from ogpgraph.analysis.state import Analysis
from ogpgraph.dataset.store import KnowledgeGraph
from ogpgraph.model import Kind, Status

NZ = "https://w3id.org/ogpgraph/nz/"
PREFIXES = """
PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def leads_by_sparql(kg) -> dict[str, set[str]]:
    rows = kg.select(
        PREFIXES
        + """SELECT ?item ?name WHERE {
          VALUES ?class { ogp:Commitment ogp:FocusArea }
          GRAPH ?g { ?item a ?class }
          FILTER(!STRSTARTS(STR(?g), 'https://w3id.org/ogpgraph/graph/later/'))
          ?item ogp:leadAgency ?org . ?org rdfs:label ?name }"""
    )
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["item"], set()).add(row["name"])
    return found


def test_rows_are_the_commitments_and_focus_areas(kg):
    rows = at_a_glance(kg)
    items = {
        r["item"]
        for r in kg.select(
            PREFIXES + "SELECT DISTINCT ?item WHERE { VALUES ?c { ogp:Commitment ogp:FocusArea } "
            "GRAPH ?g { ?item a ?c } "
            # the view leaves out the later plans' commitments (typed only in graph/later/)
            "FILTER(!STRSTARTS(STR(?g), 'https://w3id.org/ogpgraph/graph/later/')) }"
        )
    }
    assert {r.iri for r in rows} == items
    assert [r.kind for r in rows].count(Kind.COMMITMENT) == 4
    # each focus area right after the commitment it is a focus of
    ids = [r.id for r in rows]
    assert ids.index("focus-area-result-10") == ids.index("commitment-1") + 1
    assert ids.index("focus-area-open-by-default") == ids.index("commitment-2") + 1


def test_lead_agencies_are_the_graphs(kg):
    expected = leads_by_sparql(kg)
    rows = at_a_glance(kg)
    assert {r.iri: {name for _iri, name in r.leads} for r in rows} == expected
    dia = [r.id for r in rows if "Department of Internal Affairs" in {n for _i, n in r.leads}]
    assert dia == ["focus-area-result-10", "commitment-2", "commitment-4"]
    # one name per agency even where two sources say the same (Commitment 3 and the SSC)
    assert all(len(r.leads) == len(set(r.leads)) for r in rows)


def test_milestones_are_labels_of_the_items_milestones(kg):
    labels: dict[str, set[str]] = {}
    for row in kg.select(
        PREFIXES + "SELECT ?item ?l WHERE { ?item ogp:hasMilestone ?m . "
        "{ ?m rdfs:label ?l } UNION { ?m skos:altLabel ?l } }"
    ):
        labels.setdefault(row["item"], set()).add(row["l"].rstrip("."))
    for row in at_a_glance(kg):
        assert len(row.milestones) == 1, row.id
        assert row.milestones[0] in labels[row.iri]
        # the shortest: "(Focus on Result 10)" is not repeated in the focus area's own row
        assert len(row.milestones[0]) == min(len(x) for x in labels[row.iri])


def test_commitment_3_responds_to_every_nis_recommendation_with_its_status(kg):
    rows = {r.id: r for r in at_a_glance(kg)}
    recs = rows["commitment-3"].recommendations
    in_report = {
        r["rec"]
        for r in kg.select(
            PREFIXES + "SELECT ?rec WHERE { ?rec ogp:recommendedBy <" + NZ + "nis-2013> "
            "FILTER NOT EXISTS { ?part skos:broader ?rec } }"
        )
    }
    assert {r.iri for r in recs} == in_report  # recommendation 1 by its two parts
    by_id = {r.iri.rsplit("/", 1)[1]: r for r in recs}
    assert by_id["1-uncac"].status == Status.MET and by_id["1-uncac"].part
    assert by_id["1-strategy"].words == "Not fully addressed"
    assert by_id["3"].status == Status.UNKNOWN  # no source assesses it
    assert by_id["4"].words == Status.PROGRESSING.label
    assert [r.number for r in recs] == sorted(r.number for r in recs)
    # the other items respond to none
    assert all(not r.recommendations for r in rows.values() if r.id != "commitment-3")


def test_responds_to_follows_direct_links(kg):
    g = Analysis(kg).view
    plan = NZ + "action-plan/1"
    assert responds_to(g, plan) == [NZ + "nis-2013/recommendation/2"]  # "addresses", a link


def test_case_studies_count_those_of_parts(kg):
    rows = {r.id: r for r in at_a_glance(kg)}
    assert "The Assisted Digital programme – Result 10" in rows["commitment-1"].case_studies
    assert rows["focus-area-result-10"].case_studies == [
        "The Assisted Digital programme – Result 10"
    ]
    assert len(rows["commitment-4"].case_studies) == 1


def test_agencies_count_plan_items_apart(kg):
    rows = {r.label: r for r in agency_rows(kg)}
    dia = rows["Department of Internal Affairs"]
    # the issue: "leads 8" counted documents and initiatives; it leads 3 commitments and focus
    # areas, and Result 10
    expected = {
        item
        for item, names in leads_by_sparql(kg).items()
        if "Department of Internal Affairs" in names
    }
    assert len(expected) == 3
    assert set(dia.leads) == expected | {NZ + "bps-result/10"}
    assert dia.other_leads > 0
    assert all(not set(r.leads) & set(r.contributes) for r in rows.values())
    # most plan items led first
    ordered = agency_rows(kg)
    assert [len(r.leads) for r in ordered] == sorted((len(r.leads) for r in ordered), reverse=True)


def test_citations_read_like_citations(kg):
    cites = citations(kg)
    src = "https://w3id.org/ogpgraph/source/nz-sar-2016/"
    assert cites[src + "action-plan-table"].startswith("Action Plan table of section 1")
    assert cites[src + "action-plan-table"].endswith(", pp. 2–3")
    assert cites[src + "s3-bps"] == "Section 3: Better Public Services Results Programme, pp. 5–7"
    assert cites[src + "annex-1-kia-tutahi"].endswith(", p. 45")
    assert not any("https://" in text for text in cites.values())


def test_data_as_at_is_the_newest_source(kg):
    """The newest dated source: a document's issue date (the report: 2016-01) or the date of the
    copy read (the OGPNZ update of 24 January 2023), whichever is newer."""
    assert data_as_at(kg) == "2023-01-24"
    report_only = KnowledgeGraph.load(kg.project.root)
    for graph in report_only.graph_names():
        if "/graph/later/" in graph:
            report_only.store.remove_graph(pyoxigraph.NamedNode(graph))
    assert data_as_at(report_only) == "2016-01"
    assert plain_date("2016-01") == "January 2016"
    assert plain_date("2016-13") == "2016-13"  # not a month: as it is


def test_gap_groups_condense_by_item_and_kind(kg):
    from ogpgraph.analysis.gaps import find_gaps

    found = find_gaps(kg)
    groups = gap_groups(found)
    assert sum(len(g.findings) for g in groups) == len(found)
    keys = [(g.kind, g.subject) for g in groups]
    assert len(keys) == len(set(keys))
    claims = [g for g in groups if g.kind == "claim-without-evidence"]
    assert len(claims) < len([f for f in found if f.kind == "claim-without-evidence"])


# ------------------------------------------------------------------------ the page itself
@pytest.fixture(scope="module")
def index(kg) -> str:
    from ogpgraph.build import generate

    return generate(kg)["index.html"].decode("utf-8")


def visible_text(page: str) -> str:
    """The page's text without tags, styles or attributes."""
    body = page.split("<body>", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_index_shows_plain_words_only(index):
    text = visible_text(index)
    for code in ("partly-addresses", "not-fully-addressed", "named graph", "IRI", "https://"):
        assert code not in text, code
    assert "Department of Internal Affairs" in text
    assert "Data as at 24 January 2023" in text and "Dataset version" in text


def test_index_drops_the_pillars_column_the_data_cannot_fill(index):
    assert "Pillars touched" not in index  # no recommendation in the data touches a pillar


def test_index_is_the_same_for_the_same_data(kg, index):
    from ogpgraph.build import generate

    assert generate(kg)["index.html"].decode("utf-8") == index
