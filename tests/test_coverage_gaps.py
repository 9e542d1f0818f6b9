"""Coverage and gaps: on the real graph, on fixtures made to contain each gap kind and on one
made without, and computed both through the NetworkX view and through SPARQL."""

from __future__ import annotations

import json

import pytest

from ogpgraph.analysis.coverage import coverage
from ogpgraph.analysis.gaps import GAPS, find_gaps
from ogpgraph.dataset.store import KnowledgeGraph

from .fixtures_gaps import clean_project, gappy_project
from .test_graph_content import ACTION_PLAN_TABLE, IPI, NZ, A, P, T

CLAIMED_ON_REAL_GRAPH_KINDS = {
    "claim-without-evidence",
    "unaddressed-concept",
    "no-case-study",
    "recommendation-without-response",
    "recommendation-not-met",
    "untouched-pillar",
    "conflict",
    "claims-differ",
    "words-not-supported",
    "words-not-checkable",
    "target-missed",
    "link-one-sided",
}


def test_claimed_matrix_equals_the_action_plan_table(kg):
    cov = coverage(kg, "commitment")
    got = {}
    for row in cov.rows:
        got[cov.ids[row]] = {c for c in cov.columns if (row, c) in cov.claimed}
    assert got == ACTION_PLAN_TABLE
    assert [cov.ids[r] for r in cov.rows] == list(ACTION_PLAN_TABLE)


def test_evidenced_layer_on_the_real_graph(kg):
    cov = coverage(kg, "commitment")
    c1, c4 = NZ + "commitment/1", NZ + "commitment/4"
    assert (c1, T) not in cov.evidenced, "no case study evidences Transparency for BPS"
    assert cov.cell(c1, T) == "claimed"
    claims_c4 = {c for (r, c) in cov.claimed if r == c4}
    assert claims_c4 == {P, IPI}
    for concept in claims_c4:
        assert "Hui E!" in cov.evidenced[(c4, concept)]


@pytest.mark.parametrize("level", ["commitment", "result"])
def test_view_and_sparql_agree_on_coverage(kg, level):
    from ogpgraph.core.queries import get_stored

    cov = coverage(kg, level)
    rows = kg.select(get_stored("coverage-matrix").text)
    for r in rows:
        if r["item"] not in cov.rows:
            continue
        key = (r["item"], r["concept"])
        assert r["claimed"] is (key in cov.claimed), key
        assert r["evidenced"] is (key in cov.evidenced), key
    assert {r["item"] for r in rows} >= set(cov.rows)


def test_view_and_sparql_agree_on_claims_without_evidence(kg):
    from ogpgraph.core.queries import get_stored

    sparql = {
        (r["item"], r["concept"]) for r in kg.select(get_stored("claimed-not-evidenced").text)
    }
    view = {
        (g.subject, g.related[0])
        for g in find_gaps(kg, ("claim-without-evidence",))
        if g.subject.startswith((NZ + "commitment/", NZ + "focus-area/"))
    }
    assert sparql == view


def test_view_and_sparql_agree_on_recommendations_without_response(kg):
    from ogpgraph.core.queries import get_stored

    sparql = {
        r["recommendation"] for r in kg.select(get_stored("recommendations-without-response").text)
    }
    view = {g.subject for g in find_gaps(kg, ("recommendation-without-response",))}
    # the view leaves out what only the later sources (graph/later/) type: the 2018 update's
    later = {r for r in sparql if r.startswith("https://w3id.org/ogpgraph/nz/nis-2018/")}
    assert len(later) == 4
    assert sparql - later == view


def test_view_and_sparql_agree_on_conflicts(kg):
    from ogpgraph.core.queries import get_stored

    sparql = {
        (r["subject"], r["concept"]) for r in kg.select(get_stored("conflicting-claims").text)
    }
    view = {
        (g.subject, g.related[0])
        for g in find_gaps(kg, ("conflict",))
        if g.related and "/vocab/" in g.related[0]
    }
    assert sparql == view


@pytest.mark.parametrize("kind", sorted(CLAIMED_ON_REAL_GRAPH_KINDS))
def test_gap_kind_found_on_the_real_graph(kg, kind):
    assert find_gaps(kg, (kind,)), kind


