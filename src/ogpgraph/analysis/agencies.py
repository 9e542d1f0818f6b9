"""Organisations by involvement (what they lead and contribute to) and by betweenness in the view;
and over the action plans (:func:`agencies_over_time`: who led what, when)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.plans import PlanChoice
from ogpgraph.analysis.projection import nodes_of_kind, simple_view
from ogpgraph.core.output import Table
from ogpgraph.model import NOT_KNOWN, Kind

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph

#: the columns of ``ogpgraph agencies``: the action plan's own items (commitments, focus areas,
#: results: :data:`~ogpgraph.analysis.overview.PLAN_KINDS`) apart from other work (initiatives,
#: documents, events…), as the dashboard counts them
COLUMNS = (
    "organisation",
    "id",
    "leads",
    "contributes",
    "total",
    "other work led",
    "other work contributed",
    "betweenness",
    "plan items led",
)


def agencies(source: KnowledgeGraph | Analysis, *, budget: int = 500_000, seed: int = 42) -> Table:
    """One row per organisation (all of them): the commitments, focus areas and results it leads
    and contributes to (takes part in, champions, supports) — ``leads``, ``contributes`` and their
    ``total`` —, the other things it leads or contributes to (initiatives, documents, events…)
    counted apart, and its betweenness. The split is the dashboard's
    (:func:`~ogpgraph.analysis.overview.agency_rows`).

    Betweenness is computed on the undirected view without the OGP values and challenges (see
    :func:`ogpgraph.analysis.projection.simple_view`): exactly while nodes × edges stays within
    ``budget`` (the bundled graph is far below it), else estimated from a seeded sample of
    ``budget / edges`` pivots (at least 16), so that results stay deterministic and the command
    stays fast on graphs of every OGP member.
    """
    import networkx as nx

    from ogpgraph.analysis.overview import agency_rows
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    g = analysis.view
    simple = simple_view(g)
    n, m = simple.number_of_nodes(), max(simple.number_of_edges(), 1)
    k = None if n * m <= budget else min(n, max(16, budget // m))
    betweenness = nx.betweenness_centrality(simple, k=k, seed=seed, normalized=True)
    involved = {row.iri: row for row in agency_rows(analysis)}
    table = Table(list(COLUMNS), title="Organisations by involvement in the action plan")
    rows: list[Sequence[Any]] = []
    for org in nodes_of_kind(g, Kind.ORGANISATION):
        row = involved.get(org)
        led, helped = (row.leads, row.contributes) if row else ([], [])
        rows.append(
            [
                g.nodes[org]["label"],
                g.nodes[org].get("id", ""),
                len(led),
                len(helped),
                len(led) + len(helped),
                row.other_leads if row else 0,
                row.other_contributes if row else 0,
                round(betweenness.get(org, 0.0), 4),
                ", ".join(g.nodes[v].get("id") or g.nodes[v]["label"] for v in led),
            ]
        )
    rows.sort(key=lambda r: (-r[4], -(r[5] + r[6]), -r[7], r[0]))
    table.rows = rows
    return table


#: the columns of ``ogpgraph agencies --plan``: who led (or supported…) what, when
OVER_TIME_COLUMNS = (
    "organisation",
    "id",
    "name at the time",
    "role",
    "plan",
    "period",
    "item",
    "title",
    "from",
)


def agencies_over_time(
    source: KnowledgeGraph | Analysis, plan: PlanChoice = "all", member: str | None = None
) -> Table:
    """Who led, supported, contributed to or championed each commitment and focus area of the
    plans ``plan`` selects (a number, or every plan for ``"all"`` or None), when: one row per
    organisation, role and item, by organisation, then plan. An organisation that changed name is
    one organisation; ``name at the time`` is the name its sources give for the year the plan
    started (empty where it has no dated names). An item no source names a lead of has a row
    ``not known`` (never a guess). ``from``: the named graphs that state it.

    Raises:
        OgpgraphError: for an unknown member or plan.
    """
    from ogpgraph.analysis.plans import ALL, check_plan, item_plans, plans_in_scope
    from ogpgraph.analysis.projection import check_member, edges, sort_key
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.model import INVOLVEMENT, Relation

    plan = check_plan(source, plan)
    analysis = Analysis.of(source).every_plan()
    g = analysis.view
    member = check_member(g, member)
    wanted = set(plans_in_scope(analysis, ALL if plan is None else plan, member))
    belongs = item_plans(analysis)
    names = _dated_names(analysis.kg)
    items = [
        n
        for n in nodes_of_kind(g, Kind.COMMITMENT, Kind.FOCUS_AREA)
        if n in belongs and belongs[n] in wanted
    ]
    role_order = {relation: i for i, relation in enumerate(INVOLVEMENT)}
    rows: list[tuple[Any, list[Any]]] = []
    for item in items:
        p = belongs[item]
        found: dict[tuple[Relation, str], set[str]] = {}
        for role in INVOLVEMENT:
            for org, _i, d in edges(g, role, target=item):
                found.setdefault((role, org), set()).add(d.get("source", ""))
        if not any(role == Relation.LEADS for role, _org in found):
            found[(Relation.LEADS, "")] = set()
        for (relation, org), graphs in found.items():
            label = g.nodes[org]["label"] if org else NOT_KNOWN
            key = (
                not org,
                label.casefold(),
                p.member != "nz",
                p.number,
                sort_key(g, item),
                role_order[relation],
            )
            rows.append(
                (
                    key,
                    [
                        label,
                        g.nodes[org].get("id", "") if org else "",
                        _name_at(names.get(org, []), p.start_year),
                        relation.words,
                        p.number,
                        p.period,
                        g.nodes[item].get("id") or item,
                        g.nodes[item]["label"],
                        "; ".join(sorted(x for x in graphs if x)),
                    ],
                )
            )
    title = "Who led what, when: organisations by the action plans' commitments"
    table = Table(list(OVER_TIME_COLUMNS), title=title)
    table.rows = [row for _key, row in sorted(rows, key=lambda kv: kv[0])]
    return table


def _dated_names(kg: KnowledgeGraph) -> dict[str, list[tuple[str, int | None, int | None]]]:
    """Organisation → its dated names (name, from year, until year)."""
    from ogpgraph.core.queries import internal_query

    def year(value: Any) -> int | None:
        text = str(value or "")
        return int(text[:4]) if text[:4].isdigit() else None

    out: dict[str, list[tuple[str, int | None, int | None]]] = {}
    for row in kg.select(internal_query("analysis-agencies-names")):
        out.setdefault(row["org"], []).append((row["name"], year(row["from"]), year(row["until"])))
    return out


def _name_at(names: list[tuple[str, int | None, int | None]], year: int | None) -> str:
    """The name in use in ``year`` (a name until 2020 is in use before 2020, one from 2020 from
    2020 on); every name, joined, where the year or the names' dates do not decide."""
    if not names:
        return ""
    if year is not None:
        current = [
            name
            for name, start, until in names
            if (start is None or start <= year) and (until is None or year < until)
        ]
        if len(current) == 1:
            return current[0]
    return " / ".join(name for name, _s, _u in names)
