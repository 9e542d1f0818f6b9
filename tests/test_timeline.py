"""The timeline (``timeline.html``, :mod:`ogpgraph.analysis.timeline`) and the dashboard's table
of the plans the graph covers: counts per plan as the sources give them, every field of every
commitment known with its sources or marked "not known", the links between NIS recommendations
and plans drawn as on the recommendations page, every reference resolving to a source with its
address, the same bytes twice, and a fact added to the data appearing without a change of
code."""

from __future__ import annotations

import re

import pytest

from ogpgraph.analysis.timeline import FIELDS, IRM_FIELDS, NOT_KNOWN, plan_coverage, timeline
from ogpgraph.pages.timeline import timeline_page

BASE = "https://w3id.org/ogpgraph/"


@pytest.fixture(scope="module")
def page(kg) -> str:
    return timeline_page(kg)


def _cards(page: str) -> dict[str, str]:
    return dict(
        re.findall(
            r'<article class="commitment" id="[^"]*" data-commitment="([^"]*)">(.*?)</article>',
            page,
        )
    )


def test_the_plans_and_their_commitments_are_the_sources(kg):
    found = timeline(kg)
    assert [(p.number, len(p.commitments)) for p in found.plans] == [
        (1, 4),
        (2, 7),
        (3, 12),
        (4, 8),
    ]
    spans = {p.number: (p.start and p.start.value, p.end and p.end.value) for p in found.plans}
    assert spans == {
        1: ("2014-10", None),  # the report gives its launch; no source gives its end
        2: ("2016-07", "2018-06"),
        3: ("2018-07", "2021-06"),
        4: ("2023-01", "2024-12"),
    }
    assert [a.iri for a in found.assessments] == [BASE + "nz/nis-2013", BASE + "nz/nis-2018"]
    assert found.assessments[0].date.value == "2013-12-09"
    implements = [r for r in found.assessments[1].recommendations if r.implements]
    assert [r.id for r in implements] == ["nis-rec-2018-implement-2013"]


def test_every_field_of_every_commitment_is_known_with_a_source_or_not_known(kg, page):
    cards = _cards(page)
    found = timeline(kg)
    assert len(cards) == sum(len(p.commitments) for p in found.plans) == 31
    for plan in found.plans:
        for c in plan.commitments:
            card = cards[c.id]
            for f in FIELDS:
                cell = re.search(rf'data-field="{f.key}" data-known="(\w+)">(.*?)</dd>', card)
                assert cell, (c.id, f.key)
                values = c.known(f.key)
                assert cell.group(1) == ("true" if values else "false")
                if values:
                    assert 'class="ref"' in cell.group(2)  # a known value names its sources
                    assert NOT_KNOWN not in cell.group(2)
                else:
                    assert cell.group(2) == f'<span class="unknown">{NOT_KNOWN}</span>'
    # facts the later sources give, each on its commitment's card
    assert "Parliamentary Counsel Office" in cards["plan-2-commitment-6"]
    assert "Serious Fraud Office" in cards["plan-4-commitment-4"]
    assert "Pending IRM Review" in cards["plan-4-commitment-4"]
    # two copies of one page that differ: both values, each with its own copy
    relevance = re.search(r'data-field="relevance"[^>]*>(.*?)</dd>', cards["commitment-3"]).group(1)
    assert "Civic Participation , Public Accountability" in relevance and "Yes" in relevance
    assert relevance.count('class="ref"') == 2


def test_every_reference_is_a_listed_source_with_its_address(page):
    used = set(re.findall(r'<a class="ref" href="#source-(\d+)"', page))
    listed = set(re.findall(r'<li id="source-(\d+)"', page))
    assert used and used == listed
    sources = re.search(r'<ol class="sources">(.*?)</ol>', page).group(1)
    for address in (
        "https://publicservice.govt.nz/system/open-government-partnership/plans-and-resources/"
        "new-zealands-national-action-plans",
        "https://opengovpartnership.org/members/new-zealand/commitments/NZ0010",
        "https://www.transparency.org.nz/national-integrity-system-assessment-2018-update/",
    ):
        assert f"<code>{address}</code>" in sources
    # each reference's tooltip names the source and its address
    tip = re.search(r'title="([^"]*)" data-source="' + BASE + 'source/ogp-nz0010"', page).group(1)
    assert "NZ0010" in tip and "https://opengovpartnership.org/" in tip


