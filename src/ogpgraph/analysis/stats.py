"""Counts: triples per named graph, resources per class, and the sources cited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ogpgraph.core.guard import Trusted
from ogpgraph.core.output import Table

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

GRAPHS = Trusted("""
SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph ORDER BY ?graph
""")

CLASSES = Trusted("""
SELECT ?class (COUNT(DISTINCT ?s) AS ?resources) WHERE {
  GRAPH ?g { ?s a ?class }
  FILTER(?g != <https://w3id.org/ogpgraph/graph/ontology>)
} GROUP BY ?class ORDER BY DESC(?resources) ?class
""")

SOURCES = Trusted("""
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
SELECT ?source (SAMPLE(?label) AS ?title) (SAMPLE(?pages) AS ?page) (COUNT(DISTINCT ?s) AS ?citing) WHERE {
  ?s dcterms:source ?source .
  OPTIONAL { ?source rdfs:label ?label }
  OPTIONAL { ?source ogp:pageStart ?p1 . OPTIONAL { ?source ogp:pageEnd ?p2 }
             BIND(IF(BOUND(?p2) && ?p2 != ?p1, CONCAT(STR(?p1), "-", STR(?p2)), STR(?p1)) AS ?pages) }
} GROUP BY ?source ORDER BY DESC(?citing) ?source
""")


def stats(kg: KnowledgeGraph) -> dict[str, Table]:
    """Three tables: ``graphs``, ``classes``, ``sources``."""
    from ogpgraph.core.sparql import short_iri

    graphs = Table(["graph", "triples"], title="Triples per named graph")
    total = 0
    for row in kg.select(GRAPHS):
        graphs.rows.append([row["graph"], row["triples"]])
        total += row["triples"]
    graphs.rows.append(["(all)", total])
    classes = Table(["class", "resources"], title="Resources per class (instance data)")
    for row in kg.select(CLASSES):
        classes.rows.append([short_iri(row["class"]), row["resources"]])
    sources = Table(["source", "title", "pages", "citing resources"], title="Sources")
    for row in kg.select(SOURCES):
        sources.rows.append([short_iri(row["source"]), row["title"], row["page"], row["citing"]])
    return {"graphs": graphs, "classes": classes, "sources": sources}
