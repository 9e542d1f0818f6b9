"""New Zealand's later action plans, the IRM's verdicts and the 2018 NIS update (graph/later/):
counts per plan as the sources give them, one named graph per source with a source on every
fact, nothing from a later source in the report's graph, the IRM's first-plan figures, the
renamed State Services Commission as one resource, and the done-when query."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from ogpgraph.analysis.validate import validate
from ogpgraph.core.queries import stored_queries
from ogpgraph.dataset.store import KnowledgeGraph

ROOT = Path(__file__).resolve().parents[1]
LATER = ROOT / "graph" / "later"
BASE = "https://w3id.org/ogpgraph/"
OGP = BASE + "ontology#"
REPORT_GRAPH = BASE + "graph/nz-sar-2016"
DCT_SOURCE = "http://purl.org/dc/terms/source"


def _rows(kg, name: str) -> list[dict]:
    return kg.select(stored_queries()[name].text)


def _str(value) -> str:
    return "" if value is None else str(getattr(value, "value", value))


def test_counts_per_plan_are_the_sources_counts(kg):
    plans = Counter(int(_str(row["plan"])) for row in _rows(kg, "commitments-by-plan"))
    assert plans == {1: 4, 2: 7, 3: 12, 4: 8}


def test_the_count_each_source_states_matches_the_commitments_recorded(kg):
    rows = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "SELECT ?n ?value (COUNT(DISTINCT ?c) AS ?recorded) WHERE { "
        "?f ogp:about ?plan ; ogp:measure ?m ; ogp:value ?value . "
        "FILTER(STR(?m) IN ('commitments in the plan', 'number of commitments')) "
        "?plan ogp:actionPlanNumber ?n . ?c ogp:inActionPlan ?plan ; a ogp:Commitment . "
        "} GROUP BY ?n ?value"
    )
    stated = {(int(_str(r["n"])), float(_str(r["value"]))) for r in rows}
    assert stated == {(1, 4.0), (2, 7.0), (3, 12.0), (4, 8.0)}
    for row in rows:
        assert float(_str(row["value"])) == float(_str(row["recorded"]))


@pytest.mark.parametrize("path", sorted(LATER.glob("*.trig")), ids=lambda p: p.stem)
def test_each_later_source_is_its_own_named_graph_with_a_source_on_every_fact(kg, path):
    graph = f"{BASE}graph/later/{path.stem}"
    rows = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT DISTINCT ?g ?s ?cites WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER NOT EXISTS { GRAPH ?g { ?s a ogp:Source } } "
        "OPTIONAL { GRAPH ?g { ?s dcterms:source ?src } } BIND(BOUND(?src) AS ?cites) }",
        g=ox.NamedNode(graph),
    )
    assert rows, f"{path.name} declares no graph {graph}"
    assert [r["s"] for r in rows if r["cites"] is not True] == []
    # the graph's own source is an ogp:Source with its address
    sources = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "SELECT ?g ?s WHERE { GRAPH ?g { ?s a ogp:Source ; ogp:address ?a } }",
        g=ox.NamedNode(graph),
    )
    assert sources


def test_nothing_from_a_later_source_is_in_the_reports_graph(kg):
    rows = kg.select(
        "SELECT ?g ?later ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?s), ?later) || (isIRI(?o) && STRSTARTS(STR(?o), ?later))) }",
        g=ox.NamedNode(REPORT_GRAPH),
        later=ox.Literal(BASE + "nz/action-plan/2"),
    )
    assert rows == []
    later_sources = {
        _str(r["src"])
        for r in kg.select(
            "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT DISTINCT ?prefix ?src WHERE { "
            "GRAPH ?g { ?s dcterms:source ?src } FILTER(STRSTARTS(STR(?g), ?prefix)) }",
            prefix=ox.Literal(BASE + "graph/later/"),
        )
    }
    assert later_sources
    cited_in_report = {
        _str(r["src"])
        for r in kg.select(
            "PREFIX dcterms: <http://purl.org/dc/terms/> "
            "SELECT DISTINCT ?g ?src WHERE { GRAPH ?g { ?s dcterms:source ?src } }",
            g=ox.NamedNode(REPORT_GRAPH),
        )
    }
    assert later_sources.isdisjoint(cited_in_report)


@pytest.mark.parametrize(
    "figure, value",
    [
        ("irm-eot-2014-16-commitments", 4),
        ("irm-eot-2014-16-milestones", 9),
        ("irm-eot-2014-16-substantial-end-of-term", 4),
        ("irm-eot-2014-16-starred", 0),
    ],
)
def test_the_irms_first_plan_figures(kg, figure, value):
    rows = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?f ?v ?plan ?src WHERE { ?f ogp:value ?v ; ogp:about ?plan ; dcterms:source ?src }",
        f=ox.NamedNode(BASE + "nz/figure/" + figure),
    )
    assert len(rows) == 1
    assert float(_str(rows[0]["v"])) == value
    assert _str(rows[0]["plan"]) == BASE + "nz/action-plan/1"
    assert _str(rows[0]["src"]) == BASE + "source/irm-end-of-term-2014-16"


def test_the_renamed_organisation_is_one_resource_with_its_names_over_time(kg):
    holders = kg.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?org WHERE { { ?org skos:altLabel ?n } UNION { ?org rdfs:label ?n } "
        "FILTER(STR(?n) = 'Te Kawa Mataaho Public Service Commission') "
        "FILTER NOT EXISTS { ?org a <https://w3id.org/ogpgraph/ontology#OrganisationName> } }"
    )
    assert [_str(r["org"]) for r in holders] == [BASE + "nz/org/state-services-commission"]
    names = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?org ?name ?from ?until WHERE { ?org ogp:hasName ?n . ?n rdfs:label ?name . "
        "OPTIONAL { ?n ogp:nameFrom ?from } OPTIONAL { ?n ogp:nameUntil ?until } } ORDER BY ?name",
        org=ox.NamedNode(BASE + "nz/org/state-services-commission"),
    )
    got = [(_str(r["name"]), _str(r.get("from")), _str(r.get("until"))) for r in names]
    assert got == [
        ("State Services Commission", "", "2020"),
        ("Te Kawa Mataaho Public Service Commission", "2020", ""),
    ]


def test_two_copies_of_one_page_are_two_reviews_each_with_its_copy(kg):
    rows = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?c ?src ?relevance WHERE { ?r a ogp:CommitmentReview ; ogp:assessedEntity ?c ; "
        "dcterms:source ?src ; ogp:relevanceToValues ?relevance } ORDER BY ?src",
        c=ox.NamedNode(BASE + "nz/commitment/3"),
    )
    got = [(_str(r["src"]).rsplit("/", 1)[-1], _str(r["relevance"])) for r in rows]
    assert got == [
        ("ogp-nz0003-copy-a", "Civic Participation , Public Accountability"),
        ("ogp-nz0003-copy-b", "Yes"),
    ]


def test_unknown_leads_stay_unknown_and_the_query_says_not_known(kg):
    rows = {_str(r["id"]): r for r in _rows(kg, "commitments-by-plan")}
    assert _str(rows["plan-2-commitment-1"]["lead"]) == "The Treasury"
    assert _str(rows["plan-2-commitment-1"]["ogpId"]) == "NZ0005"
    assert _str(rows["plan-3-commitment-5"]["lead"]) == "not known"
    assert _str(rows["commitment-3"]["lead"]) == "State Services Commission"


def test_one_query_answers_the_done_when_question(kg):
    rows = _rows(kg, "nis-recommendations-over-time")
    assert {_str(r["recId"]) for r in rows} >= {f"nis-rec-{n}" for n in range(1, 8)}
    rec5 = [r for r in rows if _str(r["recId"]) == "nis-rec-5"]
    assert [_str(r["itemId"]) for r in rec5] == ["commitment-3"]
    (row,) = rec5
    assert "End-of-term self-assessment: Substantial" in _str(row["government"])
    assert "Mid-term self-assessment" in _str(row["government"])
    irm = _str(row["irm"])
    assert "ogp-nz0003-copy-a]" in irm and "starred no" in irm and "ambition Low" in irm
    assert _str(row["laterCall"]) == "nis-rec-2018-implement-2013"


def test_the_2018_update_is_a_second_nis_assessment_linked_to_2013(kg):
    rows = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "PREFIX prov: <http://www.w3.org/ns/prov#> "
        "SELECT ?u ?old ?rec WHERE { ?u a ogp:IntegrityAssessment ; prov:wasRevisionOf ?old . "
        "?rec ogp:recommendedBy ?u . OPTIONAL { ?rec ogp:recommendsImplementing ?x } }",
        u=ox.NamedNode(BASE + "nz/nis-2018"),
        old=ox.NamedNode(BASE + "nz/nis-2013"),
    )
    assert len(rows) == 4  # the stored copy shows four of the six recommendations


_LEADLESS = """
@base <https://w3id.org/ogpgraph/> .
@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
GRAPH <https://w3id.org/ogpgraph/graph/test> {
<source/t> a ogp:Source ; rdfs:label "t"@en .
<member/nz> a ogp:Member ; rdfs:label "New Zealand"@en ; dcterms:source <source/t> .
<nz/action-plan/2> a ogp:ActionPlan ; rdfs:label "Plan 2"@en ; ogp:member <member/nz> ;
    ogp:actionPlanNumber 2 ; dcterms:source <source/t> .
<nz/commitment/plan-2-1> a ogp:Commitment ; rdfs:label "Plan 2, commitment 1"@en ;
    dcterms:identifier "plan-2-commitment-1" ; ogp:commitmentNumber 1 ;
    ogp:inActionPlan <nz/action-plan/2> ; MARK dcterms:source <source/t> .
}
"""


@pytest.mark.parametrize(
    "mark, conforms", [("ogp:leadAgencyKnown false ;", True), ("", False)], ids=["marked", "bare"]
)
def test_a_lead_may_be_unknown_only_when_the_data_says_so(make_project, mark, conforms):
    proj = make_project({"test/leadless.trig": _LEADLESS.replace("MARK", mark)})
    report = validate(KnowledgeGraph.load(proj))
    lead_errors = [f for f in report.errors if "leadAgencyKnown false" in f.message]
    assert (lead_errors == []) is conforms