def test_links_are_drawn_as_on_the_recommendations_page(kg, page):
    from ogpgraph.pages.style import edge_style, link_style

    plan1 = next(p for p in timeline(kg).plans if p.number == 1)
    assert {(link.relation, link.asserted_by) for link in plan1.links} == {
        ("addresses", "government"),
        ("linked", "tinz"),
    }
    svg = re.search(r"<svg class=\"timeline\".*?</svg>", page, re.S).group(0)
    for relation, who in (("addresses", "government"), ("linked", "tinz")):
        path = re.search(
            rf'<path class="link" data-relation="{relation}" data-asserted-by="{who}"[^>]*>', svg
        )
        assert path, (relation, who)
        assert f'stroke="{edge_style(link_style(relation, who)).color}"' in path.group(0)
    # commitment 3 responds to the 2013 assessment as a whole; the 2018 update asks for it
    assert 'data-relation="responds-to"' in _cards(page)["commitment-3"]
    assert '<path class="implements"' in svg


def test_the_page_is_the_same_twice_and_offline(kg, page):
    assert timeline_page(kg) == page
    assert "<script" not in page
    assert "script-src 'none'" in page and "connect-src 'none'" in page
    assert not re.search(r'(src|href)="https?://', page)  # nothing loaded, no link away


def test_the_dashboard_says_how_completely_the_graph_covers_each_plan(kg):
    from ogpgraph.pages.dashboard import plans_html

    coverage = {p.number: p for p in plan_coverage(kg)}
    assert {n: p.commitments for n, p in coverage.items()} == {1: 4, 2: 7, 3: 12, 4: 8}
    # no stored copy names the leads of plan 2's commitments 5 and 7, plan 3's 5, plan 4's 1, 6, 7
    assert {n: p.known["lead"] for n, p in coverage.items()} == {1: 4, 2: 5, 3: 11, 4: 5}
    # the counts are those of the page's cards
    found = timeline(kg)
    for plan in found.plans:
        for f in FIELDS:
            known = sum(1 for c in plan.commitments if c.known(f.key))
            assert coverage[plan.number].known[f.key] == known, (plan.number, f.key)
    table = plans_html(kg)
    for n, p in coverage.items():
        row = re.search(rf'<tr data-plan="{n}" data-commitments="(\d+)">(.*?)</tr>', table)
        assert row and int(row.group(1)) == p.commitments
        for f in FIELDS:
            assert (
                f'data-field="{f.key}" data-known="{p.known[f.key]}" '
                f'data-unknown="{p.unknown(f.key)}"' in row.group(2)
            )
    assert len(IRM_FIELDS) == len(FIELDS) - 1


def test_the_build_writes_the_page_and_the_dashboard_links_to_it(kg):
    from ogpgraph.build import generate
    from ogpgraph.pages.html import NAV

    assert ("timeline.html", "Timeline") in NAV
    outputs = generate(kg)
    assert outputs["timeline.html"].decode("utf-8") == timeline_page(kg)
    index = outputs["index.html"].decode("utf-8")
    assert 'href="timeline.html"' in index
    assert '<table class="plans">' in index


_PLAN = """@base <https://w3id.org/ogpgraph/> .
@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
GRAPH <https://w3id.org/ogpgraph/graph/later/plans> {
<source/plans> a ogp:Source ; rdfs:label "A page on the plans"@en ;
    ogp:address "https://example.org/plans" .
<nz/action-plan/5> a ogp:ActionPlan ; rdfs:label "A fifth plan"@en ;
    ogp:actionPlanNumber 5 ; ogp:dateText "2025-2027"@en ;
    ogp:implementedFrom "2025-01"^^xsd:gYearMonth ; ogp:implementedUntil "2027-06"^^xsd:gYearMonth ;
    dcterms:source <source/plans> .
<nz/commitment/plan-5-1> a ogp:Commitment ; rdfs:label "Plan 5, commitment 1: Open things"@en ;
    dcterms:identifier "plan-5-commitment-1" ; ogp:commitmentNumber 1 ;
    ogp:inActionPlan <nz/action-plan/5> ; dcterms:source <source/plans> .
<nz/commitment/plan-5-2> a ogp:Commitment ; rdfs:label "Plan 5, commitment 2: Close nothing"@en ;
    dcterms:identifier "plan-5-commitment-2" ; ogp:commitmentNumber 2 ;
    ogp:inActionPlan <nz/action-plan/5> ; dcterms:source <source/plans> .
}
"""
_LATER = """@base <https://w3id.org/ogpgraph/> .
@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
GRAPH <https://w3id.org/ogpgraph/graph/later/irm> {
<source/irm> a ogp:Source ; rdfs:label "An IRM page"@en ; ogp:address "https://example.org/irm" .
<nz/org/an-agency> a ogp:GovernmentAgency ; rdfs:label "An Agency"@en ;
    dcterms:identifier "org-an-agency" ; dcterms:source <source/irm> .
<nz/commitment/plan-5-2> ogp:leadAgency <nz/org/an-agency> ; dcterms:source <source/irm> .
<nz/assessment/irm/plan-5-2> a ogp:CommitmentReview ; rdfs:label "IRM review"@en ;
    ogp:assessedEntity <nz/commitment/plan-5-2> ; ogp:starred true ; ogp:earlyResults "Major" ;
    dcterms:source <source/irm> .
}
"""


