"""Counts: triples per named graph, resources per class, and the sources cited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ogpgraph.core.output import Table
from ogpgraph.core.queries import internal_query

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph


def stats(kg: KnowledgeGraph) -> dict[str, Table]:
    """Three tables: ``graphs``, ``classes``, ``sources``."""
    from ogpgraph.core.values import short_iri

    graphs = Table(["graph", "triples"], title="Triples per named graph")
    total = 0
    for row in kg.select(internal_query("dataset-graph-sizes")):
        graphs.rows.append([row["graph"], row["triples"]])
        total += row["triples"]
    graphs.rows.append(["(all)", total])
    classes = Table(["class", "resources"], title="Resources per class (instance data)")
    for row in kg.select(internal_query("stats-classes")):
        classes.rows.append([short_iri(row["class"]), row["resources"]])
    sources = Table(["source", "title", "pages", "citing resources"], title="Sources")
    for row in kg.select(internal_query("stats-sources")):
        sources.rows.append([short_iri(row["source"]), row["title"], row["page"], row["citing"]])
    return {"graphs": graphs, "classes": classes, "sources": sources}