def test_result_10_conflict_reported_with_both_sources(kg):
    found = [g for g in find_gaps(kg, ("conflict",)) if g.subject == NZ + "focus-area/result-10"]
    assert any(A in g.related for g in found)
    gap = next(g for g in found if A in g.related)
    assert any("able" in s.lower() or "table" in s.lower() for s in gap.sources)
    assert any("annex" in s.lower() for s in gap.sources)


def test_unselected_grand_challenges_are_unaddressed(kg):
    subjects = {g.subject for g in find_gaps(kg, ("unaddressed-concept",))}
    assert "https://w3id.org/ogpgraph/vocab/challenge/safer-communities" in subjects
    assert "https://w3id.org/ogpgraph/vocab/challenge/corporate-accountability" in subjects


def test_recommendation_3_has_no_status_in_the_report(kg):
    found = {g.subject: g for g in find_gaps(kg, ("recommendation-not-met",))}
    rec3 = NZ + "nis-2013/recommendation/3"
    assert rec3 in found


@pytest.mark.parametrize("kind", GAPS.ids())
def test_each_gap_kind_on_fixtures(make_project, kind):
    gappy = KnowledgeGraph.load(gappy_project(make_project))
    clean = KnowledgeGraph.load(clean_project(make_project))
    assert find_gaps(gappy, (kind,)), f"{kind} not found where it was planted"
    assert not find_gaps(clean, (kind,)), f"{kind} found in the clean fixture"


def test_fixture_link_disagreement_names_both_asserters(make_project):
    kg = KnowledgeGraph.load(gappy_project(make_project))
    (gap,) = find_gaps(kg, ("link-disagreement",))
    assert "government: addresses" in gap.message and "TINZ: partly addresses" in gap.message


def test_gaps_cli_fail_on(cli, make_project):
    proj = gappy_project(make_project)
    ok = cli("gaps", "--kind", "conflict", "--format", "json", root=proj)
    assert ok.exit_code == 0
    assert json.loads(ok.output)
    failing = cli("gaps", "--fail-on", "conflict", "--format", "csv", root=proj)
    assert failing.exit_code == 1
    clean = cli("gaps", "--fail-on", "conflict", root=clean_project(make_project))
    assert clean.exit_code == 0


def test_gaps_cli_rejects_unknown_kind(cli, root):
    result = cli("gaps", "--kind", "nope", root=root)
    assert result.exit_code == 2
    assert "unknown kind" in result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_coverage_cli_formats(cli, root, fmt):
    result = cli("coverage", "--format", fmt, root=root)
    assert result.exit_code == 0
    if fmt == "json":
        data = json.loads(result.output)
        assert len(data["cells"]) == 6 * 9
    else:
        assert "commitment-1" in result.output


def test_coverage_layers_use_the_documented_symbols(cli, root):
    both = cli("coverage", "--layer", "both", "--format", "csv", root=root).output
    claimed = cli("coverage", "--layer", "claimed", "--format", "csv", root=root).output
    assert "✗" in both and "✗" not in claimed


def test_agencies_ranks_by_involvement(cli, root):
    result = cli("agencies", "--format", "json", root=root)
    rows = json.loads(result.output)
    top = [r["organisation"] for r in rows[:5]]
    assert "State Services Commission" in top or "Department of Internal Affairs" in top
    assert all(r["total"] == r["leads"] + r["contributes"] for r in rows)
    assert all(0 <= r["betweenness"] <= 1 for r in rows)


