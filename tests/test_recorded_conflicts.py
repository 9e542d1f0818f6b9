"""The report's own inconsistencies as typed conflicts (ogp:Conflict with its sides), listed by
``gaps --kind conflict``; and Annex 1's Kia Tūtahi Next Steps row."""

from __future__ import annotations

import json

import pytest

from ogpgraph.analysis.gaps import find_gaps
from ogpgraph.core import namespaces as ns
from ogpgraph.dataset.store import KnowledgeGraph
from tests.fixtures_gaps import gappy_project

NZ = "https://w3id.org/ogpgraph/nz/"
SEC = "https://w3id.org/ogpgraph/source/nz-sar-2016/"

#: each recorded conflict: what it is about, and the words of each side with its section
RECORDED = {
    "result-6-age-band": (
        NZ + "bps-result/6",
        [("24 to 35 year-olds", "annex-1-bps"), ("25-34 year olds", "annex-1-bps")],
    ),
    "result-7-target-dates": (
        NZ + "bps-result/7",
        [("by 2018 reduce the total crime rate", "annex-1-bps"), ("by June 2018", "annex-1-bps")],
    ),
    "result-8-target-date": (
        NZ + "bps-result/8",
        [("by 25% by 2017.", "annex-1-bps"), ("target date of June 2017", "annex-1-bps")],
    ),
    "open-by-default-action-number": (
        NZ + "focus-area/open-by-default",
        [("Action 13", "action-plan-table"), ("Action Area 4", "s3-open-by-default")],
    ),
    "nis-rec-1-two-headings": (
        NZ + "nis-2013/recommendation/1",
        [("(UNCAC)", "s3-nis"), ("National Anti-Corruption Strategy", "s3-nis")],
    ),
}


@pytest.fixture(scope="module")
def conflicts(kg):
    return find_gaps(kg, ("conflict",))


@pytest.mark.parametrize("slug", sorted(RECORDED))
def test_each_recorded_conflict_is_a_gap_with_both_statements_and_sources(conflicts, slug):
    about, sides = RECORDED[slug]
    iri = NZ + "conflict/" + slug
    (gap,) = [g for g in conflicts if g.related and g.related[0] == iri]
    assert gap.subject == about
    assert gap.related[1:] == (iri + "/1", iri + "/2")
    for words, section in sides:
        assert words in gap.message
        assert SEC + section in gap.sources
    # the first side is quoted before the second
    assert gap.message.index(sides[0][0]) < gap.message.index(sides[1][0])


def test_each_side_of_the_bundled_conflicts_is_quoted_from_the_report(kg, root):
    from ogpgraph.analysis.accounting import normalise

    report = normalise((root / "graph/nz-sar-2016/source-report.txt").read_text("utf-8"))
    rows = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "SELECT ?side ?quote WHERE { ?c a ogp:Conflict ; ogp:hasSide ?side . "
        "?side ogp:quote ?quote }"
    )
    assert len(rows) == 2 * len(RECORDED)
    assert [r["side"] for r in rows if normalise(r["quote"]) not in report] == []


def test_all_conflicts_are_listed_the_old_ones_too(conflicts):
    recorded = {g.related[0] for g in conflicts if g.related and "/conflict/" in g.related[0]}
    assert recorded == {NZ + "conflict/" + slug for slug in RECORDED}
    # the claim contradiction (Result 10's Accountability) and the figure conflict are still found
    assert any(g.subject == NZ + "focus-area/result-10" for g in conflicts)
    assert any(g.subject == NZ + "nis-2013" for g in conflicts)
    assert len(conflicts) == len(RECORDED) + 2


def test_a_planted_conflict_is_found_with_its_sides_in_order(make_project):
    kg = KnowledgeGraph.load(gappy_project(make_project))
    (gap,) = [g for g in find_gaps(kg, ("conflict",)) if g.related[0].endswith("x1")]
    assert gap.message == 'the date: "by 2017" (row A) against "by June 2018"'
    assert len(gap.sources) == 2


def test_gaps_cli_lists_the_recorded_conflicts(cli, root):
    out = cli("gaps", "--kind", "conflict", "--format", "json", root=root)
    assert out.exit_code == 0
    subjects = {row["subject"] for row in json.loads(out.output)}
    assert {about for about, _sides in RECORDED.values()} <= subjects


def test_kia_tutahi_next_steps_row(kg):
    rows = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?text WHERE { <https://w3id.org/ogpgraph/nz/commitment/4> ogp:nextStepsText ?text }"
    )
    (row,) = rows
    assert row["text"].startswith(
        "The Department of Internal Affairs will continue to engage with the OGP Stakeholder"
    )
    assert rows[0]["text"].endswith("to consider an appropriate response to the findings.")
    notes = kg.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?n WHERE { <https://w3id.org/ogpgraph/nz/commitment/4> skos:note ?n }"
    )
    assert not any("Next Steps" in r["n"] for r in notes)


def test_every_commitment_has_annex_1s_next_steps(kg):
    # the first plan's (Annex 1 reports on it; the later plans' sources give no next steps)
    rows = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "SELECT ?c WHERE { ?c a ogp:Commitment ; ogp:inActionPlan/ogp:actionPlanNumber 1 . "
        "FILTER NOT EXISTS { ?c ogp:nextStepsText ?t } }"
    )
    assert [r["c"] for r in rows if r["c"].startswith(ns.BASE + "nz/")] == []
