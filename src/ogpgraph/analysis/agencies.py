"""Organisations by involvement (what they lead and contribute to) and by betweenness in the view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.projection import nodes_of_kind, simple_view
from ogpgraph.core.output import Table
from ogpgraph.model import INVOLVEMENT, Kind, Relation

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph

#: what an organisation's involvement counts: the kinds an organisation leads (from the model)
ITEM_KINDS = Relation.LEADS.targets
#: taking part without leading: contributing, championing, supporting
CONTRIBUTING = tuple(r for r in INVOLVEMENT if r is not Relation.LEADS)


def agencies(source: KnowledgeGraph | Analysis, *, budget: int = 500_000, seed: int = 42) -> Table:
    """One row per organisation (all of them): items it leads, items it contributes to (takes
    part in, champions, supports), betweenness.

    Betweenness is computed on the undirected view without the OGP values and challenges (see
    :func:`ogpgraph.analysis.projection.simple_view`): exactly while nodes × edges stays within
    ``budget`` (the bundled graph is far below it), else estimated from a seeded sample of
    ``budget / edges`` pivots (at least 16), so that results stay deterministic and the command
    stays fast on graphs of every OGP member.
    """
    import networkx as nx

    from ogpgraph.analysis.state import Analysis

    g = Analysis.of(source).view
    simple = simple_view(g)
    n, m = simple.number_of_nodes(), max(simple.number_of_edges(), 1)
    k = None if n * m <= budget else min(n, max(16, budget // m))
    betweenness = nx.betweenness_centrality(simple, k=k, seed=seed, normalized=True)
    table = Table(
        ["organisation", "id", "leads", "contributes", "total", "betweenness", "leads (items)"],
        title="Organisations by involvement",
    )
    rows: list[Sequence[Any]] = []
    for org in nodes_of_kind(g, Kind.ORGANISATION):
        led = sorted(
            {
                v
                for _u, v, d in g.out_edges(org, data=True)
                if d["relation"] == Relation.LEADS and g.nodes[v]["kind"] in ITEM_KINDS
            }
        )
        contributed = sorted(
            {
                v
                for _u, v, d in g.out_edges(org, data=True)
                if d["relation"] in CONTRIBUTING and g.nodes[v]["kind"] in ITEM_KINDS
            }
        )
        contributed = [v for v in contributed if v not in led]
        rows.append(
            [
                g.nodes[org]["label"],
                g.nodes[org].get("id", ""),
                len(led),
                len(contributed),
                len(led) + len(contributed),
                round(betweenness.get(org, 0.0), 4),
                ", ".join(g.nodes[v].get("id") or g.nodes[v]["label"] for v in led),
            ]
        )
    rows.sort(key=lambda r: (-r[4], -r[5], r[0]))
    table.rows = rows
    return table