def test_recommendations_report_has_a_section_per_recommendation(cli, root, tmp_path):
    out = tmp_path / "recs.md"
    result = cli("report", "recommendations", "-o", str(out), root=root)
    assert result.exit_code == 0
    text = out.read_text()
    for n in range(1, 8):
        assert f"Identifier: `nis-rec-{n}`" in text, n
    assert "**Status, according to each assessor**" in text
    assert "| status | Met | not assessed |" in text  # the government's beside TINZ's


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A small multi-member graph from benchmarks/synth.py (seeded, deterministic)."""
    import subprocess
    import sys
    from pathlib import Path

    out = tmp_path_factory.mktemp("synth") / "proj"
    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [
            sys.executable,
            str(root / "benchmarks" / "synth.py"),
            "--triples",
            "10000",
            "--out",
            str(out),
            "--copy-ontology",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return KnowledgeGraph.load(out)


def test_coverage_per_member_partitions_the_overall_matrix(synthetic):
    from ogpgraph.analysis.projection import build_view

    g = build_view(synthetic)
    overall = coverage(synthetic, "all")
    members = sorted({g.nodes[r]["member"] for r in overall.rows})
    assert len(members) > 1
    per_member = [coverage(synthetic, "all", m) for m in members]
    assert sorted(r for cov in per_member for r in cov.rows) == sorted(overall.rows)
    for m, cov in zip(members, per_member):
        assert cov.rows and all(g.nodes[r]["member"] == m for r in cov.rows)
        assert {k for k in cov.claimed} <= set(overall.claimed)


def test_gaps_per_member(synthetic):
    from ogpgraph.analysis.projection import build_view

    g = build_view(synthetic)
    everything = find_gaps(synthetic)
    member = g.nodes[coverage(synthetic, "commitment").rows[0]]["member"]
    mine = find_gaps(synthetic, member=member)
    assert mine
    assert all(
        g.nodes[x.subject]["member"] == member for x in mine if x.kind != "unaddressed-concept"
    )
    assert len([x for x in mine if x.kind != "unaddressed-concept"]) < len(everything)


def test_relation_index_is_made_on_first_use_and_agrees_with_a_scan(kg):
    import gc
    import weakref

    import networkx as nx

    from ogpgraph.analysis import projection as view

    g = view.build_view(kg)  # a fresh view on each call: its index has not been asked for yet
    assert view._INDEX_ATTR not in vars(g)
    plain = nx.MultiDiGraph(g)  # a copy: not a built view, so edges() scans it
    relations = sorted({d["relation"] for _u, _v, d in g.edges(data=True)})
    assert {"claims", "leads", "illustrates", "demonstrates"} <= set(relations)
    for relation in relations:
        assert sorted(view.edges_with(g, relation), key=repr) == sorted(
            view.edges_with(plain, relation), key=repr
        )
    assert view._INDEX_ATTR in vars(g) and view._INDEX_ATTR not in vars(plain)
    for node in list(g.nodes)[::7]:
        for relation in relations:
            assert sorted(view.edges(g, relation, source=node), key=repr) == sorted(
                view.edges(plain, relation, source=node), key=repr
            )
            assert sorted(view.edges(g, relation, target=node), key=repr) == sorted(
                view.edges(plain, relation, target=node), key=repr
            )
    # a subgraph is another object: it is scanned, never answered from its parent's index
    some = list(g.nodes)[:40]
    sub = g.subgraph(some)
    assert view._index(sub) is None
    assert {(u, v) for u, v, _d in view.edges_with(sub, "claims")} <= {
        (u, v) for u, v in sub.edges()
    }
    # the index does not keep a dropped view alive
    ref = weakref.ref(g)
    del g, sub
    gc.collect()
    assert ref() is None


def test_member_option_on_the_cli(cli, root):
    nz = cli("coverage", "--member", "nz", "--format", "json", root=root)
    assert nz.exit_code == 0
    assert len(json.loads(nz.output)["cells"]) == 6 * 9
    other = cli("coverage", "--member", "zz", "--format", "json", root=root)
    assert other.exit_code == 2
    assert "unknown member 'zz'" in other.output and "nz" in other.output
    assert cli("gaps", "--member", "zz", root=root).exit_code == 2


def test_persistent_store_caches_the_view_and_rebuilds_on_change(make_project, tmp_path):
    import gc
    import os

    from ogpgraph.analysis.projection import build_view

    proj = gappy_project(make_project)
    store = tmp_path / "store"

    def view_of_fresh_load():
        kg = KnowledgeGraph.load(proj, store_dir=store)
        g = build_view(kg)
        found = (
            sorted(g.nodes),
            g.number_of_edges(),
            {d["label"] for _n, d in g.nodes(data=True)},
            find_gaps(kg, ("conflict",)),
        )
        del kg, g
        gc.collect()  # the on-disk store is locked while open
        return found

    first = view_of_fresh_load()
    assert list(store.glob("view-*.pickle")), "the view is cached beside the store"
    again = view_of_fresh_load()
    assert again[:2] == first[:2] and again[3] == first[3]
    data = proj / "graph" / "test" / "data.trig"
    data.write_text(data.read_text().replace('"Commitment two"@en', '"Commitment 2 renamed"@en'))
    os.utime(data, ns=(1, 1))  # a different modification time, whatever the clock says
    changed = view_of_fresh_load()
    assert "Commitment 2 renamed" in changed[2] and "Commitment two" not in changed[2]


def test_fast_fill_equals_networkx_add_nodes_and_edges_from(kg):
    import networkx as nx

    from ogpgraph.analysis.projection import _filler, build_view

    g = build_view(kg)
    node_list = {n: dict(d) for n, d in g.nodes(data=True)}
    edge_list = [(u, v, k, dict(d)) for u, v, k, d in g.edges(keys=True, data=True)]
    edge_list.append(edge_list[0][:3] + ({"extra": 1},))  # a repeated key updates its attributes
    fast, slow = nx.MultiDiGraph(), nx.MultiDiGraph()
    _filler(fast, {n: dict(d) for n, d in node_list.items()})(edge_list)
    slow.add_nodes_from(node_list.items())
    slow.add_edges_from(edge_list)
    assert dict(fast.nodes(data=True)) == dict(slow.nodes(data=True)) == dict(g.nodes(data=True))
    assert sorted(fast.edges(keys=True, data="relation")) == sorted(
        slow.edges(keys=True, data="relation")
    )
    assert sorted(fast.in_edges(keys=True)) == sorted(slow.in_edges(keys=True))
    assert fast.number_of_edges() == slow.number_of_edges() == g.number_of_edges()
    u, v, k, _ = edge_list[0]
    assert fast.edges[u, v, k]["extra"] == slow.edges[u, v, k]["extra"] == 1
    for node in list(g.nodes)[:50]:
        assert sorted(fast.successors(node)) == sorted(slow.successors(node))
        assert sorted(fast.predecessors(node)) == sorted(slow.predecessors(node))
    # a graph laid out differently (here: one that already has a node) takes the public methods
    other = nx.MultiDiGraph()
    other.add_node("x")
    _filler(other, {n: dict(d) for n, d in node_list.items()})(edge_list)
    assert sorted(other.edges(keys=True)) == sorted(slow.edges(keys=True))
    assert other.number_of_nodes() == slow.number_of_nodes() + 1


def test_recommendations_report_carries_the_recorded_conflict_of_recommendation_1(kg):
    from ogpgraph.analysis.reports import recommendations_report

    text = recommendations_report(kg)
    section = text[text.index("Identifier: `nis-rec-1`") : text.index("Identifier: `nis-rec-2`")]
    assert "- conflict: the heading and status of recommendation 1:" in section
    # a conflict about a result stays out of the recommendations report
    assert "the age band" not in text


def test_gaps_as_csv_carry_identifiers_a_spreadsheet_can_join_on(cli, root):
    """--format csv (and tsv) gives every field JSON gives: the subject's IRI beside its label,
    the related IRIs, and the details as JSON; the table for reading keeps labels."""
    import csv
    import io
    import json

    as_json = json.loads(cli("gaps", "--format", "json", root=root).stdout)
    rows = list(csv.DictReader(io.StringIO(cli("gaps", "--format", "csv", root=root).stdout)))
    assert list(rows[0]) == [
        "kind",
        "subject",
        "subject_label",
        "reason",
        "sources",
        "related",
        "details",
    ]
    assert [(r["kind"], r["subject"]) for r in rows] == [(g["kind"], g["subject"]) for g in as_json]
    assert all(r["subject"].startswith("https://w3id.org/ogpgraph/") for r in rows)
    fields = set(rows[0])
    with_details = [(r, g) for r, g in zip(rows, as_json) if set(g) - fields]
    assert with_details  # JSON gives a finding's details (e.g. "status") as keys of their own
    for row, gap in with_details:
        assert json.loads(row["details"]) == {k: v for k, v in gap.items() if k not in fields}
    related = [(r, g) for r, g in zip(rows, as_json) if g.get("related")]
    assert related and all(r["related"].split("; ") == g["related"] for r, g in related)
