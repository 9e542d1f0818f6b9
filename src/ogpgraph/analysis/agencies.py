"""Organisations by involvement (what they lead and contribute to) and by betweenness in the view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.projection import nodes_of_kind, simple_view
from ogpgraph.core.output import Table
from ogpgraph.model import Kind

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