def test_a_fact_added_to_the_data_appears_without_a_change_of_code(make_project):
    from ogpgraph.dataset.store import KnowledgeGraph

    before = KnowledgeGraph.load(make_project({"later/plans.trig": _PLAN}, name="before"))
    [plan] = timeline(before).plans
    assert [c.known("lead") for c in plan.commitments] == [[], []]
    [cov] = plan_coverage(before)
    assert (cov.commitments, cov.known["lead"], cov.unknown("starred")) == (2, 0, 2)
    page = timeline_page(before)
    assert page.count(f'<span class="unknown">{NOT_KNOWN}</span>') >= 2 * len(FIELDS)

    after = KnowledgeGraph.load(
        make_project({"later/plans.trig": _PLAN, "later/irm.trig": _LATER}, name="after")
    )
    [plan] = timeline(after).plans
    second = plan.commitments[1]
    assert [s.value for s in second.leads] == ["An Agency"]
    assert second.leads[0].sources == (BASE + "source/irm",)
    assert [s.value for s in second.irm["starred"]] == ["Yes"]
    [cov] = plan_coverage(after)
    assert (cov.known["lead"], cov.known["starred"], cov.known["early-results"]) == (1, 1, 1)
    card = _cards(timeline_page(after))["plan-5-commitment-2"]
    assert "An Agency" in card and "Major" in card and "https://example.org/irm" in card


def test_an_assessment_shows_how_many_recommendations_its_source_counts(kg):
    """The 2018 update's page says it "makes six key recommendations" and shows four: the
    drawing says how many are recorded, the NIS section gives the source's count."""
    found = {a.id: a for a in timeline(kg).assessments}
    update = found["document-nis-2018"]
    assert len([r for r in update.recommendations if r.parent is None]) == 4
    assert [f.value for f in update.figures] == ["NIS 2018 update: key recommendations: 6"]
    page = timeline_page(kg)
    assert "4 recommendations recorded" in page
    assert "NIS 2018 update: key recommendations: 6" in page


def test_the_page_sets_the_plan_by_value_view_out(kg):
    """The plan × OGP value view (coverage --by plan) is on the page, row for row, with "not
    known" counted apart from "not claimed"."""
    from ogpgraph.analysis.plan_values import plan_values

    table = plan_values(kg)
    page = timeline_page(kg)
    section = page.partition('<table class="values-by-plan">')[2].partition("</table>")[0]
    rows = re.findall(r'<tr data-plan="(\d+)">(.*?)</tr>', section)
    assert len(rows) == len(table.rows) == 16  # 4 plans × 4 values
    for (plan, cells), row in zip(rows, table.rows):
        values = re.findall(r"<td[^>]*>(.*?)</td>", cells)
        assert plan == str(row[0]) and values[1] == row[table.columns.index("value")]
        assert values[-5] == str(row[table.columns.index("claims not known")])
    later = [cells for plan, cells in rows if plan == "2"]
    assert all("all 7" in cells for cells in later)  # no source gives plan 2's claims


def test_the_page_says_who_led_what_plan_by_plan(kg):
    """The leads of every plan (agencies --plan all), one row per organisation, and "not known"
    for the commitments no source names a lead of (plan 2's 5 and 7, plan 3's 5, plan 4's 1, 6, 7)."""
    page = timeline_page(kg)
    section = page.partition('<section id="leads"')[2].partition("</section>")[0]
    rows = {
        org: re.findall(r"<td>(.*?)</td>", cells)
        for org, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', section)
    }
    assert rows["not known"] == ["", "5, 7", "5", "1, 6, 7"]
    assert rows["Statistics New Zealand"] == ["", "4", "8, 9", "8"]
    assert rows["Department of Internal Affairs"][0] == "2, 4, focus area: result-10"
    assert list(rows)[-1] == "not known"
