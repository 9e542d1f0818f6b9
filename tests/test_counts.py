"""Counts people can trust (issue 14, item 9): `agencies` counts the action plan's items apart
from other work; `query --list` shows whole summaries."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_agencies_counts_plan_items_apart_from_other_work(cli):
    rows = {r["id"]: r for r in json.loads(cli("agencies", "-F", "json", root=ROOT).output)}
    dia = rows["org-department-of-internal-affairs"]
    # it leads Commitments 2 and 4, Result 10 and the focus area on it; the ICT strategy
    # document and other work it leads are counted apart (the old table said "leads 8")
    assert dia["leads"] == 4
    assert dia["plan items led"] == ("commitment-2, commitment-4, focus-area-result-10, result-10")
    assert dia["other work led"] == 4
    assert all(r["total"] == r["leads"] + r["contributes"] for r in rows.values())
    # the dashboard's agencies table counts the same way
    from ogpgraph.analysis.overview import agency_rows
    from ogpgraph.dataset.store import KnowledgeGraph

    by_iri = {a.iri: a for a in agency_rows(KnowledgeGraph.load(ROOT))}
    ssc = by_iri["https://w3id.org/ogpgraph/nz/org/state-services-commission"]
    assert rows["org-state-services-commission"]["leads"] == len(ssc.leads)
    assert rows["org-state-services-commission"]["other work led"] == ssc.other_leads


def test_query_list_wraps_summaries_instead_of_cutting_them(cli):
    from ogpgraph.core.queries import stored_queries

    out = cli("query", "--list", root=ROOT).output
    assert max(len(line) for line in out.splitlines()) < 140  # wrapped, not one long line
    lines = out.splitlines()
    start, end = lines[0].index("summary"), lines[0].index("parameters")
    # the summary column, read down the table: every summary whole, in its words' order
    column = " ".join(" ".join(line[start:end].split()) for line in lines[2:])
    for query in stored_queries().values():
        assert " ".join(query.summary.split()) in column, query.name


def test_the_results_query_says_where_its_lead_agency_comes_from(cli):
    from ogpgraph.core.queries import get_stored

    stored = get_stored("results")
    assert "where the report names one" in stored.summary
    assert "only for Result 10" in stored.description
    rows = json.loads(cli("query", "--name", "results", "-F", "json", root=ROOT).output)
    bindings = rows["results"]["bindings"] if isinstance(rows, dict) else rows
    leads = {int(b["number"]["value"]): b.get("lead", {}).get("value", "") for b in bindings}
    # the report names a lead only for Result 10
    assert {n for n, lead in leads.items() if lead} == {10}
    assert leads[10] == "Department of Internal Affairs"
