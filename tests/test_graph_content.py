"""The bundled graph holds what the report says: counts, the Action Plan table cell by cell, each
case study's tags and what it illustrates, each result's claimed relevance, provenance."""

from __future__ import annotations

import pytest

V = "https://w3id.org/ogpgraph/vocab/value/"
C = "https://w3id.org/ogpgraph/vocab/challenge/"
NZ = "https://w3id.org/ogpgraph/nz/"
T, A, P, TI = V + "transparency", V + "accountability", V + "participation", V + "technology"
IPS, IPI, MEMPR = (
    C + "improving-public-services",
    C + "increasing-public-integrity",
    C + "managing-public-resources",
)

# The Action Plan table of section 1 (pages 2-3), row by row, as printed.
ACTION_PLAN_TABLE = {
    "commitment-1": {T, A, P, TI, IPS, IPI, MEMPR},
    "focus-area-result-10": {T, P, TI, IPS, IPI, MEMPR},
    "commitment-2": {T, A, P, TI, IPS, IPI, MEMPR},
    "focus-area-open-by-default": {T, A, P, TI, IPS, IPI, MEMPR},
    "commitment-3": {T, A, P, IPS, IPI, MEMPR},
    "commitment-4": {P, IPI},
}
ROW_ORDER = list(ACTION_PLAN_TABLE)
COLUMNS = [T, A, P, TI, IPS, IPI, MEMPR]

# Case studies: what each illustrates and the values/challenges of its tag line.
CASE_STUDIES = {
    "case-study-weymouth-ece": ("result-2", {P, IPS}),
    "case-study-ngapuhi-children-home": ("result-4", {P, IPS, MEMPR}),
    "case-study-occupation-outlook-app": ("result-6", {TI, IPS}),
    "case-study-fasttrack-dispute-resolution": ("result-9", {TI, MEMPR}),
    "case-study-assisted-digital": ("result-10", {TI, P, IPS}),
    "case-study-goes": ("commitment-2", {P, T, A, IPI}),
    "case-study-lawa": ("focus-area-open-by-default", {T, P, TI}),
    "case-study-ce-disclosures": ("focus-area-open-by-default", {T, A, IPI}),
    "case-study-nis-engagement": ("commitment-3", {P, IPI, MEMPR}),
    "case-study-hui-e": ("commitment-4", {P, IPI}),
}

# Annex 1's Relevance rows for results 1-9 (Result 10's is the focus area's row).
ALL_THREE = {IPS, IPI, MEMPR}
RESULT_RELEVANCE = {
    1: {T, A, P} | ALL_THREE,
    2: {T, A, P} | ALL_THREE,
    3: {T, A, P} | ALL_THREE,
    4: {T, A} | ALL_THREE,
    5: {T, A, P} | ALL_THREE,
    6: {T, A, P} | ALL_THREE,
    7: {T, A, P} | ALL_THREE,
    8: {T, A, P} | ALL_THREE,
    9: {T, A, P, TI} | ALL_THREE,
    10: {T, A, P, TI} | ALL_THREE,
}


def count(kg, cls):
    return kg.select(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <https://w3id.org/ogpgraph/ontology#{cls}> }}"
    )[0]["n"]


@pytest.mark.parametrize(
    "cls, expected",
    [
        ("FocusArea", 2),
        ("Result", 10),
        ("CaseStudy", 10),
        ("ResultArea", 5),
        ("Pillar", 13),  # the twelve New Zealand assessed, plus TI's thirteenth (not assessed)
    ],
)
def test_counts(kg, cls, expected):
    assert count(kg, cls) == expected


def test_the_first_plan_has_four_commitments(kg):
    # later plans' commitments (graph/later/) are counted per plan in test_later_plans.py
    rows = kg.select(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <https://w3id.org/ogpgraph/ontology#Commitment> ;"
        " <https://w3id.org/ogpgraph/ontology#inActionPlan> <https://w3id.org/ogpgraph/nz/action-plan/1> }"
    )
    assert rows[0]["n"] == 4


def test_seven_high_level_recommendations(kg):
    rows = kg.select("""
        PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
        SELECT DISTINCT ?n WHERE { ?r a ogp:Recommendation ; ogp:recommendationNumber ?n .
                                   FILTER NOT EXISTS { ?r a ogp:RecommendationPart } }""")
    assert sorted(r["n"] for r in rows) == [1, 2, 3, 4, 5, 6, 7]


def test_twelve_pillars_assessed_in_new_zealand(kg):
    rows = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "SELECT DISTINCT ?p WHERE { ?a ogp:assessedPillar ?p }"
    )
    assert len(rows) == 12
    assert not any(r["p"].endswith("anti-corruption-agencies") for r in rows)


