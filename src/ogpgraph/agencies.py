"""Organisations by involvement (what they lead and contribute to) and by betweenness in the view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .output import Table
from .view import build_view, nodes_of_kind, simple_view

if TYPE_CHECKING:  # pragma: no cover
    from .store import KnowledgeGraph

ITEM_KINDS = ("commitment", "focus-area", "result", "initiative", "case-study", "recommendation")
CONTRIBUTING = ("contributes", "champions", "supports")


def agencies(kg: KnowledgeGraph, *, exact_up_to: int = 5000, seed: int = 42) -> Table:
    """One row per organisation: items it leads, items it contributes to, betweenness.

    Betweenness is computed on the undirected view (exactly up to ``exact_up_to`` nodes, then
    estimated from a seeded sample of that many pivots, so results stay deterministic).
    """
    import networkx as nx

    g = build_view(kg)
    simple = simple_view(g)
    k = None if simple.number_of_nodes() <= exact_up_to else exact_up_to
    betweenness = nx.betweenness_centrality(simple, k=k, seed=seed, normalized=True)
    table = Table(["organisation", "id", "leads", "contributes", "total", "betweenness",
                   "leads (items)"], title="Organisations by involvement")
    rows = []
    for org in nodes_of_kind(g, "organisation"):
        led = sorted({v for _u, v, d in g.out_edges(org, data=True)
                      if d["relation"] == "leads" and g.nodes[v]["kind"] in ITEM_KINDS})
        contributed = sorted({v for _u, v, d in g.out_edges(org, data=True)
                              if d["relation"] in CONTRIBUTING and g.nodes[v]["kind"] in ITEM_KINDS})
        contributed = [v for v in contributed if v not in led]
        if not led and not contributed and betweenness.get(org, 0.0) == 0.0:
            continue
        rows.append([
            g.nodes[org]["label"], g.nodes[org].get("id", ""), len(led), len(contributed),
            len(led) + len(contributed), round(betweenness.get(org, 0.0), 4),
            ", ".join(g.nodes[v].get("id") or g.nodes[v]["label"] for v in led),
        ])
    rows.sort(key=lambda r: (-r[4], -r[5], r[0]))
    table.rows = rows
    return table
