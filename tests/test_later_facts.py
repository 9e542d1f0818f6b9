"""The later facts read from stored copies (graph/later/): leads, identifiers and figures as the
copies print them, each in its copy's named graph; leads no stored copy gives stay unknown."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ogpgraph.core import namespaces as ns

B = ns.BASE
LATER = ns.GRAPH + "later/"


def _str(term) -> str:
    return str(getattr(term, "value", term))


def _leads(kg) -> dict[str, set[tuple[str, str]]]:
    rows = kg.select(
        "SELECT ?c ?g ?o WHERE { GRAPH ?g { ?c ogp:leadAgency ?o } "
        "FILTER(STRSTARTS(STR(?c), 'https://w3id.org/ogpgraph/nz/commitment/plan-')) }"
    )
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in rows:
        out[_str(r["c"]).removeprefix(B + "nz/commitment/")].add(
            (_str(r["g"]).removeprefix(LATER), _str(r["o"]).removeprefix(B + "nz/org/"))
        )
    return out


def test_the_leads_read_from_stored_copies(kg):
    leads = _leads(kg)
    assert leads["plan-2-2"] == {
        ("ogp-nz-improving-official-information", "state-services-commission"),
        ("ogp-nz-improving-official-information", "ministry-of-justice"),
    }
    for copy in ("ogp-nz0007-copy-a", "ogp-nz0007-copy-b"):
        assert {o for g, o in leads["plan-2-3"] if g == copy} == {
            "land-information-new-zealand",
            "department-of-internal-affairs",
        }
    assert {o for _g, o in leads["plan-2-4"]} == {
        "land-information-new-zealand",
        "department-of-internal-affairs",
        "statistics-new-zealand",
    }
    assert leads["plan-3-7"] == {
        ("ogp-nz0018", "ministry-of-justice"),
        ("ogp-nz0018", "state-services-commission"),
    }
    assert {o for _g, o in leads["plan-3-8"]} == {"statistics-new-zealand"}
    assert leads["plan-3-1"] == {
        ("ogp-nz-c1-progress-2020-09", "office-of-the-clerk"),
        ("ogp-nz-c1-progress-2020-09", "parliamentary-service"),
    }
    assert leads["plan-3-2"] == {("ogp-nz0013", "ministry-of-youth-development")}
    assert leads["plan-3-3"] == {("ogp-nz-update-2022-05", "ministry-of-education")}
    assert leads["plan-3-4"] == {("ogp-nz-update-2022-05", "parliamentary-counsel-office")}
    assert leads["plan-3-6"] == {("ogp-nz0017", "department-of-internal-affairs")}
    assert leads["plan-3-9"] == {("ogp-nz0020", "statistics-new-zealand")}
    assert leads["plan-3-11"] == {("ogp-nz-c11-progress-2019-12", "department-of-internal-affairs")}
    assert {g for g, _o in leads["plan-3-12"]} == {"ogp-nz0023-copy-a", "ogp-nz0023-copy-b"}
    assert leads["plan-3-10"] == {("ogp-nz0021", "department-of-internal-affairs")}
    assert (
        leads["plan-4-2"]
        == leads["plan-4-3"]
        == {("tinz-nap4-update", "state-services-commission")}
    )
    assert leads["plan-4-4"] == {
        ("ogp-nz0027", "serious-fraud-office"),
        ("tinz-nap4-update", "serious-fraud-office"),
    }
    assert leads["plan-4-5"] == {("ogp-nz0028", "ministry-of-business-innovation-and-employment")}
    assert leads["plan-4-8"] == {("ogp-nz0031", "statistics-new-zealand")}


def test_leads_no_stored_copy_gives_stay_unknown(kg):
    leads = _leads(kg)
    unknown = {
        _str(r["c"]).removeprefix(B + "nz/commitment/")
        for r in kg.select("SELECT ?c WHERE { ?c ogp:leadAgencyKnown false }")
    }
    assert unknown == {"plan-2-5", "plan-2-7", "plan-3-5", "plan-4-1", "plan-4-6", "plan-4-7"}
    # a commitment with a lead never says its lead is unknown
    assert not unknown & set(leads)


def test_each_ogp_identifier_names_one_commitment_and_each_commitment_has_one(kg):
    rows = kg.select("SELECT DISTINCT ?c ?oid WHERE { ?c ogp:ogpIdentifier ?oid }")
    by_id: dict[str, set[str]] = defaultdict(set)
    by_c: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        by_id[_str(r["oid"])].add(_str(r["c"]))
        by_c[_str(r["c"])].add(_str(r["oid"]))
    assert all(len(v) == 1 for v in by_id.values()), by_id
    assert all(len(v) == 1 for v in by_c.values()), by_c
    plan3 = {B + f"nz/commitment/plan-3-{n}": {f"NZ{11 + n:04d}"} for n in range(1, 13)}
    assert {c: by_c[c] for c in plan3} == plan3
    assert by_c[B + "nz/commitment/plan-4-5"] == {"NZ0028"}
    assert by_c[B + "nz/commitment/plan-4-8"] == {"NZ0031"}


def _figures(kg, graph: str) -> dict[str, float]:
    rows = kg.select(
        "SELECT ?g ?m ?v WHERE { GRAPH ?g { ?f a ogp:Figure ; ogp:measure ?m ; ogp:value ?v } }",
        g=ox.NamedNode(LATER + graph),
    )
    return {_str(r["m"]): float(_str(r["v"])) for r in rows}


def test_the_irm_action_plan_review_2022_24_figures(kg):
    assert _figures(kg, "irm-action-plan-review-2022-24") == {
        "number of commitments": 8.0,
        "commitments with an open government lens": 8.0,
        "commitments with substantial potential for results": 2.0,
        "promising commitments": 3.0,
    }


def test_tinz_and_the_self_assessment_on_later_plans(kg):
    assert _figures(kg, "tinz-irm-review-2016-18") == {
        "commitments considered truly ambitious": 1.0
    }
    about = {
        _str(r["a"]).removeprefix(B)
        for r in kg.select(
            "SELECT ?a WHERE { <https://w3id.org/ogpgraph/nz/figure/tinz-irm-eot-2016-18-truly-"
            "ambitious> ogp:about ?a }"
        )
    }
    assert about == {"nz/action-plan/2", "nz/commitment/plan-2-6"}
    assert _figures(kg, "self-assessment-end-of-term-2018-21") == {
        "agencies leading commitments": 11.0,
        "commitments commended as noteworthy by the Independent Reviewer": 3.0,
    }


def test_two_copies_of_one_page_that_differ_are_two_reviews(kg):
    rows = kg.select(
        "SELECT ?g ?v WHERE { GRAPH ?g { ?r ogp:assessedEntity "
        "<https://w3id.org/ogpgraph/nz/commitment/plan-3-8> ; ogp:relevanceToValues ?v } }"
    )
    assert {(_str(r["g"]).removeprefix(LATER), _str(r["v"])) for r in rows} == {
        ("ogp-nz0019-copy-a", "Not Relevant"),
        ("ogp-nz0019-copy-b", "Yes"),
    }