def test_action_plan_table_cell_by_cell(kg):
    from ogpgraph.core.queries import get_stored

    rows = kg.select(get_stored("action-plan-table").text)
    assert len(rows) == 6 * 7, "every cell of the table, ticks and blanks"
    ids = {r["row"]: None for r in rows}
    id_of = {
        iri: kg.select(f"SELECT ?id WHERE {{ <{iri}> <http://purl.org/dc/terms/identifier> ?id }}")[
            0
        ]["id"]
        for iri in ids
    }
    seen_rows = []
    for r in rows:
        row_id = id_of[r["row"]]
        if not seen_rows or seen_rows[-1] != row_id:
            seen_rows.append(row_id)
        assert COLUMNS[r["columnOrder"] - 1] == r["concept"]
        assert r["ticked"] is (r["concept"] in ACTION_PLAN_TABLE[row_id]), (row_id, r["concept"])
        assert r["cell"] == ("✓" if r["ticked"] else "")
    assert seen_rows == ROW_ORDER


@pytest.mark.parametrize("case_study", sorted(CASE_STUDIES))
def test_case_study_tags_and_what_it_illustrates(kg, case_study):
    from ogpgraph.dataset.resolve import resolve_id

    iri = resolve_id(kg, case_study)
    illustrates, tags = CASE_STUDIES[case_study]
    got = {
        r["o"]
        for r in kg.select(
            f"SELECT ?o WHERE {{ <{iri}> <https://w3id.org/ogpgraph/ontology#demonstrates> ?o }}"
        )
    }
    assert got == tags
    targets = {
        r["o"]
        for r in kg.select(
            f"SELECT ?o WHERE {{ <{iri}> <https://w3id.org/ogpgraph/ontology#illustrates> ?o }}"
        )
    }
    assert resolve_id(kg, illustrates) in targets
    tag_line = kg.select(
        f"SELECT ?t WHERE {{ <{iri}> <https://w3id.org/ogpgraph/ontology#tagLine> ?t }}"
    )
    assert len(tag_line) == 1 and tag_line[0]["t"]


@pytest.mark.parametrize("number", range(1, 11))
def test_each_result_claimed_relevance(kg, number):
    from ogpgraph.core.queries import get_stored

    rows = kg.select(get_stored("result-relevance").text)
    annex = {
        r["concept"]
        for r in rows
        if r["number"] == number and r["relevant"] and "annex-1" in r["source"]
    }
    assert annex == RESULT_RELEVANCE[number]


def test_result_10_relevance_conflict_kept_with_both_sources(kg):
    from ogpgraph.core.queries import get_stored

    rows = kg.select(get_stored("conflicting-claims").text)
    r10 = [r for r in rows if r["subject"] == NZ + "focus-area/result-10" and r["concept"] == A]
    assert r10, "Result 10's Accountability: ticked in Annex 1, blank in the Action Plan table"
    assert any("action-plan-table" in r["noSource"] for r in r10)
    assert any("annex-1" in r["yesSource"] for r in r10)


def test_every_typed_resource_has_a_source_and_label(kg):
    from ogpgraph.analysis.validate import integrity_findings

    problems = [
        f
        for f in integrity_findings(kg)
        if f.kind.endswith(("IntegrityProvenance", "IntegrityLabel", "IntegrityDanglingIRI"))
    ]
    assert problems == []


def test_figures_quoted_in_the_report(kg):
    values = {
        str(r["v"])
        for r in kg.select(
            "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> SELECT ?v WHERE { ?f a ogp:Figure ; ogp:value ?v }"
        )
    }
    for expected in (
        "57",
        "107",
        "20",
        "12",
        "3442",
        "37",
        "86",
        "31",
        "18000",
        "11060",
        "96.1",
        "3144",
        "81.2",
        "54.2",
    ):
        assert expected in values, expected


def test_sub_recommendation_counts_from_both_sources(kg):
    rows = kg.select("""
        PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
        SELECT ?v ?q ?g WHERE { GRAPH ?g { ?f a ogp:Figure ; ogp:value ?v ; ogp:about <https://w3id.org/ogpgraph/nz/nis-2013> } OPTIONAL { ?f ogp:qualifier ?q } }""")
    pairs = {(str(r["v"]), r["g"].rsplit("/", 1)[-1]) for r in rows}
    assert ("58", "nz-sar-2016") in pairs
    assert ("60", "external") in pairs


def test_no_contact_details(kg):
    rows = kg.select(
        "SELECT ?o WHERE { ?s ?p ?o . FILTER(isLiteral(?o) && (CONTAINS(STR(?o), '@ssc.govt.nz') || CONTAINS(STR(?o), '+64 4'))) }"
    )
    assert rows == []


def test_dataset_validates(kg):
    from ogpgraph.analysis.validate import validate

    report = validate(kg)
    assert report.conforms, [(f.subject, f.kind, f.message) for f in report.errors][:5]
